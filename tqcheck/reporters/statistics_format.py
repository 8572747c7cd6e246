"""`--statistics`: how often each rule fired, and in how many files (like ruff's).

Not a `--format` of its own: it replaces the per-finding lines, as a table for the
text format and as a JSON list for the machine formats.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from tqcheck.model import FileReport


def counts(reports: Sequence[FileReport]) -> list[dict]:
    hits: Counter[str] = Counter()
    files: Counter[str] = Counter()
    info: dict[str, tuple[str, str, str]] = {}
    for report in reports:
        for code in {f.rule for f in report.findings}:
            files[code] += 1
        for f in report.findings:
            hits[f.rule] += 1
            info[f.rule] = (f.name, f.category, f.severity)
    return [{"rule": code, "name": info[code][0], "category": info[code][1],
             "severity": info[code][2], "count": n, "files": files[code]}
            for code, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(reports: Sequence[FileReport], as_json: bool = False, **_: object) -> str:
    rows = counts(reports)
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{r['count']:>6}  {r['rule']}  {r['name']:<32} {r['category']:<12} "
             f"{r['files']} file{'s' * (r['files'] != 1)}" for r in rows]
    total = sum(r["count"] for r in rows)
    lines.append(f"{total} finding{'s' * (total != 1)} from {len(rows)} "
                 f"rule{'s' * (len(rows) != 1)}.")
    return "\n".join(lines) + "\n"
