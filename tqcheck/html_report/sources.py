"""Where report records come from: a fresh run of the checker, or a saved JSONL report.

Both yield `(record, load_text)` pairs. `load_text` is only called for the few
documents shown in full, so a saved report of a million documents is read once, line
by line, and only a few hundred cleaned files are opened again.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from tqcheck.cleaning import apply_edits, rebuild
from tqcheck.html_report.collect import TextLoader, TextPair
from tqcheck.model import Edit, FileReport
from tqcheck.reading import ReadError, expand_paths, read_document

Record = tuple[dict[str, Any], TextLoader]
_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".json")


class ReportFileError(Exception):
    """The saved report cannot be opened at all (a bad line is only a note)."""


def _constant(original: str, cleaned: str) -> TextLoader:
    return lambda: TextPair(original, cleaned)


def records_from_run(checker: Any, paths: list[str], *, lang: str | None = None,
                     encoding: str = "auto") -> Iterator[Record]:
    """Check and clean every input in memory (nothing is written) and yield its record."""
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            yield FileReport.failed(item.path, item.message).to_dict(), _no_text
            continue
        doc = read_document(item.path, str(item.path), encoding)
        if isinstance(doc, ReadError):
            yield FileReport.failed(doc.path, doc.message).to_dict(), _no_text
            continue
        cleaned = checker.clean(doc, lang=lang)
        record = cleaned.report.to_dict()
        record["edits"] = [e.to_dict() for e in cleaned.edits]
        yield record, _constant(doc.text, cleaned.text)


def _no_text() -> TextPair:
    return TextPair(None, None, "the file could not be read")


class _Unreadable(Exception):
    pass


def _read_text(path: Path) -> str:
    """Decoded as `clean` read it (BOMs, kept invalid bytes, legacy encodings)."""
    doc = read_document(path)
    if isinstance(doc, ReadError):
        raise _Unreadable(doc.message)
    return doc.text


def _saved_text_loader(record: dict[str, Any], base: Path) -> TextLoader:
    """Rebuild the original from the cleaned output and the edits; failing that, read
    the input file; check either against the recorded length before trusting it."""

    def resolve(name: str) -> Path:
        path = Path(name)
        return path if path.is_absolute() else base / path

    def load() -> TextPair:
        names = [str(n) for n in (record.get("output"), record.get("path")) if n]
        if record.get("id") is not None and any(n.endswith(_JSONL) for n in names):
            return TextPair(None, None, "the texts of JSONL records are not looked up "
                            "from a saved report yet")
        chars = record.get("chars")
        problems: list[str] = []
        try:
            edits = [Edit.from_dict(e) for e in record.get("edits") or []]
        except (KeyError, TypeError, ValueError):
            edits, problems = [], ["its edits are malformed"]
        output, source = record.get("output"), record.get("path")
        if output and not problems:
            try:
                cleaned = _read_text(resolve(output))
                original = rebuild(cleaned, edits)
                if chars is None or len(original) == chars:
                    return TextPair(original, cleaned)
                problems.append(f"the cleaned file {output} has changed since the report")
            except _Unreadable as exc:
                problems.append(f"the cleaned file {output} cannot be read ({exc})")
        if source:
            try:
                original = _read_text(resolve(source))
                if chars is None or len(original) == chars:
                    ok = all(original[e.start:e.end] == e.text for e in edits)
                    if ok:
                        return TextPair(original, apply_edits(original, edits))
                problems.append(f"the input {source} has changed since the report")
            except _Unreadable as exc:
                problems.append(f"the input {source} cannot be read ({exc})")
        if not output and not source:
            problems.append("the report names no file")
        return TextPair(None, None, "; ".join(problems))

    return load


def _shape_problem(record: Any) -> str | None:
    """Why a parsed line cannot be a FileReport record, or None if it can."""
    if not isinstance(record, dict):
        return "not an object"
    if "findings" not in record and "error" not in record:
        return "no findings and no error"
    findings = record.get("findings") or []
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        return "findings is not a list of objects"
    for f in findings:
        if not all(isinstance(f.get(k), int) for k in ("start", "end")):
            return "a finding has no integer start/end"
    score = record.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
        return "score is not a number"
    for key in ("chars", "removed_chars"):
        if record.get(key) is not None and not isinstance(record.get(key), int):
            return f"{key} is not an integer"
    if not isinstance(record.get("edits") or [], list):
        return "edits is not a list"
    return None


def records_from_report(path: Path, notes: list[str]) -> Iterator[Record]:
    """Records of a saved `tqcheck-report.jsonl`; bad lines become notes, not errors.
    Relative paths in the report are taken relative to the current folder, as written."""
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError as exc:
        raise ReportFileError(f"{path}: cannot open the report "
                              f"({exc.strerror or exc})") from None
    base = Path.cwd()
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    notes.append(f"{path}:{number}: not valid JSON ({exc.msg}), skipped")
                    continue
                problem = _shape_problem(record)
                if problem:
                    notes.append(f"{path}:{number}: not a tqcheck file report ({problem}), skipped")
                    continue
                yield record, _saved_text_loader(record, base)
        except UnicodeDecodeError as exc:
            raise ReportFileError(f"{path}: not valid UTF-8 ({exc.reason})") from None

