"""tqcheck for Ray Data: a callable class for `Dataset.map_batches`.

    import ray
    from tqcheck.integrations.ray import TqcheckCleaner, clean_dataset

    ds = ray.data.read_json("in/")                     # rows with a "text" column
    ds = clean_dataset(ds, min_score=60, concurrency=4)
    # or, spelled out:
    ds = ds.map_batches(TqcheckCleaner, fn_constructor_kwargs={"min_score": 60},
                        batch_format="pyarrow",
                        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=4))
    ds.filter(lambda row: row["filter_reason"] is None).write_json("out/")
    ds.filter(lambda row: row["filter_reason"] is not None).write_json("rejected/")

Each actor builds its Checker (rules + fastText model) once, in `__init__`, and reuses
it for every batch. The output has the input's columns with `text` cleaned, a
`tqcheck` struct column holding the same record the datatrove steps put in
`doc.metadata["tqcheck"]` (score, language, findings in all and per category, rules,
edits), and, when `min_score` is set, `filter_reason`: null for a kept row,
`tqcheck:<category>` for one under the threshold (datatrove's name for it). Rows are
never dropped here: what to do with the rejected ones is the caller's choice, so
nothing is lost.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa

from tqcheck.integrations import (RECORD_KEY, CheckerSpec, below, checker_for,
                                  cleaned_record, document_record, drop_reason)
from tqcheck.model import CATEGORIES, FileReport

FILTER_COLUMN = "filter_reason"

EDIT_TYPE = pa.struct([("start", pa.int64()), ("end", pa.int64()),
                       ("replacement", pa.string()), ("rule", pa.string()),
                       ("text", pa.string())])
#: One fixed Arrow type for the record, so every block has the same schema.
RECORD_TYPE = pa.struct([
    ("score", pa.float64()),
    ("language", pa.string()),
    ("findings", pa.int64()),
    ("removed_chars", pa.int64()),
    ("language_confidence", pa.float64()),
    ("chars", pa.int64()),
    ("categories", pa.struct([(c, pa.int64()) for c in CATEGORIES])),
    ("rules", pa.list_(pa.string())),
    ("score_breakdown", pa.struct([(c, pa.float64()) for c in CATEGORIES])),
    ("error", pa.string()),
    ("edits", pa.list_(EDIT_TYPE)),
])


def _as_table(batch: Any) -> pa.Table:
    """Ray hands batches as Arrow tables, pandas frames or dicts of NumPy arrays."""
    if isinstance(batch, pa.Table):
        return batch
    if isinstance(batch, dict):
        return pa.table({k: pa.array(list(v)) for k, v in batch.items()})
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas.DataFrame
        return pa.Table.from_pandas(batch, preserve_index=False)
    raise TypeError(f"unsupported batch type {type(batch).__name__}; "
                    "use batch_format='pyarrow'")


class TqcheckCleaner:
    """A `map_batches` callable class: clean (or only check) the text column of each
    batch and add the `tqcheck` record column (and `filter_reason` with `min_score`)."""

    def __init__(self, *, lang: str | None = None, rules_dirs: Sequence[str | Path] = (),
                 lid_model: str | Path | None = None, text_column: str = "text",
                 clean: bool = True, min_score: float | None = None) -> None:
        if min_score is not None and not 0 <= min_score <= 100:
            raise ValueError(f"min_score must be between 0 and 100, got {min_score}")
        self.spec = CheckerSpec.make(lang, rules_dirs, lid_model)
        self.spec.validate()
        self.checker = checker_for(self.spec)  # once per actor
        self.text_column = text_column
        self.clean = clean
        self.min_score = min_score

    def process(self, text: Any) -> tuple[Any, dict[str, Any]]:
        """(new text, record) for one value of the text column."""
        if not isinstance(text, str):
            got = "no text" if text is None else f"text is {type(text).__name__}, not a string"
            record = document_record(FileReport.failed(None, got))
            record["edits"] = []
            return text, record
        if not self.clean:
            record = document_record(self.checker.check(text, lang=self.spec.lang))
            record["edits"] = None
            return text, record
        cleaned = self.checker.clean(text, lang=self.spec.lang)
        return cleaned.text, cleaned_record(cleaned)

    def __call__(self, batch: Any) -> pa.Table:
        table = _as_table(batch)
        if self.text_column not in table.column_names:
            raise KeyError(f"no column {self.text_column!r} in the batch "
                           f"(columns: {', '.join(table.column_names)}); pass text_column=")
        texts, records = [], []
        for value in table.column(self.text_column).to_pylist():
            text, record = self.process(value)
            texts.append(text)
            records.append(record)
        position = table.column_names.index(self.text_column)
        table = table.set_column(position, self.text_column, pa.array(texts, pa.string()))
        table = _replace(table, RECORD_KEY, pa.array(records, RECORD_TYPE))
        if self.min_score is not None:
            reasons = [drop_reason(r) if below(r, self.min_score) else None for r in records]
            table = _replace(table, FILTER_COLUMN, pa.array(reasons, pa.string()))
        return table


def _replace(table: pa.Table, name: str, column: pa.Array) -> pa.Table:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, column)
    return table.append_column(name, column)


def clean_dataset(ds: Any, *, concurrency: int = 1, batch_size: int = 64,
                  **options: Any) -> Any:
    """`ds.map_batches` with TqcheckCleaner on a pool of up to `concurrency` actors, one
    CPU each; `options` go to TqcheckCleaner (lang, rules_dirs, lid_model, text_column,
    clean, min_score).

    The pool starts with one actor and grows to `concurrency`: a fixed pool as large as
    the cluster's CPUs would hold every CPU and starve the read tasks that feed it
    (seen on a 2-CPU local Ray reading JSONL: it hung).
    """
    import ray.data

    return ds.map_batches(TqcheckCleaner, fn_constructor_kwargs=options,
                          batch_format="pyarrow", batch_size=batch_size, num_cpus=1,
                          compute=ray.data.ActorPoolStrategy(min_size=1, max_size=concurrency))


__all__ = ["EDIT_TYPE", "FILTER_COLUMN", "RECORD_TYPE", "TqcheckCleaner", "clean_dataset"]
