"""Evaluate line labels on the real page dumps, whole page and article window, for
tqcheck and for jusText on exactly the same lines.

Gold: a labelled `boilerplate` line is noise, `content` is not, `unknown` is skipped.
tqcheck predicts noise for a line when cleaning deletes at least half of its visible
characters ("tqcheck-flagged" also counts lines that flag-only findings report as line
noise, e.g. navigation menus, which are kept in the text); content loss counts every
deleted visible character of content lines (also partial span removals; deleting a soft
hyphen or a zero-width space loses nothing a reader sees). jusText predicts noise for a paragraph it does not keep.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bench.quality import baseline, tq
from bench.quality.devdata import Page
from bench.quality.metrics import Detection, Grouped

MODES = ("page", "window")
# Categories tqcheck removes by policy even where a gold source calls them content:
# readability keeps photo credits and captions, htmltotext keeps some bylines and credit
# lines. Only the "policy" content-loss view excuses them; every other number is strict.
POLICY_NOISE = frozenset({"metadata"})


@dataclass
class PageRun:
    """Per-mode, per-system grouped counts plus per-category precision for tqcheck."""

    groups: dict[str, Grouped]             # key "tqcheck/window", "justext/page", ...
    by_category: dict[str, Detection]      # "window/boilerplate" -> tp/fp of removed lines
    lost_by_rule: dict[str, dict[str, int]]  # mode -> rule category -> content chars lost
    languages: dict[str, dict[str, str | None]]  # doc_id -> mode -> detected language


def _keys(page: Page) -> list[str]:
    return ["all", f"lang={page.lang}", f"src={page.src}", f"gold={page.gold_type}"]


def evaluate(pages: Iterable[Page], *, with_baseline: bool = True,
             given_lang: bool = False, modes: tuple[str, ...] = MODES) -> PageRun:
    run = PageRun({}, {}, {m: {} for m in modes}, {})
    use_baseline = with_baseline and baseline.available()
    for page in pages:
        run.languages[page.doc_id] = {}
        for mode in modes:
            lo, hi = (0, len(page.lines)) if mode == "page" else page.window()
            lines, labels = page.lines[lo:hi], page.labels[lo:hi]
            outcomes, res = tq.line_outcomes(lines, page.lang if given_lang else None)
            run.languages[page.doc_id][mode] = res.language
            grouped = run.groups.setdefault(f"tqcheck/{mode}", Grouped())
            for outcome, label in zip(outcomes, labels):
                if label == "unknown":
                    continue
                noise = label == "boilerplate"
                for d in grouped.det(*_keys(page)):
                    d.add(noise, outcome.removed)
                if not noise:
                    for loss in grouped.los(*_keys(page)):
                        loss.add(outcome.chars, outcome.deleted)
                    # tqcheck's policy: credits, bylines, dates and tags always go, though
                    # some gold keeps them (see POLICY); this view does not count them.
                    excused = outcome.category in POLICY_NOISE
                    grouped.los("policy")[0].add(outcome.chars, 0 if excused else outcome.deleted)
                    if outcome.deleted:
                        lost = run.lost_by_rule[mode]
                        lost[outcome.category or "?"] = lost.get(outcome.category or "?", 0) + outcome.deleted
                for d in run.groups.setdefault(f"tqcheck-flagged/{mode}", Grouped()).det(*_keys(page)):
                    d.add(noise, outcome.detected)
                if outcome.removed:
                    cat = run.by_category.setdefault(f"{mode}/{outcome.category}", Detection())
                    cat.add(noise, True)
            if use_baseline:
                flags = baseline.boilerplate_lines(lines, page.lang)
                grouped = run.groups.setdefault(f"justext/{mode}", Grouped())
                for flag, line, label in zip(flags, lines, labels):
                    if label == "unknown":
                        continue
                    noise = label == "boilerplate"
                    for d in grouped.det(*_keys(page)):
                        d.add(noise, flag)
                    if not noise:
                        chars = tq.nonspace(line)
                        for loss in grouped.los(*_keys(page)):
                            loss.add(chars, chars if flag else 0)
    return run
