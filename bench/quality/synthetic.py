"""Score tqcheck on the synthetic injection set: span recall per category, language and
pool split; false flags on the clean originals; content loss on the injected documents.

A gold span counts as *detected* when findings of a noise category (anything but
whitespace, unless the gold is whitespace) cover at least half of its visible
characters (any overlap for encoding and typography spans, whose detectors mark the bad
characters only, and for spans that are all whitespace, like a blank-line run);
*removed* when cleaning deleted at least 90% of those characters (a remove-line finding
reaches its whole line); *exact* when a finding
of the gold category overlaps it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from bench.quality import tq
from bench.quality.audit import confirmed_real, load_audit
from bench.quality.base import BaseDoc
from bench.quality.inject import GoldSpan, SyntheticDoc
from bench.quality.metrics import Loss, _round

DETECT_SHARE = 0.5
REMOVE_SHARE = 0.9
# A mangled word or a stray space is found when a finding touches it: detectors mark
# the bad characters, not the whole word.
TOUCH_IS_ENOUGH = frozenset({"encoding", "typography"})


@dataclass
class SpanCounts:
    total: int = 0
    detected: int = 0
    removed: int = 0
    exact: int = 0

    def to_dict(self) -> dict:
        t = self.total or None
        return {"spans": self.total,
                "recall": _round(self.detected / t) if t else None,
                "removed": _round(self.removed / t) if t else None,
                "category_exact": _round(self.exact / t) if t else None}


@dataclass
class SyntheticRun:
    spans: dict[str, SpanCounts] = field(default_factory=dict)
    loss: dict[str, Loss] = field(default_factory=dict)
    clean_docs: int = 0
    clean_docs_flagged: int = 0
    # Every finding on the clean originals (raw), by category and by rule; the audit
    # (bench/quality/clean_audit.toml) says which are real defects of the original.
    false_flags: dict[str, int] = field(default_factory=dict)   # category -> count
    false_flag_rules: dict[str, int] = field(default_factory=dict)
    false_removals: int = 0  # findings on originals whose action deletes text
    confirmed_real: dict[str, int] = field(default_factory=dict)  # rule -> audited real
    false_flags_by_origin: dict[str, list[int]] = field(default_factory=dict)  # [docs, flags]
    injected_docs: int = 0
    injected_false_flags: int = 0
    # per finding category: [findings on an injected span, findings elsewhere]
    precision_counts: dict[str, list[int]] = field(default_factory=dict)

    def count(self, *keys: str) -> list[SpanCounts]:
        return [self.spans.setdefault(k, SpanCounts()) for k in keys]

    @property
    def findings_per_50(self) -> float | None:
        """Every finding on the clean originals, real defects of the page included."""
        if not self.clean_docs:
            return None
        return 50 * sum(self.false_flags.values()) / self.clean_docs

    @property
    def false_flags_per_50(self) -> float | None:
        """Findings on the clean originals that the audit did not confirm as real defects."""
        if not self.clean_docs:
            return None
        unconfirmed = sum(self.false_flags.values()) - sum(self.confirmed_real.values())
        return 50 * unconfirmed / self.clean_docs

    def precision(self) -> dict[str, dict]:
        """Per finding category: the share of findings that lie on injected noise (of
        any category: mixing up boilerplate and metadata is measured by category_exact),
        and F1 against the recall of the same category."""
        out = {}
        for cat, (hit, miss) in sorted(self.precision_counts.items()):
            p = hit / (hit + miss) if hit + miss else None
            counts = self.spans.get(f"cat={cat}")
            r = counts.detected / counts.total if counts and counts.total else None
            f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
            out[cat] = {"findings": hit + miss, "precision": _round(p), "f1": _round(f1)}
        return out

    def to_dict(self) -> dict:
        return {
            "precision": self.precision(),
            "spans": {k: v.to_dict() for k, v in sorted(self.spans.items())},
            "content_loss": {k: v.to_dict() for k, v in sorted(self.loss.items())},
            "clean_originals": {"docs": self.clean_docs, "docs_flagged": self.clean_docs_flagged,
                                "false_flags": dict(sorted(self.false_flags.items())),
                                "by_rule": dict(sorted(self.false_flag_rules.items())),
                                "by_origin": {k: {"docs": d, "false_flags": n} for k, (d, n)
                                              in sorted(self.false_flags_by_origin.items())},
                                "per_50_docs": _round(self.findings_per_50, 3),
                                "audited_real": dict(sorted(self.confirmed_real.items())),
                                "false_flags_per_50_docs": _round(self.false_flags_per_50, 3),
                                "removals": self.false_removals,
                                "removals_per_50_docs": _round(
                                    50 * self.false_removals / self.clean_docs, 3)
                                if self.clean_docs else None},
            "injected": {"docs": self.injected_docs,
                         "findings_outside_gold": self.injected_false_flags},
        }


@dataclass(frozen=True)
class _Hit:
    """A finding's reach: the whole line for remove-line findings (that is what goes)."""

    category: str
    start: int
    end: int


def _reach(text: str, findings) -> list[_Hit]:
    hits = []
    for f in findings:
        start, end = f.start, f.end
        if f.action == "remove-line":
            start = text.rfind("\n", 0, start) + 1
            nl = text.find("\n", max(end - 1, start))
            end = len(text) if nl < 0 else nl
        hits.append(_Hit(f.category, start, max(end, f.end)))
    return hits


def _judge(gold: GoldSpan, text: str, findings: list[_Hit], deleted: bytes) -> tuple[bool, bool, bool]:
    positions = [i for i in range(gold.start, gold.end) if tq.visible(text[i])]
    exact = any(f.category == gold.category and f.start < gold.end and gold.start < f.end
                for f in findings)
    if not positions:  # all whitespace: any overlapping whitespace finding will do
        hit = any(f.category == "whitespace" and f.start < gold.end and gold.start <= f.end
                  for f in findings)
        return hit, hit, hit
    relevant = [f for f in findings
                if (f.category != "whitespace") or gold.category == "whitespace"]
    if gold.category in TOUCH_IS_ENOUGH:
        touched = any(f.start < gold.end and gold.start < f.end for f in relevant)
        gone = sum(1 for i in positions if deleted[i])
        return touched, gone >= REMOVE_SHARE * len(positions), exact
    covered = sum(1 for i in positions if any(f.start <= i < f.end for f in relevant))
    gone = sum(1 for i in positions if deleted[i])
    return (covered >= DETECT_SHARE * len(positions), gone >= REMOVE_SHARE * len(positions), exact)


def _origin(doc_id: str) -> str:
    """Which kind of clean article: WMT original, WMT human translation, page, sample."""
    if doc_id.startswith("mt/"):
        return "wmt-original" if doc_id.endswith(".original.txt") else "wmt-human-translation"
    return doc_id.split("/")[0]


def evaluate(docs: Iterable[SyntheticDoc], bases: Iterable[BaseDoc],
             given_lang: bool = False) -> SyntheticRun:
    run = SyntheticRun()
    audit = load_audit()
    for base in bases:
        res = tq.run(base.text, base.lang if given_lang else None)
        run.clean_docs += 1
        origin = _origin(base.doc_id)
        tally = run.false_flags_by_origin.setdefault(origin, [0, 0])
        tally[0] += 1
        tally[1] += len(res.findings)
        if res.findings:
            run.clean_docs_flagged += 1
        run.false_removals += sum(1 for f in res.findings if f.action in ("remove-line", "remove-span"))
        for f in res.findings:
            run.false_flags[f.category] = run.false_flags.get(f.category, 0) + 1
            run.false_flag_rules[f.rule] = run.false_flag_rules.get(f.rule, 0) + 1
            if confirmed_real(audit, base.doc_id, f):
                run.confirmed_real[f.rule] = run.confirmed_real.get(f.rule, 0) + 1
    for doc in docs:
        res = tq.run(doc.text, doc.lang if given_lang else None)
        run.injected_docs += 1
        hits = _reach(doc.text, res.findings)
        for gold in doc.gold:
            detected, removed, exact = _judge(gold, doc.text, hits, res.deleted)
            keys = ["all", f"cat={gold.category}", f"cat={gold.category}/lang={doc.lang}",
                    f"cat={gold.category}/split={gold.split}", f"lang={doc.lang}",
                    f"split={gold.split}"]
            for c in run.count(*keys):
                c.total += 1
                c.detected += detected
                c.removed += removed
                c.exact += exact
        inside = bytearray(len(doc.text))
        for gold in doc.gold:
            inside[gold.start:gold.end] = b"\x01" * (gold.end - gold.start)
        chars = deleted = 0
        for i, ch in enumerate(doc.text):
            if not inside[i] and tq.visible(ch):
                chars += 1
                deleted += res.deleted[i]
        for key in ("all", f"lang={doc.lang}"):
            run.loss.setdefault(key, Loss()).add(chars, deleted)
        for f in res.findings:
            on_gold = any(f.start < g.end and g.start < f.end for g in doc.gold)
            counts = run.precision_counts.setdefault(f.category, [0, 0])
            counts[0 if on_gold else 1] += 1
            run.injected_false_flags += not on_gold
    return run
