"""Assemble the one self-contained HTML page: summary, charts, files table, views.

The page loads nothing from anywhere (inline CSS, JS and SVG). A Content-Security-Policy
with a per-page nonce allows only our own script to run and forbids every fetch, so
even a slip in escaping could not run a document's `<script>` or `onerror` handler.
"""
from __future__ import annotations

import json
import os
import secrets
import statistics
from datetime import datetime, timezone
from importlib import resources
from typing import Sequence

from tqcheck import __version__
from tqcheck.html_report.charts import CATEGORY_COLOURS, NEUTRAL, Bar, bar_chart, histogram
from tqcheck.html_report.collect import Collected, ordered_categories
from tqcheck.html_report.views import TEXT_LIMIT, escape, render_view

TOP_RULES = 15
TOP_LANGUAGES = 12
TOP_SOURCES = 15


def _asset(name: str) -> str:
    return resources.files("tqcheck.html_report").joinpath(name).read_text("utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>` or `&`
    can close the element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a path with undecodable bytes: \udcXX escapes instead
        text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def common_folder(labels: Sequence[str]) -> str:
    """The folder every label starts with (ending in a separator), or ''."""
    if len(labels) < 2:
        return ""
    prefix = os.path.commonprefix(list(labels))
    cut = max(prefix.rfind("/"), prefix.rfind("\\"))
    return prefix[: cut + 1] if cut > 0 else ""


def _card(value: str, caption: str) -> str:
    return f'<div class="card"><b>{escape(value)}</b><span>{escape(caption)}</span></div>'


def _summary(data: Collected, threshold: float | None) -> str:
    scores = data.scores
    cards = [_card(f"{data.files:,}", "documents"), _card(f"{data.findings:,}", "findings")]
    if scores:
        cards.append(_card(f"{statistics.fmean(scores):.1f}", "mean score"))
        cards.append(_card(f"{statistics.median(scores):.1f}", "median score"))
    share = 100 * data.removed_chars / data.chars if data.chars else 0.0
    cards.append(_card(f"{data.removed_chars:,}", f"characters removed ({share:.1f}% of {data.chars:,})"))
    clean = sum(1 for s in scores if s >= 100)
    cards.append(_card(f"{clean:,}", "documents scoring 100"))
    below = data.below(threshold)
    if below is not None:
        cards.append(_card(f"{below:,}", f"below min-score {threshold:g}"))
    if data.error_count:
        cards.append(_card(f"{data.error_count:,}", "could not be read"))
    return f'<section id="summary"><div class="cards">{"".join(cards)}</div></section>'


def _charts(data: Collected, threshold: float | None) -> str:
    categories = [Bar(c, n, CATEGORY_COLOURS.get(c, NEUTRAL)) for c, n in ordered_categories(data.categories)]
    rules = []
    for code, n in data.rules.most_common(TOP_RULES):
        name, category = data.rule_info.get(code, ("", ""))
        rules.append(Bar(f"{code} {name}", n, CATEGORY_COLOURS.get(category, NEUTRAL),
                         f"{code} {name} [{category}]: {n:,} findings"))
    languages = [Bar(lang, n, "#4e79a7", f"{lang}: {n:,} documents")
                 for lang, n in data.languages.most_common(TOP_LANGUAGES)]
    more_langs = len(data.languages) - len(languages)
    threshold_note = ("" if threshold is not None else
                      '<p class="note">No --min-score given, so no threshold is drawn.</p>')
    figures = [
        ("Score per document", histogram(data.histogram, threshold, title="Score per document")
         + threshold_note),
        ("Findings per category", bar_chart(categories, title="Findings per category")),
        (f"Top {len(rules)} rules", bar_chart(rules, title="Top rules")),
        (f"Languages ({len(data.languages)} found)",
         bar_chart(languages, width=360, label_width=80, title="Languages")
         + (f'<p class="note">and {more_langs} more</p>' if more_langs > 0 else "")),
    ]
    parts = [f'<figure><h3>{escape(title)}</h3>{svg}</figure>' for title, svg in figures]
    return f'<section id="charts"><h2>Charts</h2><div class="charts">{"".join(parts)}</div></section>'


def _sources(data: Collected, threshold: float | None, prefix: str) -> str:
    if len(data.sources) < 2:
        return ""
    ranked = sorted(data.sources.items(), key=lambda kv: (statistics.fmean(kv[1]), kv[0]))
    rows = []
    for name, scores in ranked[:TOP_SOURCES]:
        below = "" if threshold is None else f'<td class="num">{sum(s < threshold for s in scores):,}</td>'
        shown = name[len(prefix):] if prefix and name.startswith(prefix) else name
        rows.append(f'<tr><td>{escape(shown or name)}</td><td class="num">{len(scores):,}</td>'
                    f'<td class="num">{statistics.fmean(scores):.1f}</td>'
                    f'<td class="num">{min(scores):.1f}</td>{below}</tr>')
    below_head = "" if threshold is None else f'<th class="num">below {threshold:g}</th>'
    return ('<section id="sources"><h2>Worst sources</h2><p class="note">Folders (or JSONL '
            f'files) by mean score, worst first; {min(len(ranked), TOP_SOURCES)} of '
            f'{len(ranked)}.</p><table><thead><tr><th>source</th><th class="num">files</th>'
            f'<th class="num">mean score</th><th class="num">lowest</th>{below_head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></section>')


def _table(prefix: str, threshold: float | None) -> str:
    where = (f' Paths are relative to <code>{escape(prefix)}</code>.' if prefix else "")
    heads = [("path", 0, ""), ("score", 1, "num"), ("language", 2, ""), ("findings", 3, "num"),
             ("chars removed", 4, "num"), ("chars", 5, "num")]
    cells = "".join(f'<th data-key="{key}" class="{cls}">{name}</th>' for name, key, cls in heads)
    return ('<section id="table"><h2>Files</h2><div class="controls">'
            '<input id="filter" type="search" placeholder="filter: path, language, rule code '
            'or category (all words must match)" aria-label="filter files">'
            + ("" if threshold is None else '<label><input id="below-only" type="checkbox"> '
               f'below min-score {threshold:g} only</label>') +
            f'<span id="status"></span></div><p class="note">Click a column to sort.{where}</p>'
            f'<table id="files"><thead><tr>{cells}<th>text</th></tr></thead>'
            '<tbody id="file-rows"></tbody></table><button id="more" hidden>show more</button>'
            '<noscript><p>The files table needs JavaScript.</p></noscript></section>')


def _views(data: Collected, labels: Sequence[str], worst: int, sample: int, seed: int) -> str:
    n_worst = sum(1 for p in data.picks if p.reason == "worst")
    n_sample = len(data.picks) - n_worst
    legend = "".join(f'<span><span class="swatch c-{c}"></span>{c}</span>' for c in CATEGORY_COLOURS)
    everything = len(data.picks) >= data.scored
    if everything:
        scope = f"All {data.scored:,} scored documents are shown."
    else:
        scope = (f"Showing {len(data.picks):,} of {data.scored:,} scored documents: the worst "
                 f"{n_worst:,} by score (cap {worst:,}) and a random sample of {n_sample:,} of "
                 f"the others (cap {sample:,}, seed {seed}).")
    why = {"worst": "" if everything else " · among the worst", "sample": " · random sample"}
    views = "".join(render_view(i, p, labels[p.index], why[p.reason])
                    for i, p in enumerate(data.picks))
    return (f'<section id="views"><h2>Documents</h2><p class="note" id="views-scope">{scope} '
            f"Each text is cut after {TEXT_LIMIT:,} characters. Hover a highlight for its "
            "rule and message; struck-through text is removed by cleaning, green text is "
            f'inserted.</p><div class="legend">{legend}</div>{views}</section>')


def _errors(data: Collected) -> str:
    if not data.error_count and not data.notes:
        return ""
    items = "".join(f"<li><code>{escape(label)}</code>: {escape(msg)}</li>" for label, msg in data.errors)
    more = data.error_count - len(data.errors)
    notes = "".join(f"<li>{escape(n)}</li>" for n in data.notes[:200])
    return (f'<section id="errors"><h2>Problems</h2><ul>{items}'
            + (f"<li>… and {more:,} more</li>" if more > 0 else "") + notes + "</ul></section>")


def render_page(data: Collected, *, threshold: float | None, source: str, worst: int,
                sample: int, seed: int) -> str:
    labels = [row[0] for row in data.rows]
    prefix = common_folder(labels)
    short = [label[len(prefix):] for label in labels]
    table_rows = [[short[i]] + row[1:] for i, row in enumerate(data.rows)]
    nonce = secrets.token_urlsafe(16)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    payload = script_json({"rows": table_rows, "tags": list(data.tags), "threshold": threshold})
    return "".join([
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>tqcheck report</title>",
        f"<style>{_asset('report.css')}</style></head><body>",
        f"<header><h1>tqcheck report</h1><p>{escape(source)} · {data.files:,} documents · "
        f"generated {when} by tqcheck {escape(__version__)}</p></header><main>",
        _summary(data, threshold), _charts(data, threshold), _sources(data, threshold, prefix),
        _table(prefix, threshold), _views(data, short, worst, sample, seed), _errors(data),
        f'</main><script type="application/json" id="rows-data">{payload}</script>',
        f'<script nonce="{nonce}">{_asset("report.js")}</script></body></html>\n',
    ])
