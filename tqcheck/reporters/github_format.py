"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

`::warning file=a.txt,line=3,col=1,endLine=3,endColumn=12,title=B101 share-widget::...`
The message and the properties are escaped as the runner expects (`%`, CR and LF in
both; `:` and `,` in properties too), or a finding whose text holds a newline would
end the command early and leak the rest into the log.
"""
from __future__ import annotations

import io
from typing import Iterable, Sequence, TextIO

from tqcheck.model import FileReport, Finding

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
SNIPPET = 120


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items()
                     if v is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def annotation(path: str | None, f: Finding, doc_id: str | None = None) -> str:
    text = f.text if len(f.text) <= SNIPPET else f.text[: SNIPPET - 1] + "…"
    message = f"{f.message} [{f.category}]: {text}"
    level, title = LEVEL.get(f.severity, "warning"), f"{f.rule} {f.name}"
    if doc_id is not None:
        # A record of a JSONL file: its lines are not the file's, so the annotation
        # goes on the file and says where in the record.
        return command(level, f"[{doc_id}] {f.line}:{f.column}: {message}", file=path,
                       title=title)
    return command(level, message, file=path, line=f.line, col=f.column,
                   endLine=f.end_line, endColumn=f.end_column, title=title)


def lines(report: FileReport) -> list[str]:
    if report.error:
        return [command("error", f"tqcheck could not check this file: {report.error}",
                        file=report.path, title="tqcheck")]
    return [annotation(report.path, f, report.id) for f in report.findings]


def stream(reports: Iterable[FileReport], out: TextIO, **_: object) -> None:
    """Write each file's annotations as its report arrives."""
    for report in reports:
        for line in lines(report):
            out.write(line + "\n")


def render(reports: Sequence[FileReport], **_: object) -> str:
    buffer = io.StringIO()
    stream(reports, buffer)
    return buffer.getvalue()
