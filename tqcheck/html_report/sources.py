"""Report records from a fresh run: the corpus layer's inputs (files, directories,
JSONL(.gz), stdin) cleaned in memory, in parallel with --jobs, nothing written.

Each record is the `tqcheck-report.jsonl` line `clean` would write; its text loader
keeps the raw bytes and decodes them again only if the document is shown in full.
"""
from __future__ import annotations

import json
from collections import deque
from typing import Any, Iterator

from tqcheck.cleaning import apply_edits
from tqcheck.corpus.pool import CheckerSpec, batched, ordered_map
from tqcheck.corpus.run import CorpusOptions
from tqcheck.corpus.sources import BadInput, RawRecord, discover, read_records
from tqcheck.corpus.work import Settings, process
from tqcheck.html_report.collect import TextLoader, TextPair
from tqcheck.model import Edit
from tqcheck.reading import ReadError, decode

Record = tuple[dict[str, Any], TextLoader]


class RawText:
    """The original and cleaned text of one raw record, decoded the way `process` did."""

    def __init__(self, raw: RawRecord, settings: Settings, edits: list[dict]) -> None:
        self.raw, self.settings, self.edits = raw, settings, edits

    def __call__(self) -> TextPair:
        raw = self.raw
        if raw.format == "jsonl":
            obj = json.loads(raw.data.decode("utf-8-sig" if raw.line == 1 else "utf-8"))
            original = obj[self.settings.text_field]
        else:
            doc = decode(raw.display, raw.data, self.settings.encoding)
            if isinstance(doc, ReadError):
                return TextPair(None, None, doc.message)
            original = doc.text
        edits = [Edit.from_dict(e) for e in self.edits]
        return TextPair(original, apply_edits(original, edits))


def _unreadable() -> TextPair:
    return TextPair(None, None, "the document could not be read")


def records_from_run(checker: Any, paths: list[str], options: CorpusOptions = CorpusOptions(),
                     spec: CheckerSpec = CheckerSpec()) -> Iterator[Record]:
    """Clean every document of `paths` (in input order) and yield its report record;
    `options.min_score` rejects nothing here (the page shows every document)."""
    o = options
    settings = Settings("clean", o.lang, o.text_field, o.id_field, o.encoding, None)
    in_flight: deque[list[RawRecord]] = deque()

    def records() -> Iterator[RawRecord]:
        for index, inp in enumerate(discover(paths, o.globs, o.input_format)):
            if isinstance(inp, BadInput):
                yield RawRecord(index, inp.display, "text", 0, b"", inp.message)
            else:
                yield from read_records(index, inp)

    def batches() -> Iterator[list[RawRecord]]:
        for batch in batched(records(), o.batch_docs, o.batch_bytes):
            in_flight.append(batch)
            yield batch

    for outcomes in ordered_map(batches(), checker, spec, settings, o.jobs):
        for raw, outcome in zip(in_flight.popleft(), outcomes):
            record = json.loads(outcome.audit) if outcome.audit else outcome.report.to_dict()
            if record.get("error"):
                yield record, _unreadable
            else:
                yield record, RawText(raw, settings, record.get("edits") or [])
