"""What every detector gets and must give back.

A detector is any object with a `name` and a `detect(doc, ctx)` that yields Findings.
Detectors measure only; the cleaner decides what to do with the findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol

from tqcheck.model import Document, Finding, Rule


@dataclass
class DetectionContext:
    """Per-document facts shared by detectors (language, identifier) and their notes.

    `language` is the document language (None when it could not be told); detectors
    append a line to `warnings` when they had to skip work (a regex timed out).
    """

    language: str | None
    language_confidence: float | None = None
    identifier: object | None = None
    warnings: list[str] = field(default_factory=list)
    shares: tuple[tuple[str, float], ...] = ()

    def warn_once(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class Detector(Protocol):
    name: str

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]: ...


def finding_from_rule(rule: Rule, doc: Document, start: int, end: int,
                      replacement: str | None = None,
                      confidence: float | None = None,
                      language: str | None = None,
                      message: str | None = None) -> Finding:
    """A Finding for `rule` over doc.text[start:end] (located later by the engine).

    Built without the frozen dataclass's __init__ (one `object.__setattr__` per field):
    a corpus run makes tens of thousands per megabyte. tests/test_fast_paths.py checks
    the result equals `Finding(...)` field for field."""
    finding = _new(Finding)
    finding.__dict__.update(
        rule=rule.code, name=rule.name, category=rule.category, severity=rule.severity,
        action=rule.action, start=start, end=end, text=doc.text[start:end],
        message=message or rule.message, replacement=replacement,
        confidence=rule.confidence if confidence is None else confidence,
        language=language if language is not None else (None if rule.lang == "*" else rule.lang),
        line=0, column=0, end_line=0, end_column=0,
    )
    return finding


_new = object.__new__
