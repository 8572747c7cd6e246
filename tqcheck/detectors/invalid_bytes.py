"""Invalid UTF-8 byte sequences, kept in the text as lone surrogates by the reader.

They are flagged, never removed: the bytes are written back exactly as they came, and
the message gives their byte offset so the user can look at the original file.
"""
from __future__ import annotations

from typing import Iterable

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.model import Document, Finding, Rule

_ESCAPED = regex.compile(r"[\udc80-\udcff]+")
_OTHER_SURROGATE = regex.compile(r"[\ud800-\udc7f\udd00-\udfff]")


def _errors(encoding: str) -> str:
    """UTF-16 files keep lone surrogates as the code units they were (surrogatepass);
    every other encoding keeps undecodable bytes as U+DC80..U+DCFF (surrogateescape)."""
    return "surrogatepass" if encoding.startswith("utf-16") else "surrogateescape"


def _byte_length(text: str, encoding: str) -> int:
    """Bytes `text` took in the file; surrogates that no byte could have produced
    (they come only from API or JSON input) count as the bytes of U+FFFD."""
    return len(_OTHER_SURROGATE.sub("\ufffd", text).encode(encoding, _errors(encoding)))


def _what(message: str, encoding: str) -> str:
    """The rule speaks of UTF-8, the common case; in a UTF-16 file the same finding is a
    code unit with no partner, and saying "UTF-8" there would send the user astray."""
    if encoding.startswith("utf-16"):
        return "Unpaired UTF-16 surrogate (kept as is)"
    return message


class InvalidBytesDetector:
    name = "invalid-bytes"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        if not _ESCAPED.search(doc.text):
            return []
        encoding = doc.meta.get("encoding", "utf-8") if doc.meta else "utf-8"
        out: list[Finding] = []
        byte_pos, char_pos = len(doc.meta.get("bom", b"")) if doc.meta else 0, 0
        for match in _ESCAPED.finditer(doc.text):
            byte_pos += _byte_length(doc.text[char_pos:match.start()], encoding)
            char_pos = match.start()
            raw = match.group().encode(encoding, _errors(encoding))
            for rule in self.rules:
                out.append(finding_from_rule(
                    rule, doc, match.start(), match.end(),
                    message=f"{_what(rule.message, encoding)}: {raw[:8].hex(' ')} "
                            f"at byte offset {byte_pos}"))
        return out
