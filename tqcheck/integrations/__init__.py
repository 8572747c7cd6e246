"""Adapters that run tqcheck as a native step of other people's pipelines.

`tqcheck.integrations.datatrove` (filter and formatter steps) and
`tqcheck.integrations.ray` (a `map_batches` callable class) are thin shells: each one
builds a `Checker` from a picklable `CheckerSpec` once per worker process or actor, and
describes every document with the same record (`document_record`). So a document's
cleaned text, score, language and edits are the same whether it went through the CLI,
a datatrove pipeline or a Ray Dataset (`tests/test_equivalence.py` checks it).

Neither datatrove nor Ray is imported here: the core install stays light, and each
adapter module imports its framework only when it is used.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from tqcheck.model import CATEGORIES, Cleaned, Edit, FileReport

#: Key of the record in datatrove's `doc.metadata` and name of the Ray column.
RECORD_KEY = "tqcheck"
#: Prefix of a drop reason, e.g. "tqcheck:boilerplate" (datatrove's `filter_reason`).
REASON_PREFIX = "tqcheck:"


@dataclass(frozen=True)
class CheckerSpec:
    """What it takes to build a Checker in another process: small and picklable.

    Pipeline steps are pickled and shipped to workers (datatrove's executors, Ray
    actors); a loaded fastText model must not travel with them, so the step carries
    this spec and builds the Checker where it runs (`checker_for`, once per process).
    """

    lang: str | None = None
    rules_dirs: tuple[str, ...] = ()
    lid_model: str | None = None

    @classmethod
    def make(cls, lang: str | None = None, rules_dirs: Sequence[str | Path] = (),
             lid_model: str | Path | None = None) -> "CheckerSpec":
        return cls(lang or None, tuple(str(d) for d in rules_dirs),
                   str(lid_model) if lid_model else None)

    def validate(self) -> None:
        """Fail early, in the driver, on what would otherwise fail in every worker:
        a bad rule folder, a missing model, an unknown language code."""
        checker = checker_for(self)
        if self.lang and self.lang not in checker.identifier.labels:
            raise ValueError(f"unknown language code {self.lang!r} "
                             "(use an ISO 639-1 code such as fr, en, de)")


@functools.lru_cache(maxsize=8)
def checker_for(spec: CheckerSpec):
    """The process-wide Checker for a spec: rules parsed and the model loaded once."""
    from tqcheck.engine import Checker
    from tqcheck.ruleset import load_rules

    ruleset = load_rules([Path(d) for d in spec.rules_dirs])
    return Checker(ruleset, lid_model=spec.lid_model)


def category_counts(report: FileReport) -> dict[str, int]:
    """Findings per category, every category present (zeros included) so that columnar
    formats (Arrow, Parquet) get one fixed schema."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for finding in report.findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
    return counts


def document_record(report: FileReport, edits: Sequence[Edit] | None = None) -> dict[str, Any]:
    """The `tqcheck` record stored with a document: score, language, findings summary
    and, when the document was cleaned, the edits that rebuild the original.

    Its first keys are those of the `tqcheck` object the CLI adds to JSONL output
    (score, language, findings = total count, removed_chars, edits) with the same
    values; the rest adds the per-category and per-rule summary. Rounding follows
    `FileReport.to_dict`, so the record's score is the CLI report's.
    """
    breakdown = report.breakdown or {}
    record: dict[str, Any] = {
        "score": None if report.score is None else round(report.score, 2),
        "language": report.language,
        "findings": len(report.findings),
        "removed_chars": report.removed_chars,
        "language_confidence": (None if report.language_confidence is None
                                else round(report.language_confidence, 4)),
        "chars": report.chars,
        "categories": category_counts(report),
        "rules": sorted({f.rule for f in report.findings}),
        "score_breakdown": {c: round(breakdown.get(c, 0.0), 2) for c in CATEGORIES},
        "error": report.error,
    }
    if edits is not None:
        record["edits"] = [e.to_dict() for e in edits]
    return record


def cleaned_record(cleaned: Cleaned) -> dict[str, Any]:
    return document_record(cleaned.report, cleaned.edits)


def drop_reason(record: dict[str, Any]) -> str:
    """`tqcheck:<category>` naming the category that cost the most points; ties go to
    the first in `CATEGORIES` order, so the reason is deterministic."""
    breakdown = record.get("score_breakdown") or {}
    worst = max(CATEGORIES, key=lambda c: (breakdown.get(c, 0.0), -CATEGORIES.index(c)))
    if record.get("error"):
        return REASON_PREFIX + "error"
    if not breakdown.get(worst):
        return REASON_PREFIX + "score"
    return REASON_PREFIX + worst


def below(record: dict[str, Any], min_score: float | None) -> bool:
    """Whether a record falls under the threshold (a document that could not be
    checked has no score and is always dropped when a threshold is set)."""
    if min_score is None:
        return False
    score = record.get("score")
    return score is None or score < min_score


__all__ = ["RECORD_KEY", "REASON_PREFIX", "CheckerSpec", "below", "category_counts",
           "checker_for", "cleaned_record", "document_record", "drop_reason"]
