"""The command line on real files: findings, the JSON contract, and bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tqcheck" / "schema" / "report.schema.json").read_text("utf-8"))
SAMPLES = ROOT / "data" / "samples"

ARTICLE = ("Le conseil municipal a voté mardi la rénovation du pont couvert.   \n\n\n\n"
           "Les travaux commenceront en avril et dureront six mois.\u0007\n")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def _source_text(report: dict) -> str:
    """The text a report's offsets refer to: the file, or its JSONL record's text."""
    path = Path(report["path"])
    if path.suffix != ".jsonl":
        return path.read_bytes().decode("utf-8")
    line = int(report["id"].removeprefix("line "))
    return json.loads(path.read_text("utf-8").splitlines()[line - 1])["text"]


def test_check_text_output_has_path_line_col(tmp_path: Path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, "utf-8")
    proc = run("check", str(path))
    assert proc.returncode == 1, proc.stderr
    assert f"{path}:1:65: W002 [whitespace]" in proc.stdout
    assert f"{path}:5:56: W003 [whitespace]" in proc.stdout
    assert "Found 3 findings in 1 of 1 file checked." in proc.stdout


def test_check_json_validates_against_the_contract():
    proc = run("check", str(SAMPLES), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == 1 and len(data["files"]) >= 10
    for report in data["files"]:
        text = _source_text(report)
        for f in report["findings"]:
            assert text[f["start"]:f["end"]] == f["text"]


def test_clean_writes_mirrored_files_and_a_report_that_rebuilds(tmp_path: Path):
    from tqcheck.cleaning import rebuild
    from tqcheck.model import Edit

    out = tmp_path / "cleaned"
    proc = run("clean", str(SAMPLES), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in (out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()]
    jsonl_docs = len((SAMPLES / "jsonl" / "articles.jsonl").read_text("utf-8").splitlines())
    assert len(records) == len(list(SAMPLES.rglob("*.txt"))) + jsonl_docs
    for record in records:
        if record["path"].endswith(".jsonl"):
            continue  # JSONL output is covered in test_corpus.py
        source = Path(record["path"])
        target = out / source.relative_to(SAMPLES)
        assert Path(record["output"]) == target.resolve()
        cleaned = target.read_text("utf-8")
        edits = [Edit.from_dict(e) for e in record["edits"]]
        assert rebuild(cleaned, edits) == source.read_text("utf-8")
        jsonschema.validate({"schema": 1, "files": [record]}, SCHEMA)


def test_bad_inputs_each_get_one_line_and_the_run_goes_on(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le ministère a annoncé la réforme.\n".encode("latin-1"))
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    proc = run("check", str(good), str(empty), str(binary), str(latin1), str(empty_dir),
               str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    err = proc.stderr.splitlines()
    assert any(str(empty) in line and "empty file" in line for line in err)
    assert any(str(binary) in line and "binary file" in line for line in err)
    assert f"{latin1}: warning: not UTF-8: decoded as cp1252 (reads as fr)" in proc.stdout
    assert any(str(empty_dir) in line and "no text files" in line for line in err)
    assert any("missing.txt" in line and "no such file" in line for line in err)
    assert f"{good}:1:65: W002" in proc.stdout  # the good file was still checked


def test_latin1_file_reads_with_explicit_encoding(tmp_path: Path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le ministère a annoncé la réforme.  \n".encode("latin-1"))
    proc = run("check", str(latin1), "--encoding", "cp1252")
    assert proc.returncode == 1 and "W002" in proc.stdout
    strict = run("check", str(latin1), "--encoding", "utf-8")
    assert strict.returncode == 2
    assert f"{latin1}: not valid utf-8 (byte 0xe8 at offset 9)" in strict.stderr


@pytest.mark.parametrize("args,message", [
    (["check", "x.txt", "--lang", "zz"], "unknown language code 'zz'"),
    (["check", "x.txt", "--lid-model", "/nonexistent/model.bin"], "language model not found"),
    (["check", "x.txt", "--rules", "RULES_DIR"], "bad rule file"),
    (["check"], "Missing argument"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args, message):
    (tmp_path / "x.txt").write_text(ARTICLE, "utf-8")
    bad_rules = tmp_path / "rules"
    bad_rules.mkdir()
    (bad_rules / "bad.toml").write_text('code = "X999"\nname = \n', "utf-8")
    args = [a.replace("RULES_DIR", str(bad_rules)) for a in args]
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_rule_file_error_names_file_and_line(tmp_path: Path):
    bad_rules = tmp_path / "rules"
    bad_rules.mkdir()
    (bad_rules / "bad.toml").write_text('code = "X999"\nname = \n', "utf-8")
    proc = run("rules", "--rules", str(bad_rules))
    assert proc.returncode == 2
    assert f"{bad_rules / 'bad.toml'}:2: invalid TOML" in proc.stderr


def test_rules_lists_codes():
    proc = run("rules")
    assert proc.returncode == 0
    assert "W001  blank-line-run" in proc.stdout


def test_decoding_keeps_every_byte(tmp_path: Path):
    """BOMs, UTF-16, CRLF, stray invalid bytes and legacy encodings come back unchanged
    when nothing needs cleaning, and the report says how each file was read."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = {
        "bom.txt": "\ufeffLe conseil a voté.\r\nLes travaux commencent.\r\n".encode("utf-8"),
        "utf16.txt": "\ufeffDer Rat hat abgestimmt.\n".encode("utf-16-le"),
        "mixed-eol.txt": b"Line one.\r\nLine two.\rLine three.\n",
        "damaged.txt": "Le ministère a annoncé".encode("utf-8") + b" la r\xe9forme.\n",
        "cp1252.txt": "Le ministère a annoncé la réforme des retraites.\n".encode("cp1252"),
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    out = tmp_path / "out"
    proc = run("clean", str(inputs), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    for name, data in files.items():
        assert (out / name).read_bytes() == data, name
    records = {Path(r["path"]).name: r for r in map(
        json.loads, (out / "tqcheck-report.jsonl").read_text("utf-8").splitlines())}
    assert records["cp1252.txt"]["warnings"] == ["not UTF-8: decoded as cp1252 (reads as fr)"]
    assert [f["rule"] for f in records["damaged.txt"]["findings"]] == ["E001"]
    assert "byte offset 29" in records["damaged.txt"]["findings"][0]["message"]
    assert records["utf16.txt"]["language"] == "de"
