"""A one-line progress bar on stderr: documents/s, MB/s and ETA.

Shown only when stderr is a terminal, not --quiet, and the run has lasted a second;
redrawn at most five times a second from the main loop (no thread).
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

_REDRAW = 0.2
_DELAY = 1.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    def __init__(self, total_bytes: int = 0, enabled: bool | None = None,
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total_bytes
        self.docs = 0
        self.bytes = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def advance_bytes(self, n: int) -> None:
        self.bytes += n

    def advance_docs(self, n: int) -> None:
        self.docs += n
        if self.enabled:
            now = time.monotonic()
            if now - self.started >= _DELAY and now - self._drawn >= _REDRAW:
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        mb_s = self.bytes / elapsed / 1e6
        text = f"{self.docs:,} docs  {self.docs / elapsed:,.0f} docs/s  {mb_s:.2f} MB/s"
        if self.total:
            done = min(self.bytes / self.total, 1.0)
            filled = int(done * 20)
            bar = "#" * filled + "-" * (20 - filled)
            eta = (self.total - self.bytes) / (self.bytes / elapsed) if self.bytes else 0
            text = f"[{bar}] {done:4.0%}  {text}  ETA {_duration(max(eta, 0))}"
        return text + f"  {_duration(elapsed)}"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)
        self._drawn = now

    def clear(self) -> None:
        """Erase the bar so another message can take the line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def echo(self, message: str) -> None:
        self.clear()
        self.stream.write(message + "\n")
        self.stream.flush()
