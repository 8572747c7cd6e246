"""Bytes to text without losing a byte.

* UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such; the BOM is kept
  aside in the document's meta and written back.
* A UTF-8 file (it has valid multi-byte sequences) with a few invalid ones stays UTF-8: the bad bytes become
  lone surrogates (`surrogateescape`), are reported as `encoding` findings with their
  byte offsets (rule E001), and are written back unchanged.
* Anything else is a legacy single-byte file: decoded as cp1252, identified by fastText,
  then decoded with that language's legacy encoding (`rules/data/legacy_encodings`), or
  charset-normalizer's best guess for languages not listed.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field

#: At most this share of bytes may be invalid for a file to count as damaged UTF-8.
MAX_INVALID_SHARE = 0.002
MAX_INVALID_SEQUENCES = 8

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bytes = b""
    invalid_bytes: int = 0
    notes: tuple[str, ...] = field(default=())
    tail: bytes = b""   # an odd last byte of a UTF-16 file (no code unit), written back


def _legacy_encoding_for(language: str) -> str | None:
    from tqcheck.ruleset import load_data

    table = load_data("legacy_encodings").get("default", {}).get("encodings", {})
    for encoding, languages in table.items():
        if language in languages:
            return encoding
    return None


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """(encoding, note) for bytes that are not UTF-8."""
    from tqcheck.langid import get_identifier

    probe = data[:20000].decode("cp1252", errors="replace")
    prediction = get_identifier().predict([probe])[0]
    encoding = _legacy_encoding_for(prediction.language) if prediction.confidence >= 0.3 else None
    if encoding:
        try:
            data.decode(encoding)
            return encoding, f"not UTF-8: decoded as {encoding} (reads as {prediction.language})"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return "latin-1", "not UTF-8: decoded as latin-1 (no better guess)"
    return best.encoding, f"not UTF-8: decoded as {best.encoding} (charset-normalizer's guess)"


def decode_bytes(data: bytes, encoding: str = "auto") -> Decoded:
    """Decode with `encoding`, or detect it when `encoding` is 'auto'. Raises
    UnicodeDecodeError/LookupError only for an explicit encoding that does not fit."""
    if encoding != "auto":
        name = codecs.lookup(encoding).name
        bom = codecs.BOM_UTF8 if name == "utf-8" and data.startswith(codecs.BOM_UTF8) else b""
        return Decoded(data[len(bom):].decode(name), name, bom)
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if name == "utf-8":
                return _utf8(body, bom)
            # surrogatepass keeps lone surrogates; a truncated file's odd last byte is
            # not a code unit at all, so it is kept aside and written back.
            tail = body[len(body) - len(body) % 2:]
            notes = (f"odd trailing byte 0x{tail.hex()} kept as it is",) if tail else ()
            return Decoded(body[:len(body) - len(tail)].decode(name, errors="surrogatepass"),
                           name, bom, notes=notes, tail=tail)
    return _utf8(data, b"")


def _utf8(data: bytes, bom: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    sequences = _count_runs(text)
    has_utf8 = any(ch > "\x7f" and not "\udc80" <= ch <= "\udcff" for ch in text)
    few = sequences <= MAX_INVALID_SEQUENCES or invalid <= MAX_INVALID_SHARE * len(data)
    if bom or (has_utf8 and few):
        return Decoded(text, "utf-8", bom, invalid,
                       (f"{invalid} invalid UTF-8 byte(s) kept as they are",))
    encoding, note = _guess_legacy(data)
    try:
        text = data.decode(encoding, errors="surrogateescape")
        round_trips = text.encode(encoding, errors="surrogateescape") == data
    except UnicodeError:  # a stateful guess (iso2022_jp, ...) cannot write its own text
        round_trips = False
    if not round_trips:
        # Some code pages map two bytes to one character (cp1006, ...): nothing may be
        # lost, so such a guess gives way to latin-1, which maps every byte to itself.
        encoding, note = "latin-1", f"not UTF-8: decoded as latin-1 ({encoding} would lose bytes)"
        text = data.decode(encoding)
    return Decoded(text, encoding, b"", 0, (note,))


def _count_runs(text: str) -> int:
    runs, inside = 0, False
    for ch in text:
        bad = "\udc80" <= ch <= "\udcff"
        if bad and not inside:
            runs += 1
        inside = bad
    return runs


def encode_text(text: str, encoding: str, bom: bytes = b"", tail: bytes = b"") -> bytes:
    """The inverse of decode_bytes: invalid bytes kept as surrogates come back as bytes."""
    errors = "surrogatepass" if encoding.startswith("utf-16") else "surrogateescape"
    try:
        return bom + text.encode(encoding, errors=errors) + tail
    except UnicodeEncodeError:
        # A replace edit brought in a character the legacy encoding lacks: write UTF-8.
        return text.encode("utf-8", errors="surrogateescape")
