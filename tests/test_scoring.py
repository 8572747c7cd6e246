"""The score: 100 for clean text, lower with noise, never higher with more noise."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules

FIXTURE_RULES = Path(__file__).parent / "fixtures" / "rules"
ARTICLE = [
    "Le conseil municipal a voté mardi la rénovation du pont couvert.",
    "Les travaux commenceront en avril et dureront six mois, selon la mairie.",
    "Cela peut faire du sens, a estimé un élu de l'opposition.",
    "Le coût total est estimé à 2,4 millions d'euros.",
]
NOISE_LINES = ["Share this:", "Partager sur Facebook", "Partager sur Twitter", "© 2024 Le Journal"]


@pytest.fixture(scope="module")
def fixture_checker(checker) -> Checker:
    rules = load_rules([FIXTURE_RULES]).only(
        lambda r: r.code.startswith("X") or r.category == "whitespace")
    return Checker(rules, identifier=checker.identifier)


def test_clean_text_scores_100(fixture_checker):
    report = fixture_checker.check("Le conseil a voté.\n\nLes travaux commencent en avril.\n", lang="fr")
    assert report.score == 100.0 and report.breakdown == {}


def test_breakdown_adds_up_to_the_points_lost(fixture_checker):
    text = "\n\n".join(ARTICLE + ["Share this:", "© 2024 Le Journal"]) + "\n"
    report = fixture_checker.check(text, lang="fr")
    assert report.score < 100
    assert set(report.breakdown) == {"boilerplate", "mt-artifact"}
    assert sum(report.breakdown.values()) == pytest.approx(100 - report.score)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(ARTICLE), noise=st.lists(st.sampled_from(NOISE_LINES), max_size=4),
       insert=st.sampled_from(NOISE_LINES), where=st.integers(0, 8))
def test_inserting_a_noise_line_never_raises_the_score(fixture_checker, order, noise, insert, where):
    """Detected noise only: undetected text counts as content (the footer rule looks at
    the end of the text only, so that is where the footer goes)."""
    lines = list(order) + list(noise)
    before = fixture_checker.check("\n\n".join(lines) + "\n", lang="fr").score
    where = len(lines) if insert.startswith("©") else min(where, len(lines))
    lines.insert(where, insert)
    after = fixture_checker.check("\n\n".join(lines) + "\n", lang="fr").score
    assert after <= before + 1e-9


def test_more_noise_scores_lower(fixture_checker):
    base = "\n\n".join(ARTICLE) + "\n"
    one = base + "\nShare this:\n"
    three = base + "\nShare this:\nPartager sur Facebook\nPartager sur Twitter\n"
    scores = [fixture_checker.check(t, lang="fr").score for t in (base, one, three)]
    assert scores[0] > scores[1] > scores[2]


def _covered_the_old_way(intervals):
    """The scorer's first algorithm (merge the whole list again after each interval):
    the reference the bisect version must reproduce exactly."""
    covered, parts_seen = [], []
    for start, end in intervals:
        parts, pos = [], start
        for a, b in covered:
            if b <= pos or a >= end:
                continue
            if a > pos:
                parts.append((pos, a))
            pos = max(pos, b)
        if pos < end:
            parts.append((pos, end))
        parts_seen.append(parts)
        merged = []
        for a, b in sorted(covered + [(start, end)]):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        covered = merged
    return parts_seen, covered


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=40))
def test_covered_intervals_match_the_reference_merge(pairs):
    from tqcheck.scoring import _Covered

    intervals = [(a, a + n) for a, n in pairs]  # empty and touching ones included
    covered, parts_seen = _Covered(), []
    for start, end in intervals:
        parts_seen.append(covered.take(start, end))
    expected_parts, expected_cover = _covered_the_old_way(intervals)
    assert parts_seen == expected_parts
    assert list(zip(covered.starts, covered.ends)) == expected_cover
