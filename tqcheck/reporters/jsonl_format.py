"""One JSON object per line, for streaming into jq, a database or another pipeline.

A line per finding (the finding's fields from the JSON contract, plus `path` and the
document `id` when it has one); a file that could not be read gives one line with
`path` and `error`. Files without findings give no line.
"""
from __future__ import annotations

import io
import json
from typing import Iterable, Sequence, TextIO

from tqcheck.model import FileReport


def records(report: FileReport) -> list[dict]:
    head = {"path": report.path}
    if report.id is not None:
        head["id"] = report.id
    if report.error:
        return [{**head, "error": report.error}]
    return [{**head, **f.to_dict()} for f in report.findings]


def stream(reports: Iterable[FileReport], out: TextIO, **_: object) -> None:
    """Write each file's lines as its report arrives (a corpus run never holds them all)."""
    for report in reports:
        for record in records(report):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def render(reports: Sequence[FileReport], **_: object) -> str:
    buffer = io.StringIO()
    stream(reports, buffer)
    return buffer.getvalue()
