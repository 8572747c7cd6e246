"""`path:line:col: CODE [category] message` lines, like flake8 and ruff."""
from __future__ import annotations

from typing import Sequence

import click

from tqcheck.model import FileReport

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def _snippet(text: str, limit: int = 60) -> str:
    if not text.strip():
        return text[:limit]
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render(reports: Sequence[FileReport], color: bool = False, **_: object) -> str:
    lines: list[str] = []
    findings = files_with = 0
    for report in reports:
        if report.error:
            lines.append(f"{report.path}: error: {report.error}")
            continue
        for warning in report.warnings:
            lines.append(f"{report.path}: warning: {warning}")
        if report.findings:
            files_with += 1
        for f in report.findings:
            code = click.style(f.rule, fg=_SEVERITY_COLOUR.get(f.severity), bold=True) if color else f.rule
            lines.append(f"{report.path}:{f.line}:{f.column}: {code} [{f.category}] "
                         f"{f.message}: {_snippet(f.text)!r}")
            findings += 1
    checked = sum(1 for r in reports if not r.error)
    errors = sum(1 for r in reports if r.error)
    summary = (f"Found {findings} finding{'s' * (findings != 1)} in {files_with} of "
               f"{checked} file{'s' * (checked != 1)} checked")
    if errors:
        summary += f"; {errors} file{'s' * (errors != 1)} could not be read"
    lines.append(summary + ".")
    return "\n".join(lines) + "\n"
