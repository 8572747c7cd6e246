"""Turn bytes into Documents, or into one clear sentence saying why not (finding and
reading the files is `tqcheck.corpus.sources`).

Bad input is normal input for a scraper's output: a reader never raises on content,
it returns a `ReadError` the caller reports while the run goes on.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from tqcheck.decoding import decode_bytes, encode_text
from tqcheck.model import Document

#: One document (a text file, or one JSONL record) larger than this is refused rather
#: than read whole: checking holds about 15 bytes of memory per byte of text (measured
#: in bench/stress), so 64 MiB keeps a worker near 1 GB. See README "bad input".
MAX_FILE_BYTES = 64 * 1024 * 1024
_SNIFF = 8192


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside BOM-marked UTF-16) or many control bytes mean binary."""
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.3


def decode(path: str, data: bytes, encoding: str = "auto") -> Document | ReadError:
    """Decode bytes into a Document (see tqcheck.decoding); meta keeps what is needed
    to write the cleaned text back in the same encoding, BOM and invalid bytes."""
    if looks_binary(data):
        return ReadError(path, "binary file (NUL or control bytes), skipped")
    try:
        decoded = decode_bytes(data, encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        return ReadError(path, f"not valid {exc.encoding} (byte 0x{bad} at offset {exc.start}); "
                         "try --encoding auto")
    except LookupError:
        return ReadError(path, f"unknown encoding {encoding!r}")
    meta = {"encoding": decoded.encoding, "bom": decoded.bom, "notes": decoded.notes,
            "tail": decoded.tail}
    return Document(decoded.text, path=path, meta=meta)


def encode(doc: Document, text: str) -> bytes:
    """Bytes for cleaned text, in the document's own encoding and BOM."""
    return encode_text(text, doc.meta.get("encoding", "utf-8"), doc.meta.get("bom", b""),
                       doc.meta.get("tail", b""))
