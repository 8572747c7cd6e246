"""A CPU-time budget for a block of regex work, enforced by SIGVTALRM.

`regex` can time out each search (`timeout=`), but arming that timer costs about as
much as a typical line-rule search itself, and line rules run hundreds of thousands of
times per MB. So the line scan runs unguarded under one budget for the whole document;
the signal interrupts even a search stuck in catastrophic backtracking, and only then
is the document scanned again with per-search timeouts, which name and skip the slow
rule. Only the main thread can take signals: elsewhere the budget is not armed and the
caller uses the guarded scan directly.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

#: CPU seconds a document's line scan may take before it is redone rule by rule:
#: a base, plus an allowance per character ~4x the cost measured on news pages.
BASE_SECONDS = 2.0
SECONDS_PER_CHAR = 1e-5


class BudgetExceeded(Exception):
    """Raised inside the guarded block when its CPU budget is spent."""


def _expired(signum, frame) -> None:
    raise BudgetExceeded


def budget_for(text: str) -> float:
    return BASE_SECONDS + SECONDS_PER_CHAR * len(text)


@contextmanager
def cpu_budget(seconds: float) -> Iterator[bool]:
    """Yields True when armed: the block then raises BudgetExceeded after `seconds` of
    CPU time. Yields False (nothing armed) off the main thread, where no signal exists,
    or when the process's virtual timer is already in use."""
    usable = (hasattr(signal, "SIGVTALRM") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0))
    if not usable:
        yield False
        return
    previous = signal.signal(signal.SIGVTALRM, _expired)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield True
    finally:
        try:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        finally:  # a signal already pending may still raise here: restore regardless
            signal.signal(signal.SIGVTALRM, previous)
