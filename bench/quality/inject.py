"""The seeded synthetic injection set: clean articles plus real-world noise, with the
exact offsets of every inserted piece as the gold.

Line noise (boilerplate, signature, disclaimer, metadata) comes from the sourced pools
and goes where such lines sit on real pages (top, between paragraphs, bottom), as its
own paragraph. The other categories are made from the article itself: a sentence from
an article in another language appended to a paragraph (foreign), a word turned into
UTF-8-read-as-cp1252 mojibake (encoding), a space before a comma (typography), a
sentence repeated verbatim as MT systems do (mt-artifact), trailing spaces or a run of
blank lines (whitespace).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from bench.quality.base import BaseDoc
from bench.quality.pools import POOL_CATEGORIES, PoolEntry

TARGET_DOCS_PER_LANG = 30
POOL_RATES = {"boilerplate": 0.8, "metadata": 0.7, "disclaimer": 0.6, "signature": 0.5}
OTHER_RATES = {"foreign": 0.4, "encoding": 0.4, "typography": 0.3, "mt-artifact": 0.3,
               "whitespace": 0.3}
_SENTENCE = re.compile(r"[^.!?]*[.!?]")


@dataclass(frozen=True)
class GoldSpan:
    category: str
    start: int
    end: int
    split: str = "generated"  # pool split ("dev"/"heldout") or "generated"
    lang: str = ""


@dataclass
class _Para:
    text: str
    spans: list = field(default_factory=list)  # (category, start, end, split)


@dataclass(frozen=True)
class SyntheticDoc:
    doc_id: str
    lang: str
    text: str
    gold: tuple[GoldSpan, ...]
    base: BaseDoc


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.split()) >= 6]


def _mojibake(word: str) -> str:
    return word.encode("utf-8").decode("cp1252", errors="replace")


class Injector:
    """Builds variants of base documents; the same seed always gives the same set."""

    def __init__(self, pools: list[PoolEntry], bases: list[BaseDoc], seed: int = 13) -> None:
        self.pools = pools
        self.bases = bases
        self.seed = seed

    def documents(self, target_per_lang: int = TARGET_DOCS_PER_LANG) -> list[SyntheticDoc]:
        langs = sorted({e.lang for e in self.pools})
        out = []
        for lang in langs:
            bases = [b for b in self.bases if b.lang == lang]
            if not bases:
                continue
            variants = max(2, math.ceil(target_per_lang / len(bases)))
            for base in bases:
                for k in range(variants):
                    rng = random.Random(f"{self.seed}/{base.doc_id}/{k}")
                    out.append(self._variant(base, k, rng))
        return out

    def _variant(self, base: BaseDoc, k: int, rng: random.Random) -> SyntheticDoc:
        paras = [_Para(p) for p in base.paragraphs]
        self._inline(paras, base, rng)
        self._lines(paras, base.lang, rng)
        return self._assemble(base, k, paras, rng)

    # -- noise inside paragraphs --------------------------------------------------
    def _inline(self, paras: list[_Para], base: BaseDoc, rng: random.Random) -> None:
        if rng.random() < OTHER_RATES["foreign"]:
            others = [s for b in self.bases if b.lang != base.lang for p in b.paragraphs
                      for s in _sentences(p)]
            if others:
                para = rng.choice(paras)
                sentence = rng.choice(others)
                start = len(para.text) + 1
                para.text += " " + sentence
                para.spans.append(("foreign", start, start + len(sentence), "generated"))
        if rng.random() < OTHER_RATES["encoding"]:
            candidates = [(i, m) for i, p in enumerate(paras) if not p.spans
                          for m in re.finditer(r"\w*[^\x00-\x7f\s]\w*", p.text)]
            if candidates:
                i, m = rng.choice(candidates)
                bad = _mojibake(m.group())
                para = paras[i]
                para.text = para.text[:m.start()] + bad + para.text[m.end():]
                para.spans.append(("encoding", m.start(), m.start() + len(bad), "generated"))
        if rng.random() < OTHER_RATES["typography"]:
            candidates = [(i, m) for i, p in enumerate(paras) if not p.spans
                          for m in re.finditer(r"\w,", p.text)]
            if candidates:
                i, m = rng.choice(candidates)
                para = paras[i]
                pos = m.start() + 1
                para.text = para.text[:pos] + " " + para.text[pos:]
                para.spans.append(("typography", pos, pos + 2, "generated"))
        if rng.random() < OTHER_RATES["mt-artifact"]:
            candidates = [i for i, p in enumerate(paras) if not p.spans and _sentences(p.text)]
            if candidates:
                para = paras[rng.choice(candidates)]
                sentence = _sentences(para.text)[-1]
                start = len(para.text) + 1
                para.text += " " + sentence
                para.spans.append(("mt-artifact", start, start + len(sentence), "generated"))
        if rng.random() < OTHER_RATES["whitespace"]:
            para = rng.choice([p for p in paras if not p.spans] or paras)
            start = len(para.text)
            para.text += "   "
            para.spans.append(("whitespace", start, start + 3, "generated"))

    # -- noise lines ----------------------------------------------------------------
    def _lines(self, paras: list[_Para], lang: str, rng: random.Random) -> None:
        for category in POOL_CATEGORIES:
            if rng.random() >= POOL_RATES[category]:
                continue
            entries = [e for e in self.pools if e.category == category and e.lang == lang]
            if not entries:
                continue
            entry = rng.choice(entries)
            line = _Para(entry.text, [(category, 0, len(entry.text), entry.split)])
            if entry.where == "top":
                index = rng.choice([0, 1]) if len(paras) > 1 else 0
            elif entry.where == "bottom":
                index = len(paras)
            else:
                index = rng.randint(1, max(1, len(paras) - 1))
            paras.insert(index, line)

    def _assemble(self, base: BaseDoc, k: int, paras: list[_Para],
                  rng: random.Random) -> SyntheticDoc:
        parts, gold, pos = [], [], 0
        blank_run_after = (rng.randrange(len(paras) - 1)
                           if len(paras) > 1 and rng.random() < OTHER_RATES["whitespace"] else None)
        for i, para in enumerate(paras):
            if i:
                sep = base.sep
                if blank_run_after == i - 1:
                    sep = "\n\n\n\n"
                    gold.append(GoldSpan("whitespace", pos, pos + len(sep), "generated", base.lang))
                parts.append(sep)
                pos += len(sep)
            for category, start, end, split in para.spans:
                gold.append(GoldSpan(category, pos + start, pos + end, split, base.lang))
            parts.append(para.text)
            pos += len(para.text)
        parts.append("\n")
        return SyntheticDoc(f"{base.doc_id}#{k}", base.lang, "".join(parts),
                            tuple(sorted(gold, key=lambda g: g.start)), base)
