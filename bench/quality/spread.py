"""Per-page view of the labelled-page benchmark: is a gain one page or every page?

Pooled F1 over the devdata pages is dominated by the few long pages (one forum thread
holds a third of the window's boilerplate lines). This prints, for tqcheck and jusText
on the same lines, each page's F1 and content loss, the pages split into two fixed
halves by a hash of the page name (`dev`: the half to look at while writing rules,
`val`: the half to check them on), and the spread of per-page F1 differences.

    python -m bench.quality.spread [--mode window|page] [--pages] [--rules DIR]

Needs devdata and, for the jusText columns, `pip install -r bench/requirements.txt`.
Nothing is stored: the page names are printed, never their text.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from dataclasses import dataclass

from bench.quality import baseline, pages, tq
from bench.quality.devdata import Page, find_devdata, load_pages
from bench.quality.metrics import Detection, Loss


def half_of(doc_id: str) -> str:
    """`dev` or `val`, fixed by the page name's SHA-1 (never by its content or score)."""
    return "dev" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "val"


@dataclass
class PageScore:
    doc_id: str
    half: str
    detection: dict[str, Detection]  # system -> counts
    loss: dict[str, Loss]


def score_pages(page_list: list[Page], mode: str, with_baseline: bool) -> list[PageScore]:
    out = []
    for page in page_list:
        run = pages.evaluate([page], with_baseline=with_baseline, modes=(mode,))
        systems = [s for s in ("tqcheck", "justext") if f"{s}/{mode}" in run.groups]
        det = {s: run.groups[f"{s}/{mode}"].detection.get("all", Detection()) for s in systems}
        loss = {s: run.groups[f"{s}/{mode}"].loss.get("all", Loss()) for s in systems}
        out.append(PageScore(page.doc_id, half_of(page.doc_id), det, loss))
    return out


def pooled(scores: list[PageScore], system: str) -> tuple[Detection, Loss]:
    det, loss = Detection(), Loss()
    for s in scores:
        d, l = s.detection.get(system), s.loss.get(system)
        if d:
            det.tp, det.fp, det.fn, det.tn = det.tp + d.tp, det.fp + d.fp, det.fn + d.fn, det.tn + d.tn
        if l:
            loss.add(l.chars, l.deleted)
    return det, loss


def _fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def report(scores: list[PageScore], show_pages: bool) -> str:
    systems = [s for s in ("tqcheck", "justext") if any(s in p.detection for p in scores)]
    rows = ["half  pages  system      P      R     F1  content loss",
            "----  -----  -------  -----  -----  -----  ------------"]
    for half in ("dev", "val", "all"):
        part = [s for s in scores if half in ("all", s.half)]
        for system in systems:
            det, loss = pooled(part, system)
            rows.append(f"{half:4s}  {len(part):5d}  {system:7s}  {_fmt(det.precision)}  "
                        f"{_fmt(det.recall)}  {_fmt(det.f1)}  {_fmt(loss.rate, 4):>12s}")
    rated = [s for s in scores if s.detection["tqcheck"].tp + s.detection["tqcheck"].fn]
    f1s = [s.detection["tqcheck"].f1 or 0.0 for s in rated]
    rows.append("")
    rows.append(f"per-page tqcheck F1 over {len(rated)} pages with boilerplate lines: median "
                f"{statistics.median(f1s):.3f}, min {min(f1s):.3f}, max {max(f1s):.3f}")
    if "justext" in systems:
        diffs = [(s.detection["tqcheck"].f1 or 0.0) - (s.detection["justext"].f1 or 0.0) for s in rated]
        better = sum(d > 0 for d in diffs)
        rows.append(f"tqcheck F1 minus jusText F1 per page: median {statistics.median(diffs):+.3f}; "
                    f"tqcheck higher on {better}, lower on {sum(d < 0 for d in diffs)}, "
                    f"equal on {len(diffs) - better - sum(d < 0 for d in diffs)} pages")
    losses = [s.loss["tqcheck"].rate or 0.0 for s in scores if s.loss["tqcheck"].chars]
    rows.append(f"per-page tqcheck content loss: median {statistics.median(losses):.4f}, "
                f"max {max(losses):.4f}; pages losing any content: {sum(x > 0 for x in losses)}")
    if show_pages:
        rows += ["", "page                                                half  " + "  ".join(
            f"{s[:2]} tp  fp  fn   F1  loss  " for s in systems)]
        for s in sorted(scores, key=lambda p: p.doc_id):
            cells = []
            for system in systems:
                d, l = s.detection[system], s.loss[system]
                cells.append(f"{d.tp:5d} {d.fp:3d} {d.fn:3d} {_fmt(d.f1, 2):>4s} {_fmt(l.rate, 3):>5s}  ")
            rows.append(f"{s.doc_id[:50]:50s}  {s.half:4s}  " + "  ".join(cells))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality.spread")
    parser.add_argument("--mode", choices=pages.MODES, default="window")
    parser.add_argument("--pages", action="store_true", help="one row per page")
    parser.add_argument("--no-baseline", action="store_true", help="skip jusText")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR")
    args = parser.parse_args(argv)
    tq.EXTRA_RULES[:] = args.rules
    root = find_devdata()
    if root is None:
        print("devdata not found (set TQCHECK_DEVDATA)", file=sys.stderr)
        return 2
    with_baseline = not args.no_baseline and baseline.available()
    scores = score_pages(load_pages(root), args.mode, with_baseline)
    print(f"labelled pages, {args.mode} mode, halves by SHA-1 of the page name")
    print(report(scores, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
