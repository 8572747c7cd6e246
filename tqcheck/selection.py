"""Which rules run, which findings count, and when a run fails.

Selectors name rules the way users think of them: a code (`B101`), a code prefix
(`B1`, `B`), a rule name (`share-widget`), a category (`boilerplate`), a rule group,
or `ALL`. A rule runs when it matches `select` (everything, if `select` is empty) and
no `ignore` selector; ignore wins. Global selection filters the RuleSet (an ignored
rule never runs); per-file ignores and per-language settings depend on the document,
so the engine asks `Selection.keeps(finding, path, language)` for each finding.
"""
from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Sequence

from tqcheck.model import SEVERITIES, FileReport, Finding, Rule

#: `--fail-on` levels: a finding at or above the level fails the run; `none` never does.
FAIL_LEVELS = ("error", "warning", "info", "none")
_RANK = {name: len(SEVERITIES) - i for i, name in enumerate(SEVERITIES)}  # error=3 .. info=1
_PREFIX = re.compile(r"^[A-Z][0-9]{0,3}$")


class SelectionError(ValueError):
    """A selector that names nothing (usually a typo); the message says where it came from."""


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors from repeated options, comma lists or whitespace lists, in order."""
    out: list[str] = []
    for value in values:
        out.extend(part for part in re.split(r"[,\s]+", value) if part)
    return tuple(out)


def matches(selector: str, rule: Rule) -> bool:
    if selector == "ALL":
        return True
    if _PREFIX.match(selector):
        return rule.code.startswith(selector)
    return selector in (rule.name, rule.category, rule.group)


def validate(selectors: Iterable[str], rules: Sequence[Rule], origin: str) -> None:
    """Every selector must name at least one loaded rule (a typo silently selecting
    nothing is the worst kind of configuration bug)."""
    for selector in selectors:
        if not any(matches(selector, r) for r in rules):
            raise SelectionError(f"{origin}: {selector!r} matches no rule code, prefix, "
                                 "name, category or group (see `tqcheck rules list`)")


@functools.lru_cache(maxsize=256)
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """`**` crosses folders, `*` and `?` stay inside one; a pattern without a slash
    matches the file name anywhere (like .gitignore)."""
    if "/" not in pattern:
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class FileIgnore:
    """`per-file-ignores`: the selectors ignored in files whose path matches `pattern`,
    relative to `root` (the folder of the config file that set it)."""

    pattern: str
    selectors: tuple[str, ...]
    root: Path

    def applies(self, path: str | None) -> bool:
        if not path:
            return False
        rel = _relative(path, str(self.root))
        return bool(glob_to_regex(self.pattern).match(rel)) or fnmatch.fnmatch(path, self.pattern)


@functools.lru_cache(maxsize=4096)
def _relative(path: str, root: str) -> str:
    """`path` relative to `root` in POSIX form (as given when it lies elsewhere); cached,
    as every finding of a file asks again."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()


@dataclass(frozen=True)
class LanguageSettings:
    """`[tool.tqcheck.lang.<code>]`: extra selection and thresholds for one language."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_score: float | None = None
    fail_on: str | None = None
    min_confidence: float | None = None


@dataclass(frozen=True)
class Selection:
    """Resolved selection and failure policy for one run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    file_ignores: tuple[FileIgnore, ...] = ()
    languages: dict[str, LanguageSettings] = field(default_factory=dict)
    min_confidence: float = 0.0
    fail_on: str = "info"
    min_score: float | None = None

    # -- which rules run ---------------------------------------------------------
    def enabled(self, rule: Rule) -> bool:
        if self.select and not any(matches(s, rule) for s in self.select):
            return False
        return not any(matches(s, rule) for s in self.ignore)

    def check(self, rules: Sequence[Rule]) -> None:
        """Raise SelectionError for selectors that name no loaded rule."""
        validate(self.select, rules, "--select")
        validate(self.ignore, rules, "--ignore")
        for item in self.file_ignores:
            validate(item.selectors, rules, f"per-file-ignores {item.pattern!r}")
        for lang, settings in self.languages.items():
            validate(settings.select + settings.ignore, rules, f"lang.{lang}")

    @property
    def document_dependent(self) -> bool:
        """True when some findings can only be judged knowing their file or language."""
        return bool(self.file_ignores or self.languages or self.min_confidence)

    # -- which findings count ----------------------------------------------------
    def keeps(self, finding: Finding, rule: Rule | None, path: str | None,
              language: str | None) -> bool:
        settings = self.languages.get(language or "")
        floor = self.min_confidence
        if settings and settings.min_confidence is not None:
            floor = settings.min_confidence
        if finding.confidence < floor:
            return False
        if rule is None:
            return True
        if settings:
            if settings.select and not any(matches(s, rule) for s in settings.select):
                return False
            if any(matches(s, rule) for s in settings.ignore):
                return False
        return not any(item.applies(path) and any(matches(s, rule) for s in item.selectors)
                       for item in self.file_ignores)

    # -- when the run fails ------------------------------------------------------
    def failing(self, report: FileReport) -> list[str]:
        """Why this report fails the run (empty: it passes)."""
        if report.error:
            return []
        settings = self.languages.get(report.language or "")
        fail_on = (settings.fail_on if settings and settings.fail_on else self.fail_on)
        min_score = (settings.min_score if settings and settings.min_score is not None
                     else self.min_score)
        reasons = []
        if fail_on != "none":
            bad = [f for f in report.findings if _RANK.get(f.severity, 0) >= _RANK[fail_on]]
            if bad:
                reasons.append(f"{len(bad)} finding{'s' * (len(bad) != 1)} at or above "
                               f"{fail_on}")
        if min_score is not None and report.score is not None and report.score < min_score:
            reasons.append(f"score {report.score:.1f} is under --min-score {min_score:g}")
        return reasons
