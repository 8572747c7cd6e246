"""`path:line:col: CODE [category] message` lines, like flake8 and ruff.

A document inside a JSONL file shows as `path[id]:line:col`, its id being the record's
--id-field value or its line number in the file.
"""
from __future__ import annotations

import io
from typing import Iterable, Sequence, TextIO

import click

from tqcheck.model import FileReport

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def _snippet(text: str, limit: int = 60) -> str:
    if not text.strip():
        return text[:limit]
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _where(report: FileReport) -> str:
    return f"{report.path}[{report.id}]" if report.id else f"{report.path}"


def stream(reports: Iterable[FileReport], out: TextIO, color: bool = False, **_: object) -> None:
    """Write findings as reports arrive (a corpus run never holds them all)."""
    findings = files_with = checked = errors = 0
    records = False  # JSONL input: the units are documents, not files
    for report in reports:
        records = records or bool(report.id)
        lines: list[str] = []
        where = _where(report)
        if report.error:
            errors += 1
            lines.append(f"{where}: error: {report.error}")
        else:
            checked += 1
        for warning in report.warnings:
            lines.append(f"{where}: warning: {warning}")
        if report.findings:
            files_with += 1
        for f in report.findings:
            code = click.style(f.rule, fg=_SEVERITY_COLOUR.get(f.severity), bold=True) if color else f.rule
            lines.append(f"{where}:{f.line}:{f.column}: {code} [{f.category}] "
                         f"{f.message}: {_snippet(f.text)!r}")
        findings += len(report.findings)
        if lines:
            out.write("\n".join(lines) + "\n")
    unit = "document" if records else "file"
    summary = (f"Found {findings} finding{'s' * (findings != 1)} in {files_with} of "
               f"{checked} {unit}{'s' * (checked != 1)} checked")
    if errors:
        summary += f"; {errors} {unit}{'s' * (errors != 1)} could not be read"
    out.write(summary + ".\n")


def render(reports: Sequence[FileReport], color: bool = False, **_: object) -> str:
    buffer = io.StringIO()
    stream(reports, buffer, color=color)
    return buffer.getvalue()
