"""Which line rules to search on which line of a document.

Cheap tests decide it before any `regex` search: the line's word count against each
rule's `min_words`/`max_words` (a table built once per rule list), and, once built, the
literal prefilter (`line_prefilter`): a rule runs only on lines holding one of the
literals its pattern cannot match without, and a rule that needs a decimal digit
(`required_digit`) only on lines holding one. All only skip searches that cannot match,
so findings are the same with or without them (tests/test_line_prefilter.py).

The prefilter costs ~0.3 CPU-s to build (reading every pattern's structure), more than
a single article's whole check, so by default it is built only once the detector has
scanned PREFILTER_AFTER_CHARS of text: a pre-commit run on a few files never pays for
it, a corpus run pays once.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from tqcheck.detectors.line_facts import document_lines
from tqcheck.model import Document, Line, Rule
from tqcheck.required_digit import DIGIT

#: Characters of text scanned before the prefilter is built (when not forced on/off).
PREFILTER_AFTER_CHARS = 300_000
_TABLE_WORDS = 64
_CHOSEN_CACHE_SIZE = 20_000


def indices_of(mask: int) -> list[int]:
    """The set bits of a rule mask, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _by_words(rules: Sequence[Rule], words: int) -> list[Rule]:
    return [r for r in rules
            if (r.max_words is None or words <= r.max_words)
            and (r.min_words is None or words >= r.min_words)]


class _WordTable:
    """Rules allowed at each word count up to _TABLE_WORDS, for one rule list."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self._table = [_by_words(self.rules, n) for n in range(_TABLE_WORDS)]

    def __getitem__(self, words: int) -> list[Rule]:
        return self._table[words] if words < _TABLE_WORDS else _by_words(self.rules, words)


class LinePlans:
    """Shared by every document a PatternDetector sees; `plan` per document."""

    def __init__(self, line_rules: Sequence[Rule], prefilter: bool | None = None) -> None:
        self._rules = list(line_rules)
        self._position = {r.code: i for i, r in enumerate(self._rules)}  # codes are unique
        self._mode = prefilter
        self._scanned = 0
        self._prefilter = None
        self._tables: dict[tuple[int, ...], tuple] = {}
        self._chosen_cache: dict[tuple[int, int], list[Rule]] = {}
        self._tables_of_list: dict[int, tuple[Sequence[Rule], tuple]] = {}
        self._digit_rules = 0  # mask of the rules `required_digit` says need a digit

    def _prefilter_due(self, doc: Document):
        if self._prefilter is None and self._mode is not False:
            self._scanned += len(doc.text)
            if self._mode or self._scanned > PREFILTER_AFTER_CHARS or self._all_known():
                from tqcheck.detectors.line_prefilter import LinePrefilter

                from tqcheck.required_digit import known_digit_required

                # literals and folding only: each rule list gets its own automaton
                self._prefilter = LinePrefilter(self._rules, only=0)
                self._digit_rules = sum(1 << i for i, r in enumerate(self._rules)
                                        if known_digit_required(r.pattern.pattern))
        return self._prefilter

    def _all_known(self) -> bool:
        """Every literal set ships precomputed: the prefilter is then cheap to build."""
        from tqcheck.required_literals import cached_literals

        return all(cached_literals(r.pattern.pattern)[0] for r in self._rules)

    def _tables_for(self, rules: Sequence[Rule]) -> tuple:
        """(word table, allowed rule mask, always-run mask, their word table, the
        prefilter of these rules), built once per distinct rule list (the last three
        once the prefilter exists)."""
        known = self._tables_of_list.get(id(rules))
        if known is not None and known[0] is rules and (
                self._prefilter is None or known[1][2] is not None):
            return known[1]  # the very list seen before (PatternDetector keeps them)
        key = tuple(self._position[r.code] for r in rules)
        tables = self._tables.get(key)
        if tables is None or (self._prefilter is not None and tables[2] is None):
            by_words = tables[0] if tables else _WordTable(rules)
            allowed = sum(1 << i for i in key)
            always_here = always_by_words = own_prefilter = None
            if self._prefilter is not None:
                always_here = sum(1 << i for i in key if i in self._prefilter.always)
                always_by_words = _WordTable([self._rules[i] for i in indices_of(always_here)])
                own_prefilter = self._prefilter.for_rules(allowed)
            tables = self._tables[key] = (by_words, allowed, always_here, always_by_words,
                                          own_prefilter)
        if len(self._tables_of_list) < 64:  # the list is kept alive, so its id stays its own
            self._tables_of_list[id(rules)] = (rules, tables)
        return tables

    def _chosen(self, mask: int, words: int) -> list[Rule]:
        """The rules of `mask` (ascending index) that allow `words` words; lines repeat
        the same few masks, so each pair is worked out once."""
        key = (mask, words)
        chosen = self._chosen_cache.get(key)
        if chosen is None:
            if len(self._chosen_cache) > _CHOSEN_CACHE_SIZE:
                self._chosen_cache.clear()
            chosen = self._chosen_cache[key] = _by_words(
                [self._rules[j] for j in indices_of(mask)], words)
        return chosen

    def plan(self, doc: Document, rules: Sequence[Rule]) -> Iterator[tuple[Line, list[Rule]]]:
        """(line, rules to search on it) for each line where any rule may match."""
        self._prefilter_due(doc)  # builds it once due; each rule list has its own
        by_words, allowed, always, always_by_words, prefilter = self._tables_for(rules)
        # Word counts per line, counted once per document for every line detector.
        words = document_lines(doc).all.words
        if prefilter is None:
            for line, count in zip(doc.lines, words):
                if not line.blank:
                    yield line, by_words[count]
            return
        lines = doc.lines
        hits = prefilter.masks(doc.text, doc.index.starts)
        digit_rules, known = self._digit_rules, self._chosen_cache.get
        # Lines without a hit matter only when some rule runs everywhere.
        for i in range(len(lines)) if always else sorted(hits):
            line = lines[i]
            if line.blank:
                continue
            found = hits.get(i)
            if found is None:
                chosen = always_by_words[words[i]]
                if chosen:
                    yield line, chosen
                continue
            mask = (found & allowed) | always
            if mask & digit_rules and not DIGIT.search(line.text):
                mask &= ~digit_rules  # rules that cannot match without a digit
            if mask:
                chosen = known((mask, words[i])) or self._chosen(mask, words[i])
                if chosen:
                    yield line, chosen
