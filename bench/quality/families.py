"""Family probe: each line of `bench/quality/families/*.tsv` (stock UI strings from plugin and
theme catalogs, bylines, bios and notices written after each language's conventions) is put
into clean articles of its language, at the top, in the middle or at the bottom as the row
says; a line counts as caught when cleaning removes most of it or a rule of its category
reports it in every article tried. A development aid for writing rules that describe
families rather than single lines: these rows were written while the rules were, so their
recall is not a held-out estimate (see `pools/README.md` for that).

    python -m bench.quality.families [--misses] [--articles N]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.quality import base, tq
from bench.quality.devdata import find_devdata

FAMILIES = Path(__file__).resolve().parent / "families"


def rows() -> list[tuple[str, str, str, str]]:
    out = []
    for path in sorted(FAMILIES.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                category, lang, where, text = line.split("\t", 3)
                out.append((category, lang, where, text))
    return out


def caught(text: str, category: str, where: str, article: base.BaseDoc) -> bool:
    paras = list(article.paragraphs)
    index = {"top": 0, "middle": len(paras) // 2}.get(where, len(paras))
    paras.insert(index, text)
    doc = article.sep.join(paras) + "\n"
    start = doc.index(text)
    end = start + len(text)
    result = tq.run(doc)
    if sum(result.deleted[start:end]) >= 0.5 * len(text):
        return True
    categories = tq.rule_categories()
    return any(f.start < end and start < f.end and categories.get(f.rule) == category
               for f in result.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality.families")
    parser.add_argument("--misses", action="store_true", help="print every line missed")
    parser.add_argument("--articles", type=int, default=3, help="articles tried per language")
    args = parser.parse_args(argv)
    root = find_devdata()
    articles: dict[str, list[base.BaseDoc]] = {}
    for doc in base.sample_docs() + (base.devdata_docs(root) if root else []):
        articles.setdefault(doc.lang, []).append(doc)
    total, hit = Counter(), Counter()
    for category, lang, where, text in rows():
        tried = (articles.get(lang) or articles["en"])[:args.articles]
        ok = all(caught(text, category, where, a) for a in tried)
        total[category, lang] += 1
        hit[category, lang] += ok
        if args.misses and not ok:
            print(f"miss {category} {lang} {where}: {text}")
    for category in sorted({c for c, _ in total}):
        cells = [f"{lang} {hit[category, lang]}/{total[category, lang]}"
                 for lang in sorted(l for c, l in total if c == category)]
        all_hit = sum(hit[category, l] for c, l in total if c == category)
        all_total = sum(total[category, l] for c, l in total if c == category)
        print(f"{category:12} {all_hit}/{all_total}  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
