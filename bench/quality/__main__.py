"""python -m bench.quality [--out FILE] [--no-baseline] [--given-lang] [--seed N] [--rules DIR]

Prints the tables and writes the JSON (default bench/quality/results.json).
jusText must be installed for the baseline columns: pip install -r bench/requirements.txt
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from bench.quality import base, baseline, inject, pages, report, synthetic, tq
from bench.quality.devdata import find_devdata, load_pages
from bench.quality.provenance import commit
from bench.quality.pools import load_pools

POOL_LANGS = {"fr", "en", "de", "es", "pt"}


def run(out: Path, with_baseline: bool, given_lang: bool, seed: int) -> dict:
    started = time.perf_counter()
    root = find_devdata()
    result: dict = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    "commit": commit(), "devdata": bool(root), "given_lang": given_lang,
                    "seed": seed, "extra_rules": list(tq.EXTRA_RULES), "baseline": with_baseline and baseline.available()}
    if root:
        page_list = load_pages(root)
        pr = pages.evaluate(page_list, with_baseline=with_baseline, given_lang=given_lang)
        result["pages"] = {
            "pages": len(page_list),
            "groups": {k: g.to_dict() for k, g in pr.groups.items()},
            "by_category": {k: v.to_dict() for k, v in pr.by_category.items()},
            "content_lost_by_category": pr.lost_by_rule,
            "detected_language": pr.languages,
        }
    bases = base.sample_docs() + (base.devdata_docs(root) if root else [])
    bases = [b for b in bases if b.lang in POOL_LANGS]
    docs = inject.Injector(load_pools(), bases, seed=seed).documents()
    syn = synthetic.evaluate(docs, bases, given_lang=given_lang)
    result["synthetic"] = syn.to_dict()
    result["synthetic"]["base_docs"] = {b.doc_id: b.lang for b in bases}
    result["seconds"] = round(time.perf_counter() - started, 1)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.json")
    parser.add_argument("--no-baseline", action="store_true", help="skip jusText")
    parser.add_argument("--given-lang", action="store_true",
                        help="pass the gold language instead of letting tqcheck identify it")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="extra rule folder (repeatable), as with tqcheck --rules")
    args = parser.parse_args(argv)
    tq.EXTRA_RULES[:] = args.rules
    if not args.no_baseline and not baseline.available():
        print("jusText is not installed (pip install -r bench/requirements.txt); "
              "running without the baseline", file=sys.stderr)
    result = run(args.out, not args.no_baseline, args.given_lang, args.seed)
    print(f"tqcheck detection quality — commit {result['commit']}, {result['date']}")
    if "pages" in result:
        print(f"\n== Labelled pages (devdata, {result['pages']['pages']} pages) ==")
        print(report.pages_section(result["pages"]))
    else:
        print("\n(devdata not found: labelled-page evaluation skipped)")
    syn = result["synthetic"]
    print(f"\n== Synthetic injection set ({syn['injected']['docs']} docs from "
          f"{len(syn['base_docs'])} clean articles, seed {result['seed']}) ==")
    print(report.synthetic_section(syn))
    print(f"\nJSON: {args.out}  ({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
