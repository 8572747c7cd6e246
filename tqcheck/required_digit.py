"""Which line-rule patterns cannot match a line without a decimal digit.

Dates, times and years are what many metadata rules hunt, and their patterns say so
with `\\d`; but `\\d` is no literal, so the literal prefilter (`required_literals`)
picks their words instead ("on", "le", ",") and runs them on almost every line. Of
M206's 42,726 candidate lines on a 5 MB news corpus, 5,839 hold a digit. A rule whose
every match (lookaround reads included) consumes a digit is searched only on lines a
`\\d` search finds one in: an exact skip, since its digits are all `\\d` digits.

`digit_required(pattern)` reads `regex`'s own parse tree: a sequence needs a digit if
one of its items does, a branch if all of its branches do, a repeat if it repeats at
least once something that does; only `\\d` (Unicode or ASCII), `\\p{Nd}` and sets of
0-9 count as digits. Anything else counts as not needing one, which only costs the
skip. Built-in patterns are read ahead into `data/digit_required.json` (reading one
costs about what compiling it does, and a pre-commit run on one file should not);
patterns missing from it (user rules, rules changed since) are not gated. Both tables
are written by `python -m tqcheck.required_literals`.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import regex
from regex import _regex_core as core

from tqcheck.required_literals import parse, pattern_key

#: A `regex` search finding any character `digit_required` counts as a digit.
DIGIT = regex.compile(r"\d")
TABLE = Path(__file__).resolve().parent / "data" / "digit_required.json"


@functools.lru_cache(maxsize=1)
def _digit_value() -> int:
    tree, _ = parse(r"\d")
    return tree.items[0].value


def _is_digit_class(node) -> bool:
    kind = type(node)
    if kind is core.Property:
        return node.positive and node.value == _digit_value() and node.encoding in (0, 1)
    if kind is core.Character:
        return node.positive and "0" <= chr(node.value) <= "9"
    if kind is core.Range:
        return node.positive and 0x30 <= node.lower <= node.upper <= 0x39
    if kind is core.SetUnion:
        return node.positive and bool(node.items) and all(map(_is_digit_class, node.items))
    return False


def _needs_digit(node) -> bool:
    kind = type(node)
    if kind is core.Sequence:
        return any(map(_needs_digit, node.items))
    if kind is core.Branch:
        return all(map(_needs_digit, node.branches))
    if kind in (core.Group, core.Atomic):
        return _needs_digit(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return node.min_count >= 1 and _needs_digit(node.subpattern)
    if kind is core.LookAround:
        return node.positive and _needs_digit(node.subpattern)
    return _is_digit_class(node)


def digit_required(pattern: str) -> bool:
    """True when every match of `pattern` (what its lookarounds read included) holds
    a character `DIGIT` finds; False when that cannot be shown."""
    try:
        tree, info = parse(pattern)
    except Exception:  # noqa: BLE001 - anything regex would reject: no claim at all
        return False
    if info.flags & (regex.REVERSE | regex.FULLCASE | regex.VERSION1):
        return False
    return _needs_digit(tree)


@functools.lru_cache(maxsize=1)
def _table() -> frozenset[str]:
    try:
        return frozenset(json.loads(TABLE.read_text("utf-8")))
    except (OSError, ValueError):
        return frozenset()


def known_digit_required(pattern: str) -> bool:
    """`digit_required` for the built-in patterns, from the shipped table; False for
    patterns it does not list (no parsing at run time)."""
    return pattern_key(pattern) in _table()


def write_table(patterns) -> list[str]:
    """Regenerate the table: `python -m tqcheck.required_digit`."""
    keys = sorted({pattern_key(p) for p in patterns if digit_required(p)})
    TABLE.write_text(json.dumps(keys, indent=0) + "\n", "utf-8")
    return keys


if __name__ == "__main__":
    from tqcheck.ruleset import load_rules

    written = write_table(r.pattern.pattern for r in load_rules()
                          if r.detector is None and r.scope == "line")
    print(f"{len(written)} patterns need a digit -> {TABLE}")
