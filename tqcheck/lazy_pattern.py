"""A compiled-on-first-use `regex` pattern, for the built-in rules.

Compiling the rule pack was half of `tqcheck check one-article.txt` (0.2-0.3 CPU-s),
yet a document only ever runs the rules of its own language: built-in rules, which the
test suite compiles and checks, are compiled when a document first needs them. User
rules (`--rules DIR`) are still compiled and checked as they load, so a broken one is
reported with its file and line before any text is read.

Either way what is compiled is the pattern with the shared first letters of long
alternations factored (see alternation_prefixes): the same matches, 2x faster on the
word-list rules. `pattern` stays the text as written, which the prefilter tables and
messages are keyed on.
"""
from __future__ import annotations

from typing import Any

import regex

from tqcheck.alternation_prefixes import factored

#: The methods callers use; after compiling they are plain instance attributes, so a
#: hot loop's `rule.pattern.search(...)` costs what it costs on a compiled pattern.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Behaves as `regex.compile(pattern, flags)`; compiles on first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: Any = None

    def compiled(self):
        if self._compiled is None:
            self._bind(regex.compile(factored(self.pattern), self._flags))
        return self._compiled

    def _bind(self, compiled) -> None:
        self._compiled = compiled
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))

    def __getattr__(self, name: str):  # only reached before compiling (or for rare names)
        if name.startswith("__") or name in ("_compiled", "_flags", "pattern"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return LazyPattern, (self.pattern, self._flags)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self._flags) == (other.pattern, other._flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
