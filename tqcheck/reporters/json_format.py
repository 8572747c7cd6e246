"""The versioned JSON contract: `{"schema": 1, "files": [FileReport, ...]}`."""
from __future__ import annotations

import io
from typing import Iterable, Sequence, TextIO

from tqcheck import jsonio
from tqcheck.model import SCHEMA_VERSION, FileReport


def document(reports: Sequence[FileReport]) -> dict:
    return {"schema": SCHEMA_VERSION, "files": [r.to_dict() for r in reports]}


def stream(reports: Iterable[FileReport], out: TextIO, **_: object) -> None:
    """The same JSON as `render`, written one file report at a time."""
    out.write(f'{{\n  "schema": {SCHEMA_VERSION},\n  "files": [')
    first = True
    for report in reports:
        body = jsonio.dumps(report.to_dict(), indent=2)
        out.write(("\n" if first else ",\n") + "\n".join("    " + line for line in body.splitlines()))
        first = False
    out.write("\n  ]\n}\n" if not first else "]\n}\n")


def render(reports: Sequence[FileReport], **_: object) -> str:
    buffer = io.StringIO()
    stream(reports, buffer)
    return buffer.getvalue()
