"""tqcheck: find machine-translation artifacts and scraping noise; clean losslessly.

    import tqcheck
    report = tqcheck.check(text, lang=None)   # FileReport: findings, language, score
    result = tqcheck.clean(text, lang=None)   # Cleaned: text, edits, report
"""
from __future__ import annotations

import functools

from tqcheck.cleaning import rebuild
from tqcheck.model import Cleaned, Document, Edit, FileReport, Finding, Rule, Span

__version__ = "0.1.0"
__all__ = ["check", "clean", "rebuild", "default_checker", "Checker", "Cleaned", "Document",
           "Edit", "FileReport", "Finding", "Rule", "Span", "__version__"]


@functools.lru_cache(maxsize=1)
def default_checker():
    """A Checker with the built-in rules, shared by `check` and `clean`."""
    from tqcheck.engine import Checker

    return Checker()


def check(text: str, lang: str | None = None) -> FileReport:
    """Find noise in `text`; `lang` (ISO 639-1) skips language identification."""
    return default_checker().check(text, lang=lang)


def clean(text: str, lang: str | None = None) -> Cleaned:
    """Clean `text`: the result carries the edits that rebuild the original exactly."""
    return default_checker().clean(text, lang=lang)


def __getattr__(name: str):
    if name == "Checker":
        from tqcheck.engine import Checker

        return Checker
    raise AttributeError(name)
