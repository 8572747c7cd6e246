"""Stream report records into the numbers, table rows and per-file picks of a report.

A corpus can hold millions of documents, so nothing here keeps a document's text or
findings unless it is one of the few shown in full: the worst `worst` by score (a
bounded heap) and a seeded random sample of the others (a reservoir). Everything else
is reduced to counters and one compact table row.
"""
from __future__ import annotations

import heapq
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Callable

from tqcheck.model import CATEGORIES

#: Score histogram: 20 bins of 5 points; 100 falls into the last bin.
BINS = 20


@dataclass(frozen=True)
class TextPair:
    """A document's original and cleaned text, or why they could not be found."""

    original: str | None
    cleaned: str | None
    note: str | None = None


TextLoader = Callable[[], TextPair]


@dataclass(frozen=True)
class Pick:
    """One document chosen for a full view: its record and how to fetch its text."""

    index: int
    record: dict[str, Any]
    load_text: TextLoader
    reason: str  # "worst" or "sample"


@dataclass
class Collected:
    """Everything the page shows, gathered in one pass over the records."""

    files: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    error_count: int = 0
    chars: int = 0
    removed_chars: int = 0
    findings: int = 0
    scores: list[float] = field(default_factory=list)
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    categories: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)
    rule_info: dict[str, tuple[str, str]] = field(default_factory=dict)
    languages: Counter = field(default_factory=Counter)
    sources: dict[str, list[float]] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)
    #: Rule codes and categories, numbered; a row lists its tags by number (smaller page).
    tags: dict[str, int] = field(default_factory=dict)
    picks: list[Pick] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return len(self.scores)

    def below(self, threshold: float | None) -> int | None:
        return None if threshold is None else sum(1 for s in self.scores if s < threshold)


def _label(record: dict[str, Any]) -> str:
    path = record.get("path") or ""
    ident = record.get("id")
    if ident is not None and str(ident) != path:
        return f"{path} [{ident}]" if path else str(ident)
    return path or "(unnamed)"


def _source(record: dict[str, Any]) -> str:
    """Where a document came from, for the worst-sources table: its folder (or file,
    for records read from a JSONL file)."""
    path = record.get("path") or ""
    if record.get("id") is not None:
        return path or "(unnamed)"
    parent = str(PurePath(path).parent) if path else ""
    return parent if parent not in ("", ".") else "(top level)"


class Collector:
    """Feed it records with `add`; `finish` returns the gathered `Collected`."""

    def __init__(self, worst: int = 200, sample: int = 200, seed: int = 0,
                 max_errors_listed: int = 200) -> None:
        self.worst, self.sample, self.seed = worst, sample, seed
        self._rng = random.Random(seed)
        self._heap: list[tuple[float, int, Pick]] = []  # max-heap by score via negation
        self._reservoir: list[Pick] = []
        self._seen_scored = 0
        self._max_errors = max_errors_listed
        self.data = Collected()

    def add(self, record: dict[str, Any], load_text: TextLoader) -> None:
        data = self.data
        index = data.files
        data.files += 1
        label = _label(record)
        error = record.get("error")
        score = record.get("score")
        if error or score is None:
            data.error_count += 1
            if len(data.errors) < self._max_errors:
                data.errors.append((label, str(error or "no score")))
            data.rows.append([label, None, None, 0, 0, 0, [], None])
            return
        score = float(score)
        findings = record.get("findings") or []
        chars, removed = int(record.get("chars") or 0), int(record.get("removed_chars") or 0)
        language = record.get("language") or "und"
        data.scores.append(score)
        data.histogram[min(int(score // (100 / BINS)), BINS - 1)] += 1
        data.chars += chars
        data.removed_chars += removed
        data.findings += len(findings)
        data.languages[language] += 1
        data.sources.setdefault(_source(record), []).append(score)
        tags: set[str] = set()
        for f in findings:
            rule, category = str(f.get("rule", "?")), str(f.get("category", "?"))
            data.categories[category] += 1
            data.rules[rule] += 1
            if rule not in data.rule_info:
                data.rule_info[rule] = (str(f.get("name", "")), category)
            tags.add(rule)
            tags.add(category)
        tag_ids = sorted(data.tags.setdefault(tag, len(data.tags)) for tag in sorted(tags))
        data.rows.append([label, round(score, 2), language, len(findings), removed, chars,
                          tag_ids, None])
        self._choose(Pick(index, record, load_text, "worst"), score)

    def _choose(self, pick: Pick, score: float) -> None:
        if self.worst > 0:
            item = (-score, -pick.index, pick)
            if len(self._heap) < self.worst:
                heapq.heappush(self._heap, item)
            elif item > self._heap[0]:
                heapq.heapreplace(self._heap, item)
        # Reservoir sampling (algorithm R) over every scored document; the worst are
        # removed from it at the end, so it holds worst + sample candidates.
        size = self.worst + self.sample
        self._seen_scored += 1
        if len(self._reservoir) < size:
            self._reservoir.append(pick)
        else:
            slot = self._rng.randrange(self._seen_scored)
            if slot < size:
                self._reservoir[slot] = pick

    def finish(self) -> Collected:
        data = self.data
        worst = sorted((item[2] for item in self._heap),
                       key=lambda p: (p.record["score"], p.index))
        taken = {p.index for p in worst}
        rest = [p for p in self._reservoir if p.index not in taken]
        random.Random(self.seed).shuffle(rest)
        sample = sorted(rest[: self.sample], key=lambda p: p.index)
        data.picks = worst + [Pick(p.index, p.record, p.load_text, "sample") for p in sample]
        for number, pick in enumerate(data.picks):
            data.rows[pick.index][7] = number
        return data


def ordered_categories(counts: Counter) -> list[tuple[str, int]]:
    """Categories in the fixed vocabulary order, then any unknown ones, skipping zeros."""
    known = [(c, counts[c]) for c in CATEGORIES if counts.get(c)]
    extra = sorted((c, n) for c, n in counts.items() if c not in CATEGORIES and n)
    return known + extra
