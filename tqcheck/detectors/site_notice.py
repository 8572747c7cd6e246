"""Site notices: a sentence in which the website speaks about itself to its reader.

"Si votre navigateur ne rend pas la page correctement…", "Your browser does not seem
to support JavaScript", "Ce blog est personnel, la rédaction n'est pas à l'origine de
ses contenus", "Sie können den Tweet nicht sehen? Dann hier entlang." No two sites
word them alike, but each talks about the medium — the page, the site, the browser,
the link, the comments, the subscription — and addresses the reader (vous, you, Sie,
usted, você) or points at itself ("ce blog", "this page"). A news sentence rarely does
both: it reports on the world, not on the page it is printed on ("La redacción publicó
un artículo sobre la página web del ministerio" names the medium four times, and
addresses nobody). A line is a notice when it names at least `min_medium` distinct
medium words and addresses the reader or itself, or names `min_medium_alone` of them;
reported speech ("a-t-il expliqué", "said") and quotations veto. The cue lists are
per-language data in `rules/data/site_notice/<lang>.toml`; the thresholds are the
rule's `params`.

With `params.check = "placeholder"` a rule looks for what a page leaves where an
embedded video, post or widget did not load instead: a short line naming such an item
(`unit`) and its state (`state`: unavailable, external, loading, "on Instagram").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import PerLanguage, alternatives, data_for
from tqcheck.detectors.line_facts import document_lines
from tqcheck.model import Document, Finding, Rule

_QUOTES = regex.compile(r"[«»“”\"„]")


@dataclass(frozen=True)
class NoticeCues:
    """One language's compiled cue patterns (see rules/data/site_notice/)."""

    medium: regex.Pattern
    reader: regex.Pattern | None
    veto: regex.Pattern | None
    unit: regex.Pattern | None = None
    state: regex.Pattern | None = None

    @classmethod
    def from_table(cls, table: dict) -> "NoticeCues | None":
        medium = alternatives(table.get("medium", []))
        if medium is None:
            return None
        return cls(medium, alternatives(table.get("reader", [])), alternatives(table.get("veto", [])),
                   alternatives(table.get("unit", [])), alternatives(table.get("state", [])))

    def is_notice(self, text: str, min_medium: int, min_medium_alone: int) -> bool:
        found = {m.group().lower() for m in self.medium.finditer(text)}
        if len(found) < min_medium:
            return False  # most lines stop here, after one scan
        if _QUOTES.search(text) or (self.veto is not None and self.veto.search(text)):
            return False
        if len(found) >= min_medium_alone:
            return True
        return self.reader is not None and bool(self.reader.search(text))


    def is_placeholder(self, text: str) -> bool:
        """What a page leaves where an embedded item did not load: "Contenu externe",
        "View this post on Instagram", "Das Video konnte nicht geladen werden."."""
        if (self.unit is None or self.state is None or text.rstrip().endswith(":")
                or not self.unit.search(text)):
            return False  # a line ending in a colon introduces a quotation
        if self.veto is not None and self.veto.search(text):
            return False
        return bool(self.state.search(text))


@dataclass(frozen=True)
class _Plan:
    """One rule's params, read once per document language."""

    rule: Rule
    placeholder: bool
    min_words: int
    max_words: int
    min_medium: int
    alone: int

    @classmethod
    def of(cls, rule: Rule) -> "_Plan":
        return cls(rule, rule.params.get("check") == "placeholder",
                   int(rule.params.get("min_words", 4)), int(rule.params.get("max_words", 40)),
                   int(rule.params.get("min_medium", 2)),
                   int(rule.params.get("min_medium_alone", 5)))

    def accepts(self, cues: NoticeCues, text: str, words: int) -> bool:
        if len(text) > self.max_words * 12 or not self.min_words <= words <= self.max_words:
            return False
        return (cues.is_placeholder(text) if self.placeholder
                else cues.is_notice(text, self.min_medium, self.alone))


#: Lines up to this long have their verdicts kept across documents: a site's notices and
#: placeholders repeat on every page, sentences of prose seldom do (on the benchmark
#: corpus 85% of the lines of up to 60 characters had been seen before, 11% of those of
#: 61-120 characters).
CACHED_CHARS = 60
#: Distinct lines whose verdicts are kept, all languages together (a few MB).
VERDICT_CACHE = 30_000


class SiteNoticeDetector:
    name = "site-notice"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules
        self.cues = PerLanguage(data_for("site_notice", rules), NoticeCues.from_table)
        self.plans: dict[str | None, list[_Plan]] = {}
        self.verdicts: dict[str | None, dict[str, tuple[int, ...]]] = {}

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        cues = self.cues.for_language(ctx.language)
        if cues is None:
            return []
        if ctx.language not in self.plans:
            self.plans[ctx.language] = [_Plan.of(rule) for rule in self.rules
                                        if rule.applies_to(ctx.language)]
        plans = self.plans[ctx.language]
        if not plans:
            return []
        if sum(map(len, self.verdicts.values())) > VERDICT_CACHE:
            self.verdicts.clear()  # bounded memory, whatever the mix of languages
        cache = self.verdicts.setdefault(ctx.language, {})
        least = min(plan.min_words for plan in plans)
        most = max(plan.max_words for plan in plans)
        facts = document_lines(doc).all
        hits: list[list[Finding]] = [[] for _ in plans]
        for line, words in zip(facts.lines, facts.words):
            if not least <= words <= most:
                continue
            text = line.text
            accepted = cache.get(text) if len(text) <= CACHED_CHARS else None
            if accepted is None:
                # The plans (by position) that accept the line: mostly none.
                accepted = tuple(k for k, plan in enumerate(plans)
                                 if plan.accepts(cues, text, words))
                if len(text) <= CACHED_CHARS:
                    cache[text] = accepted
            for k in accepted:
                start = line.start + len(text) - len(text.lstrip())
                hits[k].append(finding_from_rule(plans[k].rule, doc, start,
                                                 start + len(text.strip())))
        return [finding for found in hits for finding in found]
