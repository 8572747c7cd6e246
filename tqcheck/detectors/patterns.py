"""The rule-file detector: runs every applicable pattern rule at its scope.

Position windows (`position.first` / `position.last`) count *content lines*: non-blank
lines that no line rule matches, ignoring positions. So a footer stays "last" however
many share buttons a scraper left after it, and adding noise never hides noise.
"""
from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from regex import _regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.cpu_budget import BudgetExceeded, budget_for, cpu_budget
from tqcheck.detectors.line_plans import LinePlans
from tqcheck.model import Document, Finding, Line, Rule
from tqcheck.required_literals import literals_for
from tqcheck.ruleset import REGEX_TIMEOUT, RuleSet

_IGNORECASE_UNICODE = 2 | 32  # regex.IGNORECASE | regex.UNICODE


class _Candidate(NamedTuple):
    """A line-rule match waiting for its position check (a tuple: built by the thousand
    per megabyte, and a frozen dataclass's __init__ costs a setattr per field)."""

    rule: Rule
    line: Line
    start: int
    end: int
    replacement: str | None


def _words(text: str) -> int:
    return len(text.split())


def _fits(rule: Rule, text: str, words: int) -> bool:
    if rule.max_words is not None and words > rule.max_words:
        return False
    if rule.min_words is not None and words < rule.min_words:
        return False
    if rule.exclude is not None and rule.exclude.search(text, timeout=REGEX_TIMEOUT):
        return False
    return True


def paragraphs(doc: Document) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of each block of consecutive non-blank lines; found once per
    document (the pattern, typography and MT-artifact detectors all walk them)."""
    cached = doc.__dict__.get("_paragraphs")
    if cached is None:
        blocks: list[tuple[int, int]] = []
        first = last = None
        for line in doc.lines:
            if not line.blank:
                if first is None:
                    first = line
                last = line
            elif first is not None:
                blocks.append((first.start, last.end))
                first = None
        if first is not None:
            blocks.append((first.start, last.end))
        cached = tuple(blocks)
        object.__setattr__(doc, "_paragraphs", cached)
    return cached


class PatternDetector:
    """Applies the rules of a RuleSet; one instance is shared across documents."""

    name = "patterns"

    def __init__(self, ruleset: RuleSet, prefilter: bool | None = None) -> None:
        """`prefilter`: True/False forces the literal prefilter on or off; None (the
        default) builds it once this detector has scanned PREFILTER_AFTER_CHARS."""
        self.ruleset = ruleset
        rules = [r for r in ruleset if r.detector is None]
        self._line_rules = [r for r in rules if r.scope == "line"]
        self._plans = LinePlans(self._line_rules, prefilter)
        self._paragraph_rules = [r for r in rules if r.scope == "paragraph"]
        self._text_rules = [r for r in rules if r.scope in ("span", "document")]
        self._by_language: dict[str | None, tuple[list[Rule], list[Rule], list[Rule]]] = {}
        self._gates: dict[str, tuple[str, ...] | None] = {}

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        lang = None if ctx.language in (None, "und", "mul") else ctx.language
        line_rules, paragraph_rules, text_rules = self._rules_for(lang)
        findings: list[Finding] = []
        findings += self._line_findings(doc, ctx, line_rules)
        for rule in paragraph_rules:
            findings += self._guarded(rule, doc, ctx, self._paragraph_matches)
        for rule in text_rules:
            findings += self._guarded(rule, doc, ctx, self._text_matches)
        return findings

    def _rules_for(self, lang: str | None) -> tuple[list[Rule], list[Rule], list[Rule]]:
        """The line, paragraph and text rules that apply to a document language, the
        same lists for every document in it (so LinePlans can key its tables on them)."""
        chosen = self._by_language.get(lang)
        if chosen is None:
            chosen = self._by_language[lang] = tuple(
                [r for r in rules if r.applies_to(lang)]
                for rules in (self._line_rules, self._paragraph_rules, self._text_rules))
        return chosen

    # -- helpers -----------------------------------------------------------------
    def _guarded(self, rule: Rule, doc: Document, ctx: DetectionContext, matcher) -> list[Finding]:
        try:
            return list(matcher(rule, doc))
        except TimeoutError:
            ctx.warn_once(f"{rule.code}: pattern timed out after {REGEX_TIMEOUT:g}s; "
                          "rule skipped for this document")
            return []

    def _expand(self, rule: Rule, match) -> str | None:
        return match.expand(rule.replacement) if rule.action == "replace" else None

    def _paragraph_matches(self, rule: Rule, doc: Document) -> Iterator[Finding]:
        for start, end in paragraphs(doc):
            text = doc.text[start:end]
            if not _fits(rule, text, _words(text)):
                continue
            for match in rule.pattern.finditer(doc.text, start, end, timeout=REGEX_TIMEOUT):
                if match.end() > match.start():
                    yield finding_from_rule(rule, doc, match.start(), match.end(),
                                            self._expand(rule, match))

    def _gate(self, rule: Rule) -> tuple[str, ...] | None:
        """Strings one of which any match of a span/document rule reads (see
        required_literals), when none of them has a case to fold: a plain `in` on the
        document then tells that the rule cannot match, far quicker than `regex`
        scanning the text (~25 ns per character) to find nothing (E104's invisible
        characters, in most documents)."""
        if rule.code not in self._gates:
            literals = literals_for(rule.pattern.pattern)
            caseless = literals is not None and all(
                set(_regex.get_all_cases(_IGNORECASE_UNICODE, ord(char))) <= {ord(char)}
                for text in literals for char in text)
            self._gates[rule.code] = tuple(sorted(literals)) if caseless else None
        return self._gates[rule.code]

    def _text_matches(self, rule: Rule, doc: Document) -> Iterator[Finding]:
        gate = self._gate(rule)
        if gate is not None and not any(literal in doc.text for literal in gate):
            return
        if rule.exclude is not None and rule.exclude.search(doc.text, timeout=REGEX_TIMEOUT):
            return
        limited = rule.max_words is not None or rule.min_words is not None
        for match in rule.pattern.finditer(doc.text, timeout=REGEX_TIMEOUT):
            if match.end() == match.start():
                continue
            if limited or rule.exclude is not None:  # else _fits has nothing to say
                line = doc.index.line_at(match.start())
                if not _fits(rule, line.text, _words(line.text)) and limited:
                    continue
            yield finding_from_rule(rule, doc, match.start(), match.end(),
                                    self._expand(rule, match))
            if rule.scope == "document":
                return

    def _line_findings(self, doc: Document, ctx: DetectionContext,
                       rules: list[Rule]) -> list[Finding]:
        """Line rules are the hot spot of a corpus run: scan without per-search timeouts
        under one CPU budget for the document (see cpu_budget), and only if it runs out
        scan again with a timeout on every search, which skips the slow rule."""
        try:
            with cpu_budget(budget_for(doc.text)) as armed:
                if armed:
                    return self._scan_lines(doc, ctx, rules, guarded=False)
        except BudgetExceeded:
            pass
        return self._scan_lines(doc, ctx, rules, guarded=True)

    def _scan_lines(self, doc: Document, ctx: DetectionContext, rules: list[Rule],
                    guarded: bool) -> list[Finding]:
        """Every line against the rules its word count allows: word limits come from a
        table built once per rule list, and a rule's `exclude` is searched only on lines
        its pattern matched (same result as excluding first, far fewer searches)."""
        limit = {"timeout": REGEX_TIMEOUT} if guarded else {}
        candidates: list[_Candidate] = []
        timed_out: set[str] = set()
        for line, line_rules in self._plans.plan(doc, rules):
            text = line.text
            for rule in line_rules:
                if timed_out and rule.code in timed_out:
                    continue
                try:
                    if rule.action == "remove-line":
                        found = rule.pattern.search(text, **limit)
                        matches = (found,) if found else ()
                    else:
                        matches = tuple(rule.pattern.finditer(text, **limit))
                    if not matches or (rule.exclude is not None and
                                       rule.exclude.search(text, **limit)):
                        continue
                    for match in matches:
                        if match.end() > match.start():
                            candidates.append(_Candidate(
                                rule, line, line.start + match.start(), line.start + match.end(),
                                self._expand(rule, match)))
                except TimeoutError:
                    timed_out.add(rule.code)
                    ctx.warn_once(f"{rule.code}: pattern timed out after {REGEX_TIMEOUT:g}s; "
                                  "rule skipped for this document")
        if not candidates:
            return []
        window = _ContentWindow(doc.lines, {c.line.number for c in candidates})
        return [finding_from_rule(c.rule, doc, c.start, c.end, c.replacement)
                for c in candidates if window.admits(c.rule, c.line)]


class _ContentWindow:
    """Counts content lines before/after each line, for position constraints."""

    def __init__(self, lines: tuple[Line, ...], noise_lines: set[int]) -> None:
        content = [0] * (len(lines) + 1)  # content[i] = content lines among lines[:i]
        for i, line in enumerate(lines):
            content[i + 1] = content[i] + (0 if line.blank or line.number in noise_lines else 1)
        self._content = content

    def admits(self, rule: Rule, line: Line) -> bool:
        before = self._content[line.number - 1]
        after = self._content[-1] - self._content[line.number]
        if rule.first is not None and before >= rule.first:
            return False
        if rule.last is not None and after >= rule.last:
            return False
        return True
