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
    r"\d[\d.,:/%-]*(?:h\d*)?")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_NAME = regex.compile(r"(?<![.!?…:«\"“„(\[]\s*)(?<=\S\s+)(\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*)")
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
    mid_words: int = 4             # shorter spans always need a second piece of evidence
    max_home_probability: float = 0.02  # fastText alone: the document language this unlikely
    max_home_long: float = 0.1     # ... or this unlikely, with a sure guess
    max_home_with_orthography: float = 0.35  # ... or this, when the spelling is foreign too
    max_home_for_second_opinion: float = 0.1  # above this, not worth asking langdetect
    min_placed_confidence: float = 0.3  # fastText's top guess and its close kin, at least
    min_family_confidence: float = 0.4  # ... before langdetect is asked about a note
    min_line_confidence: float = 0.3    # ... for a whole line (an English one-line bio is
                                        # "en 0.44"; langdetect decides): lines are few
    plausible: float = 0.05        # a guess this likely counts when the identifiers compare
    sure_second_opinion: float = 0.9  # langdetect this sure of fastText's guess confirms it
    max_doc_share: float = 0.2     # langdetect may give the document language at most this
    max_quoted_words: int = 3      # a quotation this short is a cited term, not a fragment
    max_heading_words: int = 5     # a short line without final punctuation reads as a heading
    max_foreign_share: float = 0.5  # more "foreign" text than this: the language is wrong
    min_host_words: int = 3        # fewer own lowercase words than this: no host text at all
    title_share: float = 0.5       # this share of capitalised words (<= 4 others): a title


@dataclass(frozen=True)
class Verdict:
    """A segment judged foreign: its language, how unlikely the document language was
    (1 - its probability), its content words, and which evidence decided."""

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
    aside: bool = False


def content_words(text: str, data: LanguageData, particles: frozenset[str]) -> list[str] | None:
    """Words that language ID can judge, or None when the span reads as a name.

    URLs, e-mail addresses, handles and numbers go first (a span that is mostly
    those is not language at all), then kept terms, one-letter words and acronyms. What is left reads as a name when every word is capitalised or a name
    particle ("Volodymyr Zelensky", "Ursula von der Leyen").
    """
    words = _WORD.findall(_NOISE.sub(" ", text))
    if sum(map(len, words)) < 0.5 * (len(text) - text.count(" ")):
        return []  # mostly digits and symbols: not language
    words = [w for w in _drop_terms(words, data) if len(w) > 1]
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


def name_words(text: str) -> frozenset[str]:
    """Capitalised words that do not start a sentence: names, as far as spelling tells
    ("Certified bacon junkie. Avid introvert." has none)."""
    return frozenset(m.group(1) for m in _NAME.finditer(text))


def _names_decide(words: list[str], names: frozenset[str], home_langs: set[str],
                  th: Thresholds, identify: Callable[[str], Prediction]) -> bool:
    """True when names, not language, made the span look foreign.

    A title or a list of names (mostly capitalised words, few others: "The Death and
    Life of Marsha P. Johnson") is not a fragment; and a span whose other words are in
    the document language ("Judith Hermann lis de son roman Daheim") is not either:
    names pull language ID toward their own language.
    """
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    if len(words) >= 3 and capitalised >= th.title_share * len(words) \
            and len(words) - capitalised <= 4:
        return True  # a title: most words capitalised, whatever the punctuation
    lower = [w for w in words if w not in names]
    if len(lower) == len(words):
        return False
    if len(lower) < 2:
        return False
    again = identify(" ".join(lower))
    return again.language in home_langs or again.probability_of(frozenset(home_langs)) > 0.5


def orthography_hit(words: list[str], data: LanguageData) -> bool:
    """A lowercase word spelt in a way the document language never is."""
    lower = " ".join(w for w in words if not w[0].isupper())
    if not lower:
        return False
    if data.letters and not data.letters.isdisjoint(lower):
        return True
    return any(p.search(lower) for p in data.patterns)


def judge(segment: Segment, doc_lang: str, data: LanguageData, particles: frozenset[str],
          th: Thresholds, quick: Callable[[str], Prediction],
          identify: Callable[[str], Prediction],
          second_opinion: Callable[[str], tuple[tuple[str, float], ...]],
          kin: Callable[[str], frozenset[str]] = lambda code: frozenset()) -> Verdict | None:
    """A Verdict when the segment is foreign to `doc_lang`, else None. `quick` gives
    the top language only, `identify` the top languages with their probabilities.

    fastText's evidence is how *unlikely* the document language is (its probability
    among the top guesses), not how sure it is of one foreign language: a Croatian
    sentence is "hr 0.44, sr 0.18, bs 0.09" and certainly not French.
    """
    if segment.quoted and len(segment.text.split()) <= th.max_quoted_words:
        return None  # a cited term: « in Word », "soft power"
    home_langs = data.close | {doc_lang}
    if quick(segment.text).language in home_langs | {"und"}:
        return None  # the common case, decided by one cached top-1 prediction
    prediction = identify(segment.text)  # with runners-up: how likely is home?
    lang = prediction.language
    if lang == "und" or lang in home_langs:
        return None
    words = content_words(segment.text, data, particles)
    if not words:
        return None  # nothing but names, numbers, acronyms, URLs or kept terms
    n = len(words)
    if segment.quoted and n <= th.max_quoted_words:
        return None
    names = name_words(segment.text)
    if _names_decide(words, names, home_langs, th, identify):
        return None
    heading = (segment.whole_line and n <= th.max_heading_words
               and not _TERMINAL.search(segment.text))
    home = prediction.probability_of(home_langs)
    strong = prediction.confidence >= th.long_confidence
    # "Not the document language" only counts when fastText does place the span
    # somewhere: a flat guess ("es 0.09, pl 0.06, ilo 0.06") places it nowhere.
    family_confidence = prediction.probability_of(kin(lang) | {lang})
    placed = family_confidence >= th.min_placed_confidence
    unlikely_home = home <= th.max_home_probability and placed
    ortho = orthography_hit(words, data)
    if heading:
        return None  # two to five words without final punctuation: a heading
    if n >= th.mid_words:
        # Four words or more: fastText decides alone (langdetect costs ~100 fastText
        # calls), helped by orthography when the document language keeps some chance.
        if unlikely_home or (n >= th.long_words and strong and home <= th.max_home_long):
            return Verdict(lang, 1 - home, n, "fasttext")
        if ortho and home <= th.max_home_with_orthography and placed:
            return Verdict(lang, 1 - home, n, "fasttext+orthography")
        if strong and home <= th.max_home_long:
            return Verdict(lang, 1 - home, n, "fasttext")
        if not segment.whole_line:
            return None
        # A whole line fastText is unsure about (a string of short sentences, an
        # author bio): the low-confidence case the second opinion is for.
    if ortho and unlikely_home and n >= 2:
        return Verdict(lang, 1 - home, n, "fasttext+orthography")
    needed = th.min_line_confidence if segment.whole_line else th.min_family_confidence
    if not (segment.aside or segment.whole_line) or home > th.max_home_for_second_opinion \
            or family_confidence < needed:
        # langdetect costs ~100 fastText calls: it is asked only about short notes in
        # brackets and short lines that fastText already places elsewhere.
        return None
    # Ask langdetect about the words, not the names, when there are both: names
    # pull any identifier toward their own language ("sauf le Bas-Rhin" is German).
    lower = [w for w in words if w not in names]
    has_names = len(lower) < len(words)
    if len(lower) < 2 and has_names and not ortho and prediction.confidence < th.sure_second_opinion:
        return None  # a lone word next to names ("docu, Netflix"): too little to go on
    opinion = second_opinion(" ".join(lower) if has_names and len(lower) >= 2 else segment.text)
    if not opinion:
        return None
    top, top_prob = opinion[0]
    doc_share = sum(p for code, p in opinion if code in home_langs)
    if top in home_langs or doc_share > th.max_doc_share:
        return None
    both_sure = (prediction.confidence >= th.sure_second_opinion
                 and top_prob >= th.sure_second_opinion and top == lang)
    if len(lower) < 2 and has_names and not (ortho or both_sure):
        return None  # a lone word next to names ("docu, Netflix"): too little to go on
    agreed = _common_language(prediction, opinion, th, kin)
    if agreed is None and not ortho:
        return None  # the identifiers name no language (or close kin) in common
    language = agreed or lang
    return Verdict(language, 1 - home, n, "fasttext+langdetect")


def _common_language(prediction: Prediction, opinion: tuple[tuple[str, float], ...],
                     th: Thresholds, kin: Callable[[str], frozenset[str]]) -> str | None:
    """The language both identifiers find plausible (fastText's top guesses, langdetect's
    distribution), counting languages they confuse (hr/sr/bs, cs/sk, es/gl) as one;
    the one with the most combined probability, or None."""
    fast = [(prediction.language, prediction.confidence), *prediction.others]
    best, best_score = None, 0.0
    for code, p in fast:
        if p < th.plausible:
            continue
        family = kin(code) | {code}
        for other, q in opinion:
            if q >= th.plausible and other in family and p + q > best_score:
                best, best_score = code, p + q
    return best
