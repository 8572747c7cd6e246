"""Every output format on real `tqcheck check` output: the sample corpus plus a user rule.

The JSON report is the reference: every other format must say the same thing in its
own shape. SARIF is validated against the official 2.1.0 schema (vendored under
tests/fixtures/sarif), GitHub annotations are parsed back after escaping.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

from tqcheck.cli import main
from tqcheck.reporters.github_format import escape_data, escape_property

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FIXTURE_RULES = ROOT / "tests" / "fixtures" / "rules"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json")
                          .read_text("utf-8"))

PERCENT_RULE = '''code = "X960"
name = "percent-claim"
category = "mt-artifact"
severity = "warning"
action = "flag"
scope = "span"
lang = "*"
message = "Percentage claim (100% sure?)"
source = "Test rule: a message and a match that both carry a percent sign."
pattern = '\\d+ ?%'
[examples]
must_flag = ["Il est 100 % garanti."]
must_not_flag = ["Il est garanti."]
'''
# A file whose name needs property escaping, whose text has a percent sign, trailing
# spaces and a run of blank lines (a finding whose text spans several lines).
NOISY = ("Les ventes ont progressé de 12 % au premier trimestre, selon la société.   \n"
         "\n\n\n"
         "Share this:\n"
         "Le directeur a salué « un résultat solide ».\n")


def invoke(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The sample corpus plus one awkwardly named noisy file, and a user rule folder."""
    base = tmp_path_factory.mktemp("formats")
    rules = base / "rules"
    rules.mkdir()
    (rules / "X960-percent-claim.toml").write_text(PERCENT_RULE, "utf-8")
    for rule in FIXTURE_RULES.glob("*.toml"):
        (rules / rule.name).write_bytes(rule.read_bytes())
    data = base / "data"
    for path in SAMPLES.rglob("*.txt"):
        target = data / path.relative_to(SAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (data / "notes, 100%: draft.txt").write_text(NOISY, "utf-8")
    return data, rules


def _run(corpus, fmt: str, *extra: str):
    data, rules = corpus
    return invoke("check", str(data), "--rules", str(rules), "--isolated",
                  "--format", fmt, *extra)


@pytest.fixture(scope="module")
def reference(corpus) -> dict:
    result = _run(corpus, "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert sum(len(f["findings"]) for f in data["files"]) > 20
    return data


def _findings(reference) -> list[tuple[str, str, int, int]]:
    return sorted((r["path"], f["rule"], f["line"], f["column"])
                  for r in reference["files"] for f in r["findings"])


def test_text_lists_every_finding_with_path_line_col(corpus, reference):
    result = _run(corpus, "text")
    lines = [l for l in result.stdout.splitlines() if re.match(r".+:\d+:\d+: [A-Z]\d{3} \[", l)]
    got = sorted((m.group(1), m.group(4), int(m.group(2)), int(m.group(3)))
                 for m in (re.match(r"(.+):(\d+):(\d+): ([A-Z]\d{3}) ", l) for l in lines))
    assert got == _findings(reference)
    files_with = sum(1 for r in reference["files"] if r["findings"])
    assert (f"Found {len(got)} findings in {files_with} of {len(reference['files'])} "
            "files checked.") in result.stdout


def test_jsonl_is_one_finding_per_line(corpus, reference):
    result = _run(corpus, "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((r["path"], r["rule"], r["line"], r["column"]) for r in records) \
        == _findings(reference)
    by_path = {r["path"]: r for r in reference["files"]}
    for record in records:  # the same finding fields as the JSON contract
        match = next(f for f in by_path[record["path"]]["findings"]
                     if (f["rule"], f["start"]) == (record["rule"], record["start"]))
        assert {k: v for k, v in record.items() if k != "path"} == match


def test_sarif_validates_against_the_official_schema(corpus, reference):
    result = _run(corpus, "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(_findings(reference))
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        path = Path(unquote(uri.removeprefix("file://")))
        text = path.read_text("utf-8")
        start = region["charOffset"]
        assert text[start:start + region["charLength"]] == region["snippet"]["text"]
    user_rule = next(r for r in rules if r["id"] == "X960")
    assert "Test rule" in user_rule["fullDescription"]["text"]  # from the rule file
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_reports_unreadable_files_as_notifications(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 10)
    result = invoke("check", str(tmp_path / "binary.txt"), "--format", "sarif", "--isolated")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary file" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def _parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert m, line
    props = {}
    for pair in m.group(2).split(","):  # escaped commas cannot split a value
        key, _, value = pair.partition("=")
        props[key] = value
    return m.group(1), props, m.group(3)


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def test_github_annotations_escape_properties_and_data(corpus, reference):
    result = _run(corpus, "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(_findings(reference))  # no line broken by a raw newline
    parsed = [_parse_annotation(line) for line in lines]
    noisy = [p for p in parsed if "draft.txt" in _unescape(p[1]["file"])]
    assert noisy and all(p[1]["file"].endswith("notes%2C 100%25%3A draft.txt") for p in noisy)
    levels = {p[0] for p in parsed}
    assert levels <= {"error", "warning", "notice"}
    blank_run = next(p for p in noisy if p[1]["title"] == "W001 blank-line-run")
    assert "%0A%0A" in blank_run[2] and "\n" not in blank_run[2]
    percent = next(p for p in noisy if p[1]["title"] == "X960 percent-claim")
    assert percent[2] == "Percentage claim (100%25 sure?) [mt-artifact]: 12 %25"
    assert _unescape(percent[2]) == "Percentage claim (100% sure?) [mt-artifact]: 12 %"
    widget = next(f for r in reference["files"] if r["path"].endswith("draft.txt")
                  for f in r["findings"] if f["text"] == "Share this:")
    share = next(p for p in noisy if p[1]["title"] == f"{widget['rule']} {widget['name']}")
    assert share[1]["line"] == str(widget["line"]) == "5"
    assert share[1]["col"] == "1" and share[1]["endColumn"] == "12"
    assert share[0] == {"error": "error", "warning": "warning", "info": "notice"}[widget["severity"]]


def test_github_escaping_rules():
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape ':' and ','


def test_statistics_count_what_json_reports(corpus, reference):
    expected = Counter(f["rule"] for r in reference["files"] for f in r["findings"])
    result = _run(corpus, "text", "--statistics")
    assert result.exit_code == 1
    rows = [re.match(r"\s*(\d+)\s+([A-Z]\d{3})\s", l) for l in result.stdout.splitlines()]
    assert {m.group(2): int(m.group(1)) for m in rows if m} == dict(expected)
    assert f"{sum(expected.values())} findings from {len(expected)} rules." in result.stdout
    as_json = json.loads(_run(corpus, "json", "--statistics").stdout)
    assert {r["rule"]: r["count"] for r in as_json} == dict(expected)
    files = Counter(f["rule"] for r in reference["files"] for f in {x["rule"]: x for x in r["findings"]}.values())
    assert {r["rule"]: r["files"] for r in as_json} == dict(files)


def test_text_is_coloured_only_on_request(corpus):
    from tqcheck.reporters import text_format
    from tqcheck.model import FileReport, Finding

    finding = Finding(rule="W003", name="control-character", category="whitespace",
                      severity="warning", action="replace", start=3, end=4, text="\x07",
                      message="Stray control character", line=1, column=4, end_line=1,
                      end_column=5)
    report = FileReport(path="a.txt", language="en", language_confidence=1.0, score=90.0,
                        chars=10, removed_chars=1, findings=(finding,))
    plain = text_format.render([report])
    coloured = text_format.render([report], color=True)
    assert "\x1b[" not in plain and plain.startswith("a.txt:1:4: W003 [whitespace]")
    assert "\x1b[33m\x1b[1mW003" in coloured  # yellow, bold: a warning
    assert _run(corpus, "text").stdout.count("\x1b[") == 0  # not a terminal: no colour


def test_jsonl_records_are_located_on_the_file_not_at_record_lines(tmp_path):
    """A JSONL record's line numbers are its text's: github and sarif must not pin
    them on the file's lines."""
    data = tmp_path / "crawl.jsonl"
    data.write_text(json.dumps({"url": "https://example.invalid/a", "text": NOISY}) + "\n",
                    "utf-8")
    args = ["check", str(data), "--id-field", "url", "--lang", "fr", "--isolated",
            "--select", "W"]
    github = invoke(*args, "--format", "github").stdout.splitlines()
    assert github and all(",line=" not in line for line in github)
    assert any("::[https://example.invalid/a] 1:" in line for line in github)
    log = json.loads(invoke(*args, "--format", "sarif").stdout)
    jsonschema.validate(log, SARIF_SCHEMA, cls=jsonschema.Draft7Validator)
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        assert "region" not in location["physicalLocation"]
        assert location["logicalLocations"][0]["name"] == "https://example.invalid/a"
        assert result["properties"]["documentRegion"]["startLine"] >= 1
