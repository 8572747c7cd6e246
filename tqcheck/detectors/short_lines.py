"""Short lines judged by their context: page chrome that no phrase list can name.

A naive HTML-to-text dump keeps one line per page element, so menus, pagination,
forum labels, counters and tag lists survive as lines of one to three words. A phrase
rule cannot know them all ("Zitieren", "Renommee:", a user's post count), and a length
rule alone would take every heading with them: jusText's length-and-context pass loses
about a quarter of the article text on the devdata pages. These checks look at where a
short line sits and what the page does with it instead, in the spirit of jusText's
context pass and boilerpipe's shallow text features, but tuned to keep the text:

* ``letterless`` — a line without a single letter ("1", "→", "#4", "432", "↑"): pager
  links, counters, icons. Dates and times ("17.03.2020, 21:30", "8:09") are not debris
  (the metadata rules decide on them), nor is a line that ends a sentence wrapped from
  the line before ("2020.)"), nor a score or figure between two paragraphs of prose.
* ``repeated`` — a label-like line (at most `max_words` words, no sentence punctuation)
  that the page repeats at least `min_count` times and at least `period_share` times
  as often as its most repeated label: "Zitieren", "Antworten", "Advertisement"
  between paragraphs. Text does not repeat itself verbatim; page furniture does, once
  per post or teaser, while a user name or a heading that some posts share comes back
  less often. A repeated speaker label ("Frage:") before prose stays. The period is
  read from labels of up to three words; cleaning removes only the shorter ones, so
  where the template also has a longer label ("Beiträge anzeigen") the period holds
  across cleaning passes. Where every repeated label is one word, the next cleaning
  pass measures the period afresh and may take the next most repeated line too.
* ``trailing`` — short lines after the last line of prose: tags, share buttons,
  "Related", a section name, at least `min_run` of them (one short line at the foot is
  as often the author's name). A short list introduced by a line ending in a colon
  stays, and so does everything before the last prose line (headings, list items
  inside the text), so an article's own structure is never touched.
* ``leading`` — a run of at least `min_run` lines of at most `max_words` words that
  opens the text, before its first longer line: the section menu and breadcrumb trail
  above a headline ("Startseite / Ausland", "Accueil / › / Monde"). The headline is
  the first longer line and stays; a short heading directly followed by prose stays.
* ``teasers`` — at least `min_pairs` headline-and-timestamp pairs in a row ("Air
  France-KLM : Paris et La Haye calment le jeu" / "1 mars 2019 à 13:16"): a list of
  related or latest articles. A headline ends without a full stop; a timestamp is a
  short line with a year and a clock time, as a CMS prints a publication time. A
  chronology (dates only) or a live blog (times only) is not a teaser list, nor a run
  that starts right after a timestamp (date-first entries).
* ``menu-outside`` — a navigation menu (B190's runs of title-like short lines) before
  the first or after the last line of prose. B190 only flags menus, because inside the
  text such runs are also tag lists and forum post headers; outside it they are chrome.

Every threshold is a rule `param`; no language is special-cased (only punctuation,
letters and repetition are used).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.line_facts import LineFacts, document_lines, ends_sentence
from tqcheck.detectors.line_runs import menu_lines
from tqcheck.model import Document, Finding, Rule

# Dates, times and numbers with separators ("17.03.2020, 21:30", "8:09", "1.11.").
_DATE_TIME = regex.compile(r"^[\d\s.,:/\-–]*\d[.:/\-]\d[\d\s.,:/\-–]*$")
_LIST_INTRO = regex.compile(r":\s*$")
# A publication timestamp has a year (1800-2099) and a clock time ("15:20", "15h20").
_YEAR = regex.compile(r"\b(?:1[89]|20)\d\d\b")
_CLOCK = regex.compile(r"\b\d{1,2}[:h]\d\d\b")
_STATEMENT_END = regex.compile(r"[.!][\"'»”’)\]]*\s*$")
#: A sentence has at least this many words: a wrapped line this long continues on the
#: next line, and a figure between two such sentences is part of the text.
SENTENCE_WORDS = 4
#: Labels up to this many words set the page template's period (see `_repeated`).
TEMPLATE_LABEL_WORDS = 3


class ShortLineContextDetector:
    """Runs the rules' checks (`params.check`) on each document's non-blank lines."""

    name = "short-line-context"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        facts = document_lines(doc).filled
        lines = facts.lines
        findings: list[Finding] = []
        for rule in self.rules:
            if not rule.applies_to(ctx.language):
                continue
            check = _CHECKS.get(str(rule.params.get("check")))
            if check is None:
                continue
            function, defaults = check
            # Each param keeps its default's type: TOML gives ints where floats are meant.
            params = {name: type(default)(rule.params.get(name, default))
                      for name, default in defaults.items()}
            hits = function(facts, **params)
            if function in _WHOLE_RUN:
                findings += [finding_from_rule(rule, doc, lines[run[0]].start, lines[run[-1]].end,
                                               message=f"{rule.message} ({len(run)} lines)")
                             for run in _runs(hits)]
            else:
                findings += [finding_from_rule(rule, doc, lines[k].start, lines[k].end)
                             for k in hits]
        return findings


def _runs(hits: list[int]) -> list[list[int]]:
    """Line indices `hits` (ascending) grouped into runs of adjacent lines."""
    runs: list[list[int]] = []
    for k in hits:
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _letterless(f: LineFacts, max_tokens: int) -> list[int]:
    lines, words, end = f.lines, f.words, f.sentence_end
    out = []
    for k in [k for k, has_letter in enumerate(f.letter) if not has_letter]:  # a few
        text = lines[k].text.strip()
        if words[k] > max_tokens or _DATE_TIME.match(text):
            continue
        before = k - 1 if k else None
        after = k + 1 if k + 1 < len(lines) else None
        # "2020.)" finishing a sentence that the dump wrapped onto a new line (read on
        # the stripped line: str.strip also takes the separators \x1c-\x1f).
        if (before is not None and words[before] >= SENTENCE_WORDS and ends_sentence(text)
                and (not end[before]
                     or lines[before].text.count("(") > lines[before].text.count(")"))):
            continue
        # A score or a figure between two paragraphs of prose belongs to the text.
        if (before is not None and after is not None
                and f.prose(before, SENTENCE_WORDS) and f.prose(after, SENTENCE_WORDS)):
            continue
        out.append(k)
    return out


def _repeated(f: LineFacts, max_words: int, min_count: int, prose_words: int,
              period_share: float) -> list[int]:
    lines, words = f.lines, f.words
    # Only labels are counted: lines of at most this many words. Lines with the same
    # stripped text have the same number of words, so each label's count is exact.
    widest = max(max_words, TEMPLATE_LABEL_WORDS)
    short = [k for k, n in enumerate(words) if 0 < n <= widest]
    texts = {k: lines[k].text.strip() for k in short}
    counts = Counter(texts.values())
    # The page template's period: how often its most repeated label comes back (once a
    # post, once a teaser). Furniture comes back about as often; a user name, a rank or
    # a heading that a few posts share comes back less.
    period = max((counts[texts[k]] for k in short if f.label_like(k, TEMPLATE_LABEL_WORDS)),
                 default=0)
    floor = max(min_count, period_share * period)
    out = []
    for k in short:
        if counts[texts[k]] < floor or not f.label_like(k, max_words):
            continue
        # A speaker or field label that introduces prose ("Frage:") belongs to the text.
        if (_LIST_INTRO.search(lines[k].text) and k + 1 < len(lines)
                and words[k + 1] >= prose_words):
            continue
        out.append(k)
    return out


def _trailing(f: LineFacts, max_words: int, prose_words: int, min_run: int) -> list[int]:
    last = next((k for k in range(len(f.lines) - 1, -1, -1) if f.prose(k, prose_words)), None)
    if last is None:
        return []
    out = []
    intro = False
    for k in range(last + 1, len(f.lines)):
        if _LIST_INTRO.search(f.lines[k].text):
            intro = True  # the lines after "Les lauréats :" are a list, not chrome
        if intro or not f.label_like(k, max_words):
            continue
        out.append(k)
    # One short line at the foot is as often the author's name as a button: a run is chrome.
    return out if len(out) >= min_run else []


def _leading(f: LineFacts, max_words: int, prose_words: int, min_run: int) -> list[int]:
    run = 0
    for k in range(len(f.lines)):
        if f.words[k] > max_words or f.sentence_end[k]:
            break
        run += 1
    else:
        return []  # nothing but short lines: no article to stand above
    if f.prose(run, prose_words) and run:
        run -= 1  # a heading glued to the text it introduces
    return list(range(run)) if run >= min_run else []


def _teasers(f: LineFacts, max_words: int, date_words: int, min_pairs: int) -> list[int]:
    lines, words = f.lines, f.words
    # (A clock time needs a ":" or an "h": most short lines are settled without a search.)
    stamp = [count <= date_words and (":" in line.text or "h" in line.text)
             and _CLOCK.search(line.text) is not None and _YEAR.search(line.text) is not None
             for count, line in zip(words, lines)]
    if min_pairs > 0 and sum(stamp) < min_pairs:
        return []  # a teaser list needs `min_pairs` timestamps

    def headline(k: int) -> bool:
        return (0 < words[k] <= max_words and not _STATEMENT_END.search(lines[k].text)
                and not stamp[k])

    out: list[int] = []
    k = 0
    while k < len(lines) - 1:
        j = k
        while j + 1 < len(lines) and stamp[j + 1] and headline(j):
            j += 2
        dated_before = k > 0 and stamp[k - 1]
        if (j - k) // 2 >= min_pairs and not dated_before:
            out += range(k, j)
            k = j
        else:
            k += 1
    return out


def _menu_outside(f: LineFacts, min_run: int, max_words: int, prose_words: int) -> list[int]:
    prose = [k for k, (words, end) in enumerate(zip(f.words, f.sentence_end))
             if words >= prose_words and end]  # = f.prose(k, prose_words)
    if not prose:
        return []  # no article to be outside of
    first, last = prose[0], prose[-1]
    return [k for k in menu_lines(f, min_run, max_words) if k < first or k > last]


#: check name -> (function, its params with their defaults); a rule file's `params`
#: override the defaults.
_CHECKS = {
    "letterless": (_letterless, {"max_tokens": 3}),
    "repeated": (_repeated, {"max_words": 1, "min_count": 4, "prose_words": 8,
                             "period_share": 0.5}),
    "trailing": (_trailing, {"max_words": 3, "prose_words": 8, "min_run": 2}),
    "leading": (_leading, {"max_words": 2, "prose_words": 8, "min_run": 2}),
    "teasers": (_teasers, {"max_words": 20, "date_words": 7, "min_pairs": 3}),
    "menu-outside": (_menu_outside, {"min_run": 5, "max_words": 3, "prose_words": 8}),
}
#: Checks reported as one finding per run of lines: a menu is one thing to a reader
#: (and B190 already flags its lines one by one).
_WHOLE_RUN = frozenset({_menu_outside})
