"""Output files that appear whole or not at all, and the journal behind --resume.

Every output is written under a temporary name in its target folder and renamed into
place when complete, so an interrupted run never leaves a half-written file. The audit
report and the rejected documents are journaled in OUT/.tqcheck-state/ as each input
completes; --resume reads the journal back, skips the finished inputs and keeps their
records, and the final files are renamed into place at the end of the run.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

REPORT_NAME = "tqcheck-report.jsonl"
REJECTED_NAME = "rejected.jsonl"
STATE_DIR = ".tqcheck-state"


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary sibling and rename: readers see the old file or the new one."""
    sink = AtomicFile(path)
    try:
        sink.write(data)
        sink.commit(sync=True)
    except BaseException:
        sink.discard()
        raise


def _file_mode() -> int:
    """The mode an ordinary new file gets here (0o666 less the umask)."""
    global _MODE
    if _MODE is None:
        umask = os.umask(0)
        os.umask(umask)
        _MODE = 0o666 & ~umask
    return _MODE


_MODE: int | None = None


class AtomicFile:
    """A file written under a temporary name and renamed into place by `commit`;
    gzip-compressed when the target name ends in .gz (deterministic: mtime 0)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name may have 255 bytes: the temporary keeps a short prefix of it, so an
        # input with a long (legal) name still gets a temporary that fits.
        fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp",
                                         dir=path.parent)
        self._raw: BinaryIO = os.fdopen(fd, "wb")
        self._out: BinaryIO = self._raw
        if path.name.endswith(".gz"):
            self._out = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw,
                                      compresslevel=6, mtime=0)

    def write(self, data: bytes) -> None:
        self._out.write(data)

    def commit(self, sync: bool = False) -> None:
        if self._out is not self._raw:
            self._out.close()
        self._raw.flush()
        if sync:
            os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._tmp, _file_mode())  # mkstemp made it owner-only
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        for handle in (self._out, self._raw):
            try:
                handle.close()
            except Exception:  # noqa: BLE001 - cleaning up after a failure
                pass
        try:
            os.unlink(self._tmp)
        except FileNotFoundError:
            pass


_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")  # AtomicFile's mkstemp names


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def remove_temporaries(out: Path) -> None:
    """Delete the half-written files a killed run left (SIGKILL runs no cleanup)."""
    for root, dirs, files in os.walk(out):
        dirs[:] = [d for d in dirs if d != STATE_DIR]
        for name in files:
            if _TEMPORARY.fullmatch(name):
                try:
                    os.unlink(os.path.join(root, name))
                except FileNotFoundError:
                    pass


class RunState:
    """The journal of a clean run: finished inputs, and their report/rejected lines."""

    def __init__(self, out: Path, resume: bool) -> None:
        self.out = out
        self.dir = out / STATE_DIR
        self.finished: dict[str, str | None] = {}
        if self.dir.is_dir():  # an earlier run was killed: its temporaries are garbage
            remove_temporaries(out)
        if resume and self.dir.is_dir():
            self._load()
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True)
            for name in (REPORT_NAME, REJECTED_NAME, "done.jsonl"):
                (self.dir / name).write_bytes(b"")
        self._report = open(self.dir / REPORT_NAME, "ab")  # noqa: SIM115
        self._rejected = open(self.dir / REJECTED_NAME, "ab")  # noqa: SIM115
        self._done = open(self.dir / "done.jsonl", "ab")  # noqa: SIM115

    def _load(self) -> None:
        """Keep what the last complete 'done' entry vouches for; drop any torn tail."""
        ends = {REPORT_NAME: 0, REJECTED_NAME: 0}
        sizes = {name: _size(self.dir / name) for name in ends}
        good = 0
        done_path = self.dir / "done.jsonl"
        raw = done_path.read_bytes() if done_path.exists() else b""
        for line in raw.splitlines(keepends=True):
            try:
                entry = json.loads(line)
            except ValueError:
                break
            if not line.endswith(b"\n"):
                break
            if entry["report"] > sizes[REPORT_NAME] or entry["rejected"] > sizes[REJECTED_NAME]:
                break  # killed while `complete` moved the journal out: trust none of it
            self.finished[entry["input"]] = entry["output"]
            ends = {REPORT_NAME: entry["report"], REJECTED_NAME: entry["rejected"]}
            good += len(line)
        for name, end in ((*ends.items(), ("done.jsonl", good))):
            path = self.dir / name
            with open(path, "ab") as handle:
                handle.truncate(end)

    def is_finished(self, key: str) -> bool:
        """Finished in an earlier run, and its output (if it had one) is still there."""
        if key not in self.finished:
            return False
        output = self.finished[key]
        return output is None or Path(output).exists()

    def add(self, report_line: bytes | None, rejected_line: bytes | None) -> None:
        if report_line:
            self._report.write(report_line)
        if rejected_line:
            self._rejected.write(rejected_line)

    def finish_input(self, key: str, output: str | None) -> None:
        """Called after the input's output file was renamed into place."""
        self._report.flush()
        self._rejected.flush()
        entry = {"input": key, "output": output, "report": self._report.tell(),
                 "rejected": self._rejected.tell()}
        self._done.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self._done.flush()

    def close(self) -> None:
        for handle in (self._report, self._rejected, self._done):
            handle.close()

    def complete(self) -> tuple[Path, Path | None]:
        """Move the journaled report (and rejected documents, if any) into OUT."""
        self.close()
        report = self.out / REPORT_NAME
        rejected = self.out / REJECTED_NAME
        os.replace(self.dir / REPORT_NAME, report)
        if (self.dir / REJECTED_NAME).stat().st_size:
            os.replace(self.dir / REJECTED_NAME, rejected)
        else:
            rejected.unlink(missing_ok=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        return report, (rejected if rejected.exists() else None)
