"""`tqcheck check` as a linter run: check (or fix), report, and decide the exit code.

Kept out of cli.py so the command stays a list of options; kept out of the runner so
reading inputs and judging results can change independently.
"""
from __future__ import annotations

import sys
from typing import Sequence

import click

from tqcheck import reporters
from tqcheck.engine import Checker
from tqcheck.selection import Selection

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def report_check(checker: Checker, selection: Selection, paths: Sequence[str], *,
                 fmt: str = "text", lang: str | None = None, encoding: str = "auto",
                 fix: bool = False, statistics: bool = False) -> int:
    """Run, print, and return the exit code (2 errors > 1 failures or fixes > 0)."""
    if fix:
        from tqcheck.fixing import fix_paths

        result = fix_paths(checker, paths, lang=lang, encoding=encoding)
        fixed = result.fixed
    else:
        from tqcheck.runner import check_paths

        result = check_paths(checker, list(paths), lang=lang, encoding=encoding)
        fixed = []
    for note in result.notes:
        click.echo(f"tqcheck: {note}", err=True)
    for report in result.reports:
        if report.error:
            click.echo(f"tqcheck: {report.path}: {report.error}", err=True)
    for item in fixed:  # pre-commit shows both streams; keep stdout parseable
        click.echo(item.summary(), err=fmt != "text")
    color = sys.stdout.isatty() and fmt == "text"
    if statistics:
        from tqcheck.reporters import statistics_format

        output = statistics_format.render(result.reports, as_json=fmt != "text")
    else:
        output = reporters.get(fmt).render(result.reports, color=color,
                                           ruleset=checker.ruleset)
    click.echo(output, nl=False)
    if result.errors:
        return EXIT_ERROR
    if fixed or any(selection.failing(r) for r in result.reports):
        return EXIT_FINDINGS
    return EXIT_OK
