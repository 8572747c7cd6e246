"""Line-level removal on the labelled devdata pages, measured with the real engine.

For each page labelled `full`, a line counts as removed when a noise finding
(categories other than whitespace/typography/encoding/mt-artifact) removes the whole
line, or removes spans covering at least half of its non-space characters. Prints the
share of `content` lines removed (content loss) and of `boilerplate` lines caught,
per rule where a content line is hit.

    python bench/devdata_lines.py [--all-pages] [--show]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOISE = {"boilerplate", "signature", "disclaimer", "metadata", "foreign"}


def devdata_dir() -> Path | None:
    for parent in ROOT.parents:
        if (parent / "shared" / "devdata").is_dir():
            return parent / "shared" / "devdata"
    return None


def removed_lines(checker, text: str, lang: str, flagged: bool = False) -> dict[int, str]:
    """0-based line number -> rule code, for lines the cleaner would remove (or, with
    `flagged`, lines that flag-only noise findings cover)."""
    report = checker.check(text, lang=lang)
    doc_lines = text.split("\n")
    starts, pos = [], 0
    for line in doc_lines:
        starts.append(pos)
        pos += len(line) + 1
    out: dict[int, str] = {}
    covered: dict[int, int] = Counter()
    for f in report.findings:
        if f.category not in NOISE or (f.action == "flag") != flagged:
            continue
        first, last = f.line - 1, f.end_line - 1 if f.end_column > 1 else f.end_line - 2
        for i in range(first, max(first, last) + 1):
            if f.action == "remove-line":
                out.setdefault(i, f.rule)
            else:
                a, b = max(f.start, starts[i]), min(f.end, starts[i] + len(doc_lines[i]))
                covered[i] += len("".join(text[a:b].split()))
                if covered[i] * 2 >= len("".join(doc_lines[i].split())):
                    out.setdefault(i, f.rule)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-pages", action="store_true", help="also segment-labelled pages")
    parser.add_argument("--show", action="store_true", help="print every content line removed")
    args = parser.parse_args()
    data = devdata_dir()
    if data is None:
        print("devdata not found: nothing to measure")
        return 0
    from tqcheck.engine import Checker

    checker = Checker()
    totals = Counter()
    hits: list[tuple[str, str, str]] = []
    for labels_path in sorted(data.glob("*.labels.json")):
        meta = json.loads(labels_path.read_text("utf-8"))
        if meta["gold_type"] != "full" and not args.all_pages:
            continue
        text = labels_path.with_name(labels_path.name.replace(".labels.json", ".txt")).read_text("utf-8")
        removed = removed_lines(checker, text, meta["lang"])
        flagged = removed_lines(checker, text, meta["lang"], flagged=True)
        for i, label in enumerate(meta["labels"]):
            if not text.split("\n")[i].strip():
                continue
            totals[label] += 1
            if i in removed or i in flagged:
                totals[f"{label}-found"] += 1
            if i in removed:
                totals[f"{label}-removed"] += 1
                if label == "content":
                    hits.append((removed[i], meta["doc_id"], text.split("\n")[i][:70]))
    for label in ("content", "boilerplate"):
        n, r = totals[label], totals[f"{label}-removed"]
        found = totals[f"{label}-found"]
        print(f"{label:12} lines removed: {r}/{n} = {100 * r / max(n, 1):.2f}%; "
              f"removed or flagged: {found}/{n} = {100 * found / max(n, 1):.2f}%")
    by_rule = Counter(rule for rule, _, _ in hits)
    print("content lines removed, by rule:", dict(by_rule.most_common()))
    if args.show:
        for rule, doc, line in hits:
            print(f"  {rule} {doc}: {line!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
