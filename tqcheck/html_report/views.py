"""One document's view: the original with every finding highlighted by category and
every removal struck through, beside the cleaned text.

The text is untrusted scraped content, so it only ever reaches the page through
`html.escape`; hover titles (rule, name, message) are escaped the same way.
"""
from __future__ import annotations

import re
from html import escape as _escape
from typing import Any, Sequence

from tqcheck.html_report.collect import Pick, TextPair

#: Characters of each text shown per document; longer texts are cut with a note.
TEXT_LIMIT = 20_000
#: Findings listed under a document.
LIST_LIMIT = 100


_KEPT_BYTE = re.compile("[\udc80-\udcff]")


def escape(text: str) -> str:
    """`html.escape`, and bytes that were not valid text (kept by the reader as lone
    surrogates, which cannot be written as UTF-8) shown as `\\xNN`."""
    return _KEPT_BYTE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", _escape(text))


def _finding_title(f: dict[str, Any]) -> str:
    return (f"{f.get('rule', '?')} {f.get('name', '')} [{f.get('category', '?')}, "
            f"{f.get('action', '?')}]: {f.get('message', '')}")


def _css_category(category: str) -> str:
    return "".join(ch for ch in category if ch.isalnum() or ch == "-") or "other"


def highlight(original: str, findings: Sequence[dict[str, Any]],
              edits: Sequence[dict[str, Any]], limit: int = TEXT_LIMIT) -> str:
    """Escaped HTML for `original[:limit]`: findings as `<mark>` (innermost one's
    category colours it, the title lists all), edits as `<del>` plus `<ins>`."""
    end_of_text = min(len(original), limit)
    spans = [(int(f["start"]), int(f["end"]), f) for f in findings
             if 0 <= int(f.get("start", -1)) <= int(f.get("end", -1)) <= len(original)]
    cuts = [(int(e["start"]), int(e["end"]), e) for e in edits
            if 0 <= int(e.get("start", -1)) <= int(e.get("end", -1)) <= len(original)]
    points = {0, end_of_text}
    for start, end, _ in spans + cuts:
        points.update(p for p in (start, end) if p <= end_of_text)
    bounds = sorted(points)
    by_start: dict[int, list] = {}
    for item in spans:
        by_start.setdefault(item[0], []).append(item)
    active: list[tuple[int, int, dict]] = []
    out: list[str] = []
    cut_index = 0
    cuts.sort(key=lambda c: (c[0], c[1]))
    for a, b in zip(bounds, bounds[1:] + [None]):
        # Empty findings and insertions sit at a point, between two segments.
        for start, end, f in by_start.get(a, ()):
            if start == end:
                out.append(f'<mark class="point c-{_css_category(str(f.get("category")))}" '
                           f'title="{escape(_finding_title(f))}">\u2038</mark>')
            else:
                active.append((start, end, f))
        while cut_index < len(cuts) and cuts[cut_index][1] <= a and cuts[cut_index][0] < a:
            cut_index += 1
        while cut_index < len(cuts) and cuts[cut_index][0] == cuts[cut_index][1] == a:
            out.append(f'<ins>{escape(cuts[cut_index][2].get("replacement", ""))}</ins>')
            cut_index += 1
        if b is None:
            break
        active = [s for s in active if s[1] > a]
        text = escape(original[a:b])
        cut = cuts[cut_index] if cut_index < len(cuts) and cuts[cut_index][0] <= a else None
        if cut is not None and b <= cut[1]:
            rule = escape(str(cut[2].get("rule", "")))
            # A removed line break is invisible: mark it with a glyph that is not text.
            text = text.replace("\n", '<span class="ws" aria-hidden="true">↵</span>\n')
            text = f'<del title="removed by cleaning ({rule})">{text}</del>'
            if b == cut[1] and cut[2].get("replacement"):
                text += f'<ins>{escape(cut[2]["replacement"])}</ins>'
        if active:
            inner = min(active, key=lambda s: s[1] - s[0])[2]
            title = "\n".join(_finding_title(s[2]) for s in active[:6])
            if len(active) > 6:
                title += f"\n… and {len(active) - 6} more"
            text = (f'<mark class="c-{_css_category(str(inner.get("category")))}" '
                    f'title="{escape(title)}">{text}</mark>')
        out.append(text)
    if len(original) > limit:
        out.append(f'<span class="cut">… {len(original) - limit:,} more characters '
                   "not shown</span>")
    return "".join(out)


def _plain(text: str, limit: int = TEXT_LIMIT) -> str:
    body = escape(text[:limit])
    if len(text) > limit:
        body += f'<span class="cut">… {len(text) - limit:,} more characters not shown</span>'
    return body


def _finding_list(findings: Sequence[dict[str, Any]]) -> str:
    items = []
    for f in findings[:LIST_LIMIT]:
        category = _css_category(str(f.get("category")))
        items.append(f'<li><span class="swatch c-{category}"></span>'
                     f'<code>{escape(str(f.get("line", "?")))}:{escape(str(f.get("column", "?")))}'
                     f'</code> <b>{escape(str(f.get("rule", "?")))}</b> '
                     f'{escape(str(f.get("name", "")))} [{escape(str(f.get("category", "")))}] '
                     f'{escape(str(f.get("message", "")))}: <q>{escape(str(f.get("text", ""))[:160])}'
                     "</q></li>")
    if len(findings) > LIST_LIMIT:
        items.append(f"<li>… and {len(findings) - LIST_LIMIT:,} more findings</li>")
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""


def render_view(number: int, pick: Pick, label: str, why: str) -> str:
    """A collapsed `<details>` block for one picked document; `why` says how it was picked."""
    record = pick.record
    findings = record.get("findings") or []
    try:
        texts = pick.load_text()
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the report
        texts = TextPair(None, None, f"cannot load the text ({type(exc).__name__}: {exc})")
    score = record.get("score")
    head = (f'<summary><span class="score">{escape(f"{score:.1f}" if score is not None else "–")}'
            f'</span> <span class="label">{escape(label)}</span> <span class="meta">'
            f'{escape(str(record.get("language") or "und"))} · {len(findings):,} findings · '
            f'{int(record.get("removed_chars") or 0):,} chars removed{escape(why)}</span></summary>')
    marked = None
    if texts.original is not None:
        try:
            marked = highlight(texts.original, findings, record.get("edits") or [])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            texts = TextPair(None, None, f"the report's edits are malformed ({exc})")
    if texts.original is None or marked is None:
        body = (f'<p class="missing">Text not available: {escape(texts.note or "unknown reason")}. '
                "The findings below come from the report.</p>")
    else:
        body = ('<div class="pair"><div><h4>Original, findings highlighted</h4>'
                f'<pre class="original">{marked}'
                '</pre></div><div><h4>Cleaned</h4>'
                f'<pre class="cleaned">{_plain(texts.cleaned or "")}</pre></div></div>')
    return (f'<details class="view" id="view-{number}" data-reason="{pick.reason}">{head}'
            f"{body}{_finding_list(findings)}</details>")
