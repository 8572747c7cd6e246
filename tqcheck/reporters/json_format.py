"""The versioned JSON contract: `{"schema": 1, "files": [FileReport, ...]}`."""
from __future__ import annotations

import json
from typing import Sequence

from tqcheck.model import SCHEMA_VERSION, FileReport


def document(reports: Sequence[FileReport]) -> dict:
    return {"schema": SCHEMA_VERSION, "files": [r.to_dict() for r in reports]}


def render(reports: Sequence[FileReport], **_: object) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"
