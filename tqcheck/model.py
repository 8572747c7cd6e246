"""The data model: small immutable records shared by detectors, cleaner and reporters.

Detectors produce `Finding`s (measure); the cleaner turns them into `Edit`s (act).
Keeping both frozen means a report can be passed around, cached or serialised without
anyone changing it behind another's back.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from tqcheck.lineindex import LineIndex, line_index

SCHEMA_VERSION = 1

CATEGORIES = (
    "boilerplate", "signature", "disclaimer", "metadata", "foreign",
    "mt-artifact", "typography", "encoding", "whitespace",
)
ACTIONS = ("remove-line", "remove-span", "replace", "flag")
REMOVALS = ("remove-line", "remove-span")
SEVERITIES = ("error", "warning", "info")
SCOPES = ("span", "line", "paragraph", "document")


@dataclass(frozen=True)
class Span:
    """A half-open range of character offsets into a document's decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Finding:
    """One piece of noise: what was found where, and what cleaning should do about it."""

    rule: str
    name: str
    category: str
    severity: str
    action: str
    start: int
    end: int
    text: str
    message: str
    replacement: str | None = None
    confidence: float = 1.0
    language: str | None = None
    # Filled in by the engine from the document's line index (1-based, characters).
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def located(self, index: LineIndex) -> "Finding":
        line, column = index.position(self.start)
        end_line, end_column = index.position(self.end)
        # = replace(self, line=..., ...) without re-running __init__ field by field:
        # every finding of a corpus run passes through here (B190 alone makes half).
        located = object.__new__(type(self))
        fields = located.__dict__
        fields.update(self.__dict__)
        fields["line"], fields["column"] = line, column
        fields["end_line"], fields["end_column"] = end_line, end_column
        return located

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "name": self.name, "category": self.category,
            "severity": self.severity, "action": self.action,
            "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "start": self.start, "end": self.end, "text": self.text,
            "message": self.message, "replacement": self.replacement,
            "confidence": round(self.confidence, 4), "language": self.language,
        }


@dataclass(frozen=True)
class Edit:
    """One change applied by the cleaner, in original offsets: enough to undo it."""

    start: int
    end: int
    replacement: str
    rule: str
    text: str  # the original text between start and end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "rule": self.rule, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Edit":
        return cls(int(data["start"]), int(data["end"]), str(data["replacement"]),
                   str(data["rule"]), str(data["text"]))


@dataclass(frozen=True)
class Line:
    """A line of a document: `start`..`end` excludes the line break, `next` follows it."""

    number: int  # 1-based
    start: int
    end: int
    next: int
    text: str

    @functools.cached_property
    def blank(self) -> bool:
        # Cached in the instance (LineIndex fills it in when it builds the line):
        # detectors ask it of every line, several times.
        return not self.text.strip()


@dataclass(frozen=True)
class Document:
    """Decoded text plus where it came from; the line index is built once and shared."""

    text: str
    path: str | None = None
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def index(self) -> LineIndex:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = line_index(self.text)
            object.__setattr__(self, "_index", cached)
        return cached

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.index.lines


@dataclass(frozen=True)
class FileReport:
    """Everything `check` says about one document, in the shape of the JSON contract."""

    path: str | None
    language: str | None
    language_confidence: float | None
    score: float | None
    chars: int
    removed_chars: int
    findings: tuple[Finding, ...] = ()
    breakdown: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    error: str | None = None
    id: str | None = None
    mixed_languages: tuple[tuple[str, float], ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path, "language": self.language,
            "language_confidence": (None if self.language_confidence is None
                                    else round(self.language_confidence, 4)),
            "score": None if self.score is None else round(self.score, 2),
            "chars": self.chars, "removed_chars": self.removed_chars,
            "error": self.error,
            "score_breakdown": {k: round(v, 2) for k, v in self.breakdown.items()},
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.id is not None:
            data["id"] = self.id
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if self.mixed_languages:
            data["languages"] = [{"language": lang, "share": round(share, 4)}
                                 for lang, share in self.mixed_languages]
        return data

    @classmethod
    def failed(cls, path: str | None, error: str, id: str | None = None) -> "FileReport":
        return cls(path=path, language=None, language_confidence=None, score=None,
                   chars=0, removed_chars=0, error=error, id=id)


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning: new text, the edits that made it, and the report."""

    text: str
    edits: tuple[Edit, ...]
    report: FileReport


@dataclass(frozen=True)
class RuleExamples:
    """A rule's own proof: texts it must flag, must not flag, and how cleaning ends."""

    must_flag: tuple[str, ...]
    must_not_flag: tuple[str, ...]
    cleaned: tuple[tuple[str, str], ...] = ()
    lang: str | None = None
    as_bytes: bool = False  # examples are bytes written with \xNN escapes

    def document(self, text: str) -> "Document":
        """An example as the reader would hand it to the detectors."""
        if not self.as_bytes:
            return Document(text)
        import codecs

        from tqcheck.reading import decode

        data = codecs.escape_decode(text.encode("utf-8"))[0]
        doc = decode("<example>", data)
        if not isinstance(doc, Document):
            raise ValueError(f"example cannot be decoded: {doc.message}")
        return doc


@dataclass(frozen=True)
class Rule:
    """One rule file, validated and compiled. `pattern` is a compiled `regex` pattern."""

    code: str
    name: str
    category: str
    severity: str
    action: str
    scope: str
    lang: str
    message: str
    source: str
    pattern: Any = field(compare=False, repr=False)
    detector: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    doc_langs: tuple[str, ...] = ("*",)
    replacement: str | None = None
    exclude: Any = field(default=None, compare=False, repr=False)
    max_words: int | None = None
    min_words: int | None = None
    first: int | None = None
    last: int | None = None
    confidence: float = 1.0
    group: str | None = None
    examples: RuleExamples = field(default_factory=lambda: RuleExamples((), ()))
    path: str | None = None

    @property
    def positional(self) -> bool:
        return self.first is not None or self.last is not None

    def applies_to(self, doc_lang: str | None) -> bool:
        return "*" in self.doc_langs or doc_lang is None or doc_lang in self.doc_langs
