"""Runs of one to five words repeated right after themselves ("à la fin à la fin"), for
the MT-artifact detector's ``duplicate`` check.

Splitting a text into its words, one Python string each, was most of that check's
time, though almost no line holds a repeat. So the words are first compared as bytes:
the lowered text with every character that is neither a letter nor a mark made a space,
encoded and split at C speed, gives the same word sequence (lowered) as the split; a
run repeated back to back there is a candidate, and only the lines holding one are
split and checked in full (a repeat never spans a line: its words are joined by spaces
and apostrophes only). `test_repeats.py` compares the result with the plain search.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, count, islice, repeat
from operator import eq
from typing import Iterator

import regex

#: Longest run of words whose back-to-back repetition is checked.
MAX_REPEAT_WORDS = 5
_LETTER_RUN = regex.compile(r"([\p{L}\p{M}]+)")  # split() keeps the words
#: Lowered as σ or ς depending on the letters around it, which may lie outside its word.
_CAPITAL_SIGMA = "\u03a3"
#: A character beyond ASCII that is neither a letter nor a mark: it separates words.
_NON_ASCII_SEPARATOR = regex.compile(r"[^\x00-\x7f\p{L}\p{M}]")
#: Every ASCII byte but a letter becomes a space, and the line break a NUL: a word of
#: its own once spaced (bytes.split would drop a line break), which no line repeats.
_ASCII_SEPARATORS = bytes(0 if b == 10 else 32 if b < 128 and not chr(b).isalpha() else b
                          for b in range(256))
_BREAK = b"\0"

Repeat = tuple[int, int, int, str]  # start, start of the repeat, its end, the chunk


def repeated_runs(text: str) -> Iterator[Repeat]:
    """(start, start of the repeat, end of the repeat, chunk) for each run of 1-5 words
    repeated right after itself, case-insensitively, in order of the number of words,
    then of position. Words inside a run are joined by a space or an apostrophe; the
    two runs by spaces only; a repeat inside one already reported is not reported."""
    lowered = text.lower()
    if len(lowered) != len(text) or _CAPITAL_SIGMA in text:
        # İ lowers to two characters, and Σ takes its final form from the letters
        # around it, which may lie outside its word: each word is lowered on its own.
        yield from (found[1:] for found in _runs_in(text, None, 0, len(text)))
        return
    # Lowering kept every character one character and in or out of a word
    # (`test_lowering_keeps_letter_runs` checks all of Unicode): the lowered text's
    # words are the words lowered, at the same offsets.
    spans = _candidate_lines(lowered)
    found = [run for start, end in spans for run in _runs_in(text, lowered, start, end)]
    found.sort()  # the whole text's order: by number of words, then by position
    yield from (run[1:] for run in found)


def _candidate_lines(lowered: str) -> list[tuple[int, int]]:
    """(start, end) of the lines where the lowered words repeat a run back to back,
    whatever lies between them: a superset of the lines holding a repeat."""
    words = (_NON_ASCII_SEPARATOR.sub(" ", lowered).encode().translate(_ASCII_SEPARATORS)
             .replace(_BREAK, b" \0 ").split())
    breaks = list(compress(count(), map(eq, words, repeat(_BREAK))))
    lines: set[int] = set()
    for n in range(1, MAX_REPEAT_WORDS + 1):
        for i in repeat_starts(words, n):
            if _BREAK not in words[i:i + 2 * n]:
                lines.add(bisect_right(breaks, i))  # the line after that many breaks
    if not lines:
        return []
    lengths = list(map(len, lowered.split("\n")))
    before = [0, *accumulate(lengths)]  # characters of the lines before, breaks aside
    return [(before[k] + k, before[k] + k + lengths[k]) for k in sorted(lines)]


def _runs_in(text: str, lowered: str | None, start: int, end: int) -> list[tuple[int, ...]]:
    """(words, start, start of the repeat, end, chunk) of the repeats in text[start:end],
    split from `lowered` when given (same offsets), else word by word lowered."""
    if lowered is not None:
        parts = _LETTER_RUN.split(lowered[start:end])  # [before, word 0, gap 0, ...]
        keys = parts[1::2]
    else:
        parts = _LETTER_RUN.split(text[start:end])
        keys = list(map(str.lower, islice(parts, 1, None, 2)))
    gaps = parts[2::2]  # gaps[k]: between word k and word k + 1
    ends: list[int] = []  # ends[j]: where parts[j] ends; word k is ends[2k]:ends[2k + 1]
    # The repeats reported so far: disjoint, sorted, so one bisection tells whether a
    # new one overlaps any (a scan of them all made "ha ha ha …" quadratic).
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    found: list[tuple[int, ...]] = []
    for n in range(1, MAX_REPEAT_WORDS + 1):
        for i in repeat_starts(keys, n):
            between = gaps[i:i + 2 * n - 1]
            inner = between[:n - 1] + between[n:]
            if between[n - 1].strip(" ") or not all(g in (" ", "'", "’") for g in inner):
                continue
            if between[:n - 1] != between[n:]:
                continue
            if not ends:
                ends = list(accumulate(map(len, parts), initial=start))[1:]
            first, second, last = ends[2 * i], ends[2 * (i + n)], ends[2 * (i + 2 * n) - 1]
            if (first > 0 and text[first - 1].isalnum()) or (last < len(text) and text[last].isalnum()):
                continue
            k = bisect_left(taken_starts, last)
            if k and taken_ends[k - 1] > first:
                continue  # inside a repeat already reported
            taken_starts.insert(k, first)
            taken_ends.insert(k, last)
            found.append((n, first, second, last, text[first:ends[2 * (i + n) - 1]]))
    return found


def repeat_starts(keys: list, n: int) -> Iterator[int]:
    """Each i where keys[i:i + n] == keys[i + n:i + 2 * n], ascending. Word k matching
    word k + n is a byte, 1 or 0, so a run of n ones is found by bytes.find at C speed:
    asking Python to compare the slices at every i where only the first words matched
    ("de … de" is everywhere) was as slow as splitting the text into words."""
    matches = bytes(map(eq, keys, islice(keys, n, None)))
    run = b"\x01" * n
    i = matches.find(run)
    while i >= 0:
        yield i
        i = matches.find(run, i + 1)
