"""Find a corpus run's inputs and read them as raw records, lazily and in a fixed order.

The parent process only splits bytes into records (a whole text file, or one JSONL
line); decoding, JSON parsing and checking happen in the workers, so reading never
becomes the bottleneck of a parallel run and memory stays bounded by the batch size.
"""
from __future__ import annotations

import fnmatch
import gzip
import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from tqcheck.reading import MAX_FILE_BYTES

STDIN = "-"
INPUT_FORMATS = ("auto", "text", "jsonl")
#: What a directory contributes when no --glob is given.
DEFAULT_GLOBS = ("*.txt", "*.text", "*.jsonl", "*.ndjson",
                 "*.txt.gz", "*.jsonl.gz", "*.ndjson.gz")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input and where its cleaned copy goes (`relative`, below --out)."""

    display: str          # the path as shown in reports
    path: Path | None     # None for stdin
    relative: Path
    format: str           # "text" or "jsonl"
    compressed: bool
    size: int             # bytes on disk, for progress (0 when unknown)


@dataclass(frozen=True)
class BadInput:
    """A named path that yields nothing to read, and why."""

    display: str
    message: str


@dataclass(frozen=True)
class RawRecord:
    """Undecoded bytes of one document: a whole text file, or one JSONL line."""

    source: int           # index of the InputFile in the run
    display: str
    format: str
    line: int             # 1-based JSONL line; 0 for a whole text file
    data: bytes
    error: str | None = None
    output: str | None = None   # where the cleaned document goes (clean mode)


def detect_format(name: str, override: str = "auto") -> str:
    if override != "auto":
        return override
    return "jsonl" if name.lower().endswith(_JSONL_SUFFIXES) else "text"


def _matches(relative: str, name: str, globs: tuple[str, ...]) -> bool:
    """A glob matches a file's name at any depth, or its path below the named folder."""
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def _input(display: str, path: Path, relative: Path, override: str) -> InputFile:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return InputFile(display, path, relative, detect_format(path.name, override),
                     path.name.lower().endswith(".gz"), size)


def too_large(size: int) -> str:
    """Why a document over the size limit is refused."""
    return f"too large ({size / 2**20:.0f} MiB; one document may be at most " \
           f"{MAX_FILE_BYTES // 2**20} MiB), skipped"


def discover(paths: list[str], globs: tuple[str, ...] = (), input_format: str = "auto",
             exclude: Path | None = None) -> Iterator[InputFile | BadInput]:
    """Inputs in command-line order; directories walked recursively, sorted, hidden
    entries and symlinked folders skipped. A missing path or a directory with no matching
    file is a BadInput. `exclude` (a resolved folder: clean's --out) is never walked, so
    an output folder inside the input tree is not read back as input."""
    patterns = tuple(globs) or DEFAULT_GLOBS
    skip_dir = str(exclude) if exclude is not None else None
    for raw in paths:
        if raw == STDIN:
            fmt = "text" if input_format == "auto" else input_format
            name = "stdin.jsonl" if fmt == "jsonl" else "stdin.txt"
            yield InputFile("<stdin>", None, Path(name), fmt, False, 0)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (
                    skip_dir and os.path.realpath(os.path.join(root, d)) == skip_dir))
                folder = Path(root)  # its parts are shared by every file's Path below
                below = folder.relative_to(path)
                for name in sorted(files):
                    full = folder / name
                    relative = below / name
                    if name.startswith(".") or not _matches(relative.as_posix(), name, patterns):
                        continue
                    found = True
                    if not full.is_file():  # a FIFO would block the run forever
                        yield BadInput(str(full), "not a regular file (FIFO, socket, device "
                                       "or broken symlink), skipped")
                        continue
                    yield _input(str(full), full, relative, input_format)
            if not found:
                yield BadInput(raw, f"no text files ({', '.join(patterns)}) in this directory")
        elif path.exists():
            yield _input(raw, path, Path(path.name), input_format)
        else:
            yield BadInput(raw, "no such file or directory")


def _open(inp: InputFile) -> tuple[BinaryIO, BinaryIO]:
    """(reader, raw file) — the raw file's position measures progress through .gz files."""
    if inp.path is None:
        return sys.stdin.buffer, sys.stdin.buffer
    raw = open(inp.path, "rb")  # noqa: SIM115 - closed by the caller
    return (gzip.GzipFile(fileobj=raw) if inp.compressed else raw), raw


def _io_error(exc: BaseException) -> str:
    if isinstance(exc, (gzip.BadGzipFile, zlib.error, EOFError)):
        return f"corrupt gzip data ({exc or 'truncated'})"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {getattr(exc, 'strerror', None) or exc}"


def read_records(index: int, inp: InputFile, output: str | None = None,
                 progress=None) -> Iterator[RawRecord]:
    """The input's records; an I/O error ends the input with one error record.
    `progress(n)` is told how many bytes on disk each record moved the reader."""
    def fail(line: int, message: str) -> RawRecord:
        return RawRecord(index, inp.display, inp.format, line, b"", message)

    try:
        reader, raw = _open(inp)
    except OSError as exc:
        yield fail(0, _io_error(exc))
        return
    try:
        if inp.format == "text":
            data = reader.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                yield fail(0, f"file {too_large(max(inp.size, len(data)))}")
            else:
                if progress:
                    progress(inp.size or len(data))
                yield RawRecord(index, inp.display, inp.format, 0, data, output=output)
            return
        position, number = 0, 0
        while line := reader.readline(MAX_FILE_BYTES + 1):
            number += 1
            size = len(line)
            if size > MAX_FILE_BYTES and not line.endswith(b"\n"):
                line = b""  # the oversized record is skipped, never held whole
                while rest := reader.readline(1 << 20):
                    size += len(rest)
                    if rest.endswith(b"\n"):
                        break
                yield fail(number, f"record {too_large(size)}")
            if progress:
                now = raw.tell() if inp.path is not None else position + size
                progress(now - position)
                position = now
            if line.strip():
                yield RawRecord(index, inp.display, inp.format, number, line, output=output)
    except (OSError, EOFError, zlib.error) as exc:
        yield fail(0, _io_error(exc))
    finally:
        if inp.path is not None:
            reader.close()
            raw.close()
