"""`required_digit`: which line rules cannot match a line without a decimal digit. The
prefilter skips them on lines without one, so a wrong True would lose findings; the
same-findings tests in test_line_prefilter.py run the detector with and without."""
from __future__ import annotations

import regex

from tqcheck.detectors.base import DetectionContext
from tqcheck.detectors.patterns import PatternDetector
from tqcheck.model import Document
from tqcheck.required_digit import DIGIT, digit_required, known_digit_required
from tqcheck.ruleset import load_rules

RULES = load_rules()
LINE_RULES = [r for r in RULES if r.detector is None and r.scope == "line"]


def test_digit_required_reads_the_pattern_structure():
    assert digit_required(r"(?i)^\s*le\s+\d{1,2}\s+mars\s+\d{4}\s*$")
    assert digit_required(r"^(?=[^\n]*[0-9])\w+")             # in a lookahead
    assert digit_required(r"(?:\d+\s*min|\p{Nd}h)")             # in every branch
    assert digit_required(r"(?a)\d")                            # ASCII digits are digits too
    assert not digit_required(r"(?:\d+|ago)")                   # one branch has none
    assert not digit_required(r"(?:\d+)?\s*min")                # optional
    assert not digit_required(r"^(?!\d)\w+")                    # a negative lookahead
    assert not digit_required(r"\p{N}+")                        # ½ and Ⅻ are not \d
    assert not digit_required(r"[0-9a]")                        # a letter is allowed
    assert not digit_required(r"\D+")
    assert not digit_required(r"(unbalanced")


def test_every_character_a_rule_digit_can_match_is_found_by_the_gate():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    gate = {m.start() for m in DIGIT.finditer(everything)}
    for form in (r"\d", r"(?i)\d", r"(?a)\d", r"\p{Nd}", r"[0-9]", r"(?i)[\d]"):
        assert {m.start() for m in regex.finditer(form, everything)} <= gate, form


def test_the_shipped_table_claims_only_what_the_patterns_show():
    listed = [r for r in LINE_RULES if known_digit_required(r.pattern.pattern)]
    assert {r.code for r in listed} >= {"M101", "M206"}  # regenerate: python -m tqcheck.required_literals
    assert all(digit_required(r.pattern.pattern) for r in listed)


def test_date_rules_still_flag_on_lines_with_digits_and_skip_others():
    detector = PatternDetector(RULES, prefilter=True)
    ctx = DetectionContext(language="fr", language_confidence=1.0)
    text = ("Jean Dupont, le 12 mars 2021\nJean Dupont, le douze mars\n"
            "Le conseil municipal a voté le budget.\n")
    found = {(f.rule, f.text) for f in detector.detect(Document(text), ctx)}
    assert ("M206", "Jean Dupont, le 12 mars 2021") in found
    assert not [f for f in found if f[1].startswith("Jean Dupont, le douze")]
    assert detector._plans._digit_rules  # the gate is in use
