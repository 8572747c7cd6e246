"""Alternatives that start with the same letter share it: `(?:mars|mardi|mai)` is
compiled as `(?:ma(?:r(?:s|di)|i))`, which matches exactly the same texts, in the same
order of preference.

`regex` tries the branches of an alternation one after another, and merges shared
first letters only in case-sensitive patterns; a case-insensitive rule made of long
word lists (month and weekday names in five languages) then tries hundreds of branches
at every word. Factored, a failing word costs a few letter comparisons: the date-line
rule (M200) ran 3x faster, the line rules together 2x.

Exact by construction, or left alone. A branch moves only within a run of branches that
each start with a plain literal character (no escape, class, group or quantifier on it)
and hold no capturing group, and only ahead of branches whose first character can never
match the same text character, even ignoring case (`regex`'s own case tables): at any
position those could not both match, so the order of the branches that can is kept.
Inside lookbehinds (matched backwards) nothing changes; patterns using features whose
matching this reasoning does not cover (verbose, reverse, full case folding, version 1,
fuzzy matching, \\Q...\\E) are returned unchanged.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from regex import _regex

#: Groups with fewer alternatives than this stay as written: factoring them gains little
#: and deeper nesting makes `regex.compile` slower (measured on the rule pack: groups of
#: 12+ and one level gave all of the 2x; every group and all levels, nothing more).
MIN_GROUP = 25
#: How many leading characters are factored: the first one does most of the good.
DEPTH = 1
_IGNORECASE_UNICODE = 2 | 32  # regex.IGNORECASE | regex.UNICODE
_META = set("\\.^$*+?{}[]()|#")
#: Scoped or global flag groups; any flag outside i, m, s, a, u, L, w is left alone.
_FLAGS = re.compile(r"\(\?([a-zA-Z0-9-]*)[:)]")
_SAFE_FLAGS = set("imsauLw-")
#: Group openings that do not capture: (?:  (?>  (?=  (?!  and flag groups (?i:
_NON_CAPTURING = re.compile(r"\(\?(?::|>|=|!|[a-zA-Z-]+:)")
_LOOKBEHIND = ("(?<=", "(?<!")
_PLAIN_RUN = re.compile(r"[^\\.^$*+?{}\[\]()|#]+")


#: The factored form of every built-in pattern, keyed like required_literals' table (null:
#: nothing to factor), so a one-file check does not spend its start-up reading patterns.
TABLE = Path(__file__).resolve().parent / "data" / "factored_patterns.json"


def factored(pattern: str) -> str:
    """`factor_alternations(pattern)`, from the shipped table when it lists `pattern`."""
    from tqcheck.required_literals import pattern_key

    table = _table()
    key = pattern_key(pattern)
    if key in table:
        return table[key] or pattern
    return factor_alternations(pattern)


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str | None]:
    try:
        return json.loads(TABLE.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def write_table(patterns) -> dict[str, str | None]:
    """Regenerate the table (`python -m tqcheck.required_literals` writes all three)."""
    from tqcheck.required_literals import pattern_key

    table = {}
    for pattern in sorted(set(patterns)):
        factor = factor_alternations(pattern)
        table[pattern_key(pattern)] = factor if factor != pattern else None
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                     "utf-8")
    _table.cache_clear()
    return table


def factor_alternations(pattern: str, min_group: int = MIN_GROUP, depth: int = DEPTH) -> str:
    """An equivalent pattern with shared first letters of alternatives factored out,
    in groups of at least `min_group` alternatives, `depth` characters deep."""
    if pattern.count("|") < min_group - 1 or "\\Q" in pattern or _has_unsafe_flags(pattern):
        return pattern
    try:
        items = _Scanner(pattern, min_group, depth).sequence(top=True)
    except _Unsupported:
        return pattern
    return "".join(items)


def _has_unsafe_flags(pattern: str) -> bool:
    return any(set(m.group(1)) - _SAFE_FLAGS for m in _FLAGS.finditer(pattern))


class _Unsupported(Exception):
    """Syntax this module does not read with certainty: the pattern stays as written."""


class _Tokens(list):
    """A sequence's tokens; `captures` tells whether a capturing group is among them."""

    captures = False


class _Scanner:
    """Reads `regex` VERSION0 syntax far enough to find groups and their branches."""

    def __init__(self, text: str, min_group: int, depth: int) -> None:
        self.text, self.pos = text, 0
        self.min_group, self.depth = min_group, depth
        self._behind = 0  # depth of lookbehinds around the current position
        self._captured = False  # set when a capturing group is read

    def sequence(self, top: bool = False) -> list[str]:
        """Tokens up to the `)` closing the current group (or the end of the pattern);
        a group's tokens are returned already rewritten."""
        tokens = _Tokens()
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char == ")":
                if top:
                    raise _Unsupported
                return tokens
            if char == "|" and not top:
                return tokens
            if char == "(":
                captured, self._captured = self._captured, False
                tokens.append(self._group())
                tokens.captures = tokens.captures or self._captured
                self._captured = captured or self._captured
            elif char == "[":
                tokens.append(self._class())
            elif char == "\\":
                tokens.append(self._escape())
            elif char == "{" and tokens:
                end = text.find("}", self.pos)
                if end < 0 or not re.fullmatch(r"\d+(?:,\d*)?|,\d+", text[self.pos + 1:end]):
                    raise _Unsupported  # fuzzy constraints, literal braces and the like
                tokens.append(text[self.pos:end + 1])
                self.pos = end + 1
            else:  # plain characters, one token each (a run at a time)
                run = _PLAIN_RUN.match(text, self.pos)
                if run is None:  # . ^ $ * + ? } ] # and a leading {
                    tokens.append(char)
                    self.pos += 1
                else:
                    tokens.extend(run.group())
                    self.pos = run.end()
        if not top:
            raise _Unsupported
        return tokens

    def _group(self) -> str:
        text, start = self.text, self.pos
        flags_only = _FLAGS.match(text, start)
        if flags_only and flags_only.group().endswith(")"):
            self.pos = flags_only.end()
            return flags_only.group()
        opening = _NON_CAPTURING.match(text, start)
        lookbehind = text.startswith(_LOOKBEHIND, start)
        if opening:
            self.pos = opening.end()
        elif lookbehind:
            self.pos = start + 4
        else:  # a capturing group (or exotic syntax): kept, its contents read as is
            self._captured = True
            self.pos = start + 1
            if text.startswith("(?", start):
                named = re.match(r"\(\?P?<[A-Za-z_]\w*>", text[start:])
                if not named:
                    raise _Unsupported
                self.pos = start + named.end()
        head = text[start:self.pos]
        self._behind += lookbehind
        branches = [self.sequence()]
        while self.text[self.pos] == "|":
            self.pos += 1
            branches.append(self.sequence())
        self._behind -= lookbehind
        self.pos += 1  # the closing parenthesis
        if opening is None or lookbehind or self._behind or len(branches) < self.min_group:
            return head + "|".join("".join(b) for b in branches) + ")"
        return head + "|".join(_factor(branches, self.depth)) + ")"

    def _class(self) -> str:
        text, start = self.text, self.pos
        pos = start + 1
        if text.startswith("^", pos):
            pos += 1
        if text.startswith("]", pos):
            pos += 1
        while pos < len(text) and text[pos] != "]":
            if text[pos] == "[":
                raise _Unsupported  # nested sets (version 1 syntax)
            pos += 2 if text[pos] == "\\" else 1
        if pos >= len(text):
            raise _Unsupported
        self.pos = pos + 1
        return text[start:self.pos]

    def _escape(self) -> str:
        text, start = self.text, self.pos
        if start + 1 >= len(text):
            raise _Unsupported
        end = start + 2
        if text[start + 1] in "pPNxugk" and end < len(text) and text[end] in "{<":
            close = text.find("}" if text[end] == "{" else ">", end)
            if close < 0:
                raise _Unsupported
            end = close + 1
        self.pos = end
        return text[start:end]


def _movable(branch: _Tokens) -> str | None:
    """The literal first character a branch can be grouped by, or None."""
    if not branch or len(branch[0]) != 1 or branch[0] in _META or branch[0].isspace():
        return None
    if len(branch) > 1 and branch[1][0] in "?*+{":
        return None
    if branch.captures:
        return None  # moving a capturing group would renumber it
    return branch[0]


def _suffix(branch: _Tokens) -> _Tokens:
    rest = _Tokens(branch[1:])
    rest.captures = branch.captures
    return rest


@functools.lru_cache(maxsize=4096)
def _cases(char: str) -> frozenset[int]:
    return frozenset(_regex.get_all_cases(_IGNORECASE_UNICODE, ord(char))) | {ord(char)}


def _factor(branches: list[_Tokens], depth: int) -> list[str]:
    """Branches as text, runs of movable ones grouped by their first character (and
    within those by the next, `depth` characters deep)."""
    if depth < 1:
        return ["".join(b) for b in branches]
    out: list[str] = []
    run: list[tuple[str, list[_Tokens]]] = []  # (first char, suffixes) in order

    def flush() -> None:
        for char, suffixes in run:
            if len(suffixes) == 1:
                out.append(char + "".join(suffixes[0]))
            else:
                out.append(char + "(?:" + "|".join(_factor(suffixes, depth - 1)) + ")")
        run.clear()

    for branch in branches:
        char = _movable(branch)
        if char is None:
            flush()
            out.append("".join(branch))
            continue
        target = None
        for i in range(len(run) - 1, -1, -1):
            if run[i][0] == char:
                target = i
                break
            if _cases(run[i][0]) & _cases(char):
                break  # could match the same character: keep their order
        if target is None:
            run.append((char, [_suffix(branch)]))
        else:
            run[target][1].append(_suffix(branch))
    flush()
    return out
