"""Typography detector: quotation marks and spacing that betray a copy or a translation.

A human writer or a newspaper's CMS is consistent; a machine-translated or stitched
article carries the source language's quotation marks into a text that otherwise uses
its own, leaves a guillemet open where the system dropped a clause, and mixes spacing
habits. Each rule names one `check` in its `params`:

* ``balance`` — a quotation mark or bracket opened and never closed in its paragraph (a
  quotation continued in the next paragraph, which reopens with the same mark, is
  legal), a closer that closes nothing, or a curly opener closed by a straight " (one
  mismatched pair, reported once at its opener).
* ``mixing`` — a top-level quotation in another convention than the language's own,
  in a document that also uses its own (``« … “…” … »`` is nesting, not mixing).
* ``foreign-marks`` — a quotation mark no convention of the language uses (German „ in
  French, English ” in German).
* ``apostrophes`` — straight ' and curly ’ apostrophes in one text, the rarer form
  (at most `max_share` of them) flagged: a seam between two sources or a translation
  system's post-editing.
* ``spacing`` — a space the language forbids before : ; ! ? (French habit in English),
  or, where the language requires one, a missing space in a document that spaces the
  mark at least three times as often (a seam between two typing conventions; writers
  who never space, or space half the time, are left alone).

Conventions come from `rules/data/quotes/<lang>.toml` and `rules/data/spacing/<lang>.toml`;
no language is special-cased here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import base_language, data_for
from tqcheck.detectors.patterns import paragraphs
from tqcheck.detectors.quote_scan import BRACKETS, Scan, scan, word_internal
from tqcheck.model import Document, Finding, Rule

Pair = tuple[str, str]
_APOSTROPHE = regex.compile(r"(?<=\p{L})['’](?=\p{L})")
#: The spaces a language may set before a mark or inside guillemets.
SPACES = " \u00a0\u202f"
#: A missing space is a seam only where the text spaces that mark this many times as often.
MAJORITY = 3


def _pairs(table: dict, key: str) -> tuple[Pair, ...]:
    return tuple((str(a), str(b)) for a, b in table.get(key, []))


class TypographyDetector:
    """Runs the typography rules' checks; one instance serves every document."""

    name = "typography"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules
        self.quotes = data_for("quotes", rules)
        self.spacing = data_for("spacing", rules)
        self.all_marks = {ch for table in self.quotes.values()
                          for key in ("primary", "nested") for pair in _pairs(table, key)
                          for ch in pair}

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        lang = base_language(ctx.language)
        quotes = self.quotes.get(lang or "", {})
        primary, nested = _pairs(quotes, "primary"), _pairs(quotes, "nested")
        scans = [(start, end, scan(doc.text, start, end, primary + nested))
                 for start, end in paragraphs(doc)]
        findings: list[Finding] = []
        for rule in self.rules:
            if not rule.applies_to(lang):
                continue
            found = self._run(rule, doc, lang, scans, primary, nested)
            findings += _once_per_problem(found) if rule.scope == "document" else found
        return findings

    def _run(self, rule: Rule, doc: Document, lang: str | None,
             scans: list[tuple[int, int, Scan]], primary: tuple[Pair, ...],
             nested: tuple[Pair, ...]) -> list[Finding]:
        check = rule.params.get("check")
        if check == "balance":
            return list(self._balance(rule, doc, scans, set(primary + nested)))
        if check == "mixing" and primary:
            return list(self._mixing(rule, doc, scans, set(primary), set(nested)))
        if check == "foreign-marks" and primary:
            own = {ch for pair in primary + nested for ch in pair}
            return list(self._foreign_marks(rule, doc, self.all_marks - own))
        if check == "spacing" and lang in self.spacing:
            return list(self._spacing(rule, doc, self.spacing[lang]))
        if check == "space-before-comma":
            return list(self._space_before_comma(rule, doc))
        if check == "apostrophes":
            return list(self._apostrophes(rule, doc, float(rule.params.get("max_share", 0.25))))
        return []

    # -- balance -----------------------------------------------------------------
    def _balance(self, rule: Rule, doc: Document, scans: list[tuple[int, int, Scan]],
                 quote_pairs: set[Pair]) -> Iterator[Finding]:
        text = doc.text
        for k, (start, end, result) in enumerate(scans):
            next_start = scans[k + 1][0] if k + 1 < len(scans) else None
            for mark in result.marks:
                if mark.mismatched:
                    yield finding_from_rule(
                        rule, doc, mark.open_at, mark.open_at + 1,
                        message=f"{rule.message}: {mark.pair[0]} is closed by \" "
                                f"instead of {mark.pair[1]}")
                    continue
                if mark.close_at is not None:
                    continue
                continued = (mark.pair in quote_pairs and next_start is not None
                             and text.startswith(mark.pair[0], next_start))
                if not continued:
                    yield finding_from_rule(
                        rule, doc, mark.open_at, mark.open_at + 1,
                        message=f"{rule.message}: {mark.pair[0]} is never closed by {mark.pair[1]}")
            # The pairs the previous paragraph left open, collected once per paragraph
            # (not once per stray closer: quadratic in a paragraph of closers).
            left_open = ({m.pair for m in scans[k - 1][2].marks if m.close_at is None}
                         if k and result.stray_closers else set())
            for at, pair in result.stray_closers:
                if not (pair in quote_pairs and pair in left_open):
                    yield finding_from_rule(
                        rule, doc, at, at + 1,
                        message=f"{rule.message}: {pair[1]} closes nothing opened by {pair[0]}")

    # -- conventions -------------------------------------------------------------
    def _mixing(self, rule: Rule, doc: Document, scans: list[tuple[int, int, Scan]],
                primary: set[Pair], nested: set[Pair]) -> Iterator[Finding]:
        top = [m for _, _, s in scans for m in s.marks
               if m.quote_depth == 0 and m.pair not in BRACKETS]
        if not any(m.pair in primary for m in top):
            return
        for mark in top:
            if mark.pair in nested:
                end = mark.open_at + 1 if mark.close_at is None else mark.close_at + 1
                yield finding_from_rule(
                    rule, doc, mark.open_at, end,
                    message=f"{rule.message}: {mark.pair[0]}…{mark.pair[1]} at the top level "
                            f"of a text quoting with {'/'.join(a + '…' + b for a, b in sorted(primary))}")

    def _foreign_marks(self, rule: Rule, doc: Document, foreign: set[str]) -> Iterator[Finding]:
        if not foreign:
            return
        for match in _characters("".join(sorted(foreign))).finditer(doc.text):
            if word_internal(doc.text, match.start()):
                continue
            yield finding_from_rule(rule, doc, match.start(), match.end())

    def _apostrophes(self, rule: Rule, doc: Document, max_share: float) -> Iterator[Finding]:
        """Both ' and ’ between letters: the rarer form marks pasted or post-edited text."""
        if "'" not in doc.text or "’" not in doc.text:
            return  # one form only: nothing is mixed (most texts)
        by_form: dict[str, list] = {"'": [], "’": []}
        for m in _APOSTROPHE.finditer(doc.text):
            by_form[m.group()].append(m)
        straight, curly = by_form["'"], by_form["’"]
        if not straight or not curly or len(straight) == len(curly):
            return
        minority, majority = sorted((straight, curly), key=len)
        if len(minority) > max_share * (len(minority) + len(majority)):
            return
        for m in minority:
            yield finding_from_rule(
                rule, doc, m.start(), m.end(),
                message=f"{rule.message}: {m.group()} in a text that writes {majority[0].group()} "
                        f"{len(majority)} times")

    # -- spacing -----------------------------------------------------------------
    def _spacing(self, rule: Rule, doc: Document, table: dict) -> Iterator[Finding]:
        text = doc.text
        forbidden = str(table.get("space_before_forbidden", ""))
        if forbidden and _space_before(forbidden).search(text):
            cls = regex.escape(forbidden)
            for m in _pattern(rf"(?<=[\p{{L}}\p{{N}}])[ \u00a0\u202f]+[{cls}]+(?=\s|$)").finditer(text):
                yield finding_from_rule(rule, doc, m.start(), m.end(),
                                        message=f"{rule.message}: space before {m.group().strip()}")
        required = str(table.get("space_before_required", ""))
        if required:
            cls = regex.escape(required)
            # Spaced marks are only counted: the space and mark are matched first and the
            # letter before them looked back at (a pattern starting with \p{L} was
            # tried at every letter of the text, twice as slow).
            yield from self._unspaced_minority(
                rule, doc, rf"[ \u00a0\u202f][{cls}](?<=\p{{L}}..)(?=\s)",
                rf"(?<=\p{{L}}{{2}})[{cls}](?=\s)", "before")
        if table.get("space_inside_guillemets") and ("«" in text or "»" in text):
            yield from self._unspaced_minority(
                rule, doc, r"«[ \u00a0\u202f]|[ \u00a0\u202f]»",
                r"(?<!\p{L})«(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}.!?])»(?!\p{L})", "inside")

    def _unspaced_minority(self, rule: Rule, doc: Document, spaced_pattern: str,
                           bare_pattern: str, where: str) -> Iterator[Finding]:
        """Unspaced marks, when the text spaces the same mark MAJORITY times as often."""
        bare = list(_pattern(bare_pattern).finditer(doc.text))
        if bare and len(_pattern(spaced_pattern).findall(doc.text)) >= MAJORITY * len(bare):
            for m in bare:
                yield finding_from_rule(
                    rule, doc, m.start(), m.end(),
                    message=f"{rule.message}: no space {where} {m.group()}, "
                            "though the text spaces it everywhere else")


@lru_cache(maxsize=None)
def _pattern(pattern: str) -> regex.Pattern:
    """A pattern built from a language's data, compiled once (not looked up per text)."""
    return regex.compile(pattern)


@lru_cache(maxsize=None)
def _characters(chars: str) -> re.Pattern:
    """Any one of the characters; no Unicode property, so the faster standard `re`."""
    return re.compile(f"[{re.escape(chars)}]")


@lru_cache(maxsize=None)
def _space_before(marks: str) -> re.Pattern:
    """A space right before one of the marks: the forbidden-space pattern (a look-behind
    tried at every character) cannot match without one, and most texts that do not
    space their marks have none. No Unicode property: the standard `re` runs it."""
    return re.compile(f"[{SPACES}][{re.escape(marks)}]")


def _once_per_problem(findings: list[Finding]) -> list[Finding]:
    """One finding per distinct problem for a document-scope rule, at its first place.

    Mixed conventions are one decision for the whole text ("use ’ throughout"), so a
    linter user wants it once with a count, not once per apostrophe, and the score
    should not fall eleven times for one habit. The message names the problem, so
    findings with the same message are the same problem."""
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: f.start):
        groups.setdefault(finding.message, []).append(finding)
    out = []
    for message, group in groups.items():
        first = group[0]
        if len(group) > 1:
            first = replace(first, message=f"{message} ({len(group)} places; the first is shown)")
        out.append(first)
    return out
