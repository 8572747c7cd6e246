"""Which lines of a document hold mojibake by ftfy's measure, without searching each.

ftfy's `is_bad(line)` searches its `BADNESS_RE`, a 37-way alternation that `re` tries
at every character; run on every non-ASCII line it was most of the encoding
detector's time, though almost every line of a news corpus is clean. Two facts make a
cheaper, exact answer:

* Each alternative is a short sequence of character classes, so a match consumes at
  least one character of each class the alternative cannot skip.
  `_required_characters` picks, per alternative, its rarest such class (rare by kind:
  symbols before capitals before punctuation before small letters) and unites them
  into `GATE`: every match holds a `GATE` character.
* A match is at most `WIDTH` (7) characters long and the pattern looks at nothing
  outside its match (no lookaround, `\b` or `$`; its one `^` keeps meaning the line's
  start when a search starts later, see `re`'s `pos`). So a line has a match iff a
  search of the `WIDTH`-wide windows around its `GATE` characters finds one.

`bad_lines` is therefore exactly the set of lines `is_bad` accepts (the tests compare
them on rule examples, planted articles, devdata and random text), and the detector
still runs its own `is_bad` on them. If a future ftfy writes its pattern with a
construct this reading does not cover, `GATE` is None and every line is checked as
before.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Sequence

from ftfy.badness import BADNESS_RE

from tqcheck.model import Line

try:  # Python 3.11+; 3.10 calls them sre_parse / sre_constants
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parse


def _class(node) -> frozenset[str] | None:
    """The characters one consuming element accepts, or None if it may consume none
    (optional, zero-width) or is not a plain set of characters."""
    op, arg = node
    if op is _sre.LITERAL:
        return frozenset(chr(arg))
    if op is _sre.IN:
        chars: set[str] = set()
        for item, value in arg:
            if item is _sre.LITERAL:
                chars.add(chr(value))
            elif item is _sre.RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY (\s, \w): too many characters to be worth it
                return None
        return frozenset(chars)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _, body = arg
        if low >= 1 and len(body) == 1:
            return _class(body[0])
    return None


def _rarity_cost(char: str) -> int:
    """How often a character turns up in ordinary text, roughly, by its kind. A
    compatibility character (µ micro sign, ² ½ superscripts and fractions, ﬁ ligatures:
    its NFKC form differs) is rare whatever its category says: the micro sign is a small
    letter by category, and counting it as one made "à" (every French paragraph) the
    gate of ftfy's "à followed by ² µ ¹ ¼ ½ ¾" alternative, a third of all gate hits."""
    kind = unicodedata.category(char)
    if char.isascii():
        return 10_000
    if unicodedata.normalize("NFKC", char) != char:
        return 1
    if kind == "Ll":
        return 1_000
    if kind.startswith("P") or kind == "Sc" or char == "°":
        return 300
    if kind == "Lu":
        return 30
    return 1


def _required_characters(pattern: re.Pattern) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` consumes, or None."""
    if pattern.flags & re.IGNORECASE:
        return None
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    nodes = list(tree)
    if len(nodes) == 1 and nodes[0][0] is _sre.BRANCH:
        alternatives = nodes[0][1][1]
    else:
        alternatives = [nodes]
    required: set[str] = set()
    for alternative in alternatives:
        classes = [c for c in map(_class, alternative) if c]
        if not classes:
            return None
        required |= min(classes, key=lambda c: sum(map(_rarity_cost, c)))
    return frozenset(required)


_SAFE_OPS = {_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.CATEGORY, _sre.BRANCH,
             _sre.SUBPATTERN, _sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.AT}


def _local(nodes) -> bool:
    """True when a match depends on nothing outside itself but the string's start:
    no lookaround, backreference, or anchor other than `^`/`\\A`."""
    for op, arg in nodes:
        if op not in _SAFE_OPS:
            return False
        if op is _sre.AT and arg not in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
            return False
        if op is _sre.BRANCH and not all(_local(b) for b in arg[1]):
            return False
        if op is _sre.SUBPATTERN and (arg[1] or arg[2] or not _local(arg[3])):
            return False  # inline flags inside the group
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and not _local(arg[2]):
            return False
    return True


def gate_for(pattern: re.Pattern) -> tuple[re.Pattern, int] | None:
    """(a character class every match of `pattern` holds one of, the longest match),
    or None when `pattern` is not one this module can vouch for."""
    if pattern.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL):
        return None
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    width = tree.getwidth()[1]
    if not _local(list(tree)) or width >= _sre.MAXREPEAT:
        return None
    required = _required_characters(pattern)
    if required is None:
        return None
    chars = "".join(re.escape(c) for c in sorted(required))
    return re.compile(f"[{chars}]"), width


_GATED = gate_for(BADNESS_RE)
GATE, WIDTH = _GATED if _GATED else (None, 0)


def bad_lines(lines: Sequence[Line], text: str, starts: list[int]) -> set[int] | None:
    """Indices of the lines where ftfy's BADNESS_RE matches (= `is_bad(line.text)`),
    given the document's text and its lines' ascending start offsets; None when there
    is no gate and every line must be checked."""
    if GATE is None:
        return None
    found: set[int] = set()
    position = 0
    while True:
        hit = GATE.search(text, position)
        if hit is None:
            return found
        i = bisect.bisect_right(starts, hit.start()) - 1
        line = lines[i]
        at = hit.start() - line.start
        if at < len(line.text) and BADNESS_RE.search(
                line.text, max(0, at - WIDTH + 1), min(len(line.text), at + WIDTH)):
            found.add(i)
            position = starts[i + 1] if i + 1 < len(starts) else len(text)
        else:
            position = hit.end()
