"""Clean article text to inject noise into: the "clean original" that is the gold.

Two sources. Always: the project's own sample corpus (data/samples, written for
tqcheck), with its documented line noise taken out; only samples whose noise is all
line-level (boilerplate, signature, disclaimer, metadata, whitespace) qualify, so what
is left is clean. With devdata: the WMT22 French originals and human translations, and
the gold content lines of the fully labelled pages (prose lines only: at least
`MIN_WORDS` words and sentence-final punctuation, so headings and link lists the gold
keeps as content do not count as "clean article text").
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bench.quality.devdata import REPO, load_mt, load_pages

LINE_NOISE = {"boilerplate", "signature", "disclaimer", "metadata", "whitespace"}
MIN_WORDS = 8
_FINAL = re.compile(r"[.!?…»\"”)]\s*$")


@dataclass(frozen=True)
class BaseDoc:
    """A clean article: paragraphs joined by `sep` ("\n\n" or "\n")."""

    doc_id: str
    lang: str
    paragraphs: tuple[str, ...]
    sep: str
    origin: str  # "samples" or "devdata"

    @property
    def text(self) -> str:
        return self.sep.join(self.paragraphs) + "\n"


def _load_samples_module():
    path = REPO / "data" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("tqcheck_make_samples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _strip_noise(text: str, noise: list) -> str:
    """The sample without its listed line noise, trailing spaces, control characters
    or blank-line runs (the whitespace noise the samples carry)."""
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = text.split("\n")
    for category, noise_text, *_ in noise:
        if category == "whitespace":
            continue
        for piece in (p.strip() for p in noise_text.split("\n")):
            if not piece:
                continue
            kept = []
            for line in lines:
                if line.strip() == piece:
                    continue
                if piece in line:
                    line = re.sub(r"  +", " ", line.replace(piece, "")).strip()
                kept.append(line)
            lines = kept
    paragraphs, current = [], []
    for line in (ln.rstrip() for ln in lines):
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def sample_docs() -> list[BaseDoc]:
    """Clean articles from data/samples (in the repository, so always available)."""
    module = _load_samples_module()
    out = []
    for sample in module.SAMPLES:
        if {n[0] for n in sample["noise"]} - LINE_NOISE:
            continue
        text = _strip_noise(sample["text"], sample["noise"])
        name = Path(sample["path"]).stem
        out.append(BaseDoc(f"samples/{name}", sample["lang"], tuple(text.split("\n\n")),
                           "\n\n", "samples"))
    return out


def _prose(line: str) -> bool:
    return len(line.split()) >= MIN_WORDS and bool(_FINAL.search(line))


def devdata_docs(root: Path) -> list[BaseDoc]:
    """Clean articles from devdata, read at run time and never stored in the project."""
    out = []
    for news in load_mt(root):
        if news.label == "machine_translation":
            continue
        paragraphs = tuple(p.strip() for p in news.text.split("\n\n") if p.strip())
        out.append(BaseDoc(f"mt/{news.name}", news.lang, paragraphs, "\n\n", "devdata"))
    for page in load_pages(root):
        prose = [line.strip() for line, label in zip(page.lines, page.labels)
                 if label == "content" and _prose(line)]
        if len(prose) >= (3 if page.gold_type == "full" else 2):
            out.append(BaseDoc(f"pages/{page.doc_id}", page.lang, tuple(prose), "\n\n", "devdata"))
    return out
