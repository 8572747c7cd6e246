"""An ordered, bounded parallel map over batches of records.

Results come back in submission order whatever the number of workers, so outputs are
byte-identical for any --jobs. At most `window` batches are in flight, which bounds the
parent's memory however large the corpus. Each worker holds one Checker: inherited
from the parent under `fork` (the fastText model is then shared copy-on-write),
built once in the worker's initializer otherwise.

`multiprocessing` and `concurrent.futures` are imported only when a pool starts: a
one-file check (a pre-commit hook) never starts one, and they were ~15 ms of its start.
"""
from __future__ import annotations

import itertools
import signal
import sys
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from tqcheck.corpus.sources import RawRecord
from tqcheck.corpus.work import Outcome, Settings, process

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


@dataclass(frozen=True)
class CheckerSpec:
    """How to build the run's Checker in a worker that did not inherit it."""

    rules_dirs: tuple[str, ...] = ()
    lid_model: str | None = None
    selection: object = None  # tqcheck.selection.Selection (--select, --ignore, config)

    def build(self):
        from pathlib import Path

        from tqcheck.engine import Checker
        from tqcheck.ruleset import load_rules

        return Checker(load_rules([Path(d) for d in self.rules_dirs]),
                       lid_model=self.lid_model, selection=self.selection)


_checker = None
_settings: Settings | None = None


def _init_worker(spec: CheckerSpec, settings: Settings) -> None:
    """Ctrl-C is the parent's business: it stops the pool and removes partial files."""
    global _checker, _settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _checker is None:
        _checker = spec.build()
    _settings = settings


def _run_batch(batch: Sequence[RawRecord]) -> list[Outcome]:
    return [process(record, _checker, _settings) for record in batch]


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods
                                       else "spawn")


def ordered_map(batches: Iterable[Sequence[RawRecord]], checker, spec: CheckerSpec,
                settings: Settings, jobs: int, window: int | None = None
                ) -> Iterator[list[Outcome]]:
    """Outcomes batch by batch, in input order. A single batch runs in this process:
    starting workers would cost more than it saves (one file, a pre-commit hook)."""
    global _checker, _settings
    batches = iter(batches)
    head = list(itertools.islice(batches, 2))
    if jobs <= 1 or len(head) < 2:
        for batch in itertools.chain(head, batches):
            yield [process(record, checker, settings) for record in batch]
        return
    from concurrent.futures import ProcessPoolExecutor

    _checker, _settings = checker, settings  # inherited by forked workers
    window = window or 3 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                               initializer=_init_worker, initargs=(spec, settings))
    pending: deque[Future] = deque()
    clean_exit = False
    try:
        for batch in itertools.chain(head, batches):
            pending.append(pool.submit(_run_batch, batch))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        clean_exit = True
    finally:
        _checker = _settings = None
        if clean_exit:
            pool.shutdown(wait=True)
        else:
            _terminate(pool)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop now (Ctrl-C, an error, or the consumer gave up): kill busy workers rather
    than wait for their batches."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
    # Join the executor's manager thread now; left to the interpreter's exit hook, it
    # can print a traceback about a closed pipe after Ctrl-C.
    pool.shutdown(wait=True)


def batched(records: Iterable[RawRecord], max_records: int, max_bytes: int
            ) -> Iterator[list[RawRecord]]:
    """Bounded batches: at most `max_records` records and about `max_bytes` bytes."""
    batch: list[RawRecord] = []
    size = 0
    for record in records:
        batch.append(record)
        size += len(record.data)
        if len(batch) >= max_records or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch

