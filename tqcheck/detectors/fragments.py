"""Where the MT-artifact detector's ``dangling-fragment`` check looks: the short piece
after a paragraph's last stop ("… selon le journal. – Agence.", "… auf dem Podium. dpa"),
found in the paragraph's last lines only (the tests compare with a scan of the whole
paragraph)."""
from __future__ import annotations

from typing import Iterator

import regex

#: A short piece after a sentence's last stop, up to the line's end. The match starts
#: after the stop (\K): starting at the stop lets the engine jump from stop to stop,
#: where a look-behind first was tried at every character (twice the time). Scanned
#: from a line start (a paragraph's), it finds exactly what the look-behind form finds.
_FRAGMENT = regex.compile(
    r"(?<=[\p{L}\p{N})»”\"])[.!?]\K[ \u00a0]+(?P<frag>[\-–—•]?\s*[^\s.!?][^.!?\n]{0,40}?\.?)[ \t]*$",
    regex.M)
#: The dashes a fragment may start with, and its longest length after one (no stop).
_FRAGMENT_DASHES = "-–—•"
_FRAGMENT_LONGEST = 41
#: How a line ends if a fragment match may run on from it into the next line.
_CROSSING_ENDS = ".!?" + _FRAGMENT_DASHES


def _may_end_in_fragment(text: str, start: int, content_end: int) -> bool:
    """False when the paragraph text[start:content_end] cannot end in a `_FRAGMENT`
    match, read from its last line alone: most paragraphs end with a full sentence, and
    the pattern, tried at every stop of a paragraph of many lines, was most of this
    check's time. A match's fragment lies on the last line and runs to its end: one
    character, at most 40 more without a stop, and an optional full stop; before it only
    white space (all of it stripped by `str.lstrip`), one optional dash, and the stop.
    So what follows the last line's last stop, white space and a dash stripped, is at
    most 41 characters long (the tests compare with the plain pattern)."""
    newline = text.rfind("\n", start, content_end)
    body = text[start if newline < 0 else newline + 1:content_end]
    if body.endswith("."):
        body = body[:-1]
    tail = body[max(body.rfind("."), body.rfind("!"), body.rfind("?")) + 1:].lstrip()
    if tail[:1] in _FRAGMENT_DASHES:
        tail = tail[1:].lstrip()
    return len(tail) <= _FRAGMENT_LONGEST


def final_fragments(text: str, start: int, end: int, content_end: int) -> Iterator[regex.Match]:
    """The `_FRAGMENT` matches of the paragraph text[start:end] that reach its end
    (content_end: a match ending earlier is a hard-wrapped line), as a scan of the whole
    paragraph finds them, but scanning its last lines only.

    A match ends at a line's end, and runs onto a second line only through white space
    after a stop (and one dash). So no match crosses into a line whose previous line
    does not end, white space aside, in a stop or a dash; from that line's start, the
    scan finds exactly the matches the whole scan finds there (the look-behind at a
    stop reads the stop's line only). Pages end in short lines (credits, menus), so
    most paragraphs pass `_may_end_in_fragment`; the scan of the rest of a page of
    hundreds of lines was this check's time."""
    if not _may_end_in_fragment(text, start, content_end):
        return
    scan_from = start
    newline = text.rfind("\n", start, content_end)  # ends the line before the last
    while newline >= start:
        previous = text.rfind("\n", start, newline) + 1 or start
        before = text[max(previous, start):newline].rstrip()
        if before and before[-1] not in _CROSSING_ENDS:
            scan_from = newline + 1
            break
        newline = previous - 1
    for m in _FRAGMENT.finditer(text, scan_from, end):
        if m.end() >= content_end:
            yield m
