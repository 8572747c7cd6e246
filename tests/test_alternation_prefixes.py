"""Factoring shared first letters out of alternatives keeps every match: the same spans
and groups as the pattern as written, for every built-in rule on its own examples and on
devdata lines, and on generated text for tricky patterns; what it cannot prove exact
(capturing groups, case-overlapping letters, lookbehinds, unusual flags) it leaves alone."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.alternation_prefixes import factor_alternations
from tqcheck.ruleset import load_rules

RULES = [r for r in load_rules() if r.pattern is not None]


def _matches(pattern, text: str) -> list[tuple]:
    compiled = regex.compile(pattern, regex.VERSION0) if isinstance(pattern, str) else pattern
    return [(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(text)]


@pytest.mark.parametrize("pattern, factored", [
    (r"(?i)(?:mars|mardi|mai|x|\d|mois)\b", r"(?i)(?:m(?:a(?:r(?:s|di)|i))|x|\d|mois)\b"),
    (r"(?:jan|janvier|january)", r"(?:j(?:a(?:n(?:|vier|uary))))"),
    (r"(?i)^(?=\W(?:le|la|les){2,4})", r"(?i)^(?=\W(?:l(?:e(?:|s)|a)){2,4})"),
])
def test_shared_first_letters_are_factored(pattern, factored):
    assert factor_alternations(pattern, min_group=2, depth=9) == factored


@pytest.mark.parametrize("pattern", [
    r"(?:ab|Ac|aB)",          # 'A' and 'a' may match the same letter: aB stays after Ac
    r"(?i)(?:k|\u212a|kk)",   # the Kelvin sign is a case variant of k
    r"(?:a|(b)|ab)",          # a capturing group is never moved (it would be renumbered)
    r"(?:ab|(?P<x>a)c|ad)",
    r"(?<=(?:ab|ac))x",       # lookbehinds match backwards
    r"(?:ab|a{2}|ac)",        # a quantified first letter is not a prefix
    r"(?x)(?:ab|ac)", r"(?r)(?:ab|ac)", r"(?f)(?:ss|st)", r"(?V1)(?:ab|ac)",
    r"(?:ab|ac){e<=1}", r"\Q(?:ab|ac)\E", r"[(?:ab|ac)]", r"(?:ab|ac",
])
def test_what_cannot_be_proven_exact_is_left_alone(pattern):
    assert factor_alternations(pattern, min_group=2, depth=9) == pattern


def _example_texts(rule) -> list[str]:
    ex = rule.examples
    return [*ex.must_flag, *ex.must_not_flag, *(t for pair in ex.cleaned for t in pair)]


@pytest.mark.slow
@pytest.mark.parametrize("how", [{}, {"min_group": 2, "depth": 9}], ids=["as-run", "everything"])
def test_every_rule_matches_the_same_on_the_examples(how):
    texts = [t for rule in RULES for t in _example_texts(rule)]
    changed = 0
    for rule in RULES:
        for pattern in (rule.pattern.pattern, getattr(rule.exclude, "pattern", None)):
            if pattern is None or factor_alternations(pattern, **how) == pattern:
                continue
            changed += 1
            before = regex.compile(pattern)
            after = regex.compile(factor_alternations(pattern, **how))
            for text in texts:
                assert _matches(after, text) == _matches(before, text), (rule.code, text)
    assert changed > 20  # the rule pack is made of word lists: many rules have long ones


@pytest.mark.slow
def test_every_rule_matches_the_same_on_devdata_lines(devdata):
    lines = sorted({line for path in sorted(devdata.glob("*.txt"))
                    for line in path.read_text("utf-8").splitlines() if line.strip()})
    assert len(lines) > 1000
    sample = lines[::3]
    for rule in RULES:
        pattern = rule.pattern.pattern
        factored = factor_alternations(pattern)
        if factored == pattern:
            continue
        before, after = regex.compile(pattern), regex.compile(factored)
        for line in sample:
            assert ([m.span() for m in after.finditer(line)]
                    == [m.span() for m in before.finditer(line)]), (rule.code, line)


_PATTERNS = [r"(?i)(?:le|la|les|l'|lundi|Lu|ſa|sa|ß|ss)\b", r"(?:a|ab|abc|b|ba|(c)|ca|ac)",
             r"(?i)(?:k|K|kk|\u212a|ka)+?x", r"(?:(?:ab|a)(?:bc|b)|a)c"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_PATTERNS),
       st.text(alphabet="abcklsxLKSſß' \u212a", max_size=30))
def test_tricky_patterns_match_the_same_on_generated_text(pattern, text):
    assert _matches(factor_alternations(pattern, min_group=2, depth=9), text) == _matches(pattern, text)



def test_the_shipped_table_is_current():
    """Built-in patterns are factored ahead (start-up); a stale entry would still be
    exact, only slower: regenerate with `python -m tqcheck.required_literals`."""
    from tqcheck.alternation_prefixes import _table
    from tqcheck.required_literals import pattern_key

    table = _table()
    for rule in RULES:
        for pattern in (rule.pattern.pattern, getattr(rule.exclude, "pattern", None)):
            if pattern is not None:
                assert table.get(pattern_key(pattern), pattern) in (
                    None, factor_alternations(pattern)), rule.code
                assert pattern_key(pattern) in table, rule.code


def test_rules_run_the_factored_patterns():
    date_line = next(r for r in RULES if r.code == "M200")
    assert date_line.pattern.compiled().pattern == factor_alternations(date_line.pattern.pattern)
    assert date_line.pattern.pattern != date_line.pattern.compiled().pattern
