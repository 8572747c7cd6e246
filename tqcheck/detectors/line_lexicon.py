"""What a short line is made of: each token sorted into a word class, language by language.

A byline, a dateline, a photo credit or a share button is not told by one phrase but by
its make-up: a page prints "Por Miguel Gómez", "Foto: Ana Souza/Secom", "sábado, março
28, 2020" or "Partager sur Facebook" in endless variants, yet each is only names,
dates, field labels, outlets, separators and page-control words, with no ordinary words
of a sentence between them. This module turns a line into that profile (`Profile`); the
metadata-shape and ui-shape detectors decide from it. The words are per-language data
(`rules/data/line_shape/<lang>.toml`); month and weekday names, labels, outlets and
page-control words are pooled over all languages (sites print dates and widgets in
their theme's locale), while joining words and the language's frequent words
(`rules/data/function_words/`) come from the document language only, so that a French
"a" (has) is a verb and a Spanish "a" a joining word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

# Token classes.
MONTH, WEEKDAY, TIME, LABEL, CREDIT, OUTLET, HONORIFIC, UI, UI_WEAK, JOINER = (
    "month", "weekday", "time", "label", "credit", "outlet", "honorific", "ui", "ui_weak",
    "joiner")
DATE, DAY, NUMBER, NAME, PLAIN, FUNCTION = "date", "day", "number", "name", "plain", "function"

#: Data keys in the order a word is looked up: the first list holding it decides.
POOLED_KEYS = (LABEL, CREDIT, OUTLET, HONORIFIC, UI, MONTH, WEEKDAY, TIME, UI_WEAK)
_KEY_OF = {MONTH: "months", WEEKDAY: "weekdays", TIME: "time_words", LABEL: "labels",
           CREDIT: "credits",
           OUTLET: "outlets", HONORIFIC: "honorifics", UI: "ui", UI_WEAK: "ui_weak",
           JOINER: "joiners"}

# stdlib `re` (several times faster than `regex` here; the classes needed are simple).
_TOKEN = re.compile(r"[^\s|·•—–,;()\[\]«»“”\"]+")
# "12.03.2021", "12/03/21", "12.03.", "12/03", "2021-03-12"; not "3.2" (a version, a score).
_NUMERIC_DATE = re.compile(r"^(?:\d{1,2}([./-])\d{1,2}\1\d{2,4}|\d{1,2}\.\d{1,2}\.|\d{1,2}/\d{1,2}|\d{4}-\d{2}-\d{2})$")
_CLOCK = re.compile(r"^\d{1,2}(?:[:h]\d{2}(?:[:h]\d{2})?h?|h)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_DAY = re.compile(r"^(?:[12]?\d|3[01])(?:\.|er|st|nd|rd|th|º|ª|°)?$")
_DIGIT = re.compile(r"\d")
# An elided article or preposition glued to its word: "l'article", "d’Ana", "dell'anno".
_ELISION = re.compile(r"^\w{1,4}['’](?=\w)")
_EDGE = re.compile(r"^[^\w©@#&]+|[^\w.©@#&]+$|(?<=\w)[.:]$")


@dataclass(frozen=True)
class Profile:
    """How many tokens of each class a line holds, and where its first label sits."""

    counts: Mapping[str, int]
    tokens: int
    first: str | None           # class of the first token
    last_char: str
    has_copyright: bool = False
    inner_colon: bool = False   # a colon inside the line ("2 mai : Reportage"), not a clock

    def __getitem__(self, cls: str) -> int:
        return self.counts.get(cls, 0)

    def share(self, *classes: str) -> float:
        return sum(self[c] for c in classes) / self.tokens if self.tokens else 0.0


@dataclass
class LineLexicon:
    """The pooled word lists and one language's joining and frequent words."""

    words: dict[str, str]                       # lowercase word -> class (one-word entries)
    phrases: re.Pattern | None                  # multi-word entries
    phrase_class: dict[str, str]
    outlet_words: dict[str, str]                # case-sensitive one-word outlets ("AP")
    joiners: frozenset[str] = field(default_factory=frozenset)
    frequent: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(cls, tables: Mapping[str, dict], lang: str | None,
              frequent: frozenset[str] = frozenset()) -> "LineLexicon":
        words: dict[str, str] = {}
        phrase_class: dict[str, str] = {}
        outlet_words: dict[str, str] = {}
        for key in POOLED_KEYS:
            for table in tables.values():
                for entry in table.get(_KEY_OF[key], []):
                    norm = " ".join(entry.split())
                    if " " in norm:
                        phrase_class.setdefault(norm.lower(), key)
                    elif key == OUTLET and norm.isupper() and len(norm) <= 4:  # "AP", not "ap"
                        outlet_words.setdefault(norm, key)
                    else:
                        words.setdefault(norm.lower(), key)
        if lang in tables:
            joiners = frozenset(w.lower() for w in tables[lang].get("joiners", []))
        else:
            joiners = frozenset(w.lower() for t in tables.values() for w in t.get("joiners", []))
        phrases = None
        if phrase_class:
            alternatives = sorted(phrase_class, key=len, reverse=True)
            body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in alternatives)
            phrases = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        return cls(words, phrases, phrase_class, outlet_words, joiners,
                   frozenset(frequent) - joiners)

    def profile(self, text: str) -> Profile:
        """The class counts of `text` (a short line)."""
        counts: dict[str, int] = {}
        order: list[tuple[int, str]] = []
        rest = text
        if self.phrases is not None and " " in text:
            pieces = []
            last = 0
            for m in self.phrases.finditer(text):
                cls = self.phrase_class.get(" ".join(m.group().lower().split()))
                if cls is None:
                    continue
                counts[cls] = counts.get(cls, 0) + len(m.group().split())
                order.append((m.start(), cls))
                pieces.append(text[last:m.start()])
                pieces.append(" " * (m.end() - m.start()))
                last = m.end()
            pieces.append(text[last:])
            rest = "".join(pieces)
        has_digit_line = bool(_DIGIT.search(text))
        for m in _TOKEN.finditer(rest):
            token = m.group()
            # "Foto/Quelle", "picture alliance/dpa" are two tokens; "12/03/2021" is one.
            parts = token.split("/") if "/" in token and not token[0].isdigit() else (token,)
            for part in parts:
                cls = self._classify(part, has_digit_line)
                if cls is None:
                    continue
                counts[cls] = counts.get(cls, 0) + 1
                order.append((m.start(), cls))
        order.sort()
        stripped = text.rstrip()
        return Profile(counts, sum(counts.values()), order[0][1] if order else None,
                       stripped[-1:] if stripped else "", "©" in text or "(c)" in text.lower(),
                       ": " in stripped or " :" in stripped)

    def _classify(self, raw: str, digits_on_line: bool) -> str | None:
        token = _ELISION.sub("", _EDGE.sub("", raw))
        if not token:
            return None  # a separator
        if _DIGIT.search(token):
            if _NUMERIC_DATE.match(token) or _CLOCK.match(token):
                return DATE
            if _YEAR.match(token):
                return DATE
            if _DAY.match(token):
                return DAY
            return NUMBER
        if token in self.outlet_words:
            return OUTLET
        lower = token.lower()
        cls = self.words.get(lower) or self.words.get(lower.rstrip("."))
        if cls in (MONTH, WEEKDAY) and not digits_on_line:
            cls = None  # "May", "Mars", "So": a month or weekday only beside a number
        if cls is not None and cls != UI_WEAK:
            return cls
        if lower in self.joiners:
            return JOINER
        if cls == UI_WEAK:
            return UI_WEAK
        if lower in self.frequent:
            return FUNCTION
        if token[0].isupper() or token[0] in "@#":
            return NAME
        return PLAIN
