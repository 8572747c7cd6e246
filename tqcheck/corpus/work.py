"""The per-document work of a corpus run, done in the workers: decode a raw record,
check or clean it with the engine's `Checker`, and serialise what the parent writes.

Everything returned is plain bytes plus the FileReport, so the parent only appends
bytes to files in input order. Detection stays in `tqcheck.engine`; nothing here
decides what is noise.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tqcheck import jsonio
from tqcheck.model import Document, FileReport
from tqcheck.reading import ReadError, decode, encode
from tqcheck.corpus.sources import RawRecord


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know about the run (picklable)."""

    mode: str                     # "check" or "clean"
    lang: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    encoding: str = "auto"
    min_score: float | None = None


@dataclass(frozen=True)
class Outcome:
    """One document's result, in input order."""

    source: int
    line: int
    report: FileReport
    output: bytes | None = None    # cleaned file, or one JSONL line (clean mode, kept)
    audit: bytes | None = None     # one line of tqcheck-report.jsonl (clean mode)
    rejected: bytes | None = None  # one line of rejected.jsonl
    note: str | None = None        # one line for stderr

    @property
    def is_rejected(self) -> bool:
        return self.rejected is not None and self.report.error is None


def _dumps(data: Any) -> bytes:
    return (jsonio.dumps(data) + "\n").encode("utf-8")


def _where(record: RawRecord) -> str:
    return f"{record.display}:{record.line}" if record.line else record.display


def _failed(record: RawRecord, message: str, settings: Settings,
            rejected: dict | None = None, id: str | None = None) -> Outcome:
    if id is None and record.line:
        id = f"line {record.line}"  # reports name a bad JSONL record by its line
    report = FileReport.failed(record.display, message, id=id)
    audit = None
    if settings.mode == "clean":
        data = report.to_dict()
        if record.line:
            data["line"] = record.line
        audit = _dumps(data)
    bad = None
    if rejected is not None:
        bad = _dumps({"path": record.display, "line": record.line, "reason": message,
                      **rejected})
    return Outcome(record.source, record.line, report, audit=audit, rejected=bad,
                   note=f"{_where(record)}: {message}")


def _parse_jsonl(record: RawRecord, settings: Settings
                 ) -> tuple[Document, dict] | Outcome:
    """A Document from one JSONL line, or the failed Outcome saying why not."""
    try:
        obj = json.loads(record.data.decode("utf-8-sig" if record.line == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        return _failed(record, f"not valid UTF-8 (byte offset {exc.start} in the line)",
                       settings, {"raw": record.data.decode("utf-8", "surrogateescape")})
    except ValueError as exc:
        return _failed(record, f"invalid JSON ({exc})", settings,
                       {"raw": record.data.decode("utf-8", "surrogateescape")})
    if not isinstance(obj, dict):
        return _failed(record, "not a JSON object", settings, {"record": obj})
    doc_id = None
    if settings.id_field and obj.get(settings.id_field) is not None:
        doc_id = str(obj[settings.id_field])
    text = obj.get(settings.text_field)
    if not isinstance(text, str):
        problem = "no" if text is None else "a non-string"
        return _failed(record, f"{problem} {settings.text_field!r} field", settings,
                       {"record": obj}, id=doc_id)
    return Document(text, path=record.display, id=doc_id or f"line {record.line}"), obj


def _rejection(report: FileReport, min_score: float | None) -> str | None:
    if min_score is None or report.score is None or report.score >= min_score:
        return None
    return f"score {report.score:.1f} below --min-score {min_score:g}"


def process(record: RawRecord, checker, settings: Settings) -> Outcome:
    """Check or clean one raw record; never raises on bad content, and a bug that trips
    on one document fails that document only (reported as an error, exit code 2)."""
    try:
        return _process(record, checker, settings)
    except Exception as exc:  # noqa: BLE001 - one document must not stop a corpus run
        return _failed(record, f"internal error: {type(exc).__name__}: {exc}", settings)


def _process(record: RawRecord, checker, settings: Settings) -> Outcome:
    if record.error:
        return _failed(record, record.error, settings)
    obj = None
    if record.format == "jsonl":
        parsed = _parse_jsonl(record, settings)
        if isinstance(parsed, Outcome):
            return parsed
        doc, obj = parsed
    else:
        doc = decode(record.display, record.data, settings.encoding)
        if isinstance(doc, ReadError):
            return _failed(record, doc.message, settings)
    note = None
    if not doc.text:
        kind = "empty text field" if record.line else "empty file"
        note = f"{_where(record)}: {kind}, " + (
            "nothing to check" if settings.mode == "check" else "copied as is")
    if settings.mode == "check":
        report = checker.check(doc, lang=settings.lang)
        return Outcome(record.source, record.line, report, note=note)
    cleaned = checker.clean(doc, lang=settings.lang)
    report = cleaned.report
    edits = [e.to_dict() for e in cleaned.edits]
    audit = report.to_dict()
    if record.line:
        audit["line"] = record.line
    audit["edits"] = edits
    if record.output:
        audit["output"] = record.output
    reason = _rejection(report, settings.min_score)
    summary = {"score": audit["score"], "language": report.language,
               "findings": len(report.findings), "removed_chars": report.removed_chars}
    if reason:
        audit.pop("output", None)
        audit["rejected"] = reason
        kept = {"record": obj} if obj is not None else {"text": doc.text}
        rejected = _dumps({"path": record.display, "line": record.line, "id": report.id,
                           "reason": reason, "tqcheck": summary, **kept})
        return Outcome(record.source, record.line, report, audit=_dumps(audit),
                       rejected=rejected, note=note)
    if obj is not None:
        out_obj = dict(obj)
        out_obj[settings.text_field] = cleaned.text
        out_obj["tqcheck"] = {**summary, "edits": edits}
        output = _dumps(out_obj)
    else:
        output = encode(doc, cleaned.text)
    return Outcome(record.source, record.line, report, output=output, audit=_dumps(audit),
                   note=note)
