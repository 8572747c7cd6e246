"""Navigation menus and link lists: runs of very short, title-like lines.

A page's menu survives a naive HTML-to-text dump as one short line per link
("France", "Planète", "Idées", "Culture"). One such line could be a heading; four or
more in a row, none ending like a sentence, none holding a number, is a menu. The
thresholds are the rule's `params`, so a user can tune them per rule file.
"""
from __future__ import annotations

from typing import Iterable

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.line_facts import LineFacts, document_lines
from tqcheck.model import Document, Finding, Rule

#: A line of at least this many words is prose: a menu ends before it.
PROSE_WORDS = 8


class ShortLineRunDetector:
    name = "short-line-run"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        out: list[Finding] = []
        facts = document_lines(doc).all
        for rule in self.rules:
            menus = menu_lines(facts, int(rule.params.get("min_run", 4)),
                               int(rule.params.get("max_words", 3)))
            out += [finding_from_rule(rule, doc, facts.lines[k].start, facts.lines[k].end)
                    for k in menus]
        return out


def menu_lines(facts: LineFacts, min_run: int, max_words: int) -> list[int]:
    """The index of every line of every run in `facts.lines` that looks like a menu:
    one to `max_words` words, at most 40 characters, capitalised, no number, no
    closing punctuation."""
    words, shaped = facts.words, facts.menu_shaped
    out: list[int] = []
    start = None
    for i, (menu_shaped, count) in enumerate(zip(shaped, words)):
        if menu_shaped and 0 < count <= max_words:
            if start is None:
                start = i
        elif start is not None:
            out += _menu(facts, start, i, min_run)
            start = None
    if start is not None:
        out += _menu(facts, start, len(words), min_run)
    return out


def _menu(facts: LineFacts, start: int, end: int, min_run: int) -> range | list[int]:
    """The menu lines in lines[start:end], or none if the run does not look like one."""
    words, lines = facts.words, facts.lines
    # A heading glued to the article that follows it is not part of the menu.
    if end < len(lines) and words[end] >= PROSE_WORDS:
        end -= 1
    if end - start < min_run:
        return []
    # Menu items are distinct; a forum's "Name / Show posts / Name" repeats.
    if len({lines[k].text.strip() for k in range(start, end)}) < 0.8 * (end - start):
        return []
    # Short lines with prose on both sides belong to the text (a list, a post header).
    if start > 0 and words[start - 1] >= PROSE_WORDS and end < len(lines) and words[end] >= PROSE_WORDS:
        return []
    return range(start, end)
