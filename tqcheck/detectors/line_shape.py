"""Metadata and page-control lines told by their make-up, not by their wording.

A phrase rule knows "Publié le" and "Share this"; the next site prints "Mis en ligne
le", "Por Ana Souza, G1 — Recife" or "Partilhar no WhatsApp". What these lines share is
their shape, as a linguist would describe it: a byline, dateline or credit is short
and made of names, dates, field labels ("Foto", "Quelle", "Por"), outlets and
separators, with no ordinary word of a sentence; a page control ("Partager sur
Facebook", "Leave a comment", "Les commentaires sont clos.") is short and made of
page-control words plus at most one other word. `line_lexicon` sorts each token into
such a class; here a rule's `params.check` decides from the class counts:

* ``metadata`` — at most `max_words` tokens; a date (a numeric date, a clock time, a
  month or weekday name beside a number), a field label, an outlet or an honorific;
  no verb or other frequent word of the document language; at most `max_plain`
  ordinary lower-case words when a label or outlet anchors the line, none otherwise.
  A label alone needs a name, date or outlet to label ("Foto" is a heading). Three
  kinds (a rule's `params.kinds` picks which it reports): a *credit* ("Foto: Ana
  Souza/Secom") anywhere; a labelled *byline* ("Por Ana Souza", "Mis à jour le 3 mai",
  a name and a newsroom role: "Jens Weber, Korrespondent in Washington")
  and an unlabelled date *stamp* only where fewer than `edge` lines of prose lie
  before or after it — between paragraphs the same shape is a forum post header.
* ``ui`` — at most `max_words` tokens, a strong page-control word ("share",
  "abonnez-vous", "Kommentare") and page-control, joining, brand and credit words making
  up at least `min_share` of the tokens; one other word only beside two control words
  ("Compartir el poder" is a headline). A line of `min_weak` chrome words and nothing
  else ("Transcription du contenu de la page") also counts.

Both skip quoted text, questions, lines without a letter (B301's business), and
metadata lines ending in a colon (a field heading that introduces the text); they stop
tokenising a line once it holds more ordinary words than any check allows, and never
look at a line longer than `max_words` × 14 characters: prose is not tokenised.
Every threshold is a rule `param`; no language is special-cased in code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, Iterable

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import base_language, data_for
from tqcheck.detectors.line_facts import document_lines
from tqcheck.detectors.line_lexicon import LineLexicon, Profile
from tqcheck.detectors.shape_checks import (
    CREDIT_TAIL, POSITIONAL, author_contact, credit_tail, link_bar, metadata_line, ui_line)
from tqcheck.model import Document, Finding, Rule

_QUOTE = re.compile("[«»“”\"„]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
#: Line endings that rule a line out: a question is a headline; a colon introduces the
#: text (a field heading, a list), except after a page control ("Partager :").
_NO_END = {"metadata": frozenset(":?"), "ui": frozenset("?")}
#: Checks on a line's token profile: name -> (function, defaults).
_CHECKS = {
    "metadata": (metadata_line, {"max_words": 14, "max_plain": 1, "max_plain_share": 0.25,
                                 "max_words_labelled": 26}),
    "ui": (ui_line, {"max_words": 7, "max_plain": 1, "min_share": 0.6, "min_weak": 3}),
}
#: A character each text check needs on the line before it is worth running.
_NEEDS = {link_bar: "|•·»>/-–—", author_contact: "@"}
#: Checks on the raw line text (no token profile): name -> (function, defaults).
_TEXT_CHECKS = {"link-bar": (link_bar, {"min_items": 3, "max_item_words": 4}),
                "contact": (author_contact, {"max_words": 12})}
#: Defaults of the params every check reads: where a positional hit may sit (fewer than
#: `edge` lines of prose, of at least `prose_words` words, before or after it).
_POSITION = {"edge": 2, "prose_words": 8}
#: Characters per token a short line is allowed on average before it is not tokenised.
CHARS_PER_TOKEN = 14
#: The text checks (link bar, contact line) look at lines up to this long.
TEXT_CHECK_CHARS = 200


@dataclass(frozen=True)
class _Plan:
    """One rule's check with its params read once (not per line)."""

    rule: Rule
    function: Callable
    params: dict
    edge: int
    kinds: tuple | None   # metadata kinds the rule reports (None: all / not a kind check)
    key: tuple = ()       # rules with the same check and params share one verdict per line
    no_end: frozenset = frozenset()


class LineShapeDetector:
    """Runs the rules' shape checks on every short non-blank line."""

    name = "line-shape"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules
        self.tables = data_for("line_shape", rules)
        self.frequent = {lang: frozenset(w.lower() for w in table.get("words", []))
                         for lang, table in data_for("function_words", rules).items()}
        self.lexicons: dict[str | None, LineLexicon] = {}
        self.setups: dict[str | None, _Setup] = {}
        self.verdicts: dict[str | None, dict[str, tuple]] = {}
        words = sorted({w for table in self.tables.values() for w in table.get("contact", [])},
                       key=len, reverse=True)
        contact_cues = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                                   re.IGNORECASE) if words else None)
        self.plans: list[_Plan] = []
        self.text_plans: list[_Plan] = []
        for rule in rules:
            check = str(rule.params.get("check"))
            if check not in _CHECKS and check not in _TEXT_CHECKS:
                continue
            function, defaults = _CHECKS.get(check) or _TEXT_CHECKS[check]
            params = {k: type(v)(rule.params.get(k, v)) for k, v in defaults.items()}
            if function is author_contact:
                params["cues"] = contact_cues
            kinds = tuple(rule.params["kinds"]) if "kinds" in rule.params else None
            plan = _Plan(rule, function, params,
                         int(rule.params.get("edge", _POSITION["edge"])), kinds,
                         (function, *params.values()), _NO_END.get(check, frozenset()))
            (self.plans if check in _CHECKS else self.text_plans).append(plan)

    def lexicon(self, lang: str | None) -> LineLexicon:
        if lang not in self.lexicons:
            self.lexicons[lang] = LineLexicon.build(
                self.tables, lang, self.frequent.get(lang or "", frozenset()))
        return self.lexicons[lang]

    def setup(self, language: str | None) -> "_Setup":
        """The plans that apply to a document language, read once per language."""
        if language not in self.setups:
            self.setups[language] = _Setup(
                [p for p in self.plans if p.rule.applies_to(language)],
                [p for p in self.text_plans if p.rule.applies_to(language)],
                self.lexicon(base_language(language)))
        return self.setups[language]

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        setup = self.setup(ctx.language)
        if not setup.plans and not setup.text_plans:
            return []
        facts = document_lines(doc).filled
        lines = facts.lines
        prose_before = _prose_counts(facts.words, [p.rule for p in setup.all_plans])
        total = prose_before[-1]
        # Page furniture repeats itself, within a page and across a site's pages: a
        # line's verdicts depend on its text and the language only, so they are kept
        # (up to VERDICT_CACHE lines in all) and only the position is judged per document.
        if sum(map(len, self.verdicts.values())) > VERDICT_CACHE:
            self.verdicts.clear()  # bounded memory, whatever the mix of languages
        cache = self.verdicts.setdefault(ctx.language, {})
        out: list[Finding] = []
        line_hits, known = setup.line_hits, cache.get
        for k, line in enumerate(lines):
            text = line.text
            if len(text) > KEPT_CHARS:
                hits = line_hits(text)  # a sentence: seldom repeats
            else:
                hits = known(text)
                if hits is None:
                    hits = cache[text] = line_hits(text)
            if not hits:
                continue  # most lines
            for plan, positional in hits:
                if positional and not (prose_before[k] < plan.edge
                                       or total - prose_before[k + 1] < plan.edge):
                    continue
                start = line.start + len(text) - len(text.lstrip())
                out.append(finding_from_rule(plan.rule, doc, start, start + len(text.strip())))
        return out


#: Distinct short lines whose verdicts a detector keeps (all languages together: a few
#: MB; the cache starts afresh when full).
VERDICT_CACHE = 30_000
#: Lines up to this long have their verdicts kept: furniture ("Partager sur Facebook",
#: "Par Claire Moreau", "Mis à jour le 3 mai 2021 à 08h12") is short, and on the
#: benchmark corpus 85% of the lines of up to 60 characters had been seen before, 11%
#: of those of 61-120 characters.
KEPT_CHARS = 60


class _Setup:
    """The plans for one document language and the limits they imply."""

    def __init__(self, plans: list[_Plan], text_plans: list[_Plan], lexicon: LineLexicon) -> None:
        self.plans, self.text_plans, self.lexicon = plans, text_plans, lexicon
        self.all_plans = plans + text_plans
        self.limit = max((max(p.params["max_words"], p.params.get("max_words_labelled", 0))
                          for p in plans), default=0)
        self.short_limit = max((p.params["max_words"] for p in plans), default=0)
        # More ordinary words than any check allows: stop tokenising the line.
        self.give_up = max((p.params["max_plain"] for p in plans), default=0)
        self.tails = [p for p in plans if p.kinds and CREDIT_TAIL in p.kinds]
        self.min_weak = min((p.params.get("min_weak", 99) for p in plans), default=99)
        #: Each text plan with the characters it needs (one search per line for all).
        self.text_needs = [(plan, _one_of(_NEEDS[plan.function])) for plan in text_plans]
        self.any_need = _one_of("".join(_NEEDS[plan.function] for plan in text_plans))

    def line_hits(self, text: str) -> tuple[tuple[_Plan, bool], ...]:
        """(plan, positional) for every plan whose check accepts `text`, in report order;
        a positional hit counts only near the edge of the text (`_Plan.edge`)."""
        hits: list[tuple[_Plan, bool]] = []
        if ":" in text:
            for plan in self.tails:
                if credit_tail(text.rstrip(), self.lexicon, plan.params):
                    hits.append((plan, False))
        if len(text) <= TEXT_CHECK_CHARS and self.any_need.search(text):
            for plan, needs in self.text_needs:
                if needs.search(text) and plan.function(text, **plan.params):
                    hits.append((plan, True))
        profile = self._profile(text)
        if profile is None:
            return tuple(hits)
        stripped = text.strip()
        verdicts: dict[tuple, object] = {}  # M400 and M401 ask the same question
        for plan in self.plans:
            if stripped[-1] in plan.no_end:
                continue
            if plan.key not in verdicts:
                verdicts[plan.key] = plan.function(profile, **plan.params)
            kind = verdicts[plan.key]
            if not kind or (kind is not True and plan.kinds is not None
                            and kind not in plan.kinds):
                continue
            hits.append((plan, kind in POSITIONAL))
        return tuple(hits)

    def _profile(self, text: str) -> Profile | None:
        """The token profile of a line a shape check might accept, else None."""
        if not self.plans or len(text) > self.limit * CHARS_PER_TOKEN:
            return None
        spaces = text.count(" ")
        if spaces > 2 * self.limit:
            return None
        # Past the short limit only a dated header line can pass, and a date has a digit.
        if spaces >= self.short_limit and not _DIGIT.search(text):
            return None
        stripped = text.strip()
        # A line without a letter is a counter or a bare timestamp: B301's business.
        if _QUOTE.search(stripped) or not _LETTER.search(stripped):
            return None
        if not self.lexicon.may_pass(stripped, self.min_weak):
            return None
        return self.lexicon.profile(stripped, self.give_up)


def _one_of(characters: str) -> re.Pattern:
    """A pattern matching any of `characters` (none when empty)."""
    return re.compile("[" + re.escape(characters) + "]" if characters else "(?!)")


def _prose_counts(words: list[int], rules: list[Rule]) -> list[int]:
    """counts[k]: lines of prose among the first k lines (so counts[-1] is the total)."""
    least = min(int(rule.params.get("prose_words", _POSITION["prose_words"])) for rule in rules)
    return list(accumulate((n >= least for n in words), initial=0))
