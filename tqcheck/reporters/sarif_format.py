"""SARIF 2.1.0, the static-analysis exchange format GitHub code scanning and IDEs read.

One run; the driver lists every rule the results use (from the active rule set when
given, so `fullDescription` carries the rule's source). Columns count Unicode code
points, as tqcheck's do, which the log says with `columnKind`. Files that could not be
read become tool execution notifications rather than results. `replace` and
`remove-span` findings carry their fix. A record of a JSONL file is located on the file
with the record's id as a logical location (its lines are the record's, not the file's).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from tqcheck import __version__
from tqcheck.model import FileReport, Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str | None) -> str:
    """A URI reference: relative paths stay relative (code scanning resolves them
    against the checkout), absolute ones become file:// URIs."""
    if not path:
        return "stdin"
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def _descriptor(f: Finding, rule) -> dict:
    out = {
        "id": f.rule, "name": f.name,
        "shortDescription": {"text": rule.message if rule else f.message},
        "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")},
        "properties": {"category": f.category, "action": f.action, "tags": [f.category]},
    }
    if rule is not None:
        out["fullDescription"] = {"text": f"{rule.message}. Source: {rule.source}"}
        out["properties"]["group"] = rule.group or rule.category
    return out


def _fix(uri: str, f: Finding) -> list[dict]:
    if f.action == "replace" and f.replacement is not None:
        inserted = {"insertedContent": {"text": f.replacement}}
    elif f.action == "remove-span":
        inserted = {}
    else:
        return []
    return [{"description": {"text": f"{f.action} ({f.rule})"},
             "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                 {"deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                  **inserted}]}]}]


def _result(uri: str, f: Finding, index: int, doc_id: str | None = None) -> dict:
    region = {"startLine": f.line, "startColumn": f.column,
              "endLine": f.end_line, "endColumn": f.end_column,
              "charOffset": f.start, "charLength": f.end - f.start,
              "snippet": {"text": f.text}}
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
    properties = {"category": f.category, "action": f.action,
                  "confidence": round(f.confidence, 4)}
    if doc_id is None:
        location["physicalLocation"]["region"] = region
    else:
        # A record of a JSONL file: positions are the record text's, not the file's.
        location["logicalLocations"] = [{"name": doc_id, "kind": "element"}]
        properties.update(document=doc_id, documentRegion=region)
    result = {
        "ruleId": f.rule, "ruleIndex": index, "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message}, "locations": [location], "properties": properties,
    }
    if f.language:
        properties["language"] = f.language
    fixes = _fix(uri, f) if doc_id is None else []
    if fixes:
        result["fixes"] = fixes
    return result


def document(reports: Sequence[FileReport], ruleset=None) -> dict:
    rules: list[dict] = []
    index: dict[str, int] = {}
    results: list[dict] = []
    notifications: list[dict] = []
    for report in reports:
        uri = artifact_uri(report.path)
        if report.error:
            notifications.append({
                "level": "error", "message": {"text": report.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
            continue
        for f in report.findings:
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_descriptor(f, ruleset.get(f.rule) if ruleset else None))
            results.append(_result(uri, f, index[f.rule], report.id))
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tqcheck", "version": __version__,
                                "semanticVersion": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    }


def render(reports: Sequence[FileReport], ruleset=None, **_: object) -> str:
    return json.dumps(document(reports, ruleset), ensure_ascii=False, indent=2) + "\n"
