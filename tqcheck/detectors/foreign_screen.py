"""Lines surely in the document language, told from their words without language ID.

Why: the document-language vote predicts every line, which alone costs about a bare
fastText pass. Most lines of news are plain sentences full of the document language's
own frequent words (rules/data/function_words), with no frequent word of any other
language, no letter the language never uses (rules/data/orthography `letters`) and no
bracket or quotation mark: such a line holds nothing a foreign-fragment rule could flag,
and fastText places it at home. On the fragment benchmark (five seeds) about 70% of the
characters pass, no inserted fragment of four words or more falls in text that passes
(bracketed ones sit in asides, which are still identified), and on the 5 MB speed
corpus no language changes. Those lines vote without a prediction, and the detector
passes over them.

The test uses plain string methods (lower, replace, split) and set look-ups: about a
tenth of a prediction per line. A regular expression over the line's words, or the
orthography `patterns`, cost as much as the prediction saved (measured: a word pattern
21 us, the eight French spelling patterns 11 us, fastText 50-80 us on a 300-character
line), so the spelling patterns are left to the detector's judging of lines that fail.

Nothing here knows a language: the words and letters come from rules/data through
`LanguageData`.
"""
from __future__ import annotations

import re
from typing import Callable

from tqcheck.detectors.foreign_evidence import LanguageData
from tqcheck.segments import line_segments

#: Any mark that may open or close an aside or a quotation: such a line goes to the
#: detector, which identifies what is inside.
_ENCLOSING = re.compile(r"[()\[\]«»“”„‹›\"]")
#: Where a sentence (or a clause after a colon or semicolon) may end: every piece of the
#: line must show the document language on its own, so a foreign sentence appended to a
#: native one cannot hide behind it.
_PIECE_MARKS = (". ", "! ", "? ", "… ", "; ", ": ")
#: What else is cut away from words before they are looked up ("l'hiver" is "l" and
#: "hiver"; "mois," is "mois"). Rarer marks stay on their word, which then matches no
#: list: the line only gets harder to pass.
_WORD_MARKS = tuple(",.;:!?…'’/-")
#: Cached answers per language (cleared when they reach this many).
CACHE_LIMIT = 5_000


#: What the test says of a line: nothing to screen by (predict it), surely native with
#: nothing enclosed, or surely native outside its asides and quotations (which the
#: detector still identifies one by one).
UNSURE, NATIVE, NATIVE_OUTSIDE = 0, 1, 2
#: The text outside a line's asides and quotations must be at least this share of it
#: for the line to count as native: a long quotation may be in any language.
MIN_OUTSIDE_SHARE = 0.5


def native_screen(data: LanguageData, min_words: int, min_own_share: float,
                  min_line_words: int) -> Callable[[str], int] | None:
    """A test of one stripped line: NATIVE when it is surely in the language of `data`
    (see the module docstring), NATIVE_OUTSIDE when its text outside asides and
    quotations is (and is most of it), else UNSURE (0, false). None when the language
    has no frequent-word list (then there is no evidence to screen with, and every line
    is identified as before).

    Text passes when it has at least `min_line_words` words and is not all capitals
    (fastText is least reliable on headings, menus and shouting: they are predicted), no
    unpaired enclosing mark, no frequent word of another language
    (`data.foreign_words`), no letter the language never uses (`data.letters`, searched
    in the whole lowercased text, names included: stricter than the detector's own
    test), and every piece between sentence ends has at least `min_words` words, of
    which at least `min_own_share` are frequent words of the language or its kin."""
    own, foreign_words = data.own_words, data.foreign_words.keys()
    if not own:
        return None
    odd_letter = re.compile("[" + re.escape("".join(sorted(data.letters))) + "]").search \
        if data.letters else None
    cache: dict[str, int] = {}
    enclosing = _ENCLOSING.search
    own_word = own.__contains__

    def surely_native(line: str) -> int:
        known = cache.get(line)
        if known is not None:
            return known
        if enclosing(line) is None:
            answer = NATIVE if passes(line) else UNSURE
        else:
            outside = _outside(line)
            answer = NATIVE_OUTSIDE if (
                outside is not None and len(outside) >= MIN_OUTSIDE_SHARE * len(line)
                and enclosing(outside) is None and passes(outside)) else UNSURE
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[line] = answer
        return answer

    def passes(text: str) -> bool:
        # Plain string methods only (split, replace, set look-ups): a regular
        # expression over every word of the line costs as much as a fastText call.
        if text.isupper():
            return False
        low = text.lower()
        if odd_letter is not None and odd_letter(low) is not None:
            return False
        for mark in _PIECE_MARKS:
            if mark in low:
                low = low.replace(mark, " \0 ")
        for mark in _WORD_MARKS:
            if mark in low:
                low = low.replace(mark, " ")
        total = 0
        for piece in low.split("\0"):
            piece_words = piece.split()
            if not piece_words:
                continue
            n = len(piece_words)
            if n < min_words or not foreign_words.isdisjoint(piece_words) \
                    or sum(map(own_word, piece_words)) < min_own_share * n:
                return False
            total += n
        if total < min_line_words:
            return False
        return True

    return surely_native


def _outside(line: str) -> str | None:
    """The line without its asides and quotations (each replaced by a space), or None
    when they overlap (a quotation inside brackets: left to the detector)."""
    parts, pos = [], 0
    for piece in line_segments(line, 0, len(line), 0, sentences=False):
        if piece.start < pos:
            return None
        parts.append(line[pos:piece.start])
        pos = piece.end
    parts.append(line[pos:])
    return " ".join(parts).strip()
