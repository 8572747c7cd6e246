"""Run tqcheck on a text and turn its edits into per-character and per-line facts the
metrics need: which characters cleaning deleted, and which rule categories did it."""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

NOISE_LINE_SHARE = 0.5  # a line counts as removed when half its visible chars go
LINE_NOISE = frozenset({"boilerplate", "signature", "disclaimer", "metadata"})


EXTRA_RULES: list[str] = []  # rule folders added with --rules (e.g. a branch's rules)


@lru_cache(maxsize=1)
def checker():
    """One Checker (built-in rules plus EXTRA_RULES, fastText loaded once) per run."""
    from tqcheck.engine import Checker
    from tqcheck.ruleset import load_rules

    return Checker(load_rules(EXTRA_RULES) if EXTRA_RULES else None)


def rule_categories() -> dict[str, str]:
    return {rule.code: rule.category for rule in checker().ruleset}


@dataclass(frozen=True)
class CleanResult:
    """What cleaning did to one text: deleted characters and the categories behind them."""

    text: str
    deleted: bytes            # 1 where cleaning deleted the character
    category_at: tuple[str | None, ...]  # category of the edit that touched each char
    findings: tuple           # first-pass findings (tqcheck.Finding)
    language: str | None
    noise_at: bytes = b""     # 1 where a line-noise finding (any action, flags too) reaches


def run(text: str, lang: str | None = None) -> CleanResult:
    result = checker().clean(text, lang=lang)
    categories = rule_categories()
    deleted = bytearray(len(text))
    category_at: list[str | None] = [None] * len(text)
    for edit in result.edits:
        cats = [categories.get(code, "?") for code in edit.rule.split("+") if code]
        # The most telling category: a noise category beats whitespace tidying.
        cat = next((c for c in cats if c != "whitespace"), cats[0] if cats else None)
        for i in range(edit.start, edit.end):
            category_at[i] = cat
        if not edit.replacement:
            deleted[edit.start:edit.end] = b"\x01" * (edit.end - edit.start)
            continue
        ops = difflib.SequenceMatcher(None, edit.text, edit.replacement, autojunk=False)
        for tag, a0, a1, _b0, _b1 in ops.get_opcodes():
            if tag == "delete":
                deleted[edit.start + a0:edit.start + a1] = b"\x01" * (a1 - a0)
    # The first pass's findings say more precisely which rule took what than merged
    # edit codes ("B108+M114") do; a remove-line finding answers for its whole line.
    noise_at = bytearray(len(text))
    for f in result.report.findings:
        start, end = f.start, f.end
        if f.action == "remove-line":
            start = text.rfind("\n", 0, start) + 1
            nl = text.find("\n", max(end - 1, start))
            end = max(len(text) if nl < 0 else nl, f.end)
        if f.category in LINE_NOISE:
            noise_at[start:end] = b"\x01" * (end - start)
        if f.action in ("remove-line", "remove-span"):
            for i in range(start, end):
                category_at[i] = f.category
    return CleanResult(text, bytes(deleted), tuple(category_at), result.report.findings,
                       result.report.language, bytes(noise_at))


def visible(ch: str) -> bool:
    """A character a reader sees: not whitespace, not a control or format character
    (soft hyphen, zero-width space). Deleting invisible debris loses no content."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def nonspace(text: str) -> int:
    """Visible characters in `text` (the unit of content loss)."""
    return sum(1 for ch in text if visible(ch))


@dataclass(frozen=True)
class LineOutcome:
    """One line after cleaning: how many of its visible characters went, and why."""

    chars: int        # visible characters in the line
    deleted: int      # ... of which cleaning deleted
    category: str | None  # category of the edit that deleted most of them
    flagged: int = 0  # ... of which a line-noise finding reaches (flags included)

    @property
    def removed(self) -> bool:
        return self.chars > 0 and self.deleted >= NOISE_LINE_SHARE * self.chars

    @property
    def detected(self) -> bool:
        """Removed, or reported as line noise by a flag-only finding (kept in the text)."""
        return self.removed or (self.chars > 0 and self.flagged >= NOISE_LINE_SHARE * self.chars)


def line_outcomes(lines: Sequence[str], lang: str | None = None,
                  sep: str = "\n") -> tuple[list[LineOutcome], CleanResult]:
    """Clean the lines joined by `sep`; one outcome per line."""
    text = sep.join(lines) + "\n"
    res = run(text, lang)
    out, pos = [], 0
    for line in lines:
        chars = deleted = flagged = 0
        votes: dict[str, int] = {}
        for i in range(pos, pos + len(line)):
            if not visible(line[i - pos]):
                continue
            chars += 1
            flagged += res.noise_at[i]
            if res.deleted[i]:
                deleted += 1
                cat = res.category_at[i] or "?"
                votes[cat] = votes.get(cat, 0) + 1
        category = max(votes, key=votes.get) if votes else None
        out.append(LineOutcome(chars, deleted, category, flagged))
        pos += len(line) + len(sep)
    return out, res
