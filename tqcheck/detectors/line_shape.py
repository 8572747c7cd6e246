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
from typing import Callable, Iterable

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import base_language, data_for
from tqcheck.detectors.line_facts import document_lines
from tqcheck.detectors.line_lexicon import (
    CREDIT, DATE, DAY, FUNCTION, HONORIFIC, JOINER, LABEL, MONTH, NAME, NUMBER, OUTLET, PLAIN,
    ROLE, TIME, UI, UI_WEAK, WEEKDAY, LineLexicon, Profile)
from tqcheck.model import Document, Finding, Rule

_QUOTES = frozenset("«»“”\"„")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
#: Line endings that rule a line out: a question is a headline; a colon introduces the
#: text (a field heading, a list), except after a page control ("Partager :").
_NO_END = {"metadata": frozenset(":?"), "ui": frozenset("?")}


#: What `metadata_line` found: a credit ("Foto: Ana Souza/Secom") may sit anywhere
#: (under a picture, at the foot of a quotation); a labelled byline or date ("Por Ana
#: Souza", "Mis à jour le 3 mai") and an unlabelled date stamp ("Jean Dupont, 3 mai 2021
#: 08:12") only at the head or foot of the text. A rule's `params.kinds` picks the kinds
#: it reports, so that the riskiest (a bare stamp is also a chronology entry) can be
#: only flagged.
CREDIT_LINE, BYLINE, STAMP_LINE, CREDIT_TAIL = "credit", "byline", "stamp", "tail"
#: A name-and-role byline is short: "Jean Dupont, envoyé spécial à Kiev".
ROLE_LINE_WORDS = 8
POSITIONAL = frozenset({BYLINE, STAMP_LINE})


def metadata_line(p: Profile, max_words: int, max_plain: int, max_plain_share: float,
                  max_words_labelled: int) -> str | None:
    """CREDIT_LINE, BYLINE, STAMP_LINE or None (see the module docstring)."""
    if not 0 < p.tokens <= max(max_words, max_words_labelled) or p[FUNCTION]:
        return None
    # A date, a clock time, "3 mai", or a relative stamp ("il y a 3 heures", "2 hours ago").
    dated = (p[DATE] > 0 or ((p[MONTH] or p[WEEKDAY]) and (p[DAY] or p[DATE]))
             or (p[TIME] >= 2 and (p[DAY] or p[NUMBER])))
    anchored = (p[LABEL] or p[CREDIT] or p[ROLE] or p[OUTLET] or p[HONORIFIC]
                or p.has_copyright)
    plain = p[PLAIN] + p[UI] + p[UI_WEAK]
    # A longer line only when every word is a name, date, label or outlet: a CMS header
    # that prints author, agency, publication and update times on one line.
    if p.tokens > max_words and (plain or not (anchored and dated)):
        return None
    if anchored:
        if plain > max_plain or plain > max_plain_share * p.tokens:
            return None
        # "Foto", "Source :" alone is a heading: a label must label something.
        labelled = (p[NAME] + p[OUTLET] + p[DATE] + p[DAY] + p[MONTH] + p[WEEKDAY] + p[NUMBER]
                    + p[TIME])
        if not (p[OUTLET] or p[HONORIFIC] or labelled) or p.tokens < 2:
            return None  # one word ("Twitter", "AFP") is a button or the pattern rules' call
        # "Foto: Ana Souza/Secom", never "Foto de família": a credit names, nothing else.
        if p.first == CREDIT and not plain:
            return CREDIT_LINE
        # A label must come first ("Por Ana Souza"), unless the line is dated
        # ("Sophie Brunn, publié le 3 mai") or credits an outlet.
        if dated or p[OUTLET] or p[HONORIFIC] or p.first == LABEL:
            return BYLINE
        # A name and a newsroom role, in either order: "Jean Dupont, journaliste".
        if p[ROLE] and p[NAME] and not p[LABEL] and p.tokens <= ROLE_LINE_WORDS:
            return BYLINE
        return None
    # Only dates, names, joining words: a date stamp or "Name, Name, le vendredi 14 juillet";
    # "2 décembre 2019 : Reportage" is an entry of a chronology.
    if not dated or plain:
        return None
    if p.share(DATE, DAY, MONTH, WEEKDAY, TIME, NUMBER) >= 0.3 or p[NAME] <= 4:
        return STAMP_LINE
    return None


def ui_line(p: Profile, max_words: int, max_plain: int, min_share: float,
            min_weak: int) -> bool:
    """A share button, comment prompt, subscription or navigation control."""
    if not 0 < p.tokens <= max_words:
        return False
    if not p[UI]:
        # Only chrome words, none strong: "Transcription du contenu de la page",
        # "Nächste Seite", "Start Blog Seite 198".
        return (p[UI_WEAK] >= min_weak and not (p[PLAIN] + p[FUNCTION] + p[LABEL] + p[CREDIT])
                and p[NAME] + p[OUTLET] <= 1)
    other = p[PLAIN] + p[FUNCTION] + p[LABEL]
    # One page-control word beside an ordinary one is a headline ("Compartir el poder");
    # a control phrase or two control words may carry one ("Read even more Share this").
    if other > (max_plain if p[UI] >= 2 else 0):
        return False
    chrome = p[UI] + p[UI_WEAK] + p[JOINER] + p[OUTLET] + p[CREDIT] + p[DATE] + p[NUMBER]
    return chrome >= min_share * p.tokens


#: Separator runs of a link bar: "Accueil | Monde", "Startseite --- Politik", "A » B".
_BAR_SEPARATOR = re.compile(r"\s+(?:[|•·»>/]+|-{2,}|[-–—])\s+")
_SENTENCE_END = re.compile(r"[.!?…]\W*$")


def link_bar(text: str, min_items: int, max_item_words: int) -> bool:
    """A navigation or footer bar: `min_items` or more short title-like items between
    separators ("Startseite --- Politik --- Wirtschaft", "Sobre nós | Anuncie | Contato")."""
    items = _BAR_SEPARATOR.split(text.strip(" |•·»>/-–—"))
    if len(items) < min_items:
        return False
    titled = 0
    for item in items:
        words = item.split()
        if not 0 < len(words) <= max_item_words or _SENTENCE_END.search(item):
            return False
        titled += item[:1].isupper()
    return titled >= len(items) - 1


_CHECKS = {
    "metadata": (metadata_line, {"max_words": 14, "max_plain": 1, "max_plain_share": 0.25,
                                 "max_words_labelled": 26}),
    "ui": (ui_line, {"max_words": 7, "max_plain": 1, "min_share": 0.6, "min_weak": 3}),
}
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@\w{2,}")


def author_contact(text: str, cues: re.Pattern | None, max_words: int) -> bool:
    """An author's contact line: an e-mail address or a social handle beside a contact
    or author word ("Contacter l'auteur : c.moreau@…", "E-Mail an die Autorin: …")."""
    return (cues is not None and len(text.split()) <= max_words
            and bool(_ADDRESS.search(text)) and bool(cues.search(_ADDRESS.sub(" ", text))))


#: A character each text check needs on the line before it is worth running.
_NEEDS = {link_bar: frozenset("|•·»>/-–—"), author_contact: frozenset("@")}
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
#: What sets a CMS credit field off at the end of a caption: "… pandemia — Foto: Ana
#: Souza/Secom". A bracketed credit ("… Tabs (Bild: Vivaldi)") is part of the caption as
#: the editor wrote it, and the devdata pages keep it as content.
TAIL_SEPARATORS = (" — ", " – ", " | ")
#: A credit tail is at most this long, and the caption before it at least this many words.
TAIL_CHARS, CAPTION_WORDS = 80, 3


def credit_tail(text: str, lexicon: LineLexicon, params: dict) -> bool:
    """A caption ending in a credit ("Le pont fermé mardi. Photo : Jean Roe/AFP")."""
    cut = max(text.rfind(sep) + len(sep) for sep in TAIL_SEPARATORS)
    tail = text[cut:].strip(" ).")
    if cut <= 0 or not tail or len(tail) > TAIL_CHARS or len(text[:cut].split()) < CAPTION_WORDS:
        return False
    profile = lexicon.profile(tail, params["max_plain"])
    return (profile is not None and profile.first == CREDIT
            and metadata_line(profile, **params) == CREDIT_LINE)


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
        for k, line in enumerate(lines):
            text = line.text
            if len(text) > setup.cached_chars:
                hits = setup.line_hits(text)  # prose: cheap to judge, never repeats
            else:
                hits = cache.get(text)
                if hits is None:
                    hits = cache[text] = setup.line_hits(text)
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
        #: Lines up to this long may be profiled and are worth a cache entry.
        self.cached_chars = max(self.limit * CHARS_PER_TOKEN, TEXT_CHECK_CHARS)

    def line_hits(self, text: str) -> tuple[tuple[_Plan, bool], ...]:
        """(plan, positional) for every plan whose check accepts `text`, in report order;
        a positional hit counts only near the edge of the text (`_Plan.edge`)."""
        hits: list[tuple[_Plan, bool]] = []
        if ":" in text:
            for plan in self.tails:
                if credit_tail(text.rstrip(), self.lexicon, plan.params):
                    hits.append((plan, False))
        if len(text) <= TEXT_CHECK_CHARS:
            for plan in self.text_plans:
                if (not _NEEDS[plan.function].isdisjoint(text)
                        and plan.function(text, **plan.params)):
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
        if not _QUOTES.isdisjoint(stripped) or not _LETTER.search(stripped):
            return None
        if not self.lexicon.may_pass(stripped, self.min_weak):
            return None
        return self.lexicon.profile(stripped, self.give_up)


def _prose_counts(words: list[int], rules: list[Rule]) -> list[int]:
    """counts[k]: lines of prose among the first k lines (so counts[-1] is the total)."""
    least = min(int(rule.params.get("prose_words", _POSITION["prose_words"])) for rule in rules)
    counts = [0]
    for n in words:
        counts.append(counts[-1] + (n >= least))
    return counts
