"""The planted-artifact articles in tests/fixtures/artifacts/ and their manifest.

`expected.toml` lists, per article, the findings a reader would mark (rule + a snippet
the finding must overlap). `score_detector` checks one detector category: recall over
the planted findings of that category, and the findings of that category nobody
planted (false flags).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ARTIFACTS = Path(__file__).parent / "fixtures" / "artifacts"


@dataclass(frozen=True)
class Expected:
    path: str
    rule: str
    at: str
    note: str


@dataclass(frozen=True)
class DetectorScore:
    expected: int
    found: int
    missed: tuple[Expected, ...]
    false_flags: tuple[tuple[str, str, str], ...]  # (path, rule, text)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def manifest() -> list[dict]:
    return tomllib.loads((ARTIFACTS / "expected.toml").read_text("utf-8"))["file"]


def score_detector(checker, category: str, prefixes: tuple[str, ...]) -> DetectorScore:
    """Recall and false flags of the rules whose code starts with one of `prefixes`."""
    expected = found = 0
    missed: list[Expected] = []
    false_flags: list[tuple[str, str, str]] = []
    for entry in manifest():
        text = (ARTIFACTS / entry["path"]).read_bytes().decode("utf-8")
        findings = [f for f in checker.check(text, lang=entry["lang"]).findings
                    if f.category == category]
        matched: set[int] = set()
        for item in entry["expected"]:
            if not item["rule"].startswith(prefixes):
                continue
            start = text.find(item["at"])
            assert start >= 0 and text.find(item["at"], start + 1) < 0, \
                f"{entry['path']}: snippet {item['at']!r} must occur exactly once"
            end = start + len(item["at"])
            hits = {i for i, f in enumerate(findings)
                    if f.rule == item["rule"] and f.start < end and start < f.end}
            expected += 1
            if hits:
                found += 1
                matched |= hits
            else:
                missed.append(Expected(entry["path"], item["rule"], item["at"], item.get("note", "")))
        false_flags += [(entry["path"], f.rule, f.text) for i, f in enumerate(findings)
                        if i not in matched]
    return DetectorScore(expected, found, tuple(missed), tuple(false_flags))


def assert_case(checker, lang: str, text: str, rule: str, flags: bool) -> None:
    """One hand-written case: `rule` fires on `text` (in `lang`) exactly when `flags`."""
    codes = [f.rule for f in checker.check(text, lang=lang).findings]
    assert (rule in codes) == flags, codes
