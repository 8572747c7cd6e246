"""Which literal strings must occur in any match of a pattern (a regex prefilter's input).

`required_literals(pattern)` returns a set of strings such that every text the pattern
can match in (match span plus what its lookarounds read) contains at least one of them,
compared case-insensitively — or None when no such set can be proven, and the rule must
always run. The pattern is parsed by the `regex` module's own parser, so every syntax the
rules may use (scoped flags, possessive and atomic groups, \\p{..}, verbose mode) is read
exactly as `regex` reads it; any node this module does not know contributes no literal,
which can only make the set weaker, never wrong.

This follows the idea of RE2's and Hyperscan's prefilters (and ripgrep's literal
extraction): a cheap multi-literal scan decides where the real regex needs to run.
"""
from __future__ import annotations

import functools
import hashlib
import json
from itertools import product
from pathlib import Path
from typing import Optional

import regex
from regex import _regex_core as core

#: Literal sets larger than this stop growing by cross product (the scan gets no cheaper).
MAX_EXACT = 64
#: Literals shorter than this say too little about a line to be worth scanning for.
MIN_LENGTH = 1

Literals = frozenset  # of str, case-folded for comparison only by the scanner

#: Nodes whose every match is exactly one of a small set of strings (`exact`), and
#: strings at least one of which occurs in every match (`required`); None = unknown.
_Facts = tuple[Optional[frozenset], Optional[frozenset]]
_UNKNOWN: _Facts = (None, None)


def parse(pattern: str, flags: int = regex.VERSION0):
    """`regex`'s parse tree of `pattern`, as `regex.compile` builds it before optimising."""
    global_flags = flags
    while True:
        source = core.Source(pattern)
        info = core.Info(global_flags, source.char_type, {})
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        try:
            return core._parse_pattern(source, info), info
        except core._UnscopedFlagSet:
            global_flags = info.global_flags


def required_literals(pattern: str, flags: int = regex.VERSION0) -> frozenset | None:
    """Strings (one at least occurs in any matched line, ignoring case), or None."""
    try:
        tree, info = parse(pattern, flags)
    except Exception:  # noqa: BLE001 - anything regex would reject: no claim at all
        return None
    if info.flags & (regex.FULLCASE | regex.VERSION1 | regex.REVERSE):
        return None  # full case folding lets 'ß' match 'ss'; reverse matching: unread
    exact, required = _facts(tree)
    best = _best(exact, required)
    if best is None or min(map(len, best)) < MIN_LENGTH:
        return None
    return best


def _best(exact: frozenset | None, required: frozenset | None) -> frozenset | None:
    candidates = [s for s in (exact, required) if s and "" not in s]
    return max(candidates, key=_strength, default=None)


def _weight(literal: str) -> float:
    """How rarely a literal turns up in running text, roughly: letters count 1, digits
    and spaces less (years and numbers are everywhere), symbols and non-ASCII more."""
    return sum(1.0 if c.isascii() and c.isalpha() else
               0.5 if c.isdigit() or c.isspace() else
               2.0 for c in literal)


def _strength(strings: frozenset) -> tuple[float, int]:
    """The rarest weakest literal first (fewer chance hits), then fewer literals."""
    return min(map(_weight, strings)), -len(strings)


def _cased(node) -> bool:
    """Literal nodes under full case folding, or zero-width ones, are not plain text."""
    return bool(node.case_flags & regex.FULLCASE) or getattr(node, "zerowidth", False)


def _facts(node) -> _Facts:
    kind = type(node)
    if kind is core.Character:
        if not node.positive or _cased(node):
            return _UNKNOWN
        char = frozenset({chr(node.value)})
        return char, char
    if kind is core.String:
        if _cased(node):
            return _UNKNOWN
        text = frozenset({"".join(map(chr, node.characters))})
        return text, text
    if kind is core.SetUnion:
        return _set_facts(node)
    if kind is core.Sequence:
        return _sequence_facts(node.items)
    if kind is core.Branch:
        return _branch_facts(node.branches)
    if kind in (core.Group, core.Atomic):
        return _facts(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _repeat_facts(node)
    if kind is core.LookAround:
        if not node.positive:
            return frozenset({""}), None  # matches nothing, requires nothing
        _, required = _facts(node.subpattern)
        exact_inside, _ = _facts(node.subpattern)
        return frozenset({""}), _best(exact_inside, required)
    if issubclass(kind, core.ZeroWidthBase):
        return frozenset({""}), None
    return _UNKNOWN  # properties, wildcards, references, fuzzy, conditionals ...


def _set_facts(node) -> _Facts:
    if not node.positive or _cased(node):
        return _UNKNOWN
    chars: set[str] = set()
    for item in node.items:
        if type(item) is core.Character and item.positive and not _cased(item):
            chars.add(chr(item.value))
        elif (type(item) is core.Range and item.lower <= item.upper
              and item.upper - item.lower < 16):
            chars.update(chr(c) for c in range(item.lower, item.upper + 1))
        else:
            return _UNKNOWN
    exact = frozenset(chars)
    return (exact, exact) if exact else _UNKNOWN


def _concat(left: frozenset, right: frozenset) -> frozenset | None:
    if len(left) * len(right) > MAX_EXACT:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _sequence_facts(items) -> _Facts:
    """Runs of exact items concatenate; the strongest run or requirement wins."""
    exact: frozenset | None = frozenset({""})
    run: frozenset | None = frozenset({""})
    best: frozenset | None = None
    for item in items:
        item_exact, item_required = _facts(item)
        best = _stronger(best, item_required)
        if item_exact is not None and run is not None:
            run = _concat(run, item_exact)
            exact = _concat(exact, item_exact) if exact is not None else None
            if run is None:  # too many combinations: keep what the run proved so far
                run = item_exact
        else:
            exact = None
            run = frozenset({""})
        best = _stronger(best, run)
    return exact, best


def _stronger(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    usable = [s for s in (a, b) if s and "" not in s]
    return max(usable, key=_strength, default=None)


def _branch_facts(branches) -> _Facts:
    exacts: set[str] | None = set()
    required: set[str] | None = set()
    for branch in branches:
        b_exact, b_required = _facts(branch)
        if exacts is not None and b_exact is not None:
            exacts |= b_exact
            if len(exacts) > MAX_EXACT:
                exacts = None
        else:
            exacts = None
        need = _best(b_exact, b_required)
        if required is not None and need is not None:
            required |= need
        else:
            required = None
    return (frozenset(exacts) if exacts is not None else None,
            frozenset(required) if required is not None else None)


def _repeat_facts(node) -> _Facts:
    sub_exact, sub_required = _facts(node.subpattern)
    low, high = node.min_count, node.max_count
    if low == 0:
        if high == 1 and sub_exact is not None:
            return sub_exact | {""}, None
        return None, None
    required = _best(sub_exact, sub_required)
    if sub_exact is not None and high == low and low <= 3:
        exact = frozenset({""})
        for _ in range(low):
            exact = _concat(exact, sub_exact) if exact is not None else None
        return exact, _stronger(required, exact)
    return None, required


# -- the built-in rules' literal sets, computed ahead ---------------------------------------
#: Reading a pattern's structure costs about what compiling it does, so the sets of the
#: built-in rules ship in this file (keyed by a hash of the pattern): a pre-commit run
#: on one article then needs neither, and compiles only the rules whose literals occur.
#: A pattern missing from it (a user rule, a rule changed since) is read at run time.
TABLE = Path(__file__).resolve().parent / "data" / "required_literals.json"


def pattern_key(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()[:20]


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, list[str] | None]:
    try:
        return json.loads(TABLE.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def cached_literals(pattern: str) -> tuple[bool, frozenset | None]:
    """(known, literals) from the shipped table, without parsing anything."""
    table = _table()
    key = pattern_key(pattern)
    if key not in table:
        return False, None
    value = table[key]
    return True, (frozenset(value) if value is not None else None)


def literals_for(pattern: str) -> frozenset | None:
    known, literals = cached_literals(pattern)
    return literals if known else required_literals(pattern)


def write_table(patterns) -> dict:
    """Regenerate the table: `python -m tqcheck.required_literals`."""
    table = {}
    for pattern in sorted(set(patterns)):
        found = required_literals(pattern)
        table[pattern_key(pattern)] = sorted(found) if found is not None else None
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                     "utf-8")
    return table


if __name__ == "__main__":
    from tqcheck.ruleset import load_rules

    from tqcheck import required_digit

    patterns = [r.pattern.pattern for r in load_rules()
                if r.detector is None and r.scope == "line"]
    # span, paragraph and document rules too: the pattern detector gates them on these
    written = write_table([r.pattern.pattern for r in load_rules() if r.detector is None])
    print(f"{len(written)} patterns -> {TABLE}")
    digits = required_digit.write_table(patterns)  # the other table read ahead
    print(f"{len(digits)} patterns need a digit -> {required_digit.TABLE}")
    from tqcheck import alternation_prefixes

    every = [p.pattern for r in load_rules() for p in (r.pattern, r.exclude) if p is not None]
    factored = alternation_prefixes.write_table(every)
    print(f"{len(factored)} patterns factored ahead -> {alternation_prefixes.TABLE}")
