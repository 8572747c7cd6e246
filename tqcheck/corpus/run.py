"""A corpus run: inputs -> bounded batches -> (parallel) check/clean -> ordered outputs.

The parent reads and writes; workers decode, check and serialise (see `work.py`).
Outcomes arrive in input order, so an input is complete as soon as an outcome from a
later input arrives, and its output file is renamed into place right then.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tqcheck.corpus.pool import CheckerSpec, batched, ordered_map
from tqcheck.corpus.progress import Progress
from tqcheck.corpus.sinks import AtomicFile, RunState
from tqcheck.corpus.sources import BadInput, InputFile, RawRecord, discover, read_records
from tqcheck.corpus.summary import Summary
from tqcheck.corpus.targets import plan_targets
from tqcheck.corpus.work import Outcome, Settings
from tqcheck.model import FileReport

#: Problems printed per input before the rest are only counted (all are in the report).
NOTES_PER_INPUT = 10


@dataclass(frozen=True)
class CorpusOptions:
    input_format: str = "auto"
    globs: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str | None = None
    encoding: str = "auto"
    lang: str | None = None
    min_score: float | None = None
    jobs: int = 1
    batch_docs: int = 256
    batch_bytes: int = 1 << 20
    progress: bool | None = None   # None: only when stderr is a terminal
    resume: bool = False


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class CorpusRun:
    """One check or clean over files, directories, JSONL(.gz) and stdin."""

    def __init__(self, checker, options: CorpusOptions, spec: CheckerSpec | None = None,
                 echo: Callable[[str], None] | None = None) -> None:
        self.checker = checker
        self.options = options
        self.spec = spec or CheckerSpec()
        self.summary = Summary()
        self.progress = Progress(enabled=options.progress)
        self._echo = echo
        self._notes: dict[int, int] = {}

    def _settings(self, mode: str) -> Settings:
        o = self.options
        return Settings(mode, o.lang, o.text_field, o.id_field, o.encoding, o.min_score)

    def note(self, message: str) -> None:
        if self._echo:
            self.progress.clear()
            self._echo(message)

    def _records(self, inputs: list, skip: set[int], outputs: dict[int, str]
                 ) -> Iterator[RawRecord]:
        for index, inp in enumerate(inputs):
            if index in skip:
                continue
            if isinstance(inp, BadInput):
                yield RawRecord(index, inp.display, "text", 0, b"", inp.message)
                continue
            yield from read_records(index, inp, outputs.get(index),
                                    self.progress.advance_bytes)

    def _outcomes(self, inputs: list, mode: str, skip: set[int] = frozenset(),
                  outputs: dict[int, str] | None = None) -> Iterator[Outcome]:
        o = self.options
        self.summary.inputs = len(inputs)
        self.progress.total = sum(i.size for n, i in enumerate(inputs)
                                  if isinstance(i, InputFile) and n not in skip)
        started = time.monotonic()
        batches = batched(self._records(inputs, skip, outputs or {}), o.batch_docs, o.batch_bytes)
        try:
            for results in ordered_map(batches, self.checker, self.spec, self._settings(mode),
                                       o.jobs):
                for outcome in results:
                    self.summary.add(outcome.report, outcome.is_rejected, o.min_score)
                    if outcome.note:
                        self._note_for(outcome.source, outcome.note)
                    yield outcome
                self.progress.advance_docs(len(results))
        finally:
            self.summary.seconds = time.monotonic() - started
            self.summary.bytes_read = self.progress.bytes
            self.progress.clear()
            for source, count in self._notes.items():
                if count > NOTES_PER_INPUT:
                    self.note(f"tqcheck: {inputs[source].display}: {count - NOTES_PER_INPUT} "
                              "more problems not shown (all are in the report)")

    def _note_for(self, source: int, message: str) -> None:
        count = self._notes.get(source, 0) + 1
        self._notes[source] = count
        if count <= NOTES_PER_INPUT:
            self.note(f"tqcheck: {message}")

    # -- check ------------------------------------------------------------------
    def check(self, paths: list[str]) -> Iterator[FileReport]:
        """Reports in input order, streamed (nothing accumulates)."""
        o = self.options
        inputs = list(discover(paths, o.globs, o.input_format))
        for outcome in self._outcomes(inputs, "check"):
            yield outcome.report

    # -- clean ------------------------------------------------------------------
    def clean(self, paths: list[str], out: Path) -> tuple[Path, Path | None]:
        """Write cleaned copies under `out`; returns (report path, rejected path or None)."""
        o = self.options
        out = out.resolve()
        inputs = list(discover(paths, o.globs, o.input_format, exclude=out))
        targets, keys = plan_targets(inputs, out)  # refusals become BadInputs
        state = RunState(out, o.resume)
        skip = {n for n, key in keys.items() if key and state.is_finished(key)}
        self.summary.skipped_inputs = len(skip)
        writer = _OutputWriter(inputs, targets, keys, skip, state)
        outputs = {n: str(t) for n, t in targets.items()}
        try:
            for outcome in self._outcomes(inputs, "clean", skip, outputs):
                writer.finish_before(outcome.source)
                writer.write(outcome)
            writer.finish_before(len(inputs))
        except BaseException:
            writer.discard()
            state.close()
            raise
        return state.complete()


class _OutputWriter:
    """Streams outcomes into per-input temporary files; renames each when complete."""

    def __init__(self, inputs: list, targets: dict[int, Path], keys: dict[int, str | None],
                 skip: set[int], state: RunState) -> None:
        self.inputs, self.targets, self.keys, self.state = inputs, targets, keys, state
        self.skip = skip
        self.next = 0                      # first input not yet finished
        self.open: dict[int, AtomicFile] = {}
        self.unreadable: set[int] = set()  # the input itself failed (no output file)

    def write(self, outcome: Outcome) -> None:
        self.state.add(outcome.audit, outcome.rejected)
        if outcome.report.error and outcome.line == 0:
            self.unreadable.add(outcome.source)
        if outcome.output is not None:
            sink = self.open.get(outcome.source)
            if sink is None:
                sink = self.open[outcome.source] = AtomicFile(self.targets[outcome.source])
            sink.write(outcome.output)

    def finish_before(self, source: int) -> None:
        while self.next < source:
            self._finish(self.next)
            self.next += 1

    def _finish(self, n: int) -> None:
        if n not in self.targets or n in self.skip:
            return
        sink = self.open.pop(n, None)
        if sink is None and self.inputs[n].format == "jsonl" and n not in self.unreadable:
            sink = AtomicFile(self.targets[n])  # every line rejected or blank: empty output
        output = None
        if sink is not None:
            sink.commit()
            output = str(self.targets[n])
        if self.keys.get(n) and n not in self.unreadable:  # unreadable: retried on --resume
            self.state.finish_input(self.keys[n], output)

    def discard(self) -> None:
        for sink in self.open.values():
            sink.discard()
        self.open.clear()
