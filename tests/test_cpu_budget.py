"""Line rules run without per-search timeouts under one CPU budget per document; a
catastrophic pattern spends it, and the guarded rescan skips that rule only."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import regex

from tqcheck.detectors import cpu_budget
from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules

EVIL = '''code = "X991"
name = "evil-line"
category = "boilerplate"
severity = "warning"
action = "remove-line"
scope = "line"
lang = "*"
message = "catastrophic on purpose"
source = "test"
pattern = '^(?:a|aa)+$'
[examples]
must_flag = ["aaa"]
must_not_flag = ["b"]
[[examples.cleaned]]
text = "x\\naaa\\n"
expected = "x\\n"
'''


def test_budget_interrupts_a_catastrophic_search():
    pattern = regex.compile(r"(?:a|aa)+$")
    started = time.process_time()
    try:
        with cpu_budget.cpu_budget(0.3) as armed:
            assert armed
            pattern.search("a" * 40 + "!")
        raise AssertionError("the search should not finish")
    except cpu_budget.BudgetExceeded:
        pass
    assert time.process_time() - started < 2.0


def test_budget_is_not_armed_off_the_main_thread():
    seen = []

    def worker():
        with cpu_budget.cpu_budget(0.3) as armed:
            seen.append(armed)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [False]


def test_slow_line_rule_is_skipped_and_the_others_still_report(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(cpu_budget, "BASE_SECONDS", 0.2)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "X991-evil-line.toml").write_text(EVIL, "utf-8")
    checker = Checker(load_rules([rules]))
    text = "a" * 40 + "!\n\nLe conseil a voté.   \n"
    report = checker.check(text, lang="fr")
    assert [f.rule for f in report.findings] == ["W002"]
    assert report.warnings == ("X991: pattern timed out after 2s; rule skipped for this document",)
    assert checker.check("aaa\n", lang="fr").findings[0].rule == "X991"  # fast path works
