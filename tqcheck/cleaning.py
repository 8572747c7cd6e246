"""Turn findings into non-overlapping edits, apply them, and keep the audit trail.

The cleaner is the only code that changes text. Every edit records the original text it
replaced, in original offsets, so `rebuild(cleaned, edits)` gives back the input byte for
byte. Cleaning runs to a fixed point (removing a line can bring a footer into its
window, or make a run of blank lines), which is what makes it idempotent.
"""
from __future__ import annotations

import bisect
from typing import Callable, Iterable, Sequence

from tqcheck.lineindex import LineIndex, line_index
from tqcheck.model import Edit, Finding, Line

MAX_PASSES = 6
_HSPACE = " \t\u00a0\u202f"
_CLOSING = ",.;:!?)]}»”’…"


def _tidy_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removed span so it leaves neither a doubled space nor a space before
    punctuation, nor a line that starts with a space."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in _HSPACE and (after in _HSPACE or after in _CLOSING or after in "\r\n"):
        while start > 0 and text[start - 1] in _HSPACE:
            start -= 1
    elif before in "\r\n" and after in _HSPACE:
        while end < len(text) and text[end] in _HSPACE:
            end += 1
    return start, end


def _line_block_range(text: str, lines: Sequence[Line], first: int, last: int) -> tuple[int, int]:
    """Offsets that remove lines[first..last] (0-based) with their line breaks."""
    start, end = lines[first].start, lines[last].next
    if lines[last].next == lines[last].end and first > 0:
        # The last line has no break of its own: take the one before it instead.
        start = lines[first - 1].end
    return start, end


def _real_lines(text: str, index: LineIndex) -> Sequence[Line]:
    """Lines of the text without the empty pseudo-line after a final line break."""
    lines = index.lines
    if len(lines) > 1 and lines[-1].start == len(text) and lines[-1].start == lines[-1].end:
        return lines[:-1]
    return lines


def _removed_line_ranges(text: str, index: LineIndex, removed: set[int],
                         rules: dict[int, set[str]]) -> list[tuple[int, int, str, str]]:
    """Ranges for removed lines (0-based numbers), taking a blank line along where the
    removal would leave two blank lines together, or blank lines at either end."""
    lines = _real_lines(text, index)
    removed = {i for i in removed if i < len(lines)}
    ranges = []
    for first, last in _runs(sorted(removed)):
        prev, nxt = first - 1, last + 1
        extra_rules: set[str] = set()
        for i in range(first, last + 1):
            if i in rules:
                extra_rules |= rules[i]
        if prev < 0:
            while nxt < len(lines) and lines[nxt].blank and nxt not in removed:
                last = nxt
                nxt += 1
        elif nxt >= len(lines):
            while prev >= 0 and lines[prev].blank and prev not in removed:
                first = prev
                prev -= 1
        elif lines[prev].blank and lines[nxt].blank and nxt not in removed:
            last = nxt
        if first == 0 and last == len(lines) - 1:
            start, end = 0, len(text)
        else:
            start, end = _line_block_range(text, lines, first, last)
        ranges.append((start, end, "", "+".join(sorted(extra_rules))))
    return ranges


def _runs(numbers: list[int]) -> Iterable[tuple[int, int]]:
    if not numbers:
        return
    first = prev = numbers[0]
    for n in numbers[1:]:
        if n != prev + 1:
            yield first, prev
            first = n
        prev = n
    yield first, prev


def plan_edits(text: str, findings: Iterable[Finding]) -> list[Edit]:
    """Non-overlapping edits (original offsets, sorted) that carry out the findings."""
    index = line_index(text)
    lines = _real_lines(text, index)
    removed_lines: set[int] = set()
    line_rules: dict[int, set[str]] = {}
    spans: list[tuple[int, int, str, str]] = []
    replaces: list[tuple[int, int, str, str]] = []
    starts, bisect_right = index.starts, bisect.bisect_right
    for f in findings:
        if f.action == "flag":
            continue  # most findings: nothing to plan
        if f.action == "remove-line":
            # The 0-based numbers of the lines holding f.start and f.end - 1 (= line_at).
            first = max(bisect_right(starts, f.start) - 1, 0)
            last = max(bisect_right(starts, max(f.end - 1, f.start)) - 1, 0)
            for i in range(first, min(last, len(lines) - 1) + 1):
                removed_lines.add(i)
                if i in line_rules:
                    line_rules[i].add(f.rule)
                else:
                    line_rules[i] = {f.rule}
        elif f.action == "remove-span":
            start, end = _tidy_span(text, f.start, f.end)
            line = index.line_at(start)
            rest = text[line.start:start] + text[end:line.end]
            if not rest.strip() and line.number - 1 < len(lines) and end <= line.end:
                removed_lines.add(line.number - 1)
                line_rules.setdefault(line.number - 1, set()).add(f.rule)
            else:
                spans.append((start, end, "", f.rule))
        elif f.action == "replace" and f.replacement is not None:
            if text[f.start:f.end] != f.replacement:
                replaces.append((f.start, f.end, f.replacement, f.rule))
    removals = sorted(_removed_line_ranges(text, index, removed_lines, line_rules) + spans)
    merged: list[list] = []
    for start, end, _, rule in removals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][3] |= {rule}
        else:
            merged.append([start, end, "", {rule}])
    edits = [Edit(s, e, "", "+".join(sorted(x for r in rules for x in r.split("+") if x)),
                  text[s:e]) for s, e, _, rules in merged]
    edits += _fitting_replaces(text, edits, replaces)
    return sorted(edits, key=lambda e: e.start)


def _fitting_replaces(text: str, edits: Sequence[Edit],
                      replaces: list[tuple[int, int, str, str]]) -> list[Edit]:
    """The replaces, leftmost (then longest) first, that overlap neither an edit nor
    an earlier replace taken; the others wait for the next pass. The edits so far never
    overlap, so sorted by (start, end) their ends never go down either: the only one
    that can overlap start..end is the last that starts before `end` (a bisect, not a
    scan of every edit per replace)."""
    taken = sorted((e.start, e.end) for e in edits)
    out: list[Edit] = []
    for start, end, repl, rule in sorted(replaces, key=lambda r: (r[0], -r[1])):
        before = bisect.bisect_left(taken, (end,))
        if before and taken[before - 1][1] > start:
            continue  # inside a removal, or overlapping an earlier replace
        bisect.insort(taken, (start, end))
        out.append(Edit(start, end, repl, rule, text[start:end]))
    return out


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts, pos = [], 0
    for edit in edits:
        parts.append(text[pos:edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def rebuild(cleaned: str, edits: Sequence[Edit]) -> str:
    """The original text, from the cleaned text and the edits recorded against it."""
    parts, pos_clean, pos_orig = [], 0, 0
    for edit in sorted(edits, key=lambda e: e.start):
        keep = edit.start - pos_orig
        parts.append(cleaned[pos_clean:pos_clean + keep])
        parts.append(edit.text)
        pos_clean += keep + len(edit.replacement)
        pos_orig = edit.end
    parts.append(cleaned[pos_clean:])
    return "".join(parts)


def compose(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Edits on `original` equivalent to applying `first`, then `second` (whose offsets
    are into the text `first` produced). Overlapping edits are merged into one."""
    # Segments of the intermediate text: (t_start, t_end, o_start, o_end, edit or None).
    segments: list[tuple[int, int, int, int, Edit | None]] = []
    o = t = 0
    for e in first:
        if e.start > o:
            segments.append((t, t + e.start - o, o, e.start, None))
            t += e.start - o
        segments.append((t, t + len(e.replacement), e.start, e.end, e))
        t += len(e.replacement)
        o = e.end
    segments.append((t, t + len(original) - o, o, len(original), None))
    middle = apply_edits(original, first)

    def to_orig(pos: int, is_start: bool) -> int:
        """Original offset of an intermediate position at the start or end of an edit."""
        for ts, te, os_, oe, edit in segments:
            if is_start and ts <= pos < te:
                return os_ + (pos - ts) if edit is None else os_
            if not is_start and ts < pos <= te:
                return os_ + (pos - ts) if edit is None else oe
        return len(original) if is_start else 0

    absorbed: set[int] = set()
    groups: list[list] = []  # [t_start, t_end, [second-pass edits], rules]
    for e2 in second:
        a, b, rules = e2.start, e2.end, {e2.rule}
        for i, (ts, te, _, _, edit) in enumerate(segments):
            if edit is not None and ((ts < b and a < te) or (ts == te and a < ts < b)):
                absorbed.add(i)
                a, b = min(a, ts), max(b, te)
                rules.add(edit.rule)
        if groups and a < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], b)
            groups[-1][2].append(e2)
            groups[-1][3] |= rules
        else:
            groups.append([a, b, [e2], rules])
    combined = []
    for a, b, members, rules in groups:
        parts, pos = [], a
        for e2 in members:
            parts += [middle[pos:e2.start], e2.replacement]
            pos = e2.end
        parts.append(middle[pos:b])
        combined.append((a, b, "".join(parts), rules))
    result = [segments[i][4] for i in range(len(segments))
              if segments[i][4] is not None and i not in absorbed]
    for a, b, repl, rules in combined:
        os_, oe = to_orig(a, True), to_orig(b, False)
        names = sorted({x for r in rules for x in r.split("+") if x})
        result.append(Edit(os_, oe, repl, "+".join(names), original[os_:oe]))
    return sorted(result, key=lambda e: e.start)


def clean_to_fixpoint(text: str, detect: Callable[[str], list[Finding]]
                      ) -> tuple[str, list[Edit], list[Finding]]:
    """Detect and edit until nothing changes; returns text, edits on the original and
    the first pass's findings (the ones that describe the original)."""
    edits: list[Edit] = []
    current = text
    first_findings: list[Finding] | None = None
    for _ in range(MAX_PASSES):
        findings = detect(current)
        if first_findings is None:
            first_findings = findings
        step = plan_edits(current, findings)
        if not step:
            break
        edits = compose(text, edits, step) if edits else step
        current = apply_edits(current, step)
    return current, edits, first_findings or []
