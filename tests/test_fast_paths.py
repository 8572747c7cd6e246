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
