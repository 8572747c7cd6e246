"""Build the multilingual fragment benchmark from devdata, at run time, seeded.

Host documents are real French and German article text: the WMT22 French news in
`devdata/mt/` and the lines labelled `content` in the fr/de page dumps. Fragments are
real sentences from the de/es/pt/hr/cs/it (and, for German hosts, fr) page dumps,
inserted three ways: as a whole line, after a sentence inside a line, and in
parentheses after a word (one fragment per noisy copy). Nothing from devdata is ever written into the repository:
the benchmark is rebuilt from it on every run, identically for a given seed.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import regex

from tqcheck.segments import sentence_spans

HOST_LANGS = ("fr", "de")
FRAGMENT_LANGS = ("de", "es", "pt", "hr", "cs", "it", "fr")
POSITIONS = ("line", "sentence", "bracket")
#: Fragment length buckets, in words (inclusive).
BUCKETS = ((1, 3), (4, 7), (8, 15), (16, 30))
_WORD = regex.compile(r"\S+")


@dataclass(frozen=True)
class Fragment:
    start: int
    end: int
    lang: str
    words: int
    position: str

    @property
    def bucket(self) -> str:
        return next(f"{a}-{b}" for a, b in BUCKETS if a <= self.words <= b)


@dataclass(frozen=True)
class Case:
    """One host document: its clean text, and a noisy copy with its fragments."""

    name: str
    host_lang: str
    clean: str
    noisy: str
    fragments: tuple[Fragment, ...]


def _content_lines(page: Path) -> list[str]:
    labels = json.loads(page.with_suffix(".labels.json").read_text("utf-8"))["labels"]
    lines = page.read_text("utf-8").splitlines()
    return [l.strip() for l, lab in zip(lines, labels) if lab == "content" and l.strip()]


def host_documents(devdata: Path) -> list[tuple[str, str, str]]:
    """(name, lang, text): WMT French articles, and fr/de page content in chunks of
    at most 25 lines (pages with fewer than 5 content lines are left out)."""
    docs = []
    for path in sorted((devdata / "mt").glob("*.txt")):
        docs.append((path.stem, "fr", path.read_text("utf-8").strip() + "\n"))
    for lang in HOST_LANGS:
        for page in sorted(devdata.glob(f"{lang}_*.txt")):
            lines = [l for l in _content_lines(page) if len(l.split()) >= 3]
            for i in range(0, len(lines), 25):
                chunk = lines[i:i + 25]
                if len(chunk) >= 5:
                    docs.append((f"{page.stem}#{i // 25}", lang, "\n".join(chunk) + "\n"))
    return docs


def sentence_pool(devdata: Path) -> dict[str, list[str]]:
    """Real sentences per language from the page dumps' content lines: 3-40 words,
    mostly lowercase words (so not a list of names), no URLs."""
    pool: dict[str, list[str]] = {}
    for lang in FRAGMENT_LANGS:
        found = []
        for page in sorted(devdata.glob(f"{lang}_*.txt")):
            for line in _content_lines(page):
                for s, e in sentence_spans(line, 0, len(line)):
                    sent = line[s:e]
                    words = sent.split()
                    if not 1 <= len(words) <= 40 or "http" in sent or "@" in sent:
                        continue
                    if not regex.match(r"[\p{Lu}]", sent) or "..." in sent:
                        continue  # a real sentence start, not a mis-split or a quotation
                    lower = sum(1 for w in words if w[:1].islower())
                    if lower >= 0.6 * len(words) and regex.search(r"[.!?]$", sent):
                        found.append(sent)
        pool[lang] = sorted(set(found))
    return pool


def _fragment_text(rng: random.Random, pool: list[str], bucket: tuple[int, int],
                   whole: bool) -> str:
    """A whole real sentence with a length in the bucket (a line or a sentence left
    untranslated), or a run of consecutive words from inside one (a note in brackets:
    a phrase, not a sentence's capitalised first word)."""
    low, high = bucket
    if whole:
        fitting = [s for s in pool if low <= len(s.split()) <= high]
        if fitting:
            return rng.choice(fitting)
    words = rng.randint(low, high)
    longer = [s for s in pool if len(s.split()) >= words + 1
              and not regex.search(r"[()\[\]]", s)] or pool
    for _ in range(1000):
        tokens = rng.choice(longer).split()
        start = rng.randint(1, max(len(tokens) - words, 1)) if len(tokens) > words else 0
        cut = " ".join(tokens[start:start + words]).strip(",;:-–—.!?\"«»“”()")
        if _phrase(cut):
            break
    return cut + "." if whole and not cut.endswith((".", "!", "?")) else cut


def _phrase(text: str) -> bool:
    """Words of a language rather than a name or a number: letters only, the first
    word lowercase, and one word of four letters or more."""
    words = text.split()
    return (bool(words) and all(regex.fullmatch(r"[\p{L}’'-]+[,;:]?", w) for w in words)
            and words[0][0].islower() and any(len(w.strip(",;:")) >= 4 for w in words))


def _sentence_ends(line: str) -> list[int]:
    """Where a sentence really ends in a line (final punctuation, not a heading)."""
    return [e for _, e in sentence_spans(line, 0, len(line))
            if regex.search(r"[.!?…][\"»”’)]*$", line[:e])]


def make_case(rng: random.Random, name: str, host_lang: str, clean: str, position: str,
              pool: dict[str, list[str]]) -> Case:
    """Insert one fragment (random other language, random length bucket) at one
    position into a random line of eight words or more."""
    lines = clean.split("\n")
    usable = [i for i, l in enumerate(lines) if len(l.split()) >= 8
              and (position != "sentence" or _sentence_ends(l))]
    index = rng.choice(usable)
    bucket = rng.choice(BUCKETS)
    lang = rng.choice([l for l in FRAGMENT_LANGS if l != host_lang and pool.get(l)])
    text = _fragment_text(rng, pool[lang], bucket, whole=position != "bracket")
    nwords = len(text.split())
    line = lines[index]
    before = sum(len(l) + 1 for l in lines[:index])
    if position == "line":
        lines.insert(index + 1, text)
        start = before + len(line) + 1
        fragment = Fragment(start, start + len(text), lang, nwords, position)
    elif position == "sentence":
        at = rng.choice(_sentence_ends(line))
        lines[index] = line[:at] + " " + text + line[at:]
        fragment = Fragment(before + at + 1, before + at + 1 + len(text), lang, nwords, position)
    else:
        spaces = [m.start() for m in regex.finditer(r"(?<=\p{L}) (?=\p{L})", line)]
        at = rng.choice(spaces[1:] or spaces or [len(line)])
        lines[index] = line[:at] + f" ({text})" + line[at:]
        fragment = Fragment(before + at + 1, before + at + 3 + len(text), lang, nwords, position)
    noisy = "\n".join(lines)
    assert noisy[fragment.start:fragment.end].strip("()") == text, name
    return Case(name, host_lang, clean, noisy, (fragment,))


def build(devdata: Path, seed: int, copies: int) -> list[Case]:
    """For every host document, `copies` noisy copies per position, one fragment each."""
    rng = random.Random(seed)
    pool = sentence_pool(devdata)
    cases = []
    for name, lang, text in host_documents(devdata):
        for position in POSITIONS:
            for k in range(copies):
                cases.append(make_case(rng, f"{name}~{position}{k}", lang, text, position, pool))
    return cases
