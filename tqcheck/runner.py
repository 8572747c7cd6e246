"""Run the checker over files named on the command line: check, or clean into --out.

One bad file yields a report with `error` set and the run goes on. Outputs are written
to a temporary file in the target folder and renamed into place, so an interrupted run
never leaves a half-written file.
"""
from __future__ import annotations

from tqcheck import jsonio
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from tqcheck.engine import Checker
from tqcheck.model import FileReport
from tqcheck.reading import InputFile, ReadError, encode, expand_paths, read_document

REPORT_NAME = "tqcheck-report.jsonl"


@dataclass
class RunResult:
    reports: list[FileReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line per skipped/empty input

    @property
    def errors(self) -> int:
        return sum(1 for r in self.reports if r.error)


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary sibling and rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _inputs(paths: list[str], encoding: str) -> Iterator[tuple[InputFile | None, object]]:
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            yield None, item
        else:
            yield item, read_document(item.path, str(item.path), encoding)


def check_paths(checker: Checker, paths: list[str], *, lang: str | None = None,
                encoding: str = "auto") -> RunResult:
    result = RunResult()
    for _, doc in _inputs(paths, encoding):
        if isinstance(doc, ReadError):
            result.reports.append(FileReport.failed(doc.path, doc.message))
            continue
        if not doc.text:
            result.notes.append(f"{doc.path}: empty file, nothing to check")
        result.reports.append(checker.check(doc, lang=lang))
    return result


def clean_paths(checker: Checker, paths: list[str], out: Path, *, lang: str | None = None,
                encoding: str = "auto",
                on_report: Callable[[FileReport], None] | None = None) -> RunResult:
    """Clean every input into `out` (mirroring input trees) and write the JSONL report."""
    result = RunResult()
    out = out.resolve()
    lines: list[str] = []
    for item, doc in _inputs(paths, encoding):
        if isinstance(doc, ReadError):
            report = FileReport.failed(doc.path, doc.message)
            lines.append(jsonio.dumps(report.to_dict()))
            result.reports.append(report)
            continue
        assert item is not None
        target = out / item.relative
        if item.path.resolve() == target:
            report = FileReport.failed(doc.path, "output would overwrite the input; "
                                       "choose another --out")
            result.reports.append(report)
            continue
        cleaned = checker.clean(doc, lang=lang)
        atomic_write(target, encode(doc, cleaned.text))
        record = cleaned.report.to_dict()
        record["output"] = str(target)
        record["edits"] = [e.to_dict() for e in cleaned.edits]
        lines.append(jsonio.dumps(record))
        result.reports.append(cleaned.report)
        if not doc.text:
            result.notes.append(f"{doc.path}: empty file, copied as is")
        if on_report:
            on_report(cleaned.report)
    atomic_write(out / REPORT_NAME, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    return result
