"""`tqcheck report`: one self-contained HTML page about a checked corpus.

    records = records_from_report(Path("cleaned/tqcheck-report.jsonl"), notes)
    html = build_report(records, options)

Split by job: `sources` and `saved` (records from a run or from a saved report),
`collect` (one streaming pass into counters, rows and the few documents shown in full),
`charts` (inline SVG), `views` (one document's highlighted text) and `page` (the
template, CSS and JS).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from tqcheck.html_report.collect import Collected, Collector, TextPair
from tqcheck.html_report.page import render_page
from tqcheck.html_report.saved import ReportFileError, prefetch, records_from_report
from tqcheck.html_report.sources import Record, records_from_run

__all__ = ["ReportOptions", "build_report", "collect", "render", "records_from_report",
           "records_from_run", "ReportFileError", "TextPair", "Collected"]


@dataclass(frozen=True)
class ReportOptions:
    """What the page shows: the threshold line and how many documents get full views."""

    min_score: float | None = None
    worst: int = 200
    sample: int = 200
    seed: int = 0
    source: str = ""


def collect(records: Iterable[Record], options: ReportOptions,
            notes: list[str] | None = None) -> Collected:
    """One pass over `records`; `notes` is read afterwards, so a source may append to it."""
    collector = Collector(worst=options.worst, sample=options.sample, seed=options.seed)
    for record, load_text in records:
        collector.add(record, load_text)
    data = collector.finish()
    prefetch(data.picks)
    data.notes.extend(notes or [])
    return data


def build_report(records: Iterable[Record], options: ReportOptions = ReportOptions(),
                 notes: list[str] | None = None) -> str:
    """The HTML page for `records`; `notes` (e.g. skipped report lines) are listed in it."""
    return render(collect(records, options, notes), options)


def render(data: Collected, options: ReportOptions) -> str:
    """The HTML page for what `collect` gathered."""
    return render_page(data, threshold=options.min_score, source=options.source,
                       worst=options.worst, sample=options.sample, seed=options.seed)
