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
from typing import Iterator, Mapping

# Token classes.
MONTH, WEEKDAY, TIME, LABEL, CREDIT, ROLE, OUTLET, HONORIFIC, UI, UI_WEAK, JOINER = (
    "month", "weekday", "time", "label", "credit", "role", "outlet", "honorific", "ui",
    "ui_weak", "joiner")
DATE, DAY, NUMBER, NAME, PLAIN, FUNCTION = "date", "day", "number", "name", "plain", "function"

#: Data keys in the order a word is looked up: the first list holding it decides.
POOLED_KEYS = (LABEL, CREDIT, ROLE, OUTLET, HONORIFIC, UI, MONTH, WEEKDAY, TIME, UI_WEAK)
_KEY_OF = {MONTH: "months", WEEKDAY: "weekdays", TIME: "time_words", LABEL: "labels",
           CREDIT: "credits", ROLE: "roles",
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
_WORD = re.compile(r"\w+")
# An elided article or preposition glued to its word: "l'article", "d’Ana", "dell'anno".
_ELISION = re.compile(r"^\w{1,4}['’](?=\w)")
_EDGE = re.compile(r"^[^\w©@#&]+|[^\w.©@#&]+$|(?<=\w)[.:]$")
#: Tokens (and token classes) remembered at most, before the memo starts afresh (about
#: 2 MB each).
MEMO_SIZE = 10_000
#: Memo of `_edge_pair`: raw token -> (token without its edge punctuation, lower-cased).
_EDGES: dict[str, tuple[str, str]] = {}


def _raw_tokens(text: str) -> Iterator[str]:
    """The tokens of a line: "Foto/Quelle", "picture alliance/dpa" are two tokens,
    "12/03/2021" is one."""
    for m in _TOKEN.finditer(text):
        token = m.group()
        if "/" in token and not token[0].isdigit():
            yield from (t for t in token.split("/") if t)
        else:
            yield token


def _edge_pair(token: str) -> tuple[str, str]:
    bare = _EDGE.sub("", token)
    return bare, bare.lower()


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
    #: multi-word entries by their first word, longest first: ("mis", "à", "jour") -> label
    phrase_starts: dict[str, list[tuple[tuple[str, ...], str]]]
    outlet_words: dict[str, str]                # case-sensitive one-word outlets ("AP")
    joiners: frozenset[str] = field(default_factory=frozenset)
    frequent: frozenset[str] = field(default_factory=frozenset)
    #: Lower-case words that can anchor a line (labels, credits, outlets, honorifics and
    #: page-control words, phrases by each of their words): a line with none of them and
    #: no digit cannot pass any check, and is not tokenised.
    anchors: frozenset[str] = field(default_factory=frozenset)
    weak_anchors: frozenset[str] = field(default_factory=frozenset)
    #: Memo of `_classify` (names, labels and widget words recur from line to line).
    classes: dict[tuple[str, bool, bool], str | None] = field(default_factory=dict, compare=False,
                                                              repr=False)

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
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, key in sorted(phrase_class.items(), key=lambda kv: -len(kv[0].split())):
            parts = tuple(phrase.split())
            starts.setdefault(parts[0], []).append((parts, key))
        strong, weak = set(), set()
        for entry, key in [*words.items(), *phrase_class.items(),
                           *((w.lower(), OUTLET) for w in outlet_words)]:
            if key not in (LABEL, CREDIT, ROLE, OUTLET, HONORIFIC, UI, UI_WEAK):
                continue
            if key == UI_WEAK:  # chrome words are counted, each word of a phrase too
                weak.update(_WORD.findall(entry))
            else:  # a phrase is found by its longest word ("leave a comment": "comment")
                strong.add(max(_WORD.findall(entry) or [""], key=len))
        return cls(words, starts, outlet_words, joiners, frozenset(frequent) - joiners,
                   frozenset(strong), frozenset(weak - strong))

    def may_pass(self, text: str, min_weak: int) -> bool:
        """Cheap test before `profile`: a digit, a ©, a word that can anchor a line, or
        `min_weak` chrome words (a line of chrome words only)."""
        lower = text.lower()
        if _DIGIT.search(text) or "©" in text or "(c)" in lower:
            return True
        found = _WORD.findall(lower)
        if not self.anchors.isdisjoint(found):
            return True
        return sum(map(self.weak_anchors.__contains__, found)) >= min_weak

    def profile(self, text: str, give_up: int | None = None) -> Profile | None:
        """The class counts of `text` (a short line): O(tokens), phrases looked up by
        their first word. None as soon as more than `give_up` tokens are ordinary or
        frequent words: no check could accept the line then (most lines that get this
        far stop after a few tokens, so tokens are read as the count needs them)."""
        tokens = _raw_tokens(text)
        stripped_tokens: list[str] = []
        words: list[str] = []
        if len(_EDGES) >= MEMO_SIZE:
            _EDGES.clear()

        def read(n: int) -> None:
            """Make sure the first `n` tokens are read (all of them if fewer)."""
            while len(words) < n:
                token = next(tokens, None)
                if token is None:
                    return
                bare, lower = _EDGES.get(token) or _EDGES.setdefault(token, _edge_pair(token))
                stripped_tokens.append(bare)
                words.append(lower)

        counts: dict[str, int] = {}
        first = None
        has_digit_line = bool(_DIGIT.search(text))
        i = 0
        read(1)
        while i < len(words):
            cls, size = None, 1
            phrases = self.phrase_starts.get(words[i], ())
            if phrases:
                read(i + len(phrases[0][0]))  # the longest phrase comes first
            for phrase, phrase_cls in phrases:
                if tuple(words[i:i + len(phrase)]) == phrase:
                    cls, size = phrase_cls, len(phrase)
                    break
            if cls is None:
                key = (stripped_tokens[i], has_digit_line, i == 0)
                if key in self.classes:
                    cls = self.classes[key]
                else:
                    if len(self.classes) >= MEMO_SIZE:
                        self.classes.clear()
                    cls = self.classes[key] = self._classify(*key)
            if cls is not None:
                counts[cls] = counts.get(cls, 0) + size
                first = first or cls
                if (give_up is not None and cls in (PLAIN, FUNCTION)
                        and counts.get(PLAIN, 0) + counts.get(FUNCTION, 0) > give_up):
                    return None
            i += size
            read(i + 1)
        stripped = text.rstrip()
        return Profile(counts, sum(counts.values()), first,
                       stripped[-1:] if stripped else "", "©" in text or "(c)" in text.lower(),
                       ": " in stripped or " :" in stripped)

    def _classify(self, token: str, digits_on_line: bool, opens_line: bool = False) -> str | None:
        """The class of one token, already stripped of surrounding punctuation."""
        token = _ELISION.sub("", token)
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
        cls = (self.words.get(lower) or self.words.get(lower.rstrip("."))
               or self.words.get(lower + "."))  # "p.m" -> "p.m.", "Prof" -> "prof."
        if cls in (MONTH, WEEKDAY) and not digits_on_line:
            cls = None  # "May", "Mars", "So": a month or weekday only beside a number
        if cls is not None and cls != UI_WEAK:
            return cls
        if lower in self.joiners:
            return JOINER
        if cls == UI_WEAK:
            return UI_WEAK
        # A frequent word is a verb or pronoun of a sentence ("Il a dit"), except inside
        # a name ("São Paulo", "Des Moines"): capitalised after the line's first word.
        if lower in self.frequent and (opens_line or not token[0].isupper()):
            return FUNCTION
        if token[0].isupper() or token[0] in "@#":
            return NAME
        return PLAIN
