"""Character n-gram evidence from langdetect's language profiles, without langdetect.

langdetect ships a profile per language: how often each character 1-, 2- and 3-gram
occurs in that language's Wikipedia. Its detector samples n-grams at random over
seven trials (~200 fastText predictions of time per call, and wrong on two-word
notes). For a short span whose language fastText already suspects, one question is
enough: do its n-grams look more like that language than like the document's? That
is a sum of log-probabilities over a few dozen n-grams, for two or three languages.
Nothing here knows a language: the profiles are data read from the installed package.
"""
from __future__ import annotations

import functools
import json
import math
from itertools import repeat
from operator import add
from pathlib import Path

import regex

_WORD = regex.compile(r"\p{L}+")
#: What langdetect adds to every n-gram probability (its `alpha` over its base frequency):
#: an n-gram a profile does not list is rare in that language, not impossible.
_SMOOTHING = 0.5 / 10_000


#: The log-probability of an n-gram a profile does not list.
_LOG_UNLISTED = math.log(0.0 + _SMOOTHING)


@functools.lru_cache(maxsize=64)
def log_profile(lang: str) -> dict[str, float] | None:
    """n-gram -> log(probability + smoothing) for one language, computed once when the
    profile loads (the same floats `math.log` gives at each look-up, without a call
    per n-gram and language)."""
    table = profile(lang)
    if table is None:
        return None
    return {gram: math.log(p + _SMOOTHING) for gram, p in table.items()}


@functools.lru_cache(maxsize=64)
def profile(lang: str) -> dict[str, float] | None:
    """n-gram -> probability for one language (None when langdetect has no profile)."""
    import importlib.util

    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "profiles" / lang
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    totals = data["n_words"]
    return {gram: count / totals[len(gram) - 1] for gram, count in data["freq"].items()
            if 1 <= len(gram) <= 3 and totals[len(gram) - 1]}


def ngrams(text: str) -> list[str]:
    """1-, 2- and 3-grams of each word padded with spaces, as langdetect counts them."""
    out: list[str] = []
    for word in _WORD.findall(text):
        padded = f" {word} "
        out += word  # 1-grams: the letters
        pairs = list(map(add, padded, padded[1:]))  # padded[i:i + 2], built in C
        out += pairs
        out += map(add, pairs, padded[2:])  # padded[i:i + 3]
    return out


def log_likelihood(grams: list[str], lang: str) -> float | None:
    """Mean log-probability of the n-grams in `lang`, or None without a profile."""
    table = log_profile(lang)
    if table is None or not grams:
        return None
    get = table.get
    return sum(map(get, grams, repeat(_LOG_UNLISTED))) / len(grams)


def preference(text: str, candidates: frozenset[str] | set[str], home: frozenset[str] | set[str]
               ) -> tuple[str | None, float]:
    """(language, margin): the candidate whose n-grams fit `text` best, and by how much
    (mean log-probability per n-gram) it beats the best-fitting home language. A margin
    of 0 when either side has no profile."""
    grams = ngrams(text)
    home_scores = [s for s in (log_likelihood(grams, h) for h in home) if s is not None]
    if not home_scores:
        return None, 0.0
    best, margin = None, -math.inf
    for lang in candidates:
        score = log_likelihood(grams, lang)
        if score is not None and score - max(home_scores) > margin:
            best, margin = lang, score - max(home_scores)
    return (best, margin) if best else (None, 0.0)
