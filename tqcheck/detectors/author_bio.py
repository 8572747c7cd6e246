"""Author bios at the foot of a text, told by the cues they combine, in any order.

A bio under an article ("Lori Jones is a professional writer, passionate about
technology", "Sou bióloga de formação, pesquisadora por vocação e escritora") is not
one phrase: it mixes a few kinds of words that rarely meet in one short news sentence
— the writer speaking of themselves, a word of the writing trade, a media outlet, a
career or passion word. Pattern rules catch the stock phrasings; this detector catches
the rest by counting which kinds of cue a line at the very end of the text holds. The
cue lists are per-language data in `rules/data/bio_cues/<lang>.toml`; the thresholds
are the rule's `params`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import PerLanguage, alternatives, data_for
from tqcheck.model import Document, Finding, Line, Rule

#: The writer's own voice or trade, which a bio needs, and the cues that go with it.
VOICE, COMPANIONS = ("self", "trade"), ("outlet", "career")
CUE_GROUPS = VOICE + COMPANIONS
_QUOTES = regex.compile(r"[«»“”\"„]")


@dataclass(frozen=True)
class BioCues:
    """One language's compiled cue patterns (see rules/data/bio_cues/)."""

    groups: dict[str, regex.Pattern]
    veto: regex.Pattern | None

    @classmethod
    def from_table(cls, table: dict) -> "BioCues":
        groups = {name: alternatives(table.get(name, [])) for name in CUE_GROUPS}
        return cls({k: v for k, v in groups.items() if v is not None},
                   alternatives(table.get("veto", [])))

    def count(self, names: tuple[str, ...], text: str) -> int:
        """How many of the cue groups `names` occur in `text`."""
        return sum(1 for name in names
                   if name in self.groups and self.groups[name].search(text))


def is_bio(cues: BioCues, text: str, min_groups: int) -> bool:
    """A line speaks about its writer: the writer's own voice (or a trade word) plus
    enough other kinds of cue, and nothing that marks reported speech. The voice is
    looked for first: most lines under an article have none, and are settled by it."""
    voiced = cues.count(VOICE, text)
    if not voiced:
        return False
    if _QUOTES.search(text) or (cues.veto is not None and cues.veto.search(text)):
        return False
    return voiced + cues.count(COMPANIONS, text) >= min_groups


class AuthorBioDetector:
    name = "author-bio"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules
        self.cues = PerLanguage(data_for("bio_cues", rules), BioCues.from_table)

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        cues = self.cues.for_language(ctx.language)
        if cues is None:
            return []
        out: list[Finding] = []
        for rule in self.rules:
            last = int(rule.params.get("last", 3))
            min_groups = int(rule.params.get("min_groups", 3))
            min_words = int(rule.params.get("min_words", 5))
            max_words = int(rule.params.get("max_words", 70))
            for line in _last_lines(doc.lines, last):
                words = len(line.text.split())
                if min_words <= words <= max_words and is_bio(cues, line.text, min_groups):
                    out.append(finding_from_rule(rule, doc, line.start, line.end))
        return out


def _last_lines(lines: tuple[Line, ...], count: int) -> list[Line]:
    """The last `count` non-blank lines, never the first one (a bio sits under a text,
    and a one-line note is not an article with a bio under it). Read from the end: a
    long text is not walked for its last lines."""
    found: list[Line] = []
    for line in reversed(lines):
        if line.text.strip():
            found.append(line)
            if len(found) > count:
                return found[count - 1::-1] if count > 0 else []
    return found[-2::-1]  # every non-blank line but the first
