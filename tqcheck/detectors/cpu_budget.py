"""A CPU-time budget for a block of regex work, enforced by SIGVTALRM.

`regex` can time out each search (`timeout=`), but arming that timer costs about as
much as a typical line-rule search itself, and line rules run hundreds of thousands of
times per MB. So the line scan runs unguarded under one budget for the whole document;
the signal interrupts even a search stuck in catastrophic backtracking, and only then
is the document scanned again with per-search timeouts, which name and skip the slow
rule. Only the main thread can take signals: elsewhere the budget is not armed and the
caller uses the guarded scan directly.

The handler raises wherever Python happens to be, and some places swallow exceptions
(gc callbacks such as hypothesis's, `__del__`, weakref callbacks: "Exception ignored
in ..."). So once the budget is spent the timer keeps firing every `REPEAT_SECONDS` until
the block is left: a swallowed raise costs one interval, never the budget itself.
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
#: CPU seconds between further raises once the budget is spent (see the module note).
REPEAT_SECONDS = 0.05


class BudgetExceeded(BaseException):
    """Raised inside the guarded block when its CPU budget is spent. A BaseException,
    like KeyboardInterrupt, so no `except Exception` on the way can mistake it for an
    error of its own and carry on."""


class _Armed:
    """Whether a raise is still wanted: cleared first thing on leaving the block, so a
    signal that lands during the clean-up does nothing."""
    active = False


def _expired(signum, frame) -> None:
    if _Armed.active:
        raise BudgetExceeded


def _disarm(previous) -> None:
    _Armed.active = False
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    signal.signal(signal.SIGVTALRM, previous)


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
    _Armed.active = True
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds, REPEAT_SECONDS)
    try:
        yield True
    finally:
        while True:  # a raise can land before `active` is cleared: then disarm again
            try:
                _disarm(previous)
                break
            except BudgetExceeded:
                continue
