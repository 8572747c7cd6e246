"""tqcheck as datatrove pipeline steps: a filter that keeps or drops by score, and a
formatter that cleans.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("in/"),
        TqcheckFormatter(),                                   # clean, record in metadata
        TqcheckFilter(min_score=60, exclusion_writer=JsonlWriter("rejected/")),
        JsonlWriter("out/"),
    ], tasks=4, logging_dir="logs/").run()

Both steps store the same record in `doc.metadata["tqcheck"]` (see
`tqcheck.integrations.document_record`); the filter reuses a record the formatter
already made, so the pipeline above checks each document once. Statistics go to
datatrove's stats (`logs/stats.json`): one entry per finding category
(`tqcheck_<category>`: findings in total, and `n` = documents with at least one), the
score, the characters removed, and datatrove's own `dropped_tqcheck:<category>`.

Steps are pickled to datatrove's workers: they carry a `CheckerSpec`, and the Checker
(rules and fastText model) is built once per worker process.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from tqcheck.integrations import (RECORD_KEY, CheckerSpec, below, checker_for,
                                  cleaned_record, document_record, drop_reason)


def _record_stats(step: PipelineStep, record: dict[str, Any]) -> None:
    """Per-category findings, score and removed characters into the step's stats."""
    for category, count in record["categories"].items():
        if count:
            step.stat_update(f"tqcheck_{category}", value=count)
    if record.get("score") is not None:
        step.stat_update("tqcheck_score", value=record["score"])
    if record.get("removed_chars"):
        step.stat_update("tqcheck_removed_chars", value=record["removed_chars"])
    if record.get("error"):
        step.stat_update("tqcheck_errors")


class _UsesChecker:
    """Holds the spec; builds the Checker lazily where the step runs."""

    spec: CheckerSpec

    @property
    def checker(self):
        return checker_for(self.spec)


class TqcheckFormatter(_UsesChecker, PipelineStep):
    """Replace `doc.text` with tqcheck's cleaned text and store the record (score,
    language, findings in all and per category, rules, edits) in `doc.metadata["tqcheck"]`.

    The edits are in original offsets: `tqcheck.rebuild(doc.text, edits)` gives the
    original back, so nothing the pipeline removes is lost.
    """

    name = "tqcheck clean"
    type = "✂️ - FORMAT"

    def __init__(self, *, lang: str | None = None, rules_dirs: Sequence[str | Path] = (),
                 lid_model: str | Path | None = None) -> None:
        super().__init__()
        self.spec = CheckerSpec.make(lang, rules_dirs, lid_model)
        self.spec.validate()

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        checker = self.checker
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                cleaned = checker.clean(doc.text, lang=self.spec.lang)
                record = cleaned_record(cleaned)
                doc.text = cleaned.text
                doc.metadata[RECORD_KEY] = record
            _record_stats(self, record)
            self.update_doc_stats(doc)
            yield doc


class TqcheckFilter(_UsesChecker, BaseFilter):
    """Keep documents scoring at least `min_score`; drop the rest with the reason
    `tqcheck:<category>` (the category that cost the most points), which datatrove
    counts in its stats and writes as `filter_reason` through `exclusion_writer`.

    The record goes into `doc.metadata["tqcheck"]` for kept and dropped documents alike.
    A record already there (from `TqcheckFormatter` earlier in the pipeline) is reused
    rather than checking again: its score is the original document's, exactly as the
    CLI reports it. Pass `reuse_record=False` to always check the text as it is now.
    """

    name = "tqcheck score"

    def __init__(self, min_score: float = 50.0, *, lang: str | None = None,
                 rules_dirs: Sequence[str | Path] = (), lid_model: str | Path | None = None,
                 exclusion_writer: DiskWriter | None = None, reuse_record: bool = True) -> None:
        super().__init__(exclusion_writer=exclusion_writer)
        if not 0 <= min_score <= 100:
            raise ValueError(f"min_score must be between 0 and 100, got {min_score}")
        self.min_score = float(min_score)
        self.reuse_record = reuse_record
        self.spec = CheckerSpec.make(lang, rules_dirs, lid_model)
        self.spec.validate()

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        record = doc.metadata.get(RECORD_KEY) if self.reuse_record else None
        if not isinstance(record, dict) or "score" not in record:
            record = document_record(self.checker.check(doc.text, lang=self.spec.lang))
            doc.metadata[RECORD_KEY] = record
            _record_stats(self, record)
        if below(record, self.min_score):
            return False, drop_reason(record)
        return True


__all__ = ["TqcheckFilter", "TqcheckFormatter"]
