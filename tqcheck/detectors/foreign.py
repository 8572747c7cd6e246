"""The foreign-fragment detector (`detector = "foreign"` in rules/foreign/).

Each line is cut at its structure (sentences, bracketed asides, quotations; see
`tqcheck.segments`), each piece is identified on its own and judged against the
document language (`foreign_evidence.judge`). What a finding does depends on where the
foreign text sits, which is what the three rules' `params.unit` name:

- `line`: every sentence of the line is foreign: the whole line goes (remove-line);
- `aside`: a foreign note in brackets or parentheses: the span goes (remove-span);
- `inline`: a foreign sentence or quotation inside a line in the document language:
  reported (flag), because cutting it would break the sentence around it.

Nothing here knows a language: evidence comes from the identifiers and from
`rules/data/orthography`, `rules/data/function_words`, `rules/data/foreign_terms` and
`rules/data/names`.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Callable, Iterable, Sequence

import re

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.foreign_evidence import LanguageData, Segment, Thresholds, Verdict, judge
from tqcheck.detectors.foreign_lines import foreign_part
from tqcheck.detectors.foreign_screen import NATIVE, NATIVE_OUTSIDE, UNSURE, native_screen
from tqcheck.detectors.foreign_words import build_lexicon, orthography_hit, suspicious
from tqcheck.langid import CACHE_LIMIT, Prediction, get_second_opinion
from tqcheck.model import Document, Finding, Rule
from tqcheck.detectors.langdata import rule_folders
from tqcheck.ruleset import RuleError, load_data
from tqcheck.segments import (ASIDE, MAY_END, QUOTE, SENTENCE, has_letters, line_segments,
                              sentence_spans, single_sentence, trimmed)
from tqcheck.segments import Segment as Piece

UNITS = ("line", "aside", "inline")
_MAY_ENCLOSE = re.compile(r"[(\[«“„‹\"]")  # stdlib re: several times faster here
_HOST_WORD = regex.compile(r"(?<![\p{L}\d])\p{Ll}{3,}(?!\p{L})")
_ALNUM_RUN = re.compile(r"[^\W_]+")  # letters and digits (stdlib re)
#: Languages for which there is no foreign text to find.
NO_LANGUAGE = (None, "und", "mul")


class ForeignDetector:
    """Finds text in another language than the document's; one instance per Checker."""

    name = "foreign"

    def __init__(self, rules: Sequence[Rule], checker) -> None:
        self._checker = checker
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            unit = rule.params.get("unit")
            if unit not in UNITS:
                raise RuleError(rule.path or rule.code,
                                f"params.unit must be one of {', '.join(UNITS)}")
            self._rules[unit] = rule
        self._thresholds = _thresholds(rules)
        folders = rule_folders(rules)
        self._orthography = load_data("orthography", folders)
        self._terms = load_data("foreign_terms", folders)
        self._function_words = {lang: frozenset(w.lower() for w in table.get("words", ()))
                                for lang, table in load_data("function_words", folders).items()}
        self._particles = frozenset(
            p.lower() for table in load_data("names", folders).values()
            for p in table.get("particles", ()))
        self._language_data: dict[str, LanguageData] = {}
        self._home_sets: dict[str, frozenset[str]] = {}
        self._native_tests: dict[str, Callable[[str], int] | None] = {}
        self._line_cache: dict[tuple[str, str], tuple] = {}
        kin: dict[str, set[str]] = {}
        for lang, table in self._orthography.items():
            group = {lang, *table.get("close", ())}
            for member in group:
                kin.setdefault(member, set()).update(group - {member})
        self._kin = {lang: frozenset(group) for lang, group in kin.items()}

    def language_data(self, lang: str) -> LanguageData:
        """The orthography and kept terms of one document language (built once)."""
        data = self._language_data.get(lang)
        if data is None:
            ortho = self._orthography.get(lang, {})
            terms = frozenset(tuple(t.lower().replace("’", "'").split())
                              for t in self._terms.get(lang, {}).get("terms", ()))
            # Languages language ID confuses with this one are never foreign to it,
            # whichever of them the vote named ("sr" for a Croatian page: hr lists sr).
            close = frozenset(ortho.get("close", ())) | self.kin(lang)
            own, foreign = build_lexicon(lang, close, self._function_words)
            data = LanguageData(
                letters=frozenset(ortho.get("letters", "")),
                patterns=tuple(regex.compile(p) for p in ortho.get("patterns", ())),
                close=close, terms=terms, longest_term=max((len(t) for t in terms), default=0),
                term_starts=frozenset(t[0] for t in terms if t),
                own_words=own, foreign_words=foreign)
            self._language_data[lang] = data
        return data

    def native_test(self, lang: str) -> Callable[[str], int] | None:
        """The test of lines surely in `lang` from their words alone
        (`tqcheck.detectors.foreign_screen`), or None without word data for it. The
        document-language vote counts the lines that pass without predicting them, and
        `detect` passes over them: they hold nothing any rule here could flag."""
        if lang not in self._native_tests:
            th = self._thresholds
            self._native_tests[lang] = None if lang in NO_LANGUAGE else native_screen(
                self.language_data(lang), th.native_min_words, th.native_min_own_share,
                th.native_min_line_words)
        return self._native_tests[lang]

    def kin(self, lang: str) -> frozenset[str]:
        """Languages that language ID confuses with `lang`: the `close` lists of the
        orthography data, read both ways (hr lists sr, so sr's kin include hr)."""
        return self._kin.get(lang, frozenset())

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        lang = ctx.language
        if lang in NO_LANGUAGE or not self._rules:
            return []
        findings: list[Finding] = []
        # Most lines need nothing but their (cached) vote prediction: surely in the
        # document language, or at home and one sentence, with nothing enclosed. They
        # are passed over here, in one loop, before any per-line call (the same
        # decision `_line_verdicts` takes first, at a fraction of the cost).
        identifier = self._checker.identifier
        predict, known = identifier.predict_one, identifier.cached_top
        data = self.language_data(lang)
        home = self._home_or_und(lang, data) - {"und"}
        sure = self._thresholds.split_below
        may_enclose, may_end = _MAY_ENCLOSE.search, MAY_END.search
        # A line that passes the screen of `native_test` is taken as the screen says
        # (`_line_verdicts` does the same), whether or not it was predicted: the vote
        # counts such lines without predicting them, and the outcome must not depend on
        # which lines some earlier document had cached.
        native = self.native_test(lang) or _unsure
        content = 0  # characters of the document's non-blank lines, stripped
        for line in doc.lines:
            text = line.text
            stripped = text.strip()
            if not stripped:
                continue
            content += len(stripped)
            found = known(stripped)
            enclosed = None  # (line_verdicts looks when it is not known here)
            if found is None:  # screened by the vote, or too short to vote
                screened = native(stripped)
                if screened == NATIVE or not _has_lowercase_word(stripped):
                    continue  # nothing in it can be judged (see below): not even predicted
                if screened == UNSURE:
                    found = predict(stripped)
            if found is None:
                pass  # native outside its asides and quotations: those are judged
            elif found.language in home:
                enclosed = may_enclose(text) is not None
                if not enclosed and (found.confidence >= sure or may_end(text) is None):
                    continue
            elif not _has_lowercase_word(stripped):
                # Every piece of a line is judged only when it holds a word starting
                # with a lowercase letter (`_worth`), and its pieces start where the
                # line's words do: a line without one ("Mentions Légales", "AFP",
                # "12/03/2021") can hold no finding.
                continue
            for unit, start, end, verdict in self.line_verdicts(text, lang, found, enclosed):
                findings += self._emit(unit, doc, (line.start + start, line.start + end),
                                       verdict)
        if not findings:
            return findings
        foreign = sum(f.end - f.start for f in findings)
        if foreign > self._thresholds.max_foreign_share * content:
            # Fragments are a minority by definition: a document mostly "foreign" to its
            # language is in another language (a wrong --lang), not full of fragments.
            ctx.warn_once(f"foreign: most of the text is not in {lang!r}; "
                          "foreign-fragment rules skipped for this document")
            return []
        if not _has_host_words(doc.text, findings, self._thresholds.min_host_words):
            return []  # no real text around them: nothing for fragments to be foreign to
        return findings

    def clear_cache(self) -> None:
        """Forget every line verdict and screened line (benchmarks measure the uncached
        cost with this)."""
        self._line_cache.clear()
        self._native_tests.clear()

    def line_verdicts(self, line: str, lang: str, found: Prediction | None = None,
                      enclosed: bool | None = None,
                      ) -> tuple[tuple[str, int, int, Verdict], ...]:
        """(unit, start, end, verdict) for the foreign parts of one line, offsets within
        the line. Cached by line and language: the cleaner's later passes see the same
        lines again, and boilerplate lines repeat across a corpus. `found` (the line's
        top prediction) and `enclosed` (whether it may hold an aside or quotation) are
        what `detect` already knows of the line; they are worked out when not given."""
        key = (lang, line)
        cached = self._line_cache.get(key)
        if cached is None:
            if enclosed is None:
                enclosed = _MAY_ENCLOSE.search(line) is not None
            cached = self._line_verdicts(line, lang, found, enclosed)
            if len(self._line_cache) >= CACHE_LIMIT:
                self._line_cache.clear()
            self._line_cache[key] = cached
        return cached

    def _line_verdicts(self, text: str, lang: str, found: Prediction | None, enclosed: bool,
                       ) -> tuple[tuple[str, int, int, Verdict], ...]:
        """The common case is kept cheap. A line that the words screen
        (`native_test`) finds surely native has nothing foreign, or only its asides
        and quotations can be; it is not predicted. So is a line which, as predicted
        once for the document-language vote (`found`), is surely in the document
        language: only its asides and quotations can still be foreign. Otherwise the line is cut
        into sentences and each judged (when fastText keeps some doubt about a line, a
        foreign sentence may be appended to it: on the fragment benchmark's development
        seed, 96% of the lines with an appended sentence fell under `split_below`,
        against half of the clean lines of several sentences)."""
        data = self.language_data(lang)
        screened = (self.native_test(lang) or _unsure)(text.strip())
        if screened == NATIVE:
            return ()
        if screened == NATIVE_OUTSIDE:
            return tuple(self._judge_enclosed(text, lang, data))
        if found is None:
            found = self._checker.identifier.predict_one(text.strip())
        home = found.language == lang or found.language in data.close
        th = self._thresholds
        if home and (found.confidence >= th.split_below
                     or single_sentence(text)
                     or (found.confidence >= th.split_below_unless_suspicious
                         and not suspicious(text, data))):
            # Surely home, or home and one sentence (the line is its own sentence).
            return tuple(self._judge_enclosed(text, lang, data)) if enclosed else ()
        if not enclosed and self._sentences_home(text, lang, found, data):
            return ()
        return tuple(self._judge_line(text, lang, data))

    def _sentences_home(self, text: str, lang: str, found, data: LanguageData) -> bool:
        """A line of several sentences, without asides or quotations, whose sentences
        are all in the document language, one of them clearly."""
        if found.language != lang and found.language not in data.close:
            return False
        spans = sentence_spans(text, 0, len(text))
        # With runners-up: when a sentence is not at home, `judge` needs them next
        # (asking for three languages costs ~10% more than for one; asking twice, 100%).
        predict = self._checker.identifier.predict_known
        clear = False
        for s, e in spans:
            sentence = text[s:e]
            if not self._worth(sentence, False, False, data):
                continue
            found = predict(sentence)
            if found.language != lang and found.language not in data.close:
                return False
            clear = clear or _in_language(found, sentence, lang)
        return clear

    def _judge_enclosed(self, text: str, lang: str, data: LanguageData
                        ) -> Iterable[tuple[str, int, int, Verdict]]:
        """Asides and quotations of a line surely in the document language. A quotation
        is only identified when it shows a sign of another language (a frequent foreign
        word, a foreign spelling): a long foreign one would have lowered the line's
        probability, and most quotations in news are in the document language."""
        body = (len(text) - len(text.lstrip()), len(text.rstrip()))
        max_quoted = self._thresholds.max_quoted_words
        for p in line_segments(text, 0, len(text), 0, sentences=False):
            inner = text[p.inner_start:p.inner_end]
            if p.kind == QUOTE:
                if len(inner.split()) <= max_quoted or not suspicious(inner, data):
                    continue
                found = self._verdict(inner, lang, data, quoted=True,
                                      whole_line=(p.start, p.end) == body)
                if found:
                    yield ("inline", p.start, p.end, found)
            else:
                found = self._verdict(inner, lang, data,
                                      whole_line=(p.start, p.end) == body, aside=True)
                if found:
                    yield ("aside", p.start, p.end, found)

    def _verdict(self, span: str, lang: str, data: LanguageData, quoted: bool = False,
                 whole_line: bool = False, aside: bool = False) -> Verdict | None:
        if not self._worth(span, whole_line, aside, data):
            return None
        th = self._thresholds
        if quoted and len(span.split()) <= th.max_quoted_words:
            return None  # a cited term (judge's own first test, before any prediction)
        identifier = self._checker.identifier
        # A whole line's top language is already known (the vote asked for it), and so
        # is a sentence's that `_sentences_home` asked about; any other span is asked
        # once, with its runners-up, rather than twice.
        quick = identifier.predict_one if whole_line else identifier.predict_known
        if quick(span).language in self._home_or_und(lang, data):
            return None  # judge's common case, decided before building its Segment
        return judge(Segment(span, quoted, whole_line, aside), lang, data, self._particles,
                     th, quick, identifier.predict_detail, self.kin, _second_opinion)

    def _home_or_und(self, lang: str, data: LanguageData) -> frozenset[str]:
        """The document language, its close kin and 'und': a span placed in one of
        these is never foreign (judge's first test)."""
        found = self._home_sets.get(lang)
        if found is None:
            found = self._home_sets[lang] = data.close | {lang, "und"}
        return found

    def _worth(self, span: str, whole_line: bool, aside: bool, data: LanguageData) -> bool:
        """Cheap checks before identifying: a span with no lowercase word is names,
        acronyms or numbers; a short sentence inside a line is only judged when its
        spelling already says foreign (there is no second opinion for it)."""
        if not _has_lowercase_word(span):
            return False  # no lowercase word
        if whole_line or aside or len(span.split()) >= self._thresholds.mid_words:
            return True
        return orthography_hit(span.split(), data)

    def _judge_line(self, text: str, lang: str, data: LanguageData
                    ) -> list[tuple[str, int, int, Verdict]]:
        """Every sentence, aside and quotation of a line fastText is not sure about."""
        identifier = self._checker.identifier
        pieces = line_segments(text, 0, len(text), 0)
        if not pieces:
            return []

        def verdict(span: str, quoted: bool = False, whole_line: bool = False,
                    aside: bool = False) -> Verdict | None:
            return self._verdict(span, lang, data, quoted, whole_line, aside)

        sentences = [p for p in pieces if p.kind == SENTENCE]
        inner = [p for p in pieces if p.kind != SENTENCE]
        body = (sentences[0].start, sentences[-1].end) if sentences else trimmed(text, 0, len(text))
        own = {p: text[p.start:p.end] for p in sentences}
        judged = {p: verdict(own[p], whole_line=(p.start, p.end) == body) for p in sentences}
        for p in sentences:
            if judged[p] and inner:
                # Judge a sentence by its own words, outside its quotations and asides.
                own[p] = _own_text(text, p, inner)
                judged[p] = verdict(own[p], whole_line=(p.start, p.end) == body)
        foreign = [p for p in sentences if judged[p]]
        if foreign and len(foreign) == len(sentences):
            return [self._line_or_inline(text, body, lang,
                                         _strongest(judged[p] for p in foreign))]
        if (foreign or len(sentences) > 1) and not any(
                _in_language(identifier.predict_one(own[p]), own[p], lang) for p in sentences):
            # Short sentences each too short to judge ("Music lover. Explorer."): the
            # line as a whole decides, unless a real sentence in it is in the document
            # language.
            whole = verdict(text[body[0]:body[1]], whole_line=True)
            if whole:
                return [self._line_or_inline(text, body, lang, whole)]
        out = [("inline", p.start, p.end, judged[p]) for p in foreign]
        for p in inner:
            if any(_inside(p, f) for f in foreign):
                continue
            found = verdict(p.inner(text), quoted=p.kind == QUOTE,
                            whole_line=(p.start, p.end) == body, aside=p.kind == ASIDE)
            if found:
                out.append(("aside" if p.kind == ASIDE else "inline", p.start, p.end, found))
        return out

    def _line_or_inline(self, text: str, body: tuple[int, int], lang: str,
                        found: Verdict) -> tuple[str, int, int, Verdict]:
        """F101 for a line foreign as a whole, else F103 over its foreign part."""
        identifier = self._checker.identifier
        unit, start, end = foreign_part(text, body, lang, found.language,
                                        identifier.predict_detail)
        return (unit, start, end, found)

    def _emit(self, unit: str, doc: Document, span: tuple[int, int] | None,
              found: Verdict) -> list[Finding]:
        rule = self._rules.get(unit)
        if rule is None or span is None:
            return []
        message = f"{rule.message} ({found.language}, {found.confidence:.2f}, {found.evidence})"
        return [finding_from_rule(rule, doc, span[0], span[1], confidence=found.confidence,
                                  language=found.language, message=message)]


def _has_lowercase_word(text: str) -> bool:
    """A word (a run of letters and digits) starting with a lowercase letter. Stops at
    the first: most spans have one in their first words."""
    for run in _ALNUM_RUN.finditer(text):
        if run.group()[0].islower():
            return True
    return False


def _unsure(line: str) -> int:
    return UNSURE


def _second_opinion(text: str) -> tuple[tuple[str, float], ...]:
    return get_second_opinion().distribution(text)


def _has_host_words(text: str, findings: list[Finding], needed: int) -> bool:
    """At least `needed` lowercase words of three letters or more outside the findings:
    the document's own text. Names, numbers and symbols alone do not make a language
    to be foreign to. (Stops at the `needed`-th word: most documents have it at once.)"""
    count, pos = 0, 0
    for f in [*sorted(findings, key=lambda f: f.start), None]:
        end = f.start if f is not None else len(text)
        for _ in _HOST_WORD.finditer(text, pos, max(pos, end)):
            count += 1
            if count >= needed:
                return True
        if f is not None:
            pos = max(pos, f.end)
    return False


def _own_text(text: str, sentence: Piece, inner: list[Piece]) -> str:
    """A sentence's text outside its quotations and asides: the language the sentence
    itself is written in ("Der Autor schreibt: « Ce livre ... »" is German)."""
    parts, pos = [], sentence.start
    for p in inner:
        if _inside(p, sentence) and p.start >= pos:
            parts.append(text[pos:p.start])
            pos = p.end
    parts.append(text[pos:sentence.end])
    own = " ".join(" ".join(parts).split())
    return own if len(own.split()) >= 2 and has_letters(own) else text[sentence.start:sentence.end]


def _in_language(prediction, text: str, lang: str) -> bool:
    """A sentence of three words or more that fastText places in `lang`."""
    return (prediction.language == lang and prediction.confidence >= 0.5
            and len(text.split()) >= 3)


def _inside(piece: Piece, outer: Piece) -> bool:
    return outer.start <= piece.start and piece.end <= outer.end


def _strongest(verdicts: Iterable[Verdict | None]) -> Verdict:
    return max((v for v in verdicts if v), key=lambda v: (v.words, v.confidence))


def _thresholds(rules: Sequence[Rule]) -> Thresholds:
    """Defaults, overridden by any rule's params of the same name."""
    names = {f.name for f in fields(Thresholds)}
    values = {k: v for rule in rules for k, v in rule.params.items() if k in names}
    return Thresholds(**values)
