"""Detector kinds that rule files can name with `detector = "<name>"`.

A rule file gives a detector its code, name, category, severity, action, message,
`params` and examples; the detector class decides where the rule fires. Adding a
detector kind means adding one line here: name -> "module:Class". The class is built
as `Class(rules, checker)` with the rules that name it, and has `detect(doc, ctx)`.
"""
from __future__ import annotations

import importlib

DETECTORS: dict[str, str] = {
    "foreign": "tqcheck.detectors.foreign:ForeignDetector",
    "invalid-bytes": "tqcheck.detectors.invalid_bytes:InvalidBytesDetector",
    "short-line-run": "tqcheck.detectors.line_runs:ShortLineRunDetector",
    "short-line-context": "tqcheck.detectors.short_lines:ShortLineContextDetector",
    "typography": "tqcheck.detectors.typography:TypographyDetector",
    "mt-artifact": "tqcheck.detectors.mt_artifacts:MtArtifactDetector",
    "encoding": "tqcheck.detectors.encoding:EncodingDetector",
    "author-bio": "tqcheck.detectors.author_bio:AuthorBioDetector",
}


def build(name: str):
    """The detector class registered under `name` (KeyError if unknown)."""
    module, _, cls = DETECTORS[name].partition(":")
    return getattr(importlib.import_module(module), cls)
