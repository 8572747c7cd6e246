"""Per-language detector data for the rules that use it, and the language to use it for.

Detectors read `rules/data/<kind>/<lang>.toml` (see rules/README.md). A user rule folder
that overrides a detector rule may also ship its own data, so the folders searched are
the built-in one plus the rules folders the detector's rules came from.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import regex

from tqcheck.model import Rule
from tqcheck.ruleset import builtin_rules_dir, load_data

#: Language codes that mean "no single language" (see tqcheck.langid).
NO_LANGUAGE = (None, "", "und", "mul")


def rule_folders(rules: Iterable[Rule]) -> list[Path]:
    """User rule folders holding these rules (their data/ overrides the built-in data);
    a rule sits in DIR/<category>/ or directly in DIR."""
    builtin = builtin_rules_dir().resolve()
    out: list[Path] = []
    for rule in rules:
        if not rule.path:
            continue
        for parent in list(Path(rule.path).resolve().parents)[:2]:
            if parent == builtin:
                break
            if (parent / "data").is_dir():
                if parent not in out:
                    out.append(parent)
                break
    return out


def data_for(kind: str, rules: Iterable[Rule]) -> dict[str, dict]:
    """{lang: table} for one data kind, user folders overriding built-in files."""
    return load_data(kind, rule_folders(rules))


def base_language(language: str | None) -> str | None:
    """'fr' for 'fr', 'fr-CA' or 'fr_BE'; None when the document has no single language."""
    if language in NO_LANGUAGE:
        return None
    return language.replace("_", "-").split("-")[0].lower()


def alternatives(patterns: list[str]) -> "regex.Pattern | None":
    """One case-insensitive pattern matching any of a data list's regex alternatives
    (cue lists in `rules/data/`), or None for an empty list."""
    if not patterns:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)


class PerLanguage:
    """Per-language detector data, built on first use: a run over French text never pays
    for compiling the German cue lists (start-up matters to pre-commit users)."""

    def __init__(self, tables: dict[str, dict], build) -> None:
        self._tables, self._build, self._built = tables, build, {}

    def for_language(self, language: str | None):
        """The data for a document language ('fr-CA' reads 'fr'), or None."""
        return self.get(base_language(language) or "")

    def get(self, lang: str):
        if lang not in self._built:
            table = self._tables.get(lang)
            self._built[lang] = None if table is None else self._build(table)
        return self._built[lang]
