"""Whether one segment is foreign to its document: the guards and the evidence.

Language ID alone over-reports on news text: a name ("Sergueï Lavrov"), an acronym, a
quoted term the press keeps on purpose ("fake news") or a three-word heading is as
likely to come out "de 0.6" as its real language. So a segment is foreign only when,
after the guards below remove what cannot be judged, the evidence is strong enough for
its length: long spans on fastText alone, shorter or doubtful ones only when the
document language's orthography (letters it never uses) or the frequent words of
another language (rules/data/function_words) agree, or fastText is sure.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

import regex

from tqcheck.langid import Prediction
from tqcheck.detectors.foreign_words import lexicon_agrees, lexicon_languages, orthography_hit
from tqcheck.ngram_profiles import preference as ngram_preference

#: What content_words blanks out before counting words, one alternative per kind, each
#: with what it cannot match without: URLs, e-mail addresses, handles, domain names,
#: numbers, slash-joined credits and codes ("ats/nxp", "dpa/afp"). Some alternatives try
#: every position and backtrack over whole words (the domain name one took 15 us on a
#: plain German sentence), so only those that can match are joined into the pattern
#: used: an alternative that cannot match anywhere in the text changes nothing.
_NOISE_PARTS = (
    (re.compile(r"://|www\."), r"(?:https?://|www\.)\S+"),
    (re.compile(r"@"), r"\S+@\S+\.\w+"),
    (re.compile(r"[@#]"), r"[@#][\w.]+"),
    (re.compile(r"\.[a-z]{2}"),
     r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|[a-z]{2})\b(?:/\S*)?"),
    (regex.compile(r"\d"), r"\d[\d.,:/%-]*(?:h\d*)?"),
    (re.compile(r"/"), r"\w+(?:/\w+)+"),
)
#: Every noise match holds one of these (a cheap test before the costly pattern).
_MAY_BE_NOISE = regex.compile(r"[@#/\d]|\.\w")  # (a final period is no sign)
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
    term_starts: frozenset[str] = frozenset()  # first words of the terms
    own_words: frozenset[str] = frozenset()  # function words of the language and its kin
    #: other languages' function words that are no word of this language -> languages
    foreign_words: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Thresholds:
    """How much evidence a span needs; rule `params` may override any of these."""

    long_words: int = 8            # spans this long may be judged on fastText alone
    long_confidence: float = 0.8   # ... when fastText is at least this sure
    mid_words: int = 4             # shorter spans always need a second piece of evidence
    max_home_probability: float = 0.02  # fastText alone: the document language this unlikely
    max_home_long: float = 0.1     # ... or this unlikely, with a sure guess
    max_home_with_orthography: float = 0.35  # ... or this, when the spelling is foreign too
    max_home_for_lexicon: float = 0.1  # above this, frequent foreign words are no evidence
    min_placed_confidence: float = 0.3  # fastText's top guess and its close kin, at least
    min_family_confidence: float = 0.4  # fastText's own top guess, for it to decide a note
    min_line_confidence: float = 0.3    # ... before langdetect is asked about a whole line
    plausible: float = 0.05        # a guess this likely counts when the identifiers compare
    max_quoted_words: int = 3      # a quotation this short is a cited term, not a fragment
    max_heading_words: int = 5     # a short line without final punctuation reads as a heading
    max_foreign_share: float = 0.5  # more "foreign" text than this: the language is wrong
    min_host_words: int = 3        # fewer own lowercase words than this: no host text at all
    title_share: float = 0.5       # this share of capitalised words (<= 4 others): a title
    sure_alone: float = 0.9        # a note of 2-3 words fastText places this surely elsewhere
    sure_alone_one_word: float = 0.95  # ... of one word (French words read as English
                                   # reach 0.89: "opposition", "football")
    min_strange_share: float = 0.6  # fastText alone: this share of words not frequent at home
    min_elsewhere: float = 0.5     # fastText's top guesses outside the document language
    min_ngram_margin: float = 0.5  # n-grams fit the guessed language this much better
                                   # (mean log-probability per n-gram) than the document's
    max_doc_share: float = 0.2     # langdetect may give the document language at most this
    split_below_unless_suspicious: float = 0.9  # ... or under this, or under split_below
                                   # when a frequent foreign word or spelling shows
    split_below: float = 0.99      # a line less likely in the document language is split
                                   # into sentences and each judged
    native_min_line_words: int = 6  # a line is surely native (no prediction, nothing to
                                   # judge) when it has this many words, ...
    native_min_words: int = 3      # ... every sentence has this many ...
    native_min_own_share: float = 0.2  # ... and this share of them frequent words of the
                                   # document language, and nothing foreign (foreign_screen)


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
    words = _WORD.findall(_without_noise(text) if _MAY_BE_NOISE.search(text) else text)
    if sum(map(len, words)) < 0.5 * (len(text) - text.count(" ")):
        return []  # mostly digits and symbols: not language
    words = [w for w in _drop_terms(words, data) if len(w) > 1 and not w.isupper()]
    if not words:
        return []
    if all(w[0].isupper() or w.lower() in particles for w in words):
        return None
    return words


def _without_noise(text: str) -> str:
    """The text with URLs, addresses, handles, numbers and codes blanked out."""
    key = tuple(needed.search(text) is not None for needed, _ in _NOISE_PARTS)
    return _noise_pattern(key).sub(" ", text) if any(key) else text


@functools.lru_cache(maxsize=64)
def _noise_pattern(key: tuple[bool, ...]):
    """The alternatives of _NOISE_PARTS selected by `key`, in their order, as one
    pattern (leftmost alternative first, as in the full pattern)."""
    return regex.compile("|".join(p for (_, p), keep in zip(_NOISE_PARTS, key) if keep))


def _drop_terms(words: list[str], data: LanguageData) -> list[str]:
    if not data.terms:
        return words
    # (Words hold no spaces: one join, lower and split instead of a call per word.)
    lower = " ".join(words).lower().replace("’", "'").split()
    if data.term_starts.isdisjoint(lower):
        return words  # the common case: no word starts a kept term
    keep, i = [], 0
    starts, terms = data.term_starts, data.terms
    while i < len(words):
        if lower[i] in starts:
            for size in range(min(data.longest_term, len(words) - i), 0, -1):
                if tuple(lower[i:i + size]) in terms:
                    i += size
                    break
            else:
                keep.append(words[i])
                i += 1
        else:
            keep.append(words[i])
            i += 1
    return keep


def name_words(text: str) -> frozenset[str]:
    """Capitalised words that do not start a sentence: names, as far as spelling tells
    ("Certified bacon junkie. Avid introvert." has none)."""
    return frozenset(m.group(1) for m in _NAME.finditer(text))


def _is_title(words: list[str], th: Thresholds) -> bool:
    """A title or a list of names (mostly capitalised words, few others: "The Death
    and Life of Marsha P. Johnson"): not a fragment."""
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    return len(words) >= 3 and capitalised >= th.title_share * len(words) \
        and len(words) - capitalised <= 4


def _names_pull(words: list[str], names: frozenset[str], home_langs: set[str],
                identify: Callable[[str], Prediction]) -> bool:
    """True when names, not language, made the span look foreign: its other words are
    in the document language ("Judith Hermann lis de son roman Daheim"); names pull
    language ID toward their own language."""
    lower = [w for w in words if w not in names]
    if len(lower) == len(words) or len(lower) < 2:
        return False
    again = identify(" ".join(lower))
    return again.language in home_langs or again.probability_of(frozenset(home_langs)) > 0.5


#: `_evidence`'s answer when only langdetect's opinion can still decide.
_ASK_SECOND_OPINION = object()


def judge(segment: Segment, doc_lang: str, data: LanguageData, particles: frozenset[str],
          th: Thresholds, quick: Callable[[str], Prediction],
          identify: Callable[[str], Prediction],
          kin: Callable[[str], frozenset[str]] = lambda code: frozenset(),
          second_opinion: Callable[[str], tuple[tuple[str, float], ...]] | None = None,
          ) -> Verdict | None:
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
    words = content_words(segment.text, data, particles)
    if not words:
        return None  # nothing but names, numbers, acronyms, URLs or kept terms
    n = len(words)
    if segment.quoted and n <= th.max_quoted_words:
        return None
    if segment.whole_line and n <= th.max_heading_words and not _TERMINAL.search(segment.text):
        return None  # two to five words without final punctuation: a heading
    # (The word tests above need no prediction: they go first.)
    prediction = identify(segment.text)  # with runners-up: how likely is home?
    lang = prediction.language
    if lang == "und" or lang in home_langs:
        return None
    if _is_title(words, th):
        return None
    names = name_words(segment.text)
    found = _evidence(segment, words, names, prediction, home_langs, data, th, kin)
    # Whether names made the span look foreign takes a prediction of its other words:
    # asked only about a span the evidence would report.
    if found is None or _names_pull(words, names, home_langs, identify):
        return None
    if found is _ASK_SECOND_OPINION:
        return _second_opinion_agrees(segment.text, prediction, home_langs, th, kin,
                                      second_opinion)
    return found


def _evidence(segment: Segment, words: list[str], names: frozenset[str],
              prediction: Prediction, home_langs: set[str], data: LanguageData,
              th: Thresholds, kin: Callable[[str], frozenset[str]]):
    """judge's weighing of the evidence for a span fastText places elsewhere: a
    Verdict, None, or _ASK_SECOND_OPINION."""
    n, lang = len(words), prediction.language
    home = prediction.probability_of(home_langs)
    strong = prediction.confidence >= th.long_confidence
    # "Not the document language" only counts when fastText does place the span
    # somewhere: a flat guess ("es 0.09, pl 0.06, ilo 0.06") places it nowhere.
    family_confidence = prediction.probability_of(kin(lang) | {lang})
    placed = family_confidence >= th.min_placed_confidence
    unlikely_home = home <= th.max_home_probability and placed
    if n >= th.mid_words:
        # Four words or more: fastText decides alone, helped by orthography when the
        # document language keeps some chance.
        if unlikely_home or (n >= th.long_words and strong and home <= th.max_home_long):
            return Verdict(lang, 1 - home, n, "fasttext")
        if home <= th.max_home_with_orthography and placed and orthography_hit(words, data):
            return Verdict(lang, 1 - home, n, "fasttext+orthography")
        if strong and home <= th.max_home_long:
            return Verdict(lang, 1 - home, n, "fasttext")
        if not segment.whole_line:
            return None
        # A whole line fastText is unsure about (a string of short sentences, an
        # author bio): spelling and frequent words may still decide.
    # (The spelling is looked at only where it can decide: it costs a few searches.)
    if unlikely_home and (n >= 2 or segment.aside) and orthography_hit(words, data):
        return Verdict(lang, 1 - home, n, "fasttext+orthography")
    if home <= th.max_home_for_lexicon:
        # A frequent word of another language that fastText also finds plausible: the
        # cheap, sure evidence for the shortest notes ("(noch)", "(até levantou a)").
        lexicon = lexicon_languages(words, data)
        if lexicon:
            agreed = lexicon_agrees(prediction, lexicon, th, kin)
            if agreed:
                return Verdict(agreed, 1 - home, n, "fasttext+lexicon")
    lower = [w for w in words if w not in names]
    if len(lower) < 2 and len(lower) < len(words):
        return None  # a lone word next to names ("docu, Netflix"): too little to go on
    strange = sum(1 for w in words if w.lower() not in data.own_words)
    if unlikely_home and (segment.aside or segment.whole_line) \
            and strange >= th.min_strange_share * n:
        # Most of its words are none of the document language's frequent words ("Oh
        # que NON !" is one strange word and one French one: not enough).
        # A short whole line must be placed somewhere surely, not just away from home:
        # a wrapped tail of a Croatian sentence ("privredi“, smatra Peretić.") is
        # "hr 0.00" yet only "de 0.45" — unknown to fastText, not foreign.
        short_line = segment.whole_line and not segment.aside and n < th.mid_words
        elsewhere = prediction.confidence if n == 1 or short_line else 1 - home
        if elsewhere >= (th.sure_alone_one_word if n == 1 else th.sure_alone) \
                and prediction.confidence >= th.min_family_confidence:
            return Verdict(lang, 1 - home, n, "fasttext")
    if home > th.max_home_for_lexicon or not (segment.aside or segment.whole_line):
        return None
    # fastText places the span elsewhere without being sure (often split between
    # related languages: "sr 0.36, sl 0.27, cs 0.13"): do its letters look like one of
    # those languages rather than the document's? (langdetect's profiles, scored
    # directly: a few dozen dictionary look-ups instead of a langdetect run.)
    guesses = [(lang, prediction.confidence), *prediction.others]
    placed_elsewhere = sum(p for _, p in guesses) - home >= th.min_elsewhere
    candidates = frozenset().union(*(kin(code) | {code} for code, _ in guesses)) - home_langs
    # (A dozen words tell the n-grams' preference as well as a whole line does.)
    best, margin = ngram_preference(" ".join([w for w in words if w not in names][:12]),
                                    candidates, home_langs)
    if best and margin >= th.min_ngram_margin and home <= th.max_home_probability \
            and placed_elsewhere and (n >= 2 or segment.aside):
        # (A lone word on its own line is too little for letter statistics: "softver."
        # in a Croatian page scores as Norwegian.)
        return Verdict(lang, 1 - home, n, "fasttext+ngrams")
    if segment.whole_line and n >= th.mid_words and margin > 0 \
            and family_confidence >= th.min_line_confidence:
        # A whole line of short sentences fastText is unsure about (an English author
        # bio is "en 0.44"): the one low-confidence case still worth langdetect's time.
        return _ASK_SECOND_OPINION
    return None


def _second_opinion_agrees(text: str, prediction: Prediction, home_langs: set[str],
                           th: Thresholds, kin: Callable[[str], frozenset[str]],
                           second_opinion: Callable[[str], tuple[tuple[str, float], ...]] | None,
                           ) -> Verdict | None:
    """langdetect's distribution agrees that the line is in fastText's language (or
    close kin of it) and gives the document language little."""
    opinion = second_opinion(text) if second_opinion else ()
    if not opinion or opinion[0][0] in home_langs \
            or sum(p for code, p in opinion if code in home_langs) > th.max_doc_share:
        return None
    family = kin(prediction.language) | {prediction.language}
    if not any(code in family and p >= th.plausible for code, p in opinion):
        return None
    home = prediction.probability_of(frozenset(home_langs))
    return Verdict(prediction.language, 1 - home, len(text.split()), "fasttext+langdetect")
