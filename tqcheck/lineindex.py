"""Map character offsets to 1-based line/column positions, and split text into lines.

Line breaks are `\\n`, `\\r\\n` and a lone `\\r`, so CRLF and old-Mac files report the
same lines an editor shows. Columns count characters (code points), not bytes.
"""
from __future__ import annotations

import bisect
import functools
import re

_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts of one text, for offset -> (line, column) lookups in O(log n)."""

    def __init__(self, text: str) -> None:
        from tqcheck.model import Line  # local: model imports this module

        self.text = text
        if "\r" in text:
            pieces = _BREAK.split(text)
            breaks = [len(m) for m in _BREAK.findall(text)] + [0]
        else:  # the common case: one C-level split
            pieces = text.split("\n")
            breaks = [1] * (len(pieces) - 1) + [0]
        lines: list[Line] = []
        starts: list[int] = []
        new = object.__new__
        start = 0
        for number, (piece, width) in enumerate(zip(pieces, breaks), 1):
            end = start + len(piece)
            # = Line(number, start, end, end + width, piece) without the frozen
            # dataclass's field-by-field __init__: a corpus run makes millions of lines.
            line = new(Line)
            line.__dict__.update(number=number, start=start, end=end, next=end + width,
                                 text=piece, blank=not piece.strip())
            lines.append(line)
            starts.append(start)
            start = end + width
        self._starts = starts
        self.lines = tuple(lines)

    @property
    def starts(self) -> list[int]:
        """Start offsets of the lines, ascending (do not modify)."""
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the end offset is allowed."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_at(self, offset: int):
        """The Line containing `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.lines[max(i, 0)]


@functools.lru_cache(maxsize=8)
def line_index(text: str) -> LineIndex:
    """The LineIndex of a text, shared: the document, the cleaner's plan and the score
    all index the same text, and building it is a tenth of a corpus run's time."""
    return LineIndex(text)
