"""What tqcheck does with bad input: each test backs a row of the README table
"What tqcheck does with bad input". The CLI runs in-process (click's runner) with the
session's Checker, so every case costs milliseconds, not a fastText start-up.
The heavy versions of the size cases (50 MB, 10 million characters, 1 million files,
a 100 MB record) are in bench/stress/stress.py, with figures in bench/RESULTS.md.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck import cli
from tqcheck.cleaning import rebuild
from tqcheck.model import Edit

ARTICLE = ("Le conseil municipal a voté mardi la rénovation du pont couvert.   \n\n"
           "Les travaux commenceront en avril et dureront six mois.\n")
SENTENCE = "Le conseil municipal a voté le budget de la médiathèque. "


@pytest.fixture
def tq(monkeypatch, checker):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(cli, "_checker", lambda *args: checker)

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(cli.main, [*args, "-j", "1"], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    return invoke


def audit(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()]


# -- decoding ------------------------------------------------------------------------
def test_utf8_bom_is_kept_in_the_cleaned_copy(tq, tmp_path: Path):
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    code, _, err = tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    cleaned = (tmp_path / "out" / "bom.txt").read_bytes()
    assert cleaned.startswith(b"\xef\xbb\xbfLe conseil") and b"couvert.\n" in cleaned


def test_utf16_with_bom_is_checked_and_written_back_as_utf16(tq, tmp_path: Path):
    src = tmp_path / "u16.txt"
    src.write_bytes(b"\xff\xfe" + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"))
    code, out, _ = tq("check", str(src))
    assert code == 1 and f"{src}:1:65: W002" in out
    code, _, err = tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    cleaned = (tmp_path / "out" / "u16.txt").read_bytes()
    assert cleaned.startswith(b"\xff\xfe")
    assert cleaned[2:].decode("utf-16-le") == ARTICLE.replace("   \n", "\n").replace("\n", "\r\n")


def test_utf16_odd_trailing_byte_is_kept(tq, tmp_path: Path):
    """Found by the long fuzz run: a truncated UTF-16 file raised UnicodeDecodeError."""
    src = tmp_path / "cut.txt"
    data = b"\xfe\xff" + "Le budget est voté.\n".encode("utf-16-be") + b"\x00"
    src.write_bytes(data)
    code, out, _ = tq("check", str(src))
    assert code == 0 and f"{src}: warning: odd trailing byte 0x00 kept as it is" in out
    code, _, err = tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert (tmp_path / "out" / "cut.txt").read_bytes() == data


def test_utf16_lone_surrogate_is_flagged_with_its_byte_offset(tq, tmp_path: Path):
    """Found by the long fuzz run: E001 tried to encode a UTF-16 lone surrogate strictly."""
    src = tmp_path / "lone.txt"
    data = (b"\xff\xfe" + "Le conseil ".encode("utf-16-le") + b"\xc7\xdc"
            + " a voté.\n".encode("utf-16-le"))
    src.write_bytes(data)
    code, out, _ = tq("check", str(src))
    assert code == 1 and f"{src}:1:12: E001" in out and "c7 dc at byte offset 24" in out
    assert "Unpaired UTF-16 surrogate" in out and "UTF-8" not in out
    tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert (tmp_path / "out" / "lone.txt").read_bytes() == data


@pytest.mark.parametrize("guess,data", [
    # Found by the long fuzz run: charset-normalizer guessed cp1006, which decodes two
    # different bytes to one character, so writing the text back changed the file.
    ("cp1006", b"\xf0&\xb1\xb6="),
    # Found by the long fuzz run: a guess of iso2022_jp for text ending in ESC 0xA9
    # decoded, but encoding the text back raised UnicodeEncodeError.
    ("iso2022_jp", b"a \n\n\n\n\n," + b"r" * 127 + b"\x1b\xa9"),
])
def test_legacy_guess_that_cannot_round_trip_falls_back_to_latin1(monkeypatch, guess, data):
    """Whatever charset-normalizer's version guesses, a guess that would not write the
    file back byte for byte gives way to latin-1. The guess is pinned here because
    charset-normalizer's answers for such bytes change between releases."""
    from tqcheck import decoding
    from tqcheck.reading import decode, encode

    monkeypatch.setattr(decoding, "_guess_legacy", lambda raw: (guess, f"guessed {guess}"))
    doc = decode("x.txt", data)
    assert doc.meta["encoding"] == "latin-1"
    assert f"{guess} would lose bytes" in doc.meta["notes"][0]
    assert encode(doc, doc.text) == data


def test_real_legacy_guesses_always_round_trip():
    """The same inputs through the real charset-normalizer, whatever it answers."""
    from tqcheck.reading import decode, encode

    for data in (b"\xf0&\xb1\xb6=", b"a \n\n\n\n\n," + b"r" * 127 + b"\x1b\xa9"):
        doc = decode("x.txt", data)
        assert encode(doc, doc.text) == data


def test_invalid_utf8_bytes_are_flagged_and_written_back(tq, tmp_path: Path):
    src = tmp_path / "damaged.txt"
    data = SENTENCE.encode("utf-8") + b"\xff\xfe" + " Les travaux dureront six mois.\n".encode()
    src.write_bytes(data)
    code, out, _ = tq("check", str(src))
    offset = len(SENTENCE.encode("utf-8"))  # bytes, not characters
    assert code == 1 and "E001" in out and f"ff fe at byte offset {offset}" in out
    tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert (tmp_path / "out" / "damaged.txt").read_bytes() == data


def test_mixed_line_endings_survive_cleaning(tq, tmp_path: Path):
    src = tmp_path / "mixed.txt"
    src.write_bytes(b"Le conseil a vot\xc3\xa9.   \r\nLes travaux.\rFin de l'article.\n")
    code, _, err = tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert (tmp_path / "out" / "mixed.txt").read_bytes() == \
        b"Le conseil a vot\xc3\xa9.\r\nLes travaux.\rFin de l'article.\n"


# -- size ----------------------------------------------------------------------------
@pytest.mark.slow
def test_long_line_without_newline_is_processed(tq, tmp_path: Path):
    """Scaled down from the stress bench's 50 MB file and 10-million-character line."""
    body = (SENTENCE * (1_000_000 // len(SENTENCE)))
    src = tmp_path / "one-line.txt"
    src.write_text(body + "   ", "utf-8")
    code, _, err = tq("clean", str(src), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert (tmp_path / "out" / "one-line.txt").read_text("utf-8") == body.rstrip(" ")
    [record] = audit(tmp_path / "out")
    assert record["chars"] == len(body) + 3
    assert rebuild(body.rstrip(" "), [Edit.from_dict(e) for e in record["edits"]]) == body + "   "


def test_document_over_the_limit_is_refused_and_the_run_goes_on(tq, tmp_path: Path, monkeypatch):
    """The real limit is 64 MiB (a 100 MB record in the stress bench); 1 MiB here."""
    from tqcheck.corpus import sources

    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1 << 20)
    big = tmp_path / "big.txt"
    big.write_text(SENTENCE * 40_000, "utf-8")
    small = tmp_path / "small.txt"
    small.write_text(ARTICLE, "utf-8")
    records = tmp_path / "crawl.jsonl"
    records.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in
                                 (ARTICLE, SENTENCE * 40_000, "Les travaux dureront six mois.  "))
                       + "\n", "utf-8")
    code, out, err = tq("check", str(big), str(small), str(records))
    assert code == 2
    assert f"{big}: file too large (2 MiB; one document may be at most 1 MiB), skipped" in err
    assert f"{records}:2: record too large (2 MiB; one document may be at most 1 MiB), skipped" in err
    assert f"{small}:1:65: W002" in out and f"{records}[line 3]:1:31: W002" in out
    code, _, _ = tq("clean", str(records), "--out", str(tmp_path / "out"), "-q")
    cleaned = [json.loads(x) for x in (tmp_path / "out" / "crawl.jsonl").read_text("utf-8").splitlines()]
    assert code == 2 and [r["text"] for r in cleaned] == [ARTICLE.replace("   \n", "\n"),
                                                          "Les travaux dureront six mois."]


def test_many_tiny_files_are_all_checked(tq, tmp_path: Path):
    """Scaled down from the stress bench's million files."""
    corpus = tmp_path / "tiny"
    for n in range(600):
        folder = corpus / f"d{n // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"brief{n:04d}.txt").write_text(f"Brève {n} : la séance est levée. \n", "utf-8")
    code, out, _ = tq("check", str(corpus), "--lang", "fr")
    assert code == 1
    assert out.count(": W002 ") == 600 and "Found 600 findings in 600 of 600 files" in out


# -- JSONL -----------------------------------------------------------------------------
def test_malformed_jsonl_records_are_reported_by_line_and_the_rest_cleaned(tq, tmp_path: Path):
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("utf-8"),
             b'{"id": "b", "text": "Le ministre a annonc\xe9 la r\xe9forme."}',
             json.dumps({"id": "c", "text": 42}).encode(),
             json.dumps({"id": "d", "body": "sans texte"}).encode(),
             b'["not", "an", "object"]',
             json.dumps({"id": "f", "text": "Les travaux dureront six mois.  "}).encode(),
             b'{"id": "g", "text": "Le maire a d']            # truncated last line
    src = tmp_path / "crawl.jsonl"
    src.write_bytes(b"\n".join(lines))
    code, out, err = tq("check", str(src))
    assert code == 2
    for line, problem in ((2, "not valid UTF-8 (byte offset 41 in the line)"),
                          (3, "a non-string 'text' field"), (4, "no 'text' field"),
                          (5, "not a JSON object"), (7, "invalid JSON (Unterminated string")):
        assert f"tqcheck: {src}:{line}: {problem}" in err
        assert f"{src}[line {line}]: error: {problem}" in out
    out_dir = tmp_path / "out"
    code, _, _ = tq("clean", str(src), "--out", str(out_dir), "-q")
    assert code == 2
    kept = [json.loads(x) for x in (out_dir / "crawl.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in kept] == ["a", "f"]
    assert kept[1]["text"] == "Les travaux dureront six mois."
    rejected = [json.loads(x) for x in (out_dir / "rejected.jsonl").read_text("utf-8").splitlines()]
    assert [r["line"] for r in rejected] == [2, 3, 4, 5, 7]
    # nothing is lost: the raw lines come back byte for byte
    assert rejected[0]["raw"].encode("utf-8", "surrogateescape") == lines[1] + b"\n"
    assert rejected[4]["raw"].encode("utf-8", "surrogateescape") == lines[6]
    assert rejected[1]["record"] == {"id": "c", "text": 42}
    assert src.read_bytes() == b"\n".join(lines)


def test_corrupt_gzip_is_reported_and_the_run_goes_on(tq, tmp_path: Path):
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(json.dumps({"text": ARTICLE}).encode() + b"\n")[:-12])
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    code, out, err = tq("check", str(bad), str(good))
    assert code == 2 and f"{bad}: corrupt gzip data" in err and f"{good}:1:65: W002" in out


def test_fix_refuses_a_file_over_the_limit(tq, tmp_path: Path, monkeypatch):
    from tqcheck import fixing
    from tqcheck.corpus import sources

    monkeypatch.setattr(fixing, "MAX_FILE_BYTES", 1 << 20)
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1 << 20)
    big = tmp_path / "big.txt"
    big.write_text((SENTENCE + "  \n") * 35_000, "utf-8")
    before = big.read_bytes()
    code, _, err = tq("check", str(big), "--fix")
    assert code == 2 and f"{big}: file too large (2 MiB; one document may be at most 1 MiB)" in err
    assert big.read_bytes() == before


@pytest.mark.parametrize("case,expected_exit,message", [
    ("missing", 2, "no such file or directory"),
    ("empty-folder", 2, "no text files"),
    ("empty-file", 0, "empty file, nothing to check"),
    ("binary", 2, "binary file (NUL or control bytes), skipped"),
    ("cp1252", 0, None),
    ("whitespace-only", 1, None),
])
def test_each_bad_input_alone_gives_its_exit_code(tq, tmp_path: Path, case, expected_exit,
                                                  message):
    """The exit code of `check` on that one input, as the README table states it."""
    path = tmp_path / f"{case}.txt"
    if case == "empty-folder":
        path.mkdir()
    elif case == "empty-file":
        path.write_bytes(b"")
    elif case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif case == "cp1252":
        path.write_bytes("Le ministère a annoncé la réforme des retraites.\n".encode("cp1252"))
    elif case == "whitespace-only":
        path.write_text(" \n\n\n\n\t\n", "utf-8")
    code, out, err = tq("check", str(path))
    assert code == expected_exit, out + err
    if message:
        assert f"{path}: {message}" in err and "Traceback" not in err


def test_readme_bad_input_table_names_real_tests():
    """Every row of the README table names tests that exist (so none can silently go)."""
    import re

    root = Path(__file__).resolve().parents[1]
    readme = root.joinpath("README.md").read_text("utf-8")
    table = readme.split("## What tqcheck does with bad input", 1)[1].split("**Limits**", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`test_" in line]
    assert len(rows) >= 25
    for row in rows:
        refs = re.findall(r"`(test_\w+)::(test_\w+)(?:\[([\w-]+)\])?`", row)
        assert refs, row
        for module, name, param in refs:
            source = root.joinpath("tests", f"{module}.py").read_text("utf-8")
            assert f"def {name}(" in source, f"{module}::{name}"
            assert not param or f'"{param}"' in source, f"{module}::{name}[{param}]"


def test_fifo_in_a_folder_is_skipped_not_waited_for(tq, tmp_path: Path):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.txt")  # opening it would block until a writer came
    (corpus / "article.txt").write_text(ARTICLE, "utf-8")
    code, out, err = tq("check", str(corpus))
    assert code == 2 and f"{corpus / 'pipe.txt'}: not a regular file" in err
    assert f"{corpus / 'article.txt'}:1:65: W002" in out


def test_longest_legal_file_name_is_cleaned(tq, tmp_path: Path):
    """A 255-byte name once made the temporary output name too long and ended the run."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "é" * 100 + "a" * 51 + ".txt"  # 255 bytes in UTF-8
    assert len(name.encode("utf-8")) == 255
    (corpus / name).write_text(ARTICLE, "utf-8")
    code, _, err = tq("clean", str(corpus), "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert (tmp_path / "out" / name).read_text("utf-8") == ARTICLE.replace("   \n", "\n")
