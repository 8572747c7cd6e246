"""The list of detector factories a default Checker builds, beyond the rule files.

Each entry is `module:function`; the function takes the Checker and returns a Detector.
Adding a detector kind means adding one line here.
"""
from __future__ import annotations

import importlib
from typing import Callable

FACTORIES: tuple[str, ...] = (
)


def factories() -> list[Callable]:
    out = []
    for spec in FACTORIES:
        module, _, func = spec.partition(":")
        out.append(getattr(importlib.import_module(module), func))
    return out
