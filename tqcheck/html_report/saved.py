"""Report records from a saved `tqcheck-report.jsonl` (no re-run).

The saved report is read once, line by line. Texts are fetched only for the documents
shown in full: a text file's original is rebuilt from its cleaned output and the edits
(or read from the input path), a JSONL record's from its line in the input file, and
either is checked against the recorded length and edits before it is trusted. JSONL
lines are fetched with one pass per input file for all shown documents (`prefetch`).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from tqcheck.cleaning import apply_edits, rebuild
from tqcheck.html_report.collect import Pick, TextPair
from tqcheck.html_report.sources import Record
from tqcheck.model import Edit
from tqcheck.reading import ReadError, decode


class ReportFileError(Exception):
    """The saved report cannot be opened at all (a bad line is only a note)."""


class _Unreadable(Exception):
    pass


def _read_text(path: Path) -> str:
    """Decoded as `clean` read it (BOMs, kept invalid bytes, legacy encodings)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(exc.strerror or str(exc)) from None
    doc = decode(str(path), data)
    if isinstance(doc, ReadError):
        raise _Unreadable(doc.message)
    return doc.text


def _fits(original: str, chars: Any, edits: list[Edit]) -> bool:
    return ((chars is None or len(original) == chars)
            and all(original[e.start:e.end] == e.text for e in edits))


class SavedText:
    """Finds one saved record's original and cleaned text, or says why it cannot."""

    def __init__(self, record: dict[str, Any], base: Path, text_field: str) -> None:
        self.record, self.base, self.text_field = record, base, text_field
        line = record.get("line")
        self.line = line if isinstance(line, int) and line > 0 else 0  # a JSONL record
        self.jsonl_line: bytes | None = None  # filled in by `prefetch`
        self.fetch_error: str | None = None

    def resolve(self, name: str) -> Path:
        path = Path(name)
        return path if path.is_absolute() else self.base / path

    def __call__(self) -> TextPair:
        record = self.record
        try:
            edits = [Edit.from_dict(e) for e in record.get("edits") or []]
        except (KeyError, TypeError, ValueError):
            return TextPair(None, None, "its edits are malformed")
        if self.line:
            return self._from_jsonl(edits)
        chars, output, source = record.get("chars"), record.get("output"), record.get("path")
        problems: list[str] = []
        if output:
            try:
                cleaned = _read_text(self.resolve(output))
                original = rebuild(cleaned, edits)
                if _fits(original, chars, edits):
                    return TextPair(original, cleaned)
                problems.append(f"the cleaned file {output} has changed since the report")
            except _Unreadable as exc:
                problems.append(f"the cleaned file {output} cannot be read ({exc})")
        if source:
            try:
                original = _read_text(self.resolve(source))
                if _fits(original, chars, edits):
                    return TextPair(original, apply_edits(original, edits))
                problems.append(f"the input {source} has changed since the report")
            except _Unreadable as exc:
                problems.append(f"the input {source} cannot be read ({exc})")
        return TextPair(None, None, "; ".join(problems) or "the report names no file")

    def _from_jsonl(self, edits: list[Edit]) -> TextPair:
        where = f"{self.record.get('path')}:{self.line}"
        if self.jsonl_line is None:
            return TextPair(None, None, self.fetch_error or f"line {where} was not found")
        try:
            obj = json.loads(self.jsonl_line.decode("utf-8-sig"))
            original = obj[self.text_field]
        except (ValueError, KeyError, TypeError):
            return TextPair(None, None, f"line {where} has no {self.text_field!r} text "
                            "(pass the run's --text-field)")
        if not isinstance(original, str) or not _fits(original, self.record.get("chars"), edits):
            return TextPair(None, None, f"line {where} has changed since the report")
        return TextPair(original, apply_edits(original, edits))


def prefetch(picks: Iterable[Pick]) -> None:
    """Read the JSONL lines of the shown documents: one pass over each input file."""
    wanted: dict[Path, dict[int, list[SavedText]]] = {}
    for pick in picks:
        loader = pick.load_text
        if isinstance(loader, SavedText) and loader.line and loader.record.get("path"):
            path = loader.resolve(str(loader.record["path"]))
            wanted.setdefault(path, {}).setdefault(loader.line, []).append(loader)
    for path, lines in wanted.items():
        try:
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as handle:
                last = max(lines)
                for number, data in enumerate(handle, 1):
                    for loader in lines.get(number, ()):
                        loader.jsonl_line = data
                    if number >= last:
                        break
        except (OSError, EOFError) as exc:
            for loaders in lines.values():
                for loader in loaders:
                    loader.fetch_error = f"the input {path} cannot be read ({exc})"


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


def records_from_report(path: Path, notes: list[str], text_field: str = "text"
                        ) -> Iterator[Record]:
    """Records of a saved report; bad lines become notes, not errors. Relative paths in
    the report are taken relative to the current folder, as `clean` wrote them."""
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
                yield record, SavedText(record, base, text_field)
        except UnicodeDecodeError as exc:
            raise ReportFileError(f"{path}: not valid UTF-8 ({exc.reason})") from None
