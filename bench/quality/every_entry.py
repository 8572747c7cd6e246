"""python -m bench.quality.every_entry [--out FILE]

Recall on every pool line exactly once: each entry is inserted, as its own paragraph
at its usual place (top, middle, bottom), into one clean article of its language
(articles taken in turn), and scored with the same rule as the injection set
(bench/quality/synthetic.py). The seeded injection set draws lines at random, so a
few hundred spans leave many lines unseen and count others twice; this view counts
each line once, which is what an estimate of held-out recall needs.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from bench.quality import base, synthetic
from bench.quality.devdata import find_devdata
from bench.quality.inject import GoldSpan, SyntheticDoc
from bench.quality.pools import POOL_CATEGORIES, PoolEntry, load_pools

POOL_LANGS = ("fr", "en", "de", "es", "pt")


def _insert_at(entry: PoolEntry, paragraphs: int) -> int:
    if entry.where == "top":
        return 0
    if entry.where == "bottom":
        return paragraphs
    return max(1, paragraphs // 2)


def one_doc_per_entry(entries: list[PoolEntry], bases: list[base.BaseDoc]) -> list[SyntheticDoc]:
    """One document per entry whose language has a clean article; the others are left out."""
    by_lang: dict[str, list[base.BaseDoc]] = defaultdict(list)
    for b in bases:
        by_lang[b.lang].append(b)
    turn: dict[str, int] = defaultdict(int)
    docs = []
    for n, entry in enumerate(entries):
        articles = by_lang.get(entry.lang)
        if not articles:
            continue
        article = articles[turn[entry.lang] % len(articles)]
        turn[entry.lang] += 1
        paras = list(article.paragraphs)
        at = _insert_at(entry, len(paras))
        start = sum(len(p) + len(article.sep) for p in paras[:at])
        paras.insert(at, entry.text)
        text = article.sep.join(paras) + "\n"
        gold = GoldSpan(entry.category, start, start + len(entry.text), entry.split, entry.lang)
        docs.append(SyntheticDoc(f"{article.doc_id}#entry{n}", entry.lang, text, (gold,), article))
    return docs


def measure(bases: list[base.BaseDoc] | None = None) -> dict:
    if bases is None:
        root = find_devdata()
        bases = base.sample_docs() + (base.devdata_docs(root) if root else [])
    bases = [b for b in bases if b.lang in POOL_LANGS]
    entries = load_pools()
    docs = one_doc_per_entry(entries, bases)
    run = synthetic.evaluate(docs, [])
    out: dict = {"entries": len(entries), "scored": len(docs), "by_category": {}}
    for category in POOL_CATEGORIES:
        row = {}
        for key in ("", "/split=dev", "/split=heldout") + tuple(f"/lang={lang}" for lang in POOL_LANGS):
            counts = run.spans.get(f"cat={category}{key}")
            row[key.lstrip("/") or "all"] = ({"lines": counts.total,
                                              "recall": round(counts.detected / counts.total, 3)}
                                             if counts and counts.total else None)
        out["by_category"][category] = row
    return out


def table(result: dict) -> str:
    cols = ["all", "split=dev", "split=heldout"] + [f"lang={lang}" for lang in POOL_LANGS]
    lines = ["category     " + "  ".join(f"{c.split('=')[-1]:>13}" for c in cols)]
    for category, row in result["by_category"].items():
        cells = [f"{row[c]['recall']:.3f} ({row[c]['lines']:>3})" if row[c] else "–"
                 for c in cols]
        lines.append(f"{category:12s} " + "  ".join(f"{c:>13}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality.every_entry",
                                     description=__doc__.splitlines()[2])
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    result = measure()
    print(f"recall on every pool line once ({result['scored']} of {result['entries']} lines "
          "scored; recall (lines))")
    print(table(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
