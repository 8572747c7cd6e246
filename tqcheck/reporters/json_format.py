"""The versioned JSON contract: `{"schema": 1, "files": [FileReport, ...]}`."""
from __future__ import annotations

from tqcheck import jsonio
from typing import Sequence

from tqcheck.model import SCHEMA_VERSION, FileReport


def document(reports: Sequence[FileReport]) -> dict:
    return {"schema": SCHEMA_VERSION, "files": [r.to_dict() for r in reports]}


def render(reports: Sequence[FileReport], **_: object) -> str:
    return jsonio.dumps(document(reports), indent=2) + "\n"
