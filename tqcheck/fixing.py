"""`tqcheck check --fix`: apply the cleaning edits to the files themselves.

The only place tqcheck changes an original. Each file is rewritten atomically (a
temporary sibling renamed over it), keeps its encoding and BOM, and is left alone when
cleaning changes nothing. What remains afterwards (flag-only findings) is checked
again, so the report describes the files as they now are.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from tqcheck.corpus.sinks import atomic_write
from tqcheck.corpus.sources import InputFile, discover, too_large
from tqcheck.engine import Checker
from tqcheck.model import Document, Edit, FileReport
from tqcheck.reading import MAX_FILE_BYTES, ReadError, decode, encode

#: Below a named folder, --fix takes plain text files only (files named directly are
#: always taken, and refused with a reason if they are not plain text).
TEXT_GLOBS = ("*.txt", "*.text")


@dataclass(frozen=True)
class FileFix:
    """One rewritten file and the edits that changed it (original offsets)."""

    path: str
    edits: tuple[Edit, ...]
    removed_chars: int

    def summary(self) -> str:
        by_rule = Counter(e.rule for e in self.edits)
        rules = ", ".join(f"{code} x{n}" if n > 1 else code for code, n in sorted(by_rule.items()))
        n = len(self.edits)
        return (f"Fixed {self.path}: {n} edit{'s' * (n != 1)} ({rules}), "
                f"{self.removed_chars} characters removed")


@dataclass
class FixResult:
    reports: list[FileReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line per empty input
    fixed: list[FileFix] = field(default_factory=list)


def _documents(paths: Sequence[str], encoding: str
               ) -> Iterator[tuple[Path | None, Document | ReadError]]:
    """Plain text files named on the command line or below named folders (the only
    place that knows how inputs are found and read). JSONL and stdin have no file of
    their own to rewrite: `clean --out` is the tool for them."""
    for item in discover(list(paths), TEXT_GLOBS):
        if not isinstance(item, InputFile):
            yield None, ReadError(item.display, item.message)
        elif item.path is None or item.format != "text" or item.compressed:
            yield None, ReadError(item.display, "--fix rewrites plain text files only; "
                                  "use `tqcheck clean --out DIR` for JSONL, .gz and stdin")
        elif item.size > MAX_FILE_BYTES:
            yield None, ReadError(item.display, f"file {too_large(item.size)}")
        else:
            try:
                data = item.path.read_bytes()
            except OSError as exc:
                yield None, ReadError(item.display, f"cannot read: {exc.strerror or exc}")
                continue
            yield item.path, decode(item.display, data, encoding)


def fix_paths(checker: Checker, paths: Sequence[str], *, lang: str | None = None,
              encoding: str = "auto") -> FixResult:
    """Clean every input file in place; `reports` describe the files after fixing."""
    result = FixResult()
    for path, doc in _documents(paths, encoding):
        if isinstance(doc, ReadError):
            result.reports.append(FileReport.failed(doc.path, doc.message))
            continue
        if not doc.text:
            result.notes.append(f"{doc.path}: empty file, nothing to check")
        cleaned = checker.clean(doc, lang=lang)
        if cleaned.text == doc.text:
            result.reports.append(cleaned.report)
            continue
        try:
            atomic_write(path, encode(doc, cleaned.text))
        except (OSError, UnicodeEncodeError) as exc:
            result.reports.append(FileReport.failed(doc.path, f"cannot write the fix: {exc}"))
            continue
        result.fixed.append(FileFix(str(doc.path), cleaned.edits,
                                    len(doc.text) - len(cleaned.text)))
        after = Document(cleaned.text, path=doc.path, id=doc.id, meta=doc.meta)
        # Keep the language cleaning used: removing a foreign footer must not change it.
        result.reports.append(checker.check(after, lang=lang or cleaned.report.language))
    return result
