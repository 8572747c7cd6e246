"""The per-file quality score (0-100, 100 = nothing found). Measures; never cleans.

Two kinds of evidence lower it:

* **Noise share** — text that should not be there at all (categories in
  `NOISE_CATEGORIES`: boilerplate, signature, disclaimer, metadata, foreign). Each
  finding covers its characters (a whole line for `remove-line`), weighted by
  severity x category x confidence:
  ``r = N_w / (C + N_w)`` where ``N_w`` is the weighted count of non-space noise
  characters and ``C`` the non-space characters no noise finding covers.
* **Defect density** — problems inside real content (mt-artifact, typography,
  encoding, whitespace): weighted findings per 1,000 content characters,
  ``d = 1000 * sum(w') / max(C, 1000)``. Repeats of one rule weigh less and less: the
  findings of a rule, heaviest first, count ``w/1, w/2, w/3, ...`` (``w' = w / i``), so
  forty invisible soft hyphens weigh like four, not forty, and an article is not sunk
  by one habit repeated; each new finding still adds weight.

``score = 100 * (1 - r) * exp(-K * d)``. Inserting noise text adds to ``N_w`` and
leaves ``C`` alone, and adding a defect only raises ``d``, so more noise never raises
the score (monotonic, property-tested). The breakdown splits the points lost among
categories in proportion to their share of the log-penalty.
"""
from __future__ import annotations

import bisect
import math
import operator
from dataclasses import dataclass, field
from typing import Iterable

from tqcheck.lineindex import line_index
from tqcheck.model import Finding

SEVERITY_WEIGHT = {"error": 1.0, "warning": 0.6, "info": 0.25}
CATEGORY_WEIGHT = {
    "boilerplate": 1.0, "signature": 1.5, "disclaimer": 2.0, "metadata": 0.6,
    "foreign": 1.2, "mt-artifact": 1.0, "typography": 1.5, "encoding": 1.0,
    "whitespace": 0.05,
}
NOISE_CATEGORIES = frozenset({"boilerplate", "signature", "disclaimer", "metadata", "foreign"})
#: Strength of the density term: 1 weighted defect per 1,000 characters costs ~14%.
#: Weights and K were calibrated on devdata (bench/calibration/calibrate.py, figures in
#: bench/RESULTS.md): typography is the strongest MT signal there (guillemets the MT
#: systems close but never open), so it weighs more than single mt-artifact findings.
#: A smaller K ranks whole pages below their own content better still (the same
#: in-content defects count in both), but would let a text full of defects keep ~100.
K = 0.15


@dataclass(frozen=True)
class ScoreModel:
    """The weights in force; per-language settings may swap in their own."""

    severity: dict[str, float] = field(default_factory=lambda: dict(SEVERITY_WEIGHT))
    category: dict[str, float] = field(default_factory=lambda: dict(CATEGORY_WEIGHT))
    k: float = K
    #: Harmonic decay of repeated findings of one rule in the density term.
    decay: bool = True

    def weight(self, f: Finding) -> float:
        return self.severity.get(f.severity, 0.5) * self.category.get(f.category, 1.0) * f.confidence


#: Sort key of the noise list: heaviest first, then leftmost (ties keep their order).
_HEAVIEST_FIRST = operator.itemgetter(0, 1)


def _nonspace(text: str) -> int:
    return len("".join(text.split()))


class _Covered:
    """Characters already counted as noise: sorted, disjoint intervals (touching ones
    joined), with bisect lookups. Rebuilding and re-sorting the whole list for each
    noise finding made scoring quadratic in the findings of a page of menu lines."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int) -> list[tuple[int, int]]:
        """Cover start..end, joining every interval it overlaps or touches, and return
        the parts of it no interval covered before, in order. One pair of bisects does
        both: the intervals that touch start..end hold every one that overlaps it."""
        starts, ends = self.starts, self.ends
        first = bisect.bisect_left(ends, start)   # first interval with b >= start
        last = bisect.bisect_right(starts, end)   # intervals before it have a <= end
        if first < last:
            if starts[first] <= start and end <= ends[first]:
                return []  # inside one interval (it touches no other: they are joined)
            parts, pos = [], start
            for i in range(first, last):
                a = starts[i]
                if a >= end:
                    break
                if a > pos:
                    parts.append((pos, a))
                if ends[i] > pos:
                    pos = ends[i]
            if pos < end:
                parts.append((pos, end))
            start = min(start, starts[first])
            end = max(end, ends[last - 1])
        else:
            parts = [(start, end)] if start < end else []
        starts[first:last] = [start]
        ends[first:last] = [end]
        return parts


def score(text: str, findings: Iterable[Finding], model: ScoreModel | None = None
          ) -> tuple[float, dict[str, float]]:
    """(score, points lost per category) for a text and its findings."""
    model = model or ScoreModel()
    findings = list(findings)
    if not findings:
        return 100.0, {}
    index = line_index(text)
    starts, lines = index.starts, index.lines
    # Noise: each non-space character counts once, at the heaviest finding covering it.
    noise: list[tuple[float, int, int, str]] = []  # (-weight, start, end, category)
    density: dict[str, float] = {}
    per_rule: dict[str, list[tuple[float, str]]] = {}
    weight = model.weight
    for f in findings:
        w = weight(f)
        if f.category in NOISE_CATEGORIES:
            start, end = f.start, f.end
            if f.action == "remove-line":  # it covers its whole lines (= LineIndex.line_at)
                start = lines[max(bisect.bisect_right(starts, start) - 1, 0)].start
                end = lines[max(bisect.bisect_right(starts, max(f.end - 1, f.start)) - 1, 0)].end
            noise.append((-w, start, end, f.category))
        else:
            per_rule.setdefault(f.rule, []).append((w, f.category))
    for weights in per_rule.values():
        for i, (w, cat) in enumerate(sorted(weights, reverse=True), 1):
            density[cat] = density.get(cat, 0.0) + (w / i if model.decay else w)
    covered = _Covered()
    noise_chars = 0
    noise_by_cat: dict[str, float] = {}
    take = covered.take
    for negative, start, end, cat in sorted(noise, key=_HEAVIEST_FIRST):  # stable
        w = -negative
        for a, b in take(start, end):
            chars = len("".join(text[a:b].split()))  # = _nonspace(text[a:b])
            noise_chars += chars
            noise_by_cat[cat] = noise_by_cat.get(cat, 0.0) + w * chars
    content = _nonspace(text) - noise_chars
    n_w = sum(noise_by_cat.values())
    share = n_w / (content + n_w) if content + n_w > 0 else 0.0
    share = min(share, 0.999999)
    share_penalty = -math.log1p(-share)
    scale = 1000.0 / max(content, 1000)
    density_penalty = {c: model.k * w * scale for c, w in density.items()}
    total = share_penalty + sum(density_penalty.values())
    value = 100.0 * math.exp(-total)
    lost = 100.0 - value
    breakdown: dict[str, float] = {}
    if total > 0:
        for cat, w in noise_by_cat.items():
            breakdown[cat] = breakdown.get(cat, 0.0) + lost * (share_penalty * w / n_w) / total
        for cat, p in density_penalty.items():
            breakdown[cat] = breakdown.get(cat, 0.0) + lost * p / total
    return value, breakdown
