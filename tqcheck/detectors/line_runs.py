"""Navigation menus and link lists: runs of very short, title-like lines.

A page's menu survives a naive HTML-to-text dump as one short line per link
("France", "Planète", "Idées", "Culture"). One such line could be a heading; four or
more in a row, none ending like a sentence, none holding a number, is a menu. The
thresholds are the rule's `params`, so a user can tune them per rule file.
"""
from __future__ import annotations

from typing import Iterable

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.model import Document, Finding, Line, Rule

_SENTENCE_END = regex.compile(r"[.!?…:;,»”\"')\]]\s*$")
_TITLE_START = regex.compile(r"^\s*[\p{Lu}\p{Lt}]")
_DIGIT = regex.compile(r"\d")


def _menu_like(line: Line, max_words: int) -> bool:
    text = line.text.strip()
    return (0 < len(text.split()) <= max_words and len(text) <= 40
            and bool(_TITLE_START.match(text)) and not _SENTENCE_END.search(text)
            and not _DIGIT.search(text))


class ShortLineRunDetector:
    name = "short-line-run"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        out: list[Finding] = []
        for rule in self.rules:
            menus = menu_lines(doc.lines, int(rule.params.get("min_run", 4)),
                               int(rule.params.get("max_words", 3)))
            out += [finding_from_rule(rule, doc, line.start, line.end) for line in menus]
        return out


def menu_lines(lines: tuple[Line, ...] | list[Line], min_run: int, max_words: int) -> list[Line]:
    """Every line of every run in `lines` that looks like a menu."""
    lines = tuple(lines)
    out: list[Line] = []
    start = None
    for i in range(len(lines) + 1):
        if i < len(lines) and _menu_like(lines[i], max_words):
            start = i if start is None else start
            continue
        if start is not None:
            out += _menu(lines, start, i, min_run)
        start = None
    return out


def _prose(line: Line | None) -> bool:
    return line is not None and len(line.text.split()) >= 8


def _menu(lines: tuple[Line, ...], start: int, end: int, min_run: int) -> list[Line]:
    """The menu lines in lines[start:end], or none if the run does not look like one."""
    # A heading glued to the article that follows it is not part of the menu.
    if end < len(lines) and _prose(lines[end]):
        end -= 1
    run = lines[start:end]
    if len(run) < min_run:
        return []
    # Menu items are distinct; a forum's "Name / Show posts / Name" repeats.
    if len({line.text.strip() for line in run}) < 0.8 * len(run):
        return []
    # Short lines with prose on both sides belong to the text (a list, a post header).
    before = lines[start - 1] if start > 0 else None
    after = lines[end] if end < len(lines) else None
    if _prose(before) and _prose(after):
        return []
    return list(run)
