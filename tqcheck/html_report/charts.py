"""Charts as inline SVG strings: a score histogram and horizontal bar charts.

Drawn here rather than with a plotting library because the report must be one
self-contained file with no network access, and these two shapes need only rectangles,
lines and text. Every label is escaped: rule names and languages come from user data.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

#: One colour per category, shared by the charts and the highlighted text (CSS).
CATEGORY_COLOURS = {
    "boilerplate": "#4e79a7", "signature": "#f28e2b", "disclaimer": "#e15759",
    "metadata": "#76b7b2", "foreign": "#59a14f", "mt-artifact": "#b07aa1",
    "typography": "#edc948", "encoding": "#ff9da7", "whitespace": "#9c755f",
}
NEUTRAL = "#8c8c8c"
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str = NEUTRAL
    tooltip: str = ""


def _fmt(n: float) -> str:
    return f"{n:,.0f}"


def histogram(counts: Sequence[int], threshold: float | None, *, width: int = 560,
              height: int = 240, title: str = "Scores") -> str:
    """Bars for equal-width score bins over 0-100, the threshold as a dashed line;
    bins wholly below the threshold are drawn in red."""
    left, right, top, bottom = 48, 12, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts) if counts and max(counts) > 0 else 1
    step = plot_w / max(len(counts), 1)
    parts = [f'<svg class="chart histogram" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT} '
                     f'fill="#555">{_fmt(peak * frac)}</text>')
    bin_width = 100 / max(len(counts), 1)
    for i, count in enumerate(counts):
        low, high = i * bin_width, (i + 1) * bin_width
        bar_h = plot_h * count / peak
        x, y = left + i * step, top + plot_h - bar_h
        below = threshold is not None and high <= threshold
        colour = "#e15759" if below else "#4e79a7"
        closing = "]" if i == len(counts) - 1 else ")"
        parts.append(f'<rect class="bar" x="{x + 1:.1f}" y="{y:.1f}" width="{step - 2:.1f}" '
                     f'height="{bar_h:.1f}" fill="{colour}"><title>score {low:g}–{high:g}'
                     f'{closing}: {_fmt(count)} files</title></rect>')
    for tick in range(0, 101, 25):
        x = left + plot_w * tick / 100
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'{_FONT} fill="#555">{tick}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle" '
                 f'{_FONT} fill="#333">score (100 = nothing found)</text>')
    if threshold is not None:
        x = left + plot_w * min(max(threshold, 0), 100) / 100
        parts.append(f'<line class="threshold" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" '
                     f'y2="{top + plot_h}" stroke="#c00" stroke-width="2" '
                     'stroke-dasharray="5,3"/>')
        anchor = "end" if threshold > 70 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(f'<text x="{x + dx:.1f}" y="{top + 8}" text-anchor="{anchor}" {_FONT} '
                     f'fill="#c00">min-score {threshold:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(bars: Sequence[Bar], *, width: int = 460, label_width: int = 190,
              title: str = "") -> str:
    """Horizontal bars, largest first as given, with the value at the end of each."""
    row, top = 22, 6
    height = top * 2 + row * max(len(bars), 1)
    plot_w = width - label_width - 64
    peak = max((b.value for b in bars), default=0) or 1
    parts = [f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    if not bars:
        parts.append(f'<text x="8" y="{top + 14}" {_FONT} fill="#555">nothing found</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        bar_w = max(plot_w * bar.value / peak, 1)
        label = bar.label if len(bar.label) <= 30 else bar.label[:29] + "…"
        tip = escape(bar.tooltip or f"{bar.label}: {bar.value:,}")
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" {_FONT} '
                     f'fill="#333">{escape(label)}</text>')
        parts.append(f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{bar_w:.1f}" '
                     f'height="{row - 6}" fill="{escape(bar.colour)}"><title>{tip}</title></rect>')
        parts.append(f'<text x="{label_width + bar_w + 4:.1f}" y="{y + 15}" {_FONT} '
                     f'fill="#333">{_fmt(bar.value)}</text>')
    parts.append("</svg>")
    return "".join(parts)
