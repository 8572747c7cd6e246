"""MT-artifact detector: traces a translation system leaves in otherwise fluent text.

Each rule names one `check` in its `params`:

* ``lowercase-start`` — a sentence that starts in lower case right after a full stop
  ("a indiqué le ministère. les autorités"), skipping abbreviations (per language, in
  `rules/data/abbreviations/`), initials, ordinals, ellipses, words like iPhone, names
  the press writes in lower case (`rules/data/lowercase_names/`: "dpa zufolge"), and a
  lone word that closes its line (a stub, which ``dangling-fragment`` reports).
* ``dangling-fragment`` — a short verbless piece glued after a paragraph's last
  sentence ("… selon le journal. – Agence.", "… auf dem Podium. dpa"): at most
  `max_words` words that start with a dash or are all in capitals ("AFP."), or at
  most two words with no full stop. Not after a number, an initial or an abbreviation
  ("17. März 2020.", "S. Paulo."), and not after a question (a short answer is dialogue:
  "Noch.", "Sorry.", "- Mit Wasser." are sentences).
* ``duplicate`` — a sentence of `min_words` words or more repeated inside paragraphs,
  in the same paragraph or at most `max_paragraph_gap` paragraphs later (a headline,
  teaser or pull-quote on a line of its own, or a sentence quoted again paragraphs
  later in a reply, is page structure, left to the boilerplate rules), or a run of 1–5 words repeated back
  to back ("à la fin à la fin"; "developers, developers" with commas is rhetoric).
* ``calque`` — a literal rendering of a source-language idiom, from the per-language
  lists in `rules/data/calques/` ("faire du sens" for "make sense").
* ``name-variant`` — one name spelt two ways, flagged at the less local form (see
  `name_variants.py` and `rules/data/translit/`).

Detectors only measure: every rule here flags.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Iterable, Iterator

import regex

from tqcheck.detectors.base import DetectionContext, finding_from_rule
from tqcheck.detectors.langdata import base_language, data_for
from tqcheck.detectors.name_variants import Transliteration, name_variants
from tqcheck.detectors.fragments import final_fragments
from tqcheck.detectors.patterns import paragraphs
from tqcheck.detectors.repeats import repeated_runs
from tqcheck.model import Document, Finding, Rule

_LOWER_START = regex.compile(
    r"(?<=[^.\s])\.(?P<gap>[ \u00a0\u202f]+)(?P<word>\p{Ll}[\p{L}\p{M}]*)")
#: A sentence: a run of non-terminal characters and its terminal punctuation (or the
#: end of the text). Written to start only where a run starts: the same matches as
#: `[^.!?…\n]+(?:[.!?…]+|$)`, without retrying every position of a line that has no
#: full stop (quadratic in its length: a fifth of a corpus run's MT-artifact time went
#: there). No Unicode property in it, so the standard `re` runs it, twice as fast.
_SENTENCE = re.compile(r"(?<![^.!?…\n])[^.!?…\n]+(?:[.!?…]+|$)")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")
_DASH_START = regex.compile(r"^[\-–—•]\s*")
# A lone word closing its paragraph or line: "… auf dem Podium. dpa".
_STUB_END = regex.compile(r"[ \t]*(?:\n|$)")
# The word just before a fragment's full stop.
_LAST_TOKEN = regex.compile(r"(?P<token>[\p{L}\p{N}]+)[.!?]\s*$")
# An agency-style name in capitals: "AFP", "DPA", "ANSA", "dpa/AFP".
_ACRONYM = regex.compile(r"\p{Lu}[\p{Lu}\p{N}]+")
_CHUNK_SEPARATOR = regex.compile(r"[ '’]")
#: Every byte but ASCII letters and digits, dropped from a sentence's signature.
_NOT_ASCII_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
_NOT_ALNUM_NOR_NUL = _NOT_ASCII_ALNUM.replace(b"\0", b"")
_GROUP = re.Match.group


def _token_start(text: str, end: int) -> int:
    """Where the token ending at `end` starts: after the last space, line break or
    no-break space before it. Looked for in a window that grows until one is found, so
    the cost is the token's length (searching the whole text back, once per sentence
    start, was quadratic in a long line: a no-break space is usually nowhere)."""
    width = 64
    while True:
        low = max(0, end - width)
        found = max(text.rfind(" ", low, end), text.rfind("\n", low, end),
                    text.rfind("\u00a0", low, end))
        if found >= 0 or low == 0:
            return found + 1
        width *= 4


def sentence_signature(sentence: str) -> bytes:
    """The ASCII letters and digits of the lowered sentence, in order, found at C speed.

    Two sentences with the same words (case aside) have the same signature: a character
    whose lower case holds an ASCII letter or digit is itself a letter or digit, so part
    of a word (`test_sentence_signature_keeps_only_word_characters` checks all of
    Unicode). A sentence whose signature no other sentence shares cannot repeat, and
    its words need not be read: most sentences of most texts."""
    return sentence.lower().encode("ascii", "ignore").translate(None, _NOT_ASCII_ALNUM)


def sentence_signatures(sentences: list[str]) -> list[bytes]:
    """[sentence_signature(s) for s in sentences], from one pass over the sentences
    joined by NUL (a character no lowering makes or unmakes, kept through the filter):
    three C calls per sentence were a third of the duplicate check's sentence time."""
    joined = "\0".join(sentences)
    if not sentences or joined.count("\0") != len(sentences) - 1:
        return [sentence_signature(s) for s in sentences]  # a NUL inside a sentence
    return joined.lower().encode("ascii", "ignore").translate(None, _NOT_ALNUM_NOR_NUL).split(b"\0")


class MtArtifactDetector:
    """Runs the mt-artifact rules' checks; one instance serves every document."""

    name = "mt-artifact"

    def __init__(self, rules: list[Rule], checker: object = None) -> None:
        self.rules = rules
        self.abbreviations = data_for("abbreviations", rules)
        self.lowercase_names = data_for("lowercase_names", rules)
        self._lowered_lists: dict[tuple[str, str, str | None], frozenset[str]] = {}
        self.repetition = data_for("repetition", rules)
        self.calques = {lang: [(regex.compile(c["pattern"], regex.I | regex.V0), c)
                               for c in table.get("calque", [])]
                        for lang, table in data_for("calques", rules).items()}
        self.translit = {lang: Transliteration.from_table(table)
                         for lang, table in data_for("translit", rules).items()}

    def detect(self, doc: Document, ctx: DetectionContext) -> Iterable[Finding]:
        lang = base_language(ctx.language)
        findings: list[Finding] = []
        for rule in self.rules:
            if not rule.applies_to(lang):
                continue
            check = rule.params.get("check")
            if check == "lowercase-start":
                findings += self._lowercase_starts(rule, doc, lang)
            elif check == "dangling-fragment":
                findings += self._fragments(rule, doc, lang)
            elif check == "duplicate":
                findings += self._duplicates(rule, doc, lang)
            elif check == "calque" and lang in self.calques:
                findings += self._calques(rule, doc, lang)
            elif check == "name-variant" and lang in self.translit:
                for variant in name_variants(doc.text, self.translit[lang]):
                    message = (f"{rule.message}: {variant.word} next to "
                               f"{variant.local_form} in the same text")
                    findings += [finding_from_rule(rule, doc, start, end, message=message)
                                 for start, end in variant.spans]
        return findings

    # -- sentence starts ---------------------------------------------------------
    def _lowercase_starts(self, rule: Rule, doc: Document, lang: str | None) -> Iterator[Finding]:
        abbreviations = self._abbreviations(lang)
        names = self._lowered("lowercase_names", "names", lang)
        text = doc.text
        for m in _LOWER_START.finditer(text):
            token_start = _token_start(text, m.start())
            raw_token = text[token_start:m.start()]
            token = raw_token.lstrip("([«“\"'‘").lower()
            word = m.group("word")
            if (len(token) <= 1 or "." in token or token in abbreviations or token.isdigit()
                    or any(c in token for c in "/@:") or any(c.isupper() for c in word[1:])
                    or word.lower() in names or _STUB_END.match(text, m.end("word"))):
                continue  # a lone last word ("… podium. dpa") is a stub: A102 reports it
            yield finding_from_rule(rule, doc, m.start("word"), m.end("word"),
                                    message=f"{rule.message} '{raw_token}.'")

    # -- trailing fragments ------------------------------------------------------
    def _abbreviations(self, lang: str | None) -> frozenset[str]:
        return self._lowered("abbreviations", "abbreviations", lang)

    def _lowered(self, table: str, key: str, lang: str | None) -> frozenset[str]:
        """The lowered entries of one per-language list of a data table, built once per
        language (not once per document and check)."""
        found = self._lowered_lists.get((table, key, lang))
        if found is None:
            entries = getattr(self, table).get(lang or "", {}).get(key, [])
            found = self._lowered_lists[(table, key, lang)] = frozenset(e.lower() for e in entries)
        return found

    def _fragments(self, rule: Rule, doc: Document, lang: str | None) -> Iterator[Finding]:
        max_words = int(rule.params.get("max_words", 3))
        abbreviations = self._abbreviations(lang)
        text = doc.text
        for start, end in paragraphs(doc):
            # Where the paragraph's text ends, found once: slicing the rest of the
            # paragraph for every line was quadratic in a paragraph of many lines.
            content_end = start + len(text[start:end].rstrip())
            for m in final_fragments(text, start, end, content_end):
                frag = m.group("frag")
                words = _WORD.findall(frag)
                if not words or len(words) > max_words:
                    continue
                # The stop before it ends no sentence: "17. März 2020.", "Estado de S. Paulo."
                before = _LAST_TOKEN.search(text, start, m.start())
                token = before.group("token").lower() if before else ""
                if token.isdigit() or len(token) == 1 or token in abbreviations:
                    continue
                # A short answer to a question is dialogue: "Womit? - Mit Wasser." (the
                # match starts right after the stop)
                if text[m.start() - 1] == "?":
                    continue
                dashed = bool(_DASH_START.match(frag))
                unterminated = not frag.rstrip().endswith((".", "!", "?", "…"))
                # A terminated stub is a credit only in an agency's capitals ("AFP."):
                # "Noch.", "Sorry.", "Mehr Infos." are short sentences.
                acronyms = all(_ACRONYM.fullmatch(w) for w in words)
                if dashed or (unterminated and len(words) <= 2) or (
                        acronyms and not frag.rstrip().endswith(("!", "?"))):
                    yield finding_from_rule(rule, doc, m.start("frag"), m.end("frag"))

    # -- repetitions -------------------------------------------------------------
    def _duplicates(self, rule: Rule, doc: Document, lang: str | None) -> Iterator[Finding]:
        text = doc.text
        min_words = int(rule.params.get("min_words", 8))
        max_gap = int(rule.params.get("max_paragraph_gap", 1))
        starts = [start for start, _ in paragraphs(doc)]
        seen: dict[str, tuple[bool, int]] = {}  # key -> (ever standalone, last paragraph)
        sentences = list(_SENTENCE.finditer(text))
        signatures = sentence_signatures(list(map(_GROUP, sentences)))
        shared = Counter(signatures)
        long_sentences = []
        for m, signature in zip(sentences, signatures):
            if shared[signature] < 2:
                continue  # no other sentence has its words: it repeats nothing
            words = _WORD.findall(m.group())
            if len(words) >= min_words:
                long_sentences.append((m, " ".join(words).lower()))  # = each word lowered
        counts = Counter(key for _, key in long_sentences)
        stripped_lines: dict[int, str] = {}
        for m, key in long_sentences:
            if counts[key] < 2:
                continue  # a sentence seen once cannot be a repeat, nor hide one
            line = doc.index.line_at(m.start())
            if line.start not in stripped_lines:  # each line stripped once, not per sentence
                stripped_lines[line.start] = line.text.strip()
            standalone = stripped_lines[line.start] == m.group().strip()
            para = bisect_right(starts, m.start())
            was_standalone, last_para = seen.get(key, (False, -max_gap - 1))
            # A system repeats itself on the spot; a sentence met again paragraphs later
            # is a quotation (a forum reply), a pull-quote or a teaser: page structure.
            if key in seen and not was_standalone and not standalone and para - last_para <= max_gap:
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                yield finding_from_rule(rule, doc, start, m.end(),
                                        message=f"{rule.message}: sentence repeated")
            seen[key] = (was_standalone or standalone, para)
        doubled_ok = self._lowered("repetition", "doubled_words", lang)
        min_single = int(rule.params.get("min_single_word_length", 4))
        for first, second, end, chunk in repeated_runs(text):
            single = not _CHUNK_SEPARATOR.search(chunk)
            if single and (len(chunk) < min_single or chunk.lower() in doubled_ok):
                continue
            yield finding_from_rule(rule, doc, second, end,
                                    message=f"{rule.message}: '{chunk}' twice in a row")

    # -- calques -----------------------------------------------------------------
    def _calques(self, rule: Rule, doc: Document, lang: str) -> Iterator[Finding]:
        for pattern, entry in self.calques[lang]:
            for m in pattern.finditer(doc.text):
                if m.end() == m.start():
                    continue
                yield finding_from_rule(
                    rule, doc, m.start(), m.end(),
                    confidence=float(entry.get("confidence", rule.confidence)),
                    message=(f"{rule.message}: '{m.group()}' renders '{entry.get('gloss', '?')}'; "
                             f"use {entry.get('use', '?')}"))
