"""Quality gate: a fast subset of bench/quality against the floors pinned in
bench/quality/floors.json. A failure names the metric that dropped.

The synthetic part on the sample articles and pools shipped in the repository always
runs; the devdata parts (labelled pages in window mode, injection on devdata
articles) run when ../shared/devdata is present and are skipped otherwise.
"""
from __future__ import annotations

import pytest

from bench.quality import gate
from bench.quality.devdata import find_devdata
from bench.quality.pools import POOL_CATEGORIES, load_pools, split_of

FLOORS = gate.load_floors()
DEVDATA = find_devdata()
POOL_LANGS = ("fr", "en", "de", "es", "pt")


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    return gate.measure(DEVDATA)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_metric_within_its_floor(metrics, name):
    if name not in metrics:
        if not name.startswith("repo.") and DEVDATA is None:
            pytest.skip("devdata not found: devdata metrics are not measured")
        pytest.fail(f"gate metric {name} was not measured (floors.json names a metric "
                    "that bench/quality/gate.py no longer computes)")
    problems = gate.check({name: metrics[name]}, {name: FLOORS[name]})
    assert not problems, "quality gate: " + "; ".join(problems)


def test_every_repo_metric_has_a_floor(metrics):
    """A metric the gate computes but nobody pinned is a regression nobody would see."""
    unpinned = sorted(set(metrics) - set(FLOORS))
    assert not unpinned, f"gate metrics without a floor in floors.json: {unpinned}"


def test_check_names_the_metric_that_dropped():
    floors = {"repo.recall.boilerplate": {"min": 0.9}, "repo.content_loss": {"max": 0.005}}
    problems = gate.check({"repo.recall.boilerplate": 0.5, "repo.content_loss": 0.01}, floors)
    assert problems == ["repo.content_loss = 0.0100 is above its ceiling 0.005",
                        "repo.recall.boilerplate = 0.5000 is below its floor 0.9"]
    assert gate.check({"repo.recall.boilerplate": 0.95, "repo.content_loss": 0.0}, floors) == []


def test_pools_are_sourced_split_by_hash_and_cover_five_languages():
    entries = load_pools()
    assert all(e.source.strip() and e.text.strip() for e in entries)
    assert all(e.split == split_of(e.category, e.text) for e in entries), \
        "a pool entry sits in the wrong split file (the split is fixed by its hash)"
    for category in POOL_CATEGORIES:
        for lang in POOL_LANGS:
            assert any(e.category == category and e.lang == lang for e in entries), \
                f"no {category} pool entries for {lang}"
    assert {e.split for e in entries} == {"dev", "heldout"}


def test_injection_is_seeded_and_its_gold_marks_the_inserted_text():
    from bench.quality import base, inject

    pools = load_pools()
    bases = base.sample_docs()
    first = inject.Injector(pools, bases, seed=5).documents(8)
    again = inject.Injector(pools, bases, seed=5).documents(8)
    other = inject.Injector(pools, bases, seed=6).documents(8)
    assert [d.text for d in first] == [d.text for d in again]
    assert [d.text for d in first] != [d.text for d in other]
    texts = {(e.category, e.text) for e in pools}
    pooled = [(d, g) for d in first for g in d.gold if g.category in POOL_CATEGORIES]
    assert pooled
    for doc, gold in pooled:
        assert (gold.category, doc.text[gold.start:gold.end]) in texts
    for doc in first:  # the clean original is still there, in order, around the noise
        kept = "".join(ch for i, ch in enumerate(doc.text)
                       if not any(g.start <= i < g.end for g in doc.gold))
        words = doc.base.text.split()
        assert all(w in kept for w in words[:20])
