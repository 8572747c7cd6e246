"""A person's verdict on each finding tqcheck reports on the clean originals of the
injection set.

The injection benchmark takes real articles as the gold for "nothing to find", but real
pages are not spotless: a dateline the WMT source kept, a forum reply that quotes the
post above it, a “ closed by a straight ". Counting every finding there as false would
punish the detectors for being right, so each one was read in its page and judged
(`clean_audit.toml`): `real` (the original has that defect) or `false` (it does not).
A finding nobody has judged yet counts as false, so a new false flag can never hide
behind the audit; the raw count of findings is reported beside the audited one.

Entries name the document, the rule, the offsets and a hash of the flagged text, never
the text itself (the pages belong to their publishers).
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

AUDIT_FILE = Path(__file__).resolve().parent / "clean_audit.toml"
VERDICTS = ("real", "false")


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "real" or "false"
    why: str


def finding_key(doc_id: str, rule: str, start: int, end: int, text: str) -> tuple:
    return (doc_id, rule, start, end, hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])


def load_audit(path: Path = AUDIT_FILE) -> dict[tuple, Verdict]:
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    audit = {}
    for entry in data.get("finding", []):
        if entry["verdict"] not in VERDICTS:
            raise ValueError(f"{path}: verdict {entry['verdict']!r} is not one of {VERDICTS}")
        key = (entry["doc"], entry["rule"], entry["start"], entry["end"], entry["sha1"])
        audit[key] = Verdict(entry["verdict"], entry["why"])
    return audit


def confirmed_real(audit: dict[tuple, Verdict], doc_id: str, finding) -> bool:
    """True only when a person judged this very finding a real defect of the original."""
    key = finding_key(doc_id, finding.rule, finding.start, finding.end, finding.text)
    verdict = audit.get(key)
    return verdict is not None and verdict.verdict == "real"
