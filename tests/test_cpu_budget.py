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


def test_a_swallowed_raise_does_not_spend_the_budget():
    """Some places swallow exceptions (a gc callback prints "Exception ignored in
    gc_callback" and goes on): the budget must still stop the search that follows."""
    pattern = regex.compile(r"(?:a|aa)+$")
    started = time.process_time()
    swallowed = False
    try:
        with cpu_budget.cpu_budget(0.2):
            try:
                while time.process_time() - started < 1.0:  # the first raise lands here
                    pass
            except cpu_budget.BudgetExceeded:
                swallowed = True
            pattern.search("a" * 40 + "!")
        raise AssertionError("the search should not finish")
    except cpu_budget.BudgetExceeded:
        pass
    assert swallowed
    assert time.process_time() - started < 3.0


def test_leaving_the_block_disarms_the_timer_and_restores_the_handler():
    import signal

    before = signal.getsignal(signal.SIGVTALRM)
    try:
        with cpu_budget.cpu_budget(0.05):
            while True:  # spend it
                pass
    except cpu_budget.BudgetExceeded:
        pass
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGVTALRM) is before
    deadline = time.process_time() + 0.3  # no stray raise after the block
    while time.process_time() < deadline:
        pass


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
