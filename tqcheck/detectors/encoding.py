"""Encoding detector: mojibake, C1 control characters and mixed Unicode normalisation.

Each rule names one `check` in its `params`; all three produce `replace` findings whose
replacement is the repaired text, so cleaning fixes them and a second pass finds
nothing (ftfy's fixes are idempotent; NFC of NFC is NFC).

* ``mojibake`` — UTF-8 decoded as Latin-1/Windows-1252 and the like ("dÃ©clarÃ©"),
  found with ftfy's badness measure and repaired with `ftfy.fix_and_explain`. Curly
  quotes are kept (`uncurl_quotes=False`: with the default, ftfy straightens every ’
  and “ of a clean French article), and so are line breaks, HTML entities, width,
  ligatures and control characters (other rules own those). A repair is accepted only
  when it leaves no badness, uses an encoding from `SAFE_ENCODINGS`, and changes only
  non-ASCII stretches; otherwise each bad word is repaired on its own. Only the lines
  `mojibake_gate.bad_lines` names are looked at: exactly those `is_bad` accepts,
  found without searching every line.
* ``c1-controls`` — U+0080–U+009F, which are Windows-1252 punctuation read as Latin-1:
  ftfy's `fix_c1_controls` gives the intended character (’ “ ” … – —), or nothing for
  the five bytes Windows-1252 leaves undefined. (C0 controls are rule W003's.)
* ``normalization`` — a decomposed letter + combining mark (NFD, as macOS writes it)
  in a text that otherwise uses precomposed letters: replaced by its NFC form.
"""
from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable, Iterator

import regex
from ftfy import TextFixerConfig, fix_and_explain
from ftfy.badness import badness, is_bad
from ftfy.fixes import fix_c1_controls

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.mojibake_gate import bad_lines
from tqcheck.model import Document, Finding, Rule

#: Encodings a repair may go through; ftfy also tries MacRoman and CP437, which turn a
#: line mixing real accents and mojibake into other garbage of badness 0.
SAFE_ENCODINGS = frozenset({
    "latin-1", "sloppy-windows-1252", "windows-1252", "sloppy-windows-1250",
    "windows-1250", "sloppy-windows-1251", "windows-1251", "iso-8859-2", "utf-8",
})
CONFIG = TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
    remove_control_chars=False, normalization=None, explain=True,
)
_C1 = regex.compile(r"[\x80-\x9f]")
_TOKEN = regex.compile(r"[^ \t\r\n]+")
_DECOMPOSED = regex.compile(r"\P{M}\p{M}+")
_MARK = regex.compile(r"\p{M}")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _safe(explanation) -> bool:
    """Every encode/decode step uses a safe encoding (transcode and apply steps are
    ftfy's byte-level fixes, like restoring a lost no-break space)."""
    return all(step in ("apply", "transcode") or arg in SAFE_ENCODINGS
               for step, arg in explanation or [])


def repair(text: str) -> str | None:
    """ftfy's repair of `text`, or None when it is not clearly a repair."""
    fixed, explanation = fix_and_explain(text, config=CONFIG)
    if fixed == text or not _safe(explanation) or badness(fixed) >= badness(text) or is_bad(fixed):
        return None
    return fixed


def _changes(old: str, new: str, offset: int) -> list[tuple[int, int, str]]:
    """Small (start, end, replacement) edits turning old into new; changes at most one
    unchanged character apart are merged ("Ã" + lost no-break space -> "à")."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    merged: list[list[int]] = []  # [a, b, c, d] spans in old and new
    for op, a, b, c, d in matcher.get_opcodes():
        if op == "equal":
            continue
        if merged and a - merged[-1][1] <= 1:
            merged[-1][1], merged[-1][3] = b, d
        else:
            merged.append([a, b, c, d])
    return [(offset + a, offset + b, new[c:d]) for a, b, c, d in merged]


def _only_non_ascii_changed(old: str, new: str) -> bool:
    return all(any(ord(ch) > 127 for ch in old[a:b]) for a, b, _ in _changes(old, new, 0))


def mojibake_repairs(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """Edits repairing the mojibake in one line (offsets shifted by `start`)."""
    if _SURROGATE.search(text) or not is_bad(text):
        return []  # undecodable bytes are E001's: their bytes must survive as they came
    whole = repair(text)
    if whole is not None and _only_non_ascii_changed(text, whole):
        return [e for e in _changes(text, whole, start)
                if not _C1.fullmatch(text[e[0] - start:e[1] - start])]  # E103's
    edits: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        fixed = repair(m.group()) if is_bad(m.group()) else None
        if fixed is not None:
            edits += [e for e in _changes(m.group(), fixed, start + m.start())
                      if not _C1.fullmatch(text[e[0] - start:e[1] - start])]
    return edits


class EncodingDetector:
    """Runs the encoding rules' checks; one instance serves every document."""

    name = "encoding"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        findings: list[Finding] = []
        by_check = {r.params.get("check"): r for r in self.rules}
        repaired: list[tuple[int, int]] = []
        if "mojibake" in by_check:
            rule = by_check["mojibake"]
            lines = doc.lines
            suspects = bad_lines(lines, doc.text, doc.index.starts)
            for i in range(len(lines)) if suspects is None else sorted(suspects):
                line = lines[i]
                edits = mojibake_repairs(line.text, line.start) if not line.text.isascii() else []
                for a, b, new in edits:
                    if new and all(unicodedata.category(ch) == "Cf" for ch in new):
                        continue  # "ï»¿" is a BOM read as Windows-1252: bytes, not text
                    repaired.append((a, b))
                    findings.append(finding_from_rule(
                        rule, doc, a, b, replacement=new, message=f"{rule.message} as {new!r}"))
        if "c1-controls" in by_check:
            rule = by_check["c1-controls"]
            for m in _C1.finditer(doc.text):
                if any(a <= m.start() < b for a, b in repaired):
                    continue  # part of a mojibake sequence E101 repairs as a whole
                fixed = fix_c1_controls(m.group())
                new = "" if _C1.fullmatch(fixed) else fixed
                findings.append(finding_from_rule(rule, doc, m.start(), m.end(), replacement=new))
        if "normalization" in by_check:
            findings += self._normalization(by_check["normalization"], doc)
        return findings

    def _normalization(self, rule: Rule, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if text.isascii() or not _MARK.search(text):
            return  # no combining mark: nothing decomposed to find (one fast scan)
        composed = any(unicodedata.decomposition(ch) and unicodedata.normalize("NFD", ch) != ch
                       for ch in set(text) if ord(ch) > 127)
        if not composed:
            return
        for m in _DECOMPOSED.finditer(text):
            nfc = unicodedata.normalize("NFC", m.group())
            if nfc != m.group():
                yield finding_from_rule(rule, doc, m.start(), m.end(), replacement=nfc)
