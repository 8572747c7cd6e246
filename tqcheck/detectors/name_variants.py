"""One name spelt two ways: Shoigu and Choïgou, Yevgeny and Evgueni, in one article.

A translation system copies the source text's transliteration of a name while the
target newspaper (or the other half of a stitched article) uses its own, so the same
person appears under two spellings. Each language's `rules/data/translit/<lang>.toml`
lists pairs of spelling features (local, foreign); folding every pair to one symbol
gives a skeleton, and two capitalised words with the same skeleton and different
spellings are variants. The form with fewer local features is the copied one.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Iterable, Iterator

import regex

#: Capitalised words (with hyphenated parts) of at least four letters.
_NAME = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]{3,}(?:-\p{Lu}[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}])")
#: A word right after terminal punctuation, a line start or an opening quote may be
#: capitalised only because a sentence starts there.
_SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s+|^[\s«“„\"'(\-–—]+|[.!?:]\s+[«“„\"'(]\s*)$")


#: ... unless a second capitalised word follows (a first name and a surname).
_FULL_NAME_NEXT = regex.compile(r" \p{Lu}\p{Ll}+")
_MARKS = regex.compile(r"\p{M}")
#: Distinct words whose skeleton is kept per language.
_SKELETON_CACHE = 20_000


@dataclass(frozen=True)
class Pair:
    local: regex.Pattern
    foreign: regex.Pattern
    token: str


@dataclass(frozen=True)
class Transliteration:
    """The folding pairs and local letters of one language."""

    pairs: tuple[Pair, ...]
    local_marks: str

    @classmethod
    def from_table(cls, table: dict) -> "Transliteration":
        pairs = tuple(Pair(regex.compile(p["local"]), regex.compile(p["foreign"]), chr(0x2460 + i))
                      for i, p in enumerate(table.get("pair", [])))
        return cls(pairs, str(table.get("local_marks", "")))

    def skeleton(self, word: str) -> tuple[str, int]:
        """(folded form, locality): locality counts local features minus foreign ones.
        Names recur from document to document, so results are kept (a bounded cache)."""
        return self.skeletons([word])[word]

    def skeletons(self, words: Iterable[str]) -> dict[str, tuple[str, int]]:
        """The cache of skeletons, holding at least those of `words` (distinct words):
        one call per document, not one per word."""
        cache = self.__dict__.setdefault("_skeletons", {})
        missing = [word for word in words if word not in cache]
        if missing:
            if len(cache) + len(missing) > _SKELETON_CACHE:
                cache.clear()
            cache.update(zip(missing, map(self._skeleton, missing)))
        return cache

    def _skeleton(self, word: str) -> tuple[str, int]:
        folded = unicodedata.normalize("NFD", word.lower())
        if not folded.isascii():  # else no combining mark to drop (most names)
            folded = "".join(c for c in folded if not unicodedata.combining(c))
        locality = sum(word.lower().count(m) for m in self.local_marks)
        for pair in self.pairs:
            folded, n_local = pair.local.subn(pair.token, folded)
            folded, n_foreign = pair.foreign.subn(pair.token, folded)
            locality += n_local - n_foreign
        return folded, locality


@dataclass(frozen=True)
class Variant:
    """A less local spelling of a name and where it occurs."""

    word: str
    local_form: str
    spans: tuple[tuple[int, int], ...]


def name_variants(text: str, translit: Transliteration) -> Iterator[Variant]:
    """Variants flagged at the less local form; proper nouns only (a form must occur at
    least once inside a sentence, where only names are capitalised, or before another
    capitalised word, as a first name does)."""
    # Only a word that shares its skeleton with another word can be a variant: where
    # and how often words occur, and whether inside a sentence (most of this check's
    # time), is looked at for those words only; most texts have none.
    names = dict.fromkeys(_NAME.findall(text))
    spellings_of = Counter(map(itemgetter(0), map(translit.skeletons(names).__getitem__, names)))
    if not spellings_of or max(spellings_of.values()) < 2:
        return
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for m in _NAME.finditer(text):
        occurrences.setdefault(m.group(), []).append(m.span())
    groups: dict[str, list[tuple[int, str]]] = {}
    for word, spans in occurrences.items():
        key, locality = translit.skeleton(word)
        if spellings_of[key] > 1 and any(_mid_sentence(text, start, end) for start, end in spans):
            groups.setdefault(key, []).append((locality, word))
    for forms in groups.values():
        spellings = {_MARKS.sub("", unicodedata.normalize("NFD", w.lower()))
                     for _, w in forms}
        if len(forms) < 2 or len(spellings) < 2:
            continue
        forms.sort(reverse=True)
        best_locality, best = forms[0]
        for locality, word in forms[1:]:
            if locality < best_locality:
                yield Variant(word, best, tuple(occurrences[word]))


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a sentence, or followed by another (a first name).
    Reads the 12 characters before the word, or its line's start if that is nearer."""
    line_start = text.rfind("\n", max(0, start - 12), start) + 1
    return bool(not _SENTENCE_START.search(text[max(line_start, start - 12):start])
                or _FULL_NAME_NEXT.match(text, end))
