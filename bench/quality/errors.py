"""What a rule author needs to look at: content lines cleaning removed on the labelled
pages, and injected dev-pool lines that were missed. Printed only, never stored (the
page text belongs to its publishers). Held-out misses are never shown: looking at them
would spoil the held-out estimate.

    python -m bench.quality.errors [--rules DIR]
"""
from __future__ import annotations

import argparse
import sys

from bench.quality import base, inject, synthetic, tq
from bench.quality.devdata import find_devdata, load_pages
from bench.quality.pools import load_pools

POOL_LANGS = {"fr", "en", "de", "es", "pt"}


def removed_content(root) -> list[str]:
    out = []
    for page in load_pages(root):
        lo, hi = page.window()
        outcomes, res = tq.line_outcomes(page.lines[lo:hi])
        pos = 0
        for line, label, outcome in zip(page.lines[lo:hi], page.labels[lo:hi], outcomes):
            if label == "content" and outcome.deleted:
                rules = sorted({f.rule for f in res.findings
                                if f.start < pos + len(line) and pos < f.end})
                out.append(f"{page.doc_id}: {'+'.join(rules)} [{outcome.category}] {line[:100]}")
            pos += len(line) + 1
    return out


def missed_dev_lines(root) -> list[str]:
    bases = [b for b in base.sample_docs() + (base.devdata_docs(root) if root else [])
             if b.lang in POOL_LANGS]
    missed: dict[tuple[str, str, str], int] = {}
    for doc in inject.Injector(load_pools(), bases).documents():
        res = tq.run(doc.text)
        hits = synthetic._reach(doc.text, res.findings)
        for gold in doc.gold:
            if gold.split != "dev":
                continue
            if not synthetic._judge(gold, doc.text, hits, res.deleted)[0]:
                key = (gold.category, doc.lang, doc.text[gold.start:gold.end][:100])
                missed[key] = missed.get(key, 0) + 1
    return [f"{cat} {lang} ×{n}: {text}" for (cat, lang, text), n in sorted(missed.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality.errors")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR")
    args = parser.parse_args(argv)
    tq.EXTRA_RULES[:] = args.rules
    root = find_devdata()
    if root:
        print("== content lines removed (window mode) ==")
        print("\n".join(removed_content(root)) or "(none)")
    print("\n== injected dev-pool lines missed (held-out misses are not shown) ==")
    print("\n".join(missed_dev_lines(root)) or "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
