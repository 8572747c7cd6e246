"""Whether a line judged foreign is foreign as a whole (F101 removes it) or holds
native text too (F103 flags the foreign part).

A foreign sentence appended to a native one without a sentence boundary between them
("... for a 108-degree weekend Le gouvernement se défend ...": a headline run into the
next sentence) reads as foreign to fastText when the foreign part is longer; removing
the line would lose the native text. So the line's first and last thirds are
identified, and the line cut where a capitalised word follows an unpunctuated one: when
a part is surely in the document language and the rest is not, the rest is the foreign
part; when only a third of the line is, the whole line is flagged.
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
#: Cuts tried from each end of the line (each costs one or two short predictions).
MAX_CUTS = 3


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

    # Where a capitalised word follows a lowercase word without punctuation, one
    # sentence may run into the next ("... weekend Le gouvernement ..."): the nearest such cuts to
    # each end are tried first, then the line's thirds.
    cuts = [w for i, w in enumerate(words[MIN_NATIVE_WORDS:len(words) - MIN_NATIVE_WORDS + 1],
                                    MIN_NATIVE_WORDS)
            if w.group()[0].isupper() and words[i - 1].group()[-1].isalnum()
            and not words[i - 1].group()[0].isupper()]
    tried = list(dict.fromkeys(cuts[:MAX_CUTS] + cuts[-MAX_CUTS:]))
    for w in reversed(tried):  # the longest native beginning first
        before = text[body[0]:w.start()].rstrip()
        if native(before) and predict(text[w.start():body[1]]).language != lang:
            return ("inline", w.start(), body[1])
    for w in tried:  # the longest native end first
        before = text[body[0]:w.start()].rstrip()
        if native(text[w.start():body[1]]) and predict(before).language != lang:
            return ("inline", body[0], body[0] + len(before))
    third = max(MIN_NATIVE_WORDS, len(words) // 3)
    if native(text[body[0]:words[third - 1].end()]) \
            or native(text[words[-third].start():body[1]]):
        return ("inline", *body)
    return ("line", *body)
