"""Output formats, one module each, all over the same FileReport list.

Each module has `render(reports, *, color=False, ruleset=None) -> str`; `ruleset`
(the active rules) lets formats that describe rules (SARIF) say more than the
findings carry.
"""
from __future__ import annotations

import importlib

FORMATS = ("text", "json", "jsonl", "github", "sarif")


def get(name: str):
    """The reporter module for a format name."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"tqcheck.reporters.{name}_format")
