"""Every example of every rule, as its own test case (`pytest -k B101` runs one rule).

must_flag: the rule reports at least one finding; must_not_flag: it reports none;
cleaned: the whole cleaner (all rules active) turns `text` into exactly `expected`.
"""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules

RULES = load_rules()


def _lang(rule) -> str:
    if rule.examples.lang:
        return rule.examples.lang
    return "en" if rule.lang == "*" else rule.lang


def _cases():
    for rule in RULES:
        for i, text in enumerate(rule.examples.must_flag, 1):
            yield pytest.param(rule, "fail", text, None, id=f"{rule.code}-fail-{i}")
        for i, text in enumerate(rule.examples.must_not_flag, 1):
            yield pytest.param(rule, "pass", text, None, id=f"{rule.code}-pass-{i}")
        for i, (text, expected) in enumerate(rule.examples.cleaned, 1):
            yield pytest.param(rule, "clean", text, expected, id=f"{rule.code}-clean-{i}")


@pytest.fixture(scope="module")
def full_checker(checker) -> Checker:
    return checker


@pytest.mark.parametrize("rule,kind,text,expected", list(_cases()))
def test_rule_example(full_checker, rule, kind, text, expected):
    lang = _lang(rule)
    if kind == "clean":
        result = full_checker.clean(rule.examples.document(text), lang=lang)
        assert result.text == expected, f"{rule.code} cleaned example"
        return
    single = Checker(RULES.only(lambda r: r.code == rule.code), identifier=full_checker.identifier)
    codes = [f.rule for f in single.check(rule.examples.document(text), lang=lang).findings]
    if kind == "fail":
        assert rule.code in codes, f"{rule.code} should flag {text!r}"
    else:
        assert rule.code not in codes, f"{rule.code} should not flag {text!r}"


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
