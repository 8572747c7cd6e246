"""Scraped text is the dirtiest there is: arbitrary Unicode, catastrophic patterns."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.cleaning import rebuild

ROOT = Path(__file__).resolve().parents[1]

# Every code point class, surrogates included (they stand for invalid input bytes),
# plus the characters scrapers love: NBSP, BOM, zero-width, RTL marks, combining marks.
ANY_CHAR = st.characters(codec=None, categories=None)
SPICE = st.sampled_from(["\u00a0", "\ufeff", "\u200b", "\u202e", "\u0301", "\r\n", "\r",
                         "\n\n\n", "« ", " »", "“", "”", "Share this:", "\x07", "\ud800",
                         "\udce9", "🙂", "שלום", "مرحبا", "\t", "  "])
TEXTS = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), SPICE), max_size=25).map("".join)
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(text=TEXTS)
def test_any_unicode_checks_and_cleans_losslessly(checker, text):
    report = checker.check(text)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text) or (f.start == f.end == 0)
        assert text[f.start:f.end] == f.text
        assert f.line >= 1 and f.column >= 1
    result = checker.clean(text)
    assert rebuild(result.text, result.edits) == text
    assert checker.clean(result.text).text == result.text
    assert 0 <= report.score <= 100


def test_catastrophic_user_pattern_times_out_and_the_run_goes_on(tmp_path: Path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "X990-evil.toml").write_text('''code = "X990"
name = "evil"
category = "boilerplate"
severity = "warning"
action = "flag"
scope = "span"
lang = "*"
message = "catastrophic on purpose"
source = "test"
pattern = '(?:a|aa)+$'
[examples]
must_flag = ["aaa"]
must_not_flag = ["b"]
''', "utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("a" * 40 + "!\n\nLe conseil a voté.   \n", "utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Un autre article.  \n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "tqcheck", "check", "--rules", str(rules),
                           str(doc), str(other)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert time.monotonic() - started < 60
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count("X990: pattern timed out") == 1
    assert f"{doc}:3:19: W002" in proc.stdout and f"{other}:1:18: W002" in proc.stdout
