"""Walk a paragraph's quotation marks and brackets with a stack, per language.

The same character means different things in different languages (» opens a German
quotation and closes a French one; “ opens in English and closes in German), so the
pairs come from `rules/data/quotes/<lang>.toml`. The scan reports what nests in what,
which marks were left open and which closed nothing; the typography detector turns
that into findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

BRACKETS: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"), ("{", "}"))
#: A list enumerator ("a)", "2)", "iv)") or a smiley (":)") closes nothing on purpose.
_ENUMERATOR = regex.compile(r"(?:^|[\s(])[\p{L}\p{N}]{1,3}$|[:;=8]-?$")
#: The most characters before a ")" that _ENUMERATOR can read: a space and three.
ENUMERATOR_REACH = 4


@dataclass(frozen=True)
class Mark:
    """One quotation mark or bracket pair occurrence, with its depth among quotes."""

    open_at: int
    close_at: int | None  # None: never closed in this paragraph
    pair: tuple[str, str]
    quote_depth: int  # number of quotations enclosing it (0 = top level)
    mismatched: bool = False  # closed by a straight " instead of its own closer


@dataclass(frozen=True)
class Scan:
    marks: tuple[Mark, ...]
    stray_closers: tuple[tuple[int, tuple[str, str]], ...]


def word_internal(text: str, i: int) -> bool:
    """A curly mark between two letters is not punctuation but mojibake (coÃ»t); a
    straight " there is a misplaced quote and still counts."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


@lru_cache(maxsize=64)
def _mark_finder(quote_pairs: tuple[tuple[str, str], ...]) -> re.Pattern:
    """A class of every character that opens or closes one of the pairs: the scan visits
    those only (a paragraph of prose holds a handful among thousands of characters, and
    a Python loop over every character was most of the typography detector's time).
    Plain characters: the standard `re` finds them three times as fast as `regex`."""
    chars = {mark for pair in (*quote_pairs, *BRACKETS) for mark in pair if len(mark) == 1}
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _line_tail(text: str, start: int, i: int) -> int:
    """Where the text an enumerator test reads before i starts: the line's start, or
    ENUMERATOR_REACH characters back if the line is longer (the pattern reads no more;
    searching back to the line's start made a long line of "a) b) c) …" quadratic)."""
    reach = max(start, i - ENUMERATOR_REACH)
    return text.rfind("\n", reach, i) + 1 or reach


def _closing_position(text: str, i: int, end: int) -> bool:
    """A straight " right after a word or punctuation and before a space, punctuation or
    the end of the paragraph sits where a closing mark goes ("…es Alberto", dijo)."""
    return (i > 0 and not text[i - 1].isspace()
            and (i + 1 >= end or not text[i + 1].isalnum()))


@lru_cache(maxsize=64)
def _tables(quote_pairs: tuple[tuple[str, str], ...]) -> tuple[
        dict[str, tuple[str, str]], dict[str, tuple[tuple[str, str], ...]], frozenset]:
    """(opener -> pair, closer -> pairs, the quotation pairs) for one language's
    pairs, built once (not once per paragraph)."""
    openers: dict[str, tuple[str, str]] = {}
    closers: dict[str, list[tuple[str, str]]] = {}
    for pair in (*quote_pairs, *BRACKETS):
        openers.setdefault(pair[0], pair)
        closers.setdefault(pair[1], []).append(pair)
    return openers, {ch: tuple(pairs) for ch, pairs in closers.items()}, frozenset(quote_pairs)


def scan(text: str, start: int, end: int, quote_pairs: tuple[tuple[str, str], ...]) -> Scan:
    """Match openers and closers in text[start:end]. Quotes close only their own opener;
    a closer that matches something deeper in the stack closes the inner ones too (they
    are reported open), as a human reader would resolve it.

    Runs once per mark of every paragraph, so the stack is kept inline and each `Mark`
    is built once, from a plain tuple, at the end."""
    openers, closers, quotes = _tables(quote_pairs)
    last = len(text) - 1
    stack: list[tuple[int, tuple[str, str]]] = []
    open_pairs: dict[tuple[str, str], int] = {}  # how many of each pair the stack holds
    # (open_at, close_at, pair, quote depth, mismatched); close_at -1: closed by nothing
    marks: list[tuple[int, int | None, tuple[str, str], int, bool]] = []
    stray: list[tuple[int, tuple[str, str]]] = []
    # Counts kept as the stack changes, not recounted per mark: "« a « b « c …" was
    # quadratic in the number of marks.
    depth = 0  # quotations on the stack

    def close(level: int, at: int) -> int:
        """Pop the stack down to `level`; the last popped is closed at `at`."""
        nonlocal depth
        while len(stack) > level:
            pos, pair = stack.pop()
            open_pairs[pair] -= 1
            if pair in quotes:
                depth -= 1
            marks.append((pos, at if len(stack) == level else None, pair, depth, False))
        return depth

    for found in _mark_finder(quote_pairs).finditer(text, start, end):
        i = found.start()
        ch = text[i]
        if ch not in "()[]{}\"" and 0 < i < last and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # word_internal: mojibake, not punctuation
        if ch == '"' and i > 0 and text[i - 1].isdigit() and not open_pairs.get(('"', '"')):
            continue  # an inch mark
        pairs = closers.get(ch)
        if pairs is not None:
            closed = False
            for pair in pairs:
                if open_pairs.get(pair):
                    close(next(k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == pair), i)
                    closed = True
                    break
            if closed:
                continue
        if (ch == '"' and stack and stack[-1][1] in quotes and '"' not in stack[-1][1]
                and _closing_position(text, i, end)):
            # “…" : one mismatched pair, not an opener left open plus a new quotation
            pos, pair = stack.pop()
            open_pairs[pair] -= 1
            depth -= 1  # the pair is a quotation
            marks.append((pos, i, pair, depth, True))
            continue
        pair = openers.get(ch)
        if pair is not None:
            stack.append((i, pair))
            open_pairs[pair] = open_pairs.get(pair, 0) + 1
            if pair in quotes:
                depth += 1
            continue
        if ch == ")" and _ENUMERATOR.search(text[_line_tail(text, start, i):i]):
            continue
        stray.append((i, pairs[0]))
    close(0, -1)
    marks.sort(key=_open_at)
    return Scan(tuple(Mark(pos, None if at == -1 else at, pair, quote_depth, mismatched)
                      for pos, at, pair, quote_depth, mismatched in marks), tuple(stray))


def _open_at(mark: tuple) -> int:
    return mark[0]
