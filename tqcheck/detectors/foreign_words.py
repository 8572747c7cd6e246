"""Evidence from a span's own words, before or beside language ID: the frequent words
of other languages (rules/data/function_words) and foreign spellings.

Cheap set look-ups: they decide which lines are worth cutting into sentences and which
quotations are worth identifying, and they confirm fastText's guess on notes of one to
three words, where fastText alone is unreliable ("(noch)" in French text).
"""
from __future__ import annotations

from typing import Callable, Mapping

import re

from tqcheck.langid import Prediction

#: Words, roughly (digits included, which match no data): the stdlib `re` is several
#: times faster than `regex` with Unicode classes, and this runs on whole lines.
_FAST_WORD = re.compile(r"[^\W\d_]\w*(?:['’-]\w+)*")


def build_lexicon(lang: str, close: frozenset[str], tables: Mapping[str, frozenset[str]]
                  ) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The function words of `lang` and its kin, and every other language's function
    words that are none of them (word -> languages)."""
    home = close | {lang}
    own = frozenset().union(*(tables.get(code, ()) for code in home))
    foreign: dict[str, set[str]] = {}
    for code, words in tables.items():
        if code not in home:
            for word in words - own:
                if len(word) < 2:
                    continue  # "l", "d": elisions, not words
                foreign.setdefault(word, set()).add(code)
    return own, {w: frozenset(codes) for w, codes in foreign.items()}


def suspicious(text: str, data) -> bool:
    """Cheap signs, before any identification, that a span may be foreign: a frequent
    word of another language (capitalised too: "Die", "El" start sentences), or a
    spelling the document language never uses in its lowercase words."""
    words = _FAST_WORD.findall(text)
    if not words:
        return False
    if data.foreign_words and not data.foreign_words.keys().isdisjoint(
            map(str.lower, words)):
        return True
    return orthography_hit(words, data)


def orthography_hit(words: list[str], data) -> bool:
    """A lowercase word spelt in a way the document language never is."""
    lower = " ".join([w for w in words if not w[0].isupper()])
    if not lower:
        return False
    if data.letters and not data.letters.isdisjoint(lower):
        return True
    for pattern in data.patterns:
        if pattern.search(lower):
            return True
    return False


def lexicon_languages(words: list[str], data) -> frozenset[str]:
    """Languages one of whose very frequent words (rules/data/function_words) is among
    the span's lowercase words, when that word is no word of the document language:
    "(noch)" in French text, "(para la)" in German text."""
    found: set[str] = set()
    table = data.foreign_words
    if not table:
        return frozenset()
    for w in words:
        if len(w) > 1 and not w[0].isupper():
            langs = table.get(w.lower())
            if langs:
                found.update(langs)
    return frozenset(found)


def lexicon_agrees(prediction: Prediction, lexicon: frozenset[str], th,
                    kin: Callable[[str], frozenset[str]]) -> str | None:
    """fastText's most likely guess (or close kin of it) among the languages whose
    frequent words the span holds, or None."""
    for code, p in ((prediction.language, prediction.confidence), *prediction.others):
        if p >= th.plausible and not lexicon.isdisjoint(kin(code) | {code}):
            return code
    return None
