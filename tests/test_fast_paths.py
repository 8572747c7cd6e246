"""Faster forms of detector internals give exactly what their plain forms give."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.detectors.mt_artifacts import _SENTENCE
from tqcheck.detectors.patterns import paragraphs
from tqcheck.model import Document

#: The plain sentence pattern: it retries every position of a line without a full stop.
_PLAIN_SENTENCE = regex.compile(r"[^.!?…\n]+(?:[.!?…]+|$)")
_text = st.text(alphabet=st.sampled_from(list("ab É.!?…\n\r \u00a0'")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(_text)
def test_sentence_scan_matches_the_plain_pattern(text):
    assert ([m.span() for m in _SENTENCE.finditer(text)]
            == [m.span() for m in _PLAIN_SENTENCE.finditer(text)])


def _plain_paragraphs(doc: Document) -> list[tuple[int, int]]:
    blocks, block = [], []
    for line in doc.lines:
        if line.blank:
            if block:
                blocks.append((block[0].start, block[-1].end))
            block = []
        else:
            block.append(line)
    if block:
        blocks.append((block[0].start, block[-1].end))
    return blocks


@settings(max_examples=300, deadline=None)
@given(_text)
def test_paragraphs_match_the_plain_walk_and_are_kept(text):
    doc = Document(text)
    assert list(paragraphs(doc)) == _plain_paragraphs(doc)
    assert paragraphs(doc) is paragraphs(doc)


def test_findings_from_rules_equal_the_plain_constructor():
    from dataclasses import fields

    from tqcheck.detectors.base import finding_from_rule
    from tqcheck.model import Finding
    from tqcheck.ruleset import load_rules

    doc = Document("Partager sur Facebook\nLe maire a parlé.\n")
    for rule in list(load_rules())[:40]:
        for kwargs in ({}, {"replacement": "", "confidence": 0.5, "language": "fr",
                            "message": "autre"}):
            fast = finding_from_rule(rule, doc, 0, 8, **kwargs)
            plain = Finding(
                rule=rule.code, name=rule.name, category=rule.category, severity=rule.severity,
                action=rule.action, start=0, end=8, text="Partager",
                message=kwargs.get("message", rule.message),
                replacement=kwargs.get("replacement"),
                confidence=kwargs.get("confidence", rule.confidence),
                language=kwargs.get("language", None if rule.lang == "*" else rule.lang))
            assert fast == plain and hash(fast) == hash(plain)
            # every field is set (a field added to Finding must be added there too)
            assert set(fast.__dict__) == {f.name for f in fields(Finding)}
