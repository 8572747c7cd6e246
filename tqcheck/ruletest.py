"""Run rules' own examples: the engine behind `tqcheck rules test` and the test suite.

`must_flag` texts must produce a finding of the rule with only that rule active;
`must_not_flag` texts must produce none; `cleaned` texts must clean to exactly
`expected` with every rule active (cleaning is a team effort). Coverage asks harder
questions, with every rule active: does the rule still fire on at least one of its own
`must_flag` examples (or do other rules always shadow it), and does at least one of its
`cleaned` examples apply the rule's own edit (or do other rules do all the work, so the
example proves nothing about this rule)?
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from tqcheck.engine import Checker
from tqcheck.model import Rule
from tqcheck.ruleset import RuleSet

KINDS = ("fail", "pass", "clean")


def example_language(rule: Rule) -> str:
    """The document language a rule's examples run under."""
    if rule.examples.lang:
        return rule.examples.lang
    return "en" if rule.lang == "*" else rule.lang


@dataclass(frozen=True)
class Example:
    rule: Rule
    kind: str  # fail | pass | clean
    number: int  # 1-based within its kind
    text: str
    expected: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule.code}-{self.kind}-{self.number}"


@dataclass(frozen=True)
class Outcome:
    example: Example
    problem: str | None  # None: the example passed

    @property
    def ok(self) -> bool:
        return self.problem is None


def examples(rule: Rule) -> Iterator[Example]:
    for i, text in enumerate(rule.examples.must_flag, 1):
        yield Example(rule, "fail", i, text)
    for i, text in enumerate(rule.examples.must_not_flag, 1):
        yield Example(rule, "pass", i, text)
    for i, (text, expected) in enumerate(rule.examples.cleaned, 1):
        yield Example(rule, "clean", i, text, expected)


def single_rule_checker(full: Checker, rule: Rule) -> Checker:
    return Checker(full.ruleset.only(lambda r: r.code == rule.code), identifier=full.identifier)


def run_example(full: Checker, example: Example, single: Checker | None = None) -> Outcome:
    """Check one example; `single` is a checker with only the example's rule."""
    rule, lang = example.rule, example_language(example.rule)
    if example.kind == "clean":
        got = full.clean(rule.examples.document(example.text), lang=lang).text
        if got != example.expected:
            return Outcome(example, f"cleaned to {got!r}, expected {example.expected!r}")
        return Outcome(example, None)
    single = single or single_rule_checker(full, rule)
    codes = [f.rule for f in single.check(rule.examples.document(example.text),
                                                lang=lang).findings]
    if example.kind == "fail" and rule.code not in codes:
        return Outcome(example, f"does not flag {example.text!r}")
    if example.kind == "pass" and rule.code in codes:
        return Outcome(example, f"flags {example.text!r}, which it must not")
    return Outcome(example, None)


def run_rules(full: Checker, rules: RuleSet | None = None) -> Iterator[Outcome]:
    """Every example of every rule in `rules` (default: the checker's own)."""
    for rule in rules or full.ruleset:
        single = single_rule_checker(full, rule)
        for example in examples(rule):
            yield run_example(full, example, single)


@dataclass(frozen=True)
class Coverage:
    """How much of a rule its own examples exercise with every rule active."""

    rule: Rule
    fired: int  # must_flag examples on which the rule still fires
    total: int
    cleans: int  # cleaned examples in which one of the edits is the rule's own

    @property
    def problems(self) -> list[str]:
        out = []
        if not self.fired:
            out.append(f"fires on none of its {self.total} must_flag examples "
                       "with every rule active")
        if self.rule.examples.cleaned and not self.cleans:
            out.append(f"none of its {len(self.rule.examples.cleaned)} cleaned examples "
                       "applies one of its own edits (other rules do all the work)")
        return out

    @property
    def covered(self) -> bool:
        return not self.problems


def coverage(full: Checker, rules: RuleSet | None = None) -> list[Coverage]:
    out = []
    for rule in rules or full.ruleset:
        lang = example_language(rule)
        fired = sum(1 for text in rule.examples.must_flag
                    if any(f.rule == rule.code
                           for f in full.check(rule.examples.document(text), lang=lang).findings))
        cleans = sum(1 for text, _ in rule.examples.cleaned
                     if any(rule.code in e.rule.split("+")
                            for e in full.clean(rule.examples.document(text), lang=lang).edits))
        out.append(Coverage(rule, fired, len(rule.examples.must_flag), cleans))
    return out
