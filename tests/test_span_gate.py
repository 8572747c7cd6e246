"""Span and document rules are skipped on a document holding none of the caseless
strings their matches must read (required_literals); skipping only what cannot match,
so findings are the same as scanning every document, on the rules' examples and on
devdata pages."""
from __future__ import annotations

from tqcheck.detectors.patterns import PatternDetector
from tqcheck.model import Document
from tqcheck.ruleset import load_rules

RULES = load_rules()
GATED = PatternDetector(RULES)
UNGATED = PatternDetector(RULES)
TEXT_RULES = GATED._text_rules


def _spans(detector: PatternDetector, rule, text: str) -> list[tuple]:
    return [(f.start, f.end, f.replacement) for f in detector._text_matches(rule, Document(text))]


def _texts(rule) -> list[str]:
    ex = rule.examples
    return [*ex.must_flag, *ex.must_not_flag, *(t for pair in ex.cleaned for t in pair)]


def test_rare_characters_gate_their_rule_and_case_folding_ones_do_not():
    gates = {r.code: GATED._gate(r) for r in TEXT_RULES}
    assert "\u200b" in gates["E104"] and gates["E102"] == ("\ufffd",)
    for rule in TEXT_RULES:
        UNGATED._gates[rule.code] = None
    invisible = next(r for r in TEXT_RULES if r.code == "E104")
    assert _spans(GATED, invisible, "Die Bundes\u00adregierung hat entschieden.\n") == [(10, 11, "")]
    assert _spans(GATED, invisible, "Die Bundesregierung hat entschieden.\n") == []


def test_same_spans_with_and_without_the_gate(devdata):
    for rule in TEXT_RULES:
        UNGATED._gates[rule.code] = None
    pages = [p.read_text("utf-8") for p in sorted(devdata.glob("*.txt"))]
    examples = [t for rule in TEXT_RULES for t in _texts(rule)]
    found = skipped = 0
    for rule in TEXT_RULES:
        gate = GATED._gate(rule)
        for text in examples + pages:
            spans = _spans(GATED, rule, text)
            assert spans == _spans(UNGATED, rule, text), (rule.code, text[:80])
            found += len(spans)
            skipped += gate is not None and not any(literal in text for literal in gate)
    assert found > 100 and skipped > 50  # the gate was tested, not just present
