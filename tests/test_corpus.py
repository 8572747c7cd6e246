"""Corpus runs: JSONL(.gz), directories, stdin, rejected documents, ordered parallel
output, interruption and --resume, the summary and the progress bar."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqcheck.cleaning import rebuild
from tqcheck.corpus import AtomicFile, CorpusOptions, CorpusRun
from tqcheck.corpus.progress import Progress
from tqcheck.corpus.summary import Summary
from tqcheck.model import Edit, FileReport
from tqcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_RULES = ROOT / "tests" / "fixtures" / "rules"

ARTICLE = ("Le conseil municipal a voté mardi la rénovation du pont couvert.   \n\n\n\n"
           "Les travaux commenceront en avril et dureront six mois.\n")
CLEAN = "La médiathèque rouvre ses portes samedi après huit mois de travaux.\n"
# Mostly share widgets: scores far below 60 with the fixture rule X901.
NOISY = "Share this:\nPartager sur Facebook\nShare this:\nPartager sur Twitter\nVu.\n"


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def write_jsonl(path: Path, lines: list) -> Path:
    body = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
                     for x in lines) + "\n"
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(body.encode("utf-8")))
    else:
        path.write_text(body, "utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def fixture_checker():
    from tqcheck.engine import Checker

    return Checker(load_rules([FIXTURE_RULES]))


def test_jsonl_clean_replaces_text_keeps_fields_and_rebuilds(tmp_path: Path):
    source = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "a1", "text": ARTICLE, "url": "https://example.org/a1"},
        {"id": "a2", "text": CLEAN, "url": "https://example.org/a2"},
    ])
    proc = run_cli("clean", str(source), "--out", str(tmp_path / "out"), "--id-field", "id",
                   "--lang", "fr", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    records = read_jsonl(tmp_path / "out" / "news.jsonl")
    assert [r["id"] for r in records] == ["a1", "a2"]
    assert records[0]["url"] == "https://example.org/a1"
    assert records[0]["text"] == ("Le conseil municipal a voté mardi la rénovation du pont "
                                  "couvert.\n\nLes travaux commenceront en avril et dureront six mois.\n")
    meta = records[0]["tqcheck"]
    assert meta["language"] == "fr" and meta["findings"] == 2 and meta["score"] < 100
    assert rebuild(records[0]["text"], [Edit.from_dict(e) for e in meta["edits"]]) == ARTICLE
    assert records[1]["text"] == CLEAN and records[1]["tqcheck"]["edits"] == []
    audit = read_jsonl(tmp_path / "out" / "tqcheck-report.jsonl")
    assert [(a["id"], a["line"]) for a in audit] == [("a1", 1), ("a2", 2)]
    assert "Documents: 2 checked" in proc.stdout and "whitespace" in proc.stdout


def test_bad_jsonl_lines_are_reported_by_line_and_kept_in_rejected(tmp_path: Path):
    source = write_jsonl(tmp_path / "mixed.jsonl", [
        {"text": ARTICLE}, '{"text": "unterminated', {"body": "no text field"}, "",
        '["not", "an", "object"]', {"text": 42}, {"text": CLEAN},
    ])
    out = tmp_path / "out"
    proc = run_cli("clean", str(source), "--out", str(out), "--lang", "fr", "-j", "1")
    assert proc.returncode == 2  # bad input is an error, after the whole run
    assert "Traceback" not in proc.stderr
    assert f"{source}:2: invalid JSON" in proc.stderr
    assert f"{source}:3: no 'text' field" in proc.stderr
    assert f"{source}:5: not a JSON object" in proc.stderr
    assert f"{source}:6: a non-string 'text' field" in proc.stderr
    assert [r["text"] for r in read_jsonl(out / "mixed.jsonl")][1] == CLEAN
    rejected = read_jsonl(out / "rejected.jsonl")
    assert [r["line"] for r in rejected] == [2, 3, 5, 6]
    assert rejected[0]["raw"] == '{"text": "unterminated\n'
    assert rejected[1]["record"] == {"body": "no text field"}
    assert "4 could not be read" in proc.stdout


def test_gzip_in_gzip_out_and_directory_globs(tmp_path: Path):
    tree = tmp_path / "crawl"
    (tree / "2024" / "03").mkdir(parents=True)
    write_jsonl(tree / "2024" / "03" / "part-0.jsonl.gz", [{"text": ARTICLE}])
    (tree / "2024" / "notes.txt").write_text(ARTICLE, "utf-8")
    (tree / "2024" / "page.html").write_text("<p>x</p>", "utf-8")
    out = tmp_path / "out"
    proc = run_cli("clean", str(tree), "--glob", "*.jsonl.gz", "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["2024/03/part-0.jsonl.gz", "tqcheck-report.jsonl"]
    assert read_jsonl(out / "2024" / "03" / "part-0.jsonl.gz")[0]["text"].endswith(
        "six mois.\n")
    proc = run_cli("check", str(tree), "--glob", "*.html", "--input-format", "text")
    assert proc.returncode == 0 and "1 file checked" in proc.stdout


def test_stdin_text_and_jsonl():
    proc = run_cli("check", "-", stdin=ARTICLE)
    assert proc.returncode == 1
    assert "<stdin>:1:65: W002" in proc.stdout
    proc = run_cli("check", "-", "--input-format", "jsonl", "--id-field", "id",
                   stdin=json.dumps({"id": "n7", "text": ARTICLE}) + "\n")
    assert "<stdin>[n7]:1:65: W002" in proc.stdout


def test_min_score_moves_low_documents_whole_to_rejected(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(CLEAN, "utf-8")
    (corpus / "spam.txt").write_text(NOISY, "utf-8")
    write_jsonl(corpus / "docs.jsonl", [{"id": "g", "text": CLEAN}, {"id": "s", "text": NOISY}])
    out = tmp_path / "out"
    proc = run_cli("clean", str(corpus), "--out", str(out), "--min-score", "60",
                   "--rules", str(FIXTURE_RULES), "--id-field", "id")
    assert proc.returncode == 0, proc.stderr
    assert (out / "good.txt").exists() and not (out / "spam.txt").exists()
    assert [r["id"] for r in read_jsonl(out / "docs.jsonl")] == ["g"]
    rejected = read_jsonl(out / "rejected.jsonl")
    assert [(r["path"].endswith(("docs.jsonl", "spam.txt")), r["line"]) for r in rejected] \
        == [(True, 2), (True, 0)]
    assert rejected[0]["record"] == {"id": "s", "text": NOISY}  # nothing is lost
    assert rejected[1]["text"] == NOISY
    assert all(r["reason"].startswith("score ") and "below --min-score 60" in r["reason"]
               for r in rejected)
    assert "2 rejected" in proc.stdout
    # check --min-score fails only on documents under the threshold
    assert run_cli("check", str(corpus / "good.txt"), "--min-score", "60").returncode == 0
    assert run_cli("check", str(corpus / "spam.txt"), "--min-score", "60", "--rules",
                   str(FIXTURE_RULES)).returncode == 1


def _corpus_file(tmp_path: Path, n: int) -> Path:
    texts = [ARTICLE, CLEAN, NOISY, "Kurz.\n", ARTICLE.replace("\n\n\n\n", "\n\n")]
    return write_jsonl(tmp_path / "many.jsonl",
                       [{"id": str(i), "text": texts[i % len(texts)]} for i in range(n)])


def test_output_order_is_the_same_for_any_number_of_jobs(tmp_path: Path, fixture_checker):
    source = _corpus_file(tmp_path, 60)
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        run = CorpusRun(fixture_checker, CorpusOptions(jobs=jobs, batch_docs=4, lang="fr",
                                                       progress=False, id_field="id"))
        run.clean([str(source)], out)
        outputs.append((out / "many.jsonl").read_bytes())
        assert run.summary.documents == 60
    assert outputs[0] == outputs[1]
    assert [r["id"] for r in read_jsonl(tmp_path / "out2" / "many.jsonl")] == \
        [str(i) for i in range(60)]


class _Interrupting:
    """A Checker stand-in that is interrupted (like Ctrl-C) at its Nth document."""

    def __init__(self, checker, after: int) -> None:
        self.checker, self.left = checker, after

    def clean(self, *args, **kwargs):
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return self.checker.clean(*args, **kwargs)


def test_interrupted_run_leaves_no_partial_file_and_resume_completes(tmp_path: Path,
                                                                      fixture_checker):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for k in range(4):
        write_jsonl(corpus / f"part{k}.jsonl",
                    [{"text": t} for t in (ARTICLE, CLEAN, NOISY)])
    options = CorpusOptions(jobs=1, batch_docs=2, lang="fr", progress=False, min_score=60)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        CorpusRun(_Interrupting(fixture_checker, 8), options).clean([str(corpus)], out)
    # parts 0 and 1 were complete; part 2 was being written: no trace of it remains
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["part0.jsonl", "part1.jsonl"]
    assert not list(out.glob(".*.tmp"))
    resumed = CorpusRun(fixture_checker, options.__class__(**{**options.__dict__, "resume": True}))
    resumed.clean([str(corpus)], out)
    assert resumed.summary.skipped_inputs == 2 and resumed.summary.documents == 6
    fresh = tmp_path / "fresh"
    CorpusRun(fixture_checker, options).clean([str(corpus)], fresh)
    for name in ("part0.jsonl", "part3.jsonl", "rejected.jsonl"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes()
    report = (out / "tqcheck-report.jsonl").read_text("utf-8").replace(str(out), "OUT")
    assert report == (fresh / "tqcheck-report.jsonl").read_text("utf-8").replace(str(fresh), "OUT")
    assert not (out / ".tqcheck-state").exists()


class _FailingOn:
    """A Checker stand-in with a bug that trips on one particular text."""

    def __init__(self, checker, poison: str) -> None:
        self.checker, self.poison = checker, poison

    def check(self, doc, **kwargs):
        if doc.text == self.poison:
            raise IndexError("list index out of range")
        return self.checker.check(doc, **kwargs)


def test_a_document_that_trips_a_bug_fails_alone(tmp_path: Path, fixture_checker):
    source = write_jsonl(tmp_path / "docs.jsonl", [{"text": t} for t in (ARTICLE, NOISY, CLEAN)])
    notes: list[str] = []
    run = CorpusRun(_FailingOn(fixture_checker, NOISY),
                    CorpusOptions(jobs=1, lang="fr", progress=False), echo=notes.append)
    reports = list(run.check([str(source)]))
    assert [r.error for r in reports] == [
        None, "internal error: IndexError: list index out of range", None]
    assert reports[2].score == 100.0 and run.summary.errors == 1
    assert notes == [f"tqcheck: {source}:2: internal error: IndexError: list index out of range"]


@pytest.mark.slow
def test_ctrl_c_on_a_parallel_run_exits_130_without_partial_files(tmp_path: Path):
    source = _corpus_file(tmp_path, 40000)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tqcheck", "clean", str(source), "--out",
                             str(out), "-j", "2", "--lang", "fr"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob(".many.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert [p.name for p in out.iterdir() if p.is_file()] == []


def test_output_that_would_overwrite_its_input_is_refused(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    proc = run_cli("clean", str(tmp_path / "a.txt"), "--out", str(tmp_path))
    assert proc.returncode == 2 and "would overwrite the input" in proc.stderr
    assert (tmp_path / "a.txt").read_text("utf-8") == ARTICLE


def test_atomic_file_appears_whole_or_not_at_all(tmp_path: Path):
    target = tmp_path / "sub" / "x.jsonl.gz"
    sink = AtomicFile(target)
    sink.write(b'{"text": "a"}\n')
    assert not target.exists()
    sink.commit()
    assert gzip.decompress(target.read_bytes()) == b'{"text": "a"}\n'
    other = AtomicFile(tmp_path / "y.txt")
    other.write(b"half")
    other.discard()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sub", "x.jsonl.gz"]


def _report(score: float, categories: tuple[str, ...] = ()) -> FileReport:
    from tqcheck.model import Finding

    findings = tuple(Finding("X901", "n", c, "warning", "flag", 0, 1, "x", "m") for c in categories)
    return FileReport(path="p", language="fr", language_confidence=1.0, score=score,
                      chars=100, removed_chars=5, findings=findings)


def test_summary_percentiles_and_categories():
    summary = Summary()
    for score in range(1, 101):
        summary.add(_report(float(score), ("boilerplate",) if score < 50 else ()))
    summary.add(FileReport.failed("bad", "no such file"))
    assert summary.percentile(5) == 5.0 and summary.percentile(50) == 50.0
    assert summary.percentile(95) == 95.0 and summary.percentile(100) == 100.0
    text = summary.render()
    assert "100 checked, 1 could not be read" in text
    assert "boilerplate" in text and "49 in 49 documents" in text
    assert "Removed:   500 of 10,000 characters (5.00%)" in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_rates_and_eta_only_on_a_terminal(monkeypatch):
    clock = iter([0.0, 2.0, 2.0, 2.0])
    monkeypatch.setattr("tqcheck.corpus.progress.time.monotonic", lambda: next(clock))
    tty = _Terminal()
    bar = Progress(total_bytes=4_000_000, stream=tty)
    bar.advance_bytes(1_000_000)
    bar.advance_docs(500)
    shown = tty.getvalue()
    assert "25%" in shown and "250 docs/s" in shown and "0.50 MB/s" in shown
    assert "ETA 0:06" in shown
    quiet = io.StringIO()  # not a terminal: silent
    Progress(total_bytes=10, stream=quiet).advance_docs(5)
    assert quiet.getvalue() == ""


def test_text_summary_counts_jsonl_records_as_documents(tmp_path: Path):
    source = write_jsonl(tmp_path / "news.jsonl",
                         [{"id": "a", "text": ARTICLE}, {"id": "b", "text": CLEAN}])
    proc = run_cli("check", str(source), "--lang", "fr")
    assert "of 2 documents checked." in proc.stdout, proc.stdout
    single = tmp_path / "one.txt"
    single.write_text(CLEAN, "utf-8")
    assert "of 1 file checked." in run_cli("check", str(single), "--lang", "fr").stdout
