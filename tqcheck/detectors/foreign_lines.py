"""Whether a line judged foreign is foreign as a whole (F101 removes it) or holds
native text too (F103 flags the foreign part).

A foreign sentence appended to a native one without a sentence boundary between them
("... for a 108-degree weekend Le gouvernement se défend ...": a headline run into the
next sentence) reads as foreign to fastText when the foreign part is longer; removing
the line would lose the native text. So the line's first and last thirds are
identified: when one is surely in the document language, the foreign part is cut where
a capitalised word starts it, or the whole line is flagged when no such cut is found.
"""
from __future__ import annotations

from typing import Callable

import regex

from tqcheck.langid import Prediction

_WORD_SPAN = regex.compile(r"\S+")
#: Words a part of a line needs before it counts as written in the document language.
MIN_NATIVE_WORDS = 3
#: ... how sure fastText must be of that, and the most it may give the line's language
#: (close languages such as es/pt share enough words for a third of a line to look
#: like either).
NATIVE_CONFIDENCE, NATIVE_OTHER = 0.8, 0.1


def foreign_part(text: str, body: tuple[int, int], lang: str, found: str,
                 predict: Callable[[str], Prediction]) -> tuple[str, int, int]:
    """("line", body) when text[body] is foreign as a whole, else ("inline", start,
    end) over its foreign part. `found` is the language the line was judged to be in,
    `predict` gives top languages with probabilities."""
    words = list(_WORD_SPAN.finditer(text, body[0], body[1]))
    if len(words) < 2 * MIN_NATIVE_WORDS:
        return ("line", *body)

    def native(part: str) -> bool:
        guess = predict(part)
        return (guess.language == lang and guess.confidence >= NATIVE_CONFIDENCE
                and guess.probability_of(found) < NATIVE_OTHER
                and len(part.split()) >= MIN_NATIVE_WORDS)

    third = max(MIN_NATIVE_WORDS, len(words) // 3)
    head_native = native(text[body[0]:words[third - 1].end()])
    tail_native = not head_native and native(text[words[-third].start():body[1]])
    if not (head_native or tail_native):
        return ("line", *body)
    for w in words[1:-1]:
        if not w.group()[0].isupper():
            continue
        before = text[body[0]:w.start()].rstrip()
        after = text[w.start():body[1]]
        mine, other = (before, after) if head_native else (after, before)
        if native(mine) and predict(other).language != lang:
            return ("inline", w.start(), body[1]) if head_native \
                else ("inline", body[0], body[0] + len(before))
    return ("inline", *body)
