"""The calibrated score: noise never raises it, it ranks planted artifacts below clean
articles, and on real devdata it ranks machine translation below original French.

The calibration itself (weights, distributions, ROC AUC) is bench/calibration/; these
tests pin its consequences.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artifact_manifest import ARTIFACTS, manifest
from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules
from tqcheck.scoring import NOISE_CATEGORIES, ScoreModel, score

SCORE_RULES = ARTIFACTS.parent / "score_rules"
# An article with defects of its own (calque, unbalanced guillemet, lower-case start), so
# the density term is live while noise is added.
ARTICLE = [
    "Le conseil municipal a voté mardi la rénovation du pont couvert.",
    "Selon l'adjoint, ce projet fait du sens pour le quartier, a indiqué la mairie. les travaux dureront six mois.",
    "« Nous attendions ce vote depuis longtemps, a déclaré une riveraine.",
    "Le coût total est estimé à 2,4 millions d'euros, financés pour moitié par la région.",
]
FOREIGN = [
    "The minister said that the plan was ready.",
    "Read the full story in English.",
    "This article was originally published in English.",
]


def _noise_lines() -> list[tuple[str, str]]:
    """Every must-flag example of the built-in noise rules that run on French text,
    with where it must go to be detected ('end' for footer rules, 'start' for header
    rules, 'any' otherwise)."""
    out = []
    for rule in load_rules():
        if rule.category not in NOISE_CATEGORIES or rule.scope != "line" or not rule.applies_to("fr"):
            continue
        where = "end" if rule.last is not None else "start" if rule.first is not None else "any"
        for example in rule.examples.must_flag:
            if "\n" not in example.strip():
                out.append((example.strip(), where))
    return out


NOISE = _noise_lines()


@pytest.fixture(scope="module")
def score_checker(checker) -> Checker:
    return Checker(load_rules([SCORE_RULES]), identifier=checker.identifier)


def test_there_is_noise_to_insert_and_it_is_detected_in_place(score_checker):
    """The property below is about detected noise; check each line is detected where
    the property test puts it (undetected text counts as content by design)."""
    assert len(NOISE) >= 20
    for line, position in NOISE + [(f, "any") for f in FOREIGN]:
        lines = list(ARTICLE)
        lines.insert({"end": len(lines), "start": 0}.get(position, 2), line)
        text = "\n\n".join(lines) + "\n"
        start = text.index(line)
        found = [f for f in score_checker.check(text, lang="fr").findings
                 if f.category in NOISE_CATEGORIES and f.start < start + len(line) and start < f.end]
        assert found, line


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(order=st.permutations(ARTICLE), noise=st.sampled_from(NOISE + [(f, "any") for f in FOREIGN]),
       where=st.integers(0, 4), inline=st.booleans())
def test_inserting_boilerplate_or_a_foreign_fragment_never_raises_the_score(
        score_checker, order, noise, where, inline):
    line, position = noise
    lines = list(order)
    before = score_checker.check("\n\n".join(lines) + "\n", lang="fr")
    if line in FOREIGN and inline:
        lines[where % len(lines)] += " " + line  # a fragment inside a paragraph
    else:
        at = {"end": len(lines), "start": 0}.get(position, where)
        lines.insert(at, line)
    after = score_checker.check("\n\n".join(lines) + "\n", lang="fr")
    assert after.score <= before.score + 1e-9


def test_each_defect_costs_less_when_repeated():
    """Harmonic decay per rule: the n-th finding of one rule adds w/n, never nothing."""
    from tqcheck.model import Finding

    def soft_hyphens(n: int) -> list[Finding]:
        return [Finding("E104", "invisible-debris", "encoding", "info", "replace", i, i + 1,
                        "\u00ad", "m", "") for i in range(n)]
    text = "x" * 2000
    scores = [score(text, soft_hyphens(n))[0] for n in (1, 2, 4, 40)]
    assert scores[0] > scores[1] > scores[2] > scores[3] > 80
    flat = ScoreModel(decay=False)
    assert score(text, soft_hyphens(40), flat)[0] < scores[3]


def test_breakdown_names_the_new_categories(checker):
    text = (ARTIFACTS / "fr-01-mt.txt").read_text("utf-8")
    report = checker.check(text, lang="fr").to_dict()
    breakdown = report["score_breakdown"]
    assert {"mt-artifact", "typography"} <= set(breakdown)
    assert sum(breakdown.values()) == pytest.approx(100 - report["score"], abs=0.05)


def test_planted_articles_score_below_clean_ones(checker):
    scores = {}
    for entry in manifest():
        text = (ARTIFACTS / entry["path"]).read_text("utf-8")
        scores[entry["path"]] = checker.check(text, lang=entry["lang"]).score
    clean = {p: s for p, s in scores.items() if "-clean" in p}
    planted = {p: s for p, s in scores.items() if "-clean" not in p}
    assert all(s == 100.0 for s in clean.values()), clean
    assert max(planted.values()) < 90, planted


def test_machine_translation_ranks_below_original_french(checker, devdata):
    """ROC AUC of 100 - score, MT (LT22, Online-B) vs original French, pinned under the
    measured 0.75 (bench/RESULTS.md): 8 of the 20 MT articles have no finding and score
    100 like the originals, so the ranking is far from perfect, but it must not slide
    back towards chance."""
    def scores(label: str) -> list[float]:
        return [checker.check(p.read_text("utf-8"), lang="fr").score
                for p in sorted((devdata / "mt").glob(f"*.{label}.txt"))]
    machine = scores("LT22") + scores("Online-B")
    original = scores("original")
    wins = sum((o > m) + 0.5 * (o == m) for o in original for m in machine)
    assert wins / (len(original) * len(machine)) >= 0.7
