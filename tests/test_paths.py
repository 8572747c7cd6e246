"""Where `clean` may write: only inside --out, never over an input, never over another
input's output or the run's own report, and never reading its own output back."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck import cli

ARTICLE = ("Le conseil municipal a voté mardi la rénovation du pont couvert.   \n\n"
           "Les travaux commenceront en avril et dureront six mois.\n")
CLEANED = ARTICLE.replace("   \n", "\n")


@pytest.fixture
def tq(monkeypatch, checker):
    monkeypatch.setattr(cli, "_checker", lambda *args: checker)

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli.main, [*args, "-j", "1", "-q"], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    return invoke


def snapshot(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file below root (symlinks as their target name), except under `skip`."""
    files = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_symlink():
            files[str(path)] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            files[str(path)] = path.read_bytes()
    return files


def outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_inputs_named_with_dotdot_or_absolute_paths_stay_inside_out(tq, tmp_path: Path,
                                                                    monkeypatch):
    (tmp_path / "corpus" / "deep").mkdir(parents=True)
    (tmp_path / "corpus" / "deep" / "c.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    before = snapshot(tmp_path, skip=tmp_path / "work")
    code, _, err = tq("clean", "../a.txt", str(tmp_path / "corpus" / "deep" / "c.txt"),
                      "../corpus/deep/../deep", "--out", "out")
    out = tmp_path / "work" / "out"
    # ../corpus/deep/../deep is the folder itself: its c.txt is the same output as the
    # absolute path given before it, so it is refused rather than written twice
    assert code == 2 and "(same name)" in err
    assert outputs(out) == ["a.txt", "c.txt", "tqcheck-report.jsonl"]
    assert (out / "a.txt").read_text("utf-8") == CLEANED
    assert snapshot(tmp_path, skip=tmp_path / "work") == before


def test_symlink_inside_out_pointing_outside_is_refused(tq, tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    (corpus / "news" / "x.txt").write_text(ARTICLE, "utf-8")
    (corpus / "y.txt").write_text(ARTICLE, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "news").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = tq("clean", str(corpus), "--out", str(out))
    assert code == 2
    assert f"{corpus / 'news' / 'x.txt'}: output would be written outside --out" in err
    assert list(elsewhere.iterdir()) == []
    assert (out / "y.txt").read_text("utf-8") == CLEANED


def test_input_symlink_pointing_outside_is_read_and_written_inside_out(tq, tmp_path: Path):
    secret = tmp_path / "outside.txt"
    secret.write_text(ARTICLE, "utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(secret)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)  # never walked
    out = tmp_path / "out"
    code, _, err = tq("clean", str(corpus), "--out", str(out))
    assert code == 0, err
    assert not (out / "link.txt").is_symlink()
    assert (out / "link.txt").read_text("utf-8") == CLEANED
    assert secret.read_text("utf-8") == ARTICLE
    assert outputs(out) == ["link.txt", "tqcheck-report.jsonl"]


def test_out_inside_the_input_tree_is_not_read_back(tq, tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "2024").mkdir(parents=True)
    (corpus / "2024" / "a.txt").write_text(ARTICLE, "utf-8")
    (corpus / "b.txt").write_text(ARTICLE, "utf-8")
    out = corpus / "cleaned"
    for _ in range(2):  # the second run finds the first one's output in the tree
        code, _, err = tq("clean", str(corpus), "--out", str(out))
        assert code == 0, err
    assert outputs(out) == ["2024/a.txt", "b.txt", "tqcheck-report.jsonl"]
    report = [json.loads(x) for x in (out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()]
    assert [Path(r["path"]).name for r in report] == ["b.txt", "a.txt"]  # files, then folders


def test_output_never_overwrites_an_input(tq, tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, "utf-8")
    (corpus / "sub" / "a.txt").write_text(ARTICLE + "Fin.\n", "utf-8")
    before = snapshot(corpus)
    code, _, err = tq("clean", str(corpus), "--out", str(corpus))
    assert code == 2 and err.count("output would overwrite the input; choose another --out") == 2
    (corpus / "tqcheck-report.jsonl").unlink()  # the report of that run: two errors
    code, _, err = tq("clean", str(corpus / "a.txt"), str(corpus / "sub" / "a.txt"),
                      "--out", str(corpus / "sub"))
    assert code == 2
    assert f"{corpus / 'a.txt'}: output would overwrite the input {corpus / 'sub' / 'a.txt'}" in err
    assert snapshot(corpus, skip=corpus / "sub" / "tqcheck-report.jsonl") == before
    assert (corpus / "a.txt").read_text("utf-8") == ARTICLE  # `check` never writes either


def test_two_inputs_with_one_output_name_are_not_merged(tq, tmp_path: Path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(f"{folder}: {ARTICLE}", "utf-8")
    out = tmp_path / "out"
    code, _, err = tq("clean", str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"),
                      "--out", str(out))
    assert code == 2 and f"{tmp_path / 'y' / 'a.txt'}: output would overwrite the cleaned " \
                         f"copy of {tmp_path / 'x' / 'a.txt'} (same name)" in err
    assert (out / "a.txt").read_text("utf-8").startswith("x: ")


def test_input_named_like_the_report_is_refused(tq, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tqcheck-report.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", "utf-8")
    (corpus / "ok.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", "utf-8")
    out = tmp_path / "out"
    code, _, err = tq("clean", str(corpus), "--out", str(out))
    assert code == 2 and "output name tqcheck-report.jsonl is reserved" in err
    assert outputs(out) == ["ok.jsonl", "tqcheck-report.jsonl"]
    assert len((out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()) == 2


def test_out_that_is_a_file_is_a_usage_error(tq, tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    code, _, err = tq("clean", str(tmp_path / "a.txt"), "--out", str(tmp_path / "a.txt"))
    assert code == 2 and "is a file" in err
    assert (tmp_path / "a.txt").read_text("utf-8") == ARTICLE


def test_only_check_fix_rewrites_an_input(tq, tmp_path: Path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    assert tq("check", str(src))[0] == 1
    assert tq("clean", str(src), "--out", str(tmp_path / "out"))[0] == 0
    assert src.read_text("utf-8") == ARTICLE
    code, out, _ = tq("check", str(src), "--fix")
    assert code == 1 and f"Fixed {src}: 1 edit (W002)" in out
    assert src.read_text("utf-8") == CLEANED
