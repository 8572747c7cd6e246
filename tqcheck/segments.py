"""Split text at its structure before identifying languages: lines, sentences, and the
insides of brackets, parentheses and quotation marks.

Why: language ID is reliable on a piece that is all one language and unreliable on a
mix. A two-word Portuguese note in brackets is "fr 0.79" inside its French line but
"pt 1.00" on its own, so the pieces have to be cut out first. Nothing here knows any
language: the cuts are made at punctuation and case only.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple


import regex

#: Kinds of segment: a sentence of a line, a bracketed/parenthesised aside, a quotation.
SENTENCE, ASIDE, QUOTE = "sentence", "aside", "quote"

# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and
# something that can start a sentence. A single capital before the dot is an initial
# ("J. Biden") and Title-case words of 2-3 letters are abbreviations ("Dr.", "Mr."),
# so neither ends a sentence.
_BOUNDARY = regex.compile(
    r"""(?<!(?:^|[\s(\[])\p{Lu}\.)(?<!(?:^|[\s(\[])\p{Lu}\p{Ll}{1,2}\.)(?<=[.!?…](?:\s?["»”’)\]])*)\s+"""
    r"""(?=[\p{Lu}\p{Lt}\d«"“„¿¡(\[‹'‘])""")
# These run on every line with a bracket or quotation mark: plain patterns, so the
# stdlib `re` (several times faster than `regex` on them) does the work. A letter or
# digit is `[^\W_]` there.
_ASIDE = re.compile(r"\(([^()\n]{1,400})\)|\[([^\[\]\n]{1,400})\]")
#: One pattern per opening mark, run only on lines that contain that mark.
_QUOTES = {
    "«": re.compile(r"«\s*([^«»\n]{1,800}?)\s*»"),
    "“": re.compile(r"“([^“”\n]{1,800})”"),
    "„": re.compile(r"„([^„“”\n]{1,800})[“”]"),
    "‹": re.compile(r"‹\s*([^‹›\n]{1,400}?)\s*›"),
    # The quotation mark first, then the look-behind (no letter or digit before
    # it): with the look-behind first, every position of the line is tried.
    '"': re.compile(r"\"(?<![^\W_]\")([^\"\n]{1,800})\"(?![^\W_])"),
}
#: Two letters (`[^\W\d_]`: a word character that is no digit or underscore).
_TWO_LETTERS = re.compile(r"[^\W\d_][\W\d_]*[^\W\d_]")
#: Where a sentence may end inside a line: final punctuation (and closing marks) then a
#: space. A line without one is a single sentence; the stdlib `re` answers that several
#: times faster than the full boundary pattern, for the many lines that are one sentence.
MAY_END = re.compile(r"""[.!?…]["»”’)\]]*\s""")


#: Where a sentence boundary can start: after final punctuation or a closing mark, before
#: a space (every place _BOUNDARY's look-behind accepts; matches there never overlap).
_AFTER_MARK = re.compile(r"""[.!?…"»”’)\]](?=\s)""")


class Segment(NamedTuple):
    """A piece of one line. `start`..`end` is what a finding covers (brackets and
    quotation marks included); `inner_start`..`inner_end` is the text identified.
    (An immutable NamedTuple rather than a frozen dataclass: thousands are made per
    document, and tuples are several times cheaper to build.)"""

    kind: str
    start: int
    end: int
    inner_start: int
    inner_end: int
    line: int  # 0-based line number

    def inner(self, text: str) -> str:
        return text[self.inner_start:self.inner_end]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def single_sentence(line: str) -> bool:
    """One sentence at most in this line (a cheap test before `sentence_spans`)."""
    return MAY_END.search(line) is None or len(_split(line)) <= 1


def sentence_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Sentences of text[start:end] (one line), as trimmed offset pairs."""
    if start == 0 and end == len(text):
        return _split(text)
    return tuple((start + s, start + e) for s, e in _split(text[start:end]))


@functools.lru_cache(maxsize=4096)
def _split(line: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets within one line; cached, because the document-language vote,
    the detector and every cleaning pass split the same lines. Sized for one document
    (4,096 lines): 65,536 entries grew a corpus run's RSS by ~30 MB (bench/speed)."""
    out, pos = [], 0
    if MAY_END.search(line):
        # _BOUNDARY matches only right after final punctuation or a closing mark: try
        # it there (stdlib `re` finds those places) rather than at every position.
        for place in _AFTER_MARK.finditer(line):
            match = _BOUNDARY.match(line, place.end())
            if match is None:
                continue
            s, e = trimmed(line, pos, match.start())
            if e > s:
                out.append((s, e))
            pos = match.end()
    s, e = trimmed(line, pos, len(line))
    if e > s:
        out.append((s, e))
    return tuple(out)


def has_letters(text: str) -> bool:
    """At least two letters: something language ID can look at."""
    return _TWO_LETTERS.search(text) is not None


def _inner_segments(kind: str, pattern, text: str, start: int, end: int,
                    line: int) -> list[Segment]:
    out = []
    for match in pattern.finditer(text, start, end):
        group = match.lastindex  # the one alternative's group that matched
        inner = match.group(group)
        s = match.start(group) + len(inner) - len(inner.lstrip())
        e = match.start(group) + len(inner.rstrip())
        if e > s and _TWO_LETTERS.search(text, s, e) is not None:
            out.append(Segment(kind, match.start(), match.end(), s, e, line))
    return out


def line_segments(text: str, start: int, end: int, line: int,
                  sentences: bool = True) -> list[Segment]:
    """Sentences (unless `sentences` is false), asides and quotations of one line, in
    text order."""
    out = [Segment(SENTENCE, s, e, s, e, line) for s, e in sentence_spans(text, start, end)
           if has_letters(text[s:e])] if sentences else []
    chunk = text[start:end]
    if "(" in chunk or "[" in chunk:
        out += _inner_segments(ASIDE, _ASIDE, text, start, end, line)
    for mark, pattern in _QUOTES.items():
        if mark in chunk:
            out += _inner_segments(QUOTE, pattern, text, start, end, line)
    if len(out) > 1:
        out.sort(key=_text_order)
    return out


def _text_order(segment: Segment) -> tuple[int, int]:
    return (segment.start, -segment.end)
