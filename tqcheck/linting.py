"""`tqcheck check` as a linter: print the reports in the chosen format, decide the exit
code, and the `--fix` variant that rewrites files first.

Kept out of cli.py so the command stays a list of options; kept out of the corpus run
so reading inputs and judging results can change independently. Reports are streamed
to formats that can stream (a corpus run never holds them all).
"""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, Sequence, TextIO

import click

from tqcheck import reporters
from tqcheck.engine import Checker
from tqcheck.model import FileReport
from tqcheck.selection import Selection

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Tally:
    """Counts failing and unreadable reports as they pass through to the reporter."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.failing = self.errors = 0

    def watch(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        for report in reports:
            if report.error:
                self.errors += 1
            elif self.selection.failing(report):
                self.failing += 1
            yield report


def report(reports: Iterable[FileReport], selection: Selection, *, fmt: str = "text",
           color: bool = False, statistics: bool = False, ruleset=None, changed: int = 0,
           out: TextIO | None = None) -> int:
    """Print the reports; the exit code: 2 unreadable input > 1 failing (or files
    changed by --fix) > 0."""
    out = out or sys.stdout
    tally = _Tally(selection)
    watched = tally.watch(reports)
    if statistics:
        from tqcheck.reporters import statistics_format

        out.write(statistics_format.render(list(watched), as_json=fmt != "text"))
    else:
        reporter = reporters.get(fmt)
        if hasattr(reporter, "stream"):
            reporter.stream(watched, out, color=color, ruleset=ruleset)
        else:
            out.write(reporter.render(list(watched), color=color, ruleset=ruleset))
    out.flush()
    if tally.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.failing or changed else EXIT_OK


def fix_and_report(checker: Checker, selection: Selection, paths: Sequence[str], *,
                   fmt: str = "text", statistics: bool = False, lang: str | None = None,
                   encoding: str = "auto", color: bool = False) -> int:
    """`check --fix`: rewrite the files, say what changed, then report what is left."""
    from tqcheck.fixing import fix_paths

    result = fix_paths(checker, paths, lang=lang, encoding=encoding)
    for note in result.notes:
        click.echo(f"tqcheck: {note}", err=True)
    for failed in result.reports:
        if failed.error:
            click.echo(f"tqcheck: {failed.path}: {failed.error}", err=True)
    for item in result.fixed:  # pre-commit shows both streams; keep stdout parseable
        click.echo(item.summary(), err=fmt != "text")
    return report(result.reports, selection, fmt=fmt, color=color, statistics=statistics,
                  ruleset=checker.ruleset, changed=len(result.fixed))
