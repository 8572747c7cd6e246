"""Every example of every rule, as its own test case (`pytest -k B101` runs one rule).

must_flag: the rule reports at least one finding; must_not_flag: it reports none;
cleaned: the whole cleaner (all rules active) turns `text` into exactly `expected`.
"""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules
from tqcheck.ruletest import examples, run_example

RULES = load_rules()


def _cases():
    """One case per example; `tqcheck rules test` runs the very same checks."""
    for rule in RULES:
        for example in examples(rule):
            yield pytest.param(example, id=example.id)


@pytest.fixture(scope="module")
def full_checker(checker) -> Checker:
    return checker


@pytest.mark.parametrize("example", list(_cases()))
def test_rule_example(full_checker, example):
    outcome = run_example(full_checker, example)
    assert outcome.ok, f"{example.id}: {outcome.problem}"


def test_every_rule_has_both_kinds_of_examples():
    missing = [r.code for r in RULES if not r.examples.must_flag or not r.examples.must_not_flag]
    assert not missing, f"rules without must_flag/must_not_flag examples: {missing}"


def test_removal_rules_have_cleaned_examples():
    missing = [r.code for r in RULES
               if r.action in ("remove-line", "remove-span", "replace") and not r.examples.cleaned]
    assert not missing, f"removal/replace rules without cleaned examples: {missing}"


def test_codes_and_names_are_unique_and_documented():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert all(r.source and r.message for r in RULES)


def test_rule_file_names_carry_their_code():
    for rule in RULES:
        assert rule.path and rule.path.rsplit("/", 1)[-1].startswith(rule.code), rule.path
