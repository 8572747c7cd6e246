"""Whether one segment is foreign to its document: the guards and the evidence.

Language ID alone over-reports on news text: a name ("Sergueï Lavrov"), an acronym, a
quoted term the press keeps on purpose ("fake news") or a three-word heading is as
likely to come out "de 0.6" as its real language. So a segment is foreign only when,
after the guards below remove what cannot be judged, the evidence is strong enough for
its length: long spans on fastText alone, shorter or doubtful ones only when langdetect
(the slow second opinion) or the document language's orthography agrees.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import regex

from tqcheck.langid import Prediction

_NOISE = regex.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#][\w.]+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|[a-z]{2})\b(?:/\S*)?|"
    r"\d[\d\s.,:/h%-]*")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_TERMINAL = regex.compile(r"[.!?…:;][\"»”’)\]]*\s*$")


@dataclass(frozen=True)
class LanguageData:
    """What the detector knows about one document language (rules/data)."""

    letters: frozenset[str] = frozenset()
    patterns: tuple = ()
    close: frozenset[str] = frozenset()
    terms: frozenset[tuple[str, ...]] = frozenset()
    longest_term: int = 0


@dataclass(frozen=True)
class Thresholds:
    """How much evidence a span needs; rule `params` may override any of these."""

    long_words: int = 8            # spans this long may be judged on fastText alone
    long_confidence: float = 0.8   # ... when fastText is at least this sure
    min_confidence: float = 0.5    # below this, fastText's guess is no evidence at all
    max_doc_share: float = 0.2     # langdetect may give the document language at most this
    max_quoted_words: int = 3      # a quotation this short is a cited term, not a fragment
    max_heading_words: int = 5     # a short line without final punctuation reads as a heading
    max_foreign_share: float = 0.5  # more "foreign" text than this: the language is wrong


@dataclass(frozen=True)
class Verdict:
    language: str
    confidence: float
    words: int
    evidence: str


@dataclass(frozen=True)
class Segment:
    """The text to judge and how it sits in its line."""

    text: str
    quoted: bool = False
    whole_line: bool = False


def content_words(text: str, data: LanguageData, particles: frozenset[str]) -> list[str] | None:
    """Words that language ID can judge, or None when the span reads as a name.

    URLs, e-mail addresses, handles and numbers go first, then kept terms and
    acronyms. What is left reads as a name when every word is capitalised or a name
    particle ("Volodymyr Zelensky", "Ursula von der Leyen").
    """
    words = _WORD.findall(_NOISE.sub(" ", text))
    words = _drop_terms(words, data)
    words = [w for w in words if not (len(w) > 1 and w.isupper())]
    if not words:
        return []
    if all(w[0].isupper() or w.lower() in particles for w in words):
        return None
    return words


def _drop_terms(words: list[str], data: LanguageData) -> list[str]:
    if not data.terms:
        return words
    lower = [w.lower().replace("’", "'") for w in words]
    keep, i = [], 0
    while i < len(words):
        for size in range(min(data.longest_term, len(words) - i), 0, -1):
            if tuple(lower[i:i + size]) in data.terms:
                i += size
                break
        else:
            keep.append(words[i])
            i += 1
    return keep


def orthography_hit(words: list[str], data: LanguageData) -> bool:
    """A lowercase word spelt in a way the document language never is."""
    lower = " ".join(w for w in words if not w[0].isupper())
    if not lower:
        return False
    if data.letters and not data.letters.isdisjoint(lower):
        return True
    return any(p.search(lower) for p in data.patterns)


def judge(segment: Segment, doc_lang: str, prediction: Prediction, data: LanguageData,
          particles: frozenset[str], th: Thresholds,
          second_opinion: Callable[[str], tuple[tuple[str, float], ...]]) -> Verdict | None:
    """A Verdict when the segment is foreign to `doc_lang`, else None."""
    lang = prediction.language
    if lang in (doc_lang, "und") or lang in data.close or prediction.confidence < th.min_confidence:
        return None
    words = content_words(segment.text, data, particles)
    if not words:
        return None  # nothing but names, numbers, acronyms, URLs or kept terms
    n = len(words)
    if segment.quoted and n <= th.max_quoted_words:
        return None  # a cited term: « in Word », "soft power"
    heading = (segment.whole_line and n <= th.max_heading_words
               and not _TERMINAL.search(segment.text))
    strong = prediction.confidence >= th.long_confidence
    if n >= th.long_words and strong and not heading:
        return Verdict(lang, prediction.confidence, n, "fasttext")
    ortho = orthography_hit(words, data)
    if heading and not (ortho and strong):
        return None
    if ortho and strong and n >= 2:
        return Verdict(lang, prediction.confidence, n, "fasttext+orthography")
    opinion = second_opinion(segment.text)
    if not opinion:
        return None
    top, top_prob = opinion[0]
    doc_share = sum(p for code, p in opinion if code == doc_lang or code in data.close)
    if top == doc_lang or top in data.close or doc_share > th.max_doc_share:
        return None
    if n < 4 and top != lang and not ortho:
        return None  # very short: both identifiers must name the same language
    return Verdict(lang, min(prediction.confidence, top_prob) if top == lang
                   else prediction.confidence, n, "fasttext+langdetect")
