"""Output formats, one module each, all over the same FileReport list."""
from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def get(name: str):
    """The reporter module for a format name; each has `render(reports, **options) -> str`."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"tqcheck.reporters.{name}_format")
