"""Turn files into Documents, or into one clear sentence saying why not.

Bad input is normal input for a scraper's output: a reader never raises on content,
it returns a `ReadError` the caller reports while the run goes on.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tqcheck.decoding import decode_bytes, encode_text
from tqcheck.model import Document

TEXT_SUFFIXES = (".txt", ".text")
#: Files larger than this are refused rather than read whole (see README limits).
MAX_FILE_BYTES = 256 * 1024 * 1024
_SNIFF = 8192


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str


@dataclass(frozen=True)
class InputFile:
    """A file to process and the path it has below its input root (for mirroring)."""

    path: Path
    relative: Path


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside BOM-marked UTF-16) or many control bytes mean binary."""
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.3


def decode(path: str, data: bytes, encoding: str = "auto") -> Document | ReadError:
    """Decode bytes into a Document (see tqcheck.decoding); meta keeps what is needed
    to write the cleaned text back in the same encoding, BOM and invalid bytes."""
    if looks_binary(data):
        return ReadError(path, "binary file (NUL or control bytes), skipped")
    try:
        decoded = decode_bytes(data, encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        return ReadError(path, f"not valid {exc.encoding} (byte 0x{bad} at offset {exc.start}); "
                         "try --encoding auto")
    except LookupError:
        return ReadError(path, f"unknown encoding {encoding!r}")
    meta = {"encoding": decoded.encoding, "bom": decoded.bom, "notes": decoded.notes}
    return Document(decoded.text, path=path, meta=meta)


def read_document(path: Path, display: str | None = None,
                  encoding: str = "auto") -> Document | ReadError:
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadError(shown, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadError(shown, "no such file")
    except IsADirectoryError:
        return ReadError(shown, "is a directory")
    except OSError as exc:
        return ReadError(shown, f"cannot read: {exc.strerror or exc}")
    return decode(shown, data, encoding)


def encode(doc: Document, text: str) -> bytes:
    """Bytes for cleaned text, in the document's own encoding and BOM."""
    return encode_text(text, doc.meta.get("encoding", "utf-8"), doc.meta.get("bom", b""))


def expand_paths(paths: list[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES
                 ) -> Iterator[InputFile | ReadError]:
    """Files named on the command line, and text files below named directories (sorted,
    hidden entries skipped). A missing path or an empty directory is a ReadError."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or not name.lower().endswith(suffixes):
                        continue
                    found = True
                    full = Path(root) / name
                    yield InputFile(full, full.relative_to(path))
            if not found:
                yield ReadError(raw, f"no text files ({', '.join(suffixes)}) in this directory")
        elif path.exists():
            yield InputFile(path, Path(path.name))
        else:
            yield ReadError(raw, "no such file or directory")
