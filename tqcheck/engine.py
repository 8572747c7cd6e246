"""The checker: runs detectors over a document, locates and scores the findings, and
hands them to the cleaner. The library API (`tqcheck.check` / `tqcheck.clean`), the CLI
and every adapter go through one `Checker`.
"""
from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Callable, Sequence

from tqcheck.cleaning import clean_to_fixpoint, compose, plan_edits
from tqcheck.detectors.base import DetectionContext, Detector
from tqcheck.langid import FastTextIdentifier, get_identifier
from tqcheck.model import Cleaned, Document, Finding, FileReport
from tqcheck.ruleset import RuleError, RuleSet, load_rules
from tqcheck.scoring import ScoreModel, score

if TYPE_CHECKING:
    from tqcheck.selection import Selection

class Checker:
    """Holds the rules, detectors and language identifier; cheap to call per document."""

    def __init__(self, ruleset: RuleSet | None = None, *,
                 detectors: Sequence[Detector] | None = None,
                 identifier: FastTextIdentifier | None = None,
                 lid_model: str | None = None,
                 score_model: ScoreModel | None = None,
                 finding_filter: Callable[[Finding], bool] | None = None,
                 selection: "Selection | None" = None) -> None:
        from tqcheck.detectors.patterns import PatternDetector

        self.ruleset = ruleset if ruleset is not None else load_rules()
        if selection is not None:
            self.ruleset = self.ruleset.only(selection.enabled)  # an ignored rule never runs
        self._identifier = identifier
        self._lid_model = lid_model
        self.score_model = score_model or ScoreModel()
        self.finding_filter = finding_filter
        # Per-file / per-language selection needs the document; see tqcheck.selection.
        self.selection = selection if selection and selection.document_dependent else None
        self._rules_by_code = {r.code: r for r in self.ruleset}
        if detectors is None:
            detectors = [PatternDetector(self.ruleset)] + self._rule_detectors()
        self.detectors = list(detectors)
        # Languages language ID confuses (the foreign detector reads them from data):
        # they vote together for the document language.
        self._kin = next((d.kin for d in self.detectors if d.name == "foreign"), None)
        # ... and it knows lines surely in a language from their words (no prediction).
        self._native = next((d.native_test for d in self.detectors if d.name == "foreign"),
                            None)

    def _rule_detectors(self) -> list[Detector]:
        """One instance per detector kind named by the rules, given those rules."""
        from tqcheck.detectors import registry

        by_kind: dict[str, list] = {}
        for rule in self.ruleset:
            if rule.detector:
                by_kind.setdefault(rule.detector, []).append(rule)
        out = []
        for kind, rules in sorted(by_kind.items()):
            try:
                cls = registry.build(kind)
            except KeyError:
                raise RuleError(rules[0].path or rules[0].code,
                                f"unknown detector {kind!r}") from None
            out.append(cls(rules, self))
        return out

    @property
    def identifier(self) -> FastTextIdentifier:
        if self._identifier is None:
            self._identifier = get_identifier(self._lid_model)
        return self._identifier

    # -- measuring ---------------------------------------------------------------
    def context(self, doc: Document, lang: str | None) -> DetectionContext:
        if lang:
            return DetectionContext(language=lang, language_confidence=1.0,
                                    identifier=self._identifier)
        language, confidence, shares = self.identifier.document_language(
            doc.text, self._kin, self._native)
        return DetectionContext(language=language, language_confidence=confidence,
                                identifier=self.identifier, shares=shares)

    def detect(self, doc: Document, ctx: DetectionContext) -> list[Finding]:
        # Sibling rules (the same noise written for several languages) often match the
        # same text: one finding per category and span, the most severe, lowest code.
        found: dict[tuple, Finding] = {}
        screened = self.finding_filter is not None or self.selection is not None
        for detector in self.detectors:
            for f in detector.detect(doc, ctx):
                if screened and not self._keeps(f, doc, ctx):
                    continue
                key = (f.category, f.start, f.end)
                kept = found.get(key)
                if kept is None or _rank(f) < _rank(kept):
                    found[key] = f
        index = doc.index
        return [f.located(index) for f in sorted(found.values(), key=_REPORT_ORDER)]

    def _keeps(self, f: Finding, doc: Document, ctx: DetectionContext) -> bool:
        """The finding passes the caller's filter and the per-file / per-language selection."""
        if self.finding_filter is not None and not self.finding_filter(f):
            return False
        return self.selection is None or self.selection.keeps(
            f, self._rules_by_code.get(f.rule), doc.path, ctx.language)

    def check(self, text: str | Document, *, lang: str | None = None,
              path: str | None = None) -> FileReport:
        doc = text if isinstance(text, Document) else Document(text, path=path)
        ctx = self.context(doc, lang)
        findings = self.detect(doc, ctx)
        edits = plan_edits(doc.text, findings)
        return self._report(doc, ctx, findings, sum(len(e.text) - len(e.replacement) for e in edits))

    # -- acting ------------------------------------------------------------------
    def clean(self, text: str | Document, *, lang: str | None = None,
              path: str | None = None) -> Cleaned:
        doc = text if isinstance(text, Document) else Document(text, path=path)
        ctx = self.context(doc, lang)

        def detector(context: DetectionContext):
            def detect(current: str) -> list[Finding]:
                if current is doc.text:
                    return self.detect(doc, context)
                # Passes keep their round's language: removing an English footer must
                # not change which rules apply to the rest in the middle of a round.
                return self.detect(Document(current, path=doc.path, meta=doc.meta),
                                   _same_language(context))
            return detect

        cleaned, edits, findings = clean_to_fixpoint(doc.text, detector(ctx))
        # Cleaning can change what language the text reads as (a long foreign footer
        # gone). A second `clean` would detect that language afresh, so settle it
        # here: re-run on the cleaned text until its language holds still.
        round_ctx = ctx
        for _ in range(MAX_LANGUAGE_ROUNDS):
            if lang or not edits:
                break
            settled = self.context(Document(cleaned, path=doc.path, meta=doc.meta), None)
            if settled.language == round_ctx.language:
                break
            round_ctx = settled
            again, step, _ = clean_to_fixpoint(cleaned, detector(round_ctx))
            if not step:
                break
            edits = compose(doc.text, edits, step)
            cleaned = again
        removed = len(doc.text) - len(cleaned)
        return Cleaned(cleaned, tuple(edits), self._report(doc, ctx, findings, removed))

    def _report(self, doc: Document, ctx: DetectionContext, findings: list[Finding],
                removed: int) -> FileReport:
        value, breakdown = score(doc.text, findings, self.score_model)
        return FileReport(
            path=doc.path, id=doc.id, language=ctx.language,
            language_confidence=ctx.language_confidence, score=value,
            chars=len(doc.text), removed_chars=max(removed, 0), findings=tuple(findings),
            breakdown=breakdown,
            warnings=tuple(doc.meta.get("notes", ())) + tuple(ctx.warnings),
            mixed_languages=ctx.shares,
        )


#: How many times cleaning may re-detect the language of its own output.
MAX_LANGUAGE_ROUNDS = 3

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
#: The order findings are reported in (locating them changes none of these fields).
_REPORT_ORDER = operator.attrgetter("start", "end", "rule")


def _rank(f: Finding) -> tuple[int, str]:
    return _SEVERITY_RANK.get(f.severity, 3), f.rule


def _same_language(ctx: DetectionContext) -> DetectionContext:
    return DetectionContext(language=ctx.language, language_confidence=ctx.language_confidence,
                            identifier=ctx.identifier, warnings=ctx.warnings, shares=ctx.shares)

