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


def _is_inch_mark(text: str, i: int) -> bool:
    return text[i] == '"' and i > 0 and text[i - 1].isdigit()


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


def scan(text: str, start: int, end: int, quote_pairs: tuple[tuple[str, str], ...]) -> Scan:
    """Match openers and closers in text[start:end]. Quotes close only their own opener;
    a closer that matches something deeper in the stack closes the inner ones too (they
    are reported open), as a human reader would resolve it."""
    openers: dict[str, tuple[str, str]] = {}
    closers: dict[str, list[tuple[str, str]]] = {}
    for pair in (*quote_pairs, *BRACKETS):
        openers.setdefault(pair[0], pair)
        closers.setdefault(pair[1], []).append(pair)
    quotes = set(quote_pairs)
    stack: list[tuple[int, tuple[str, str]]] = []
    open_pairs: dict[tuple[str, str], int] = {}  # how many of each pair the stack holds
    marks: list[Mark] = []
    stray: list[tuple[int, tuple[str, str]]] = []
    # Counts kept as the stack changes, not recounted per mark: "« a « b « c …" was
    # quadratic in the number of marks.
    depth = 0  # quotations on the stack

    def push(at: int, pair: tuple[str, str]) -> None:
        nonlocal depth
        stack.append((at, pair))
        open_pairs[pair] = open_pairs.get(pair, 0) + 1
        depth += pair in quotes

    def pop() -> tuple[int, tuple[str, str]]:
        nonlocal depth
        at, pair = stack.pop()
        open_pairs[pair] -= 1
        depth -= pair in quotes
        return at, pair

    def close(level: int, at: int) -> None:
        while len(stack) > level:
            pos, pair = pop()
            marks.append(Mark(pos, at if len(stack) == level else None, pair, depth))

    for found in _mark_finder(quote_pairs).finditer(text, start, end):
        i, ch = found.start(), found.group()
        if ch not in "()[]{}\"" and word_internal(text, i):
            continue
        if ch == '"' and _is_inch_mark(text, i) and not open_pairs.get(('"', '"')):
            continue
        closed = False
        for pair in closers.get(ch, ()):
            if open_pairs.get(pair):
                close(next(k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == pair), i)
                closed = True
                break
        if closed:
            continue
        if (ch == '"' and stack and stack[-1][1] in quotes and '"' not in stack[-1][1]
                and _closing_position(text, i, end)):
            # “…" : one mismatched pair, not an opener left open plus a new quotation
            pos, pair = pop()
            marks.append(Mark(pos, i, pair, depth, mismatched=True))
            continue
        if ch in openers:
            push(i, openers[ch])
            continue
        if ch == ")" and _ENUMERATOR.search(text[_line_tail(text, start, i):i]):
            continue
        stray.append((i, closers[ch][0]))
    close(0, -1)
    fixed = tuple(Mark(m.open_at, None if m.close_at == -1 else m.close_at, m.pair, m.quote_depth,
                       m.mismatched) for m in marks)
    return Scan(tuple(sorted(fixed, key=lambda m: m.open_at)), tuple(stray))
