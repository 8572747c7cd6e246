"""The cleaner: lossless (rebuild from edits), idempotent, and tidy around removals."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.cleaning import apply_edits, compose, plan_edits, rebuild
from tqcheck.engine import Checker
from tqcheck.model import Edit
from tqcheck.ruleset import load_rules

FIXTURE_RULES = Path(__file__).parent / "fixtures" / "rules"

CONTENT = [
    "Le gouvernement a présenté mardi un projet de loi sur l'énergie.",
    "Les syndicats ont dénoncé « une réforme injuste » dans un communiqué.",
    "The council voted 7-2 to repair the covered bridge before winter.",
    "Die Bahnstrecke bleibt bis Ende März gesperrt, teilte die Bahn mit.",
    "Le ministre (em inglês) a confirmé l'accord avec ses partenaires.",
    "Selon l'Insee, le chômage a reculé de 0,2 point au troisième trimestre.",
    "Cela peut faire du sens, a estimé un député.",
    "Prix\u00a0: 12\u00a0€ le kilo.",
]
NOISE = [
    "Share this:", "Partager sur Facebook", "Partager sur Twitter", "© 2024 Le Journal",
    "", "", "   ", "\t", "Titre\u0007", "Mot  ", "\u00a0",
]


@st.composite
def documents(draw):
    parts = draw(st.lists(st.sampled_from(CONTENT + NOISE), min_size=0, max_size=14))
    newline = draw(st.sampled_from(["\n", "\r\n", "\n", "\r"]))
    tail = draw(st.sampled_from(["", newline, newline * 3]))
    return newline.join(parts) + tail


@pytest.fixture(scope="module")
def fixture_checker(checker) -> Checker:
    # The test fixtures plus the built-in whitespace rules: the cleaner's own semantics,
    # independent of how the shipped rule pack evolves.
    rules = load_rules([FIXTURE_RULES]).only(
        lambda r: r.code.startswith("X") or r.category == "whitespace")
    return Checker(rules, identifier=checker.identifier)


PROPERTY = settings(max_examples=500, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@PROPERTY
@given(text=documents())
def test_rebuild_from_edits_gives_the_original(fixture_checker, text):
    result = fixture_checker.clean(text, lang="fr")
    assert rebuild(result.text, result.edits) == text
    assert apply_edits(text, result.edits) == result.text
    for a, b in zip(result.edits, result.edits[1:]):
        assert a.end <= b.start
    for edit in result.edits:
        assert text[edit.start:edit.end] == edit.text


@PROPERTY
@given(text=documents())
def test_cleaning_is_idempotent(fixture_checker, text):
    once = fixture_checker.clean(text, lang="fr").text
    twice = fixture_checker.clean(once, lang="fr")
    assert twice.text == once
    assert twice.edits == ()


@PROPERTY
@given(text=documents())
def test_cleaned_text_has_no_blank_runs_or_trailing_space(fixture_checker, text):
    cleaned = fixture_checker.clean(text, lang="fr").text
    lines = cleaned.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for a, b in zip(lines, lines[1:]):
        assert a.strip() or b.strip(), f"two blank lines in a row in {cleaned!r}"
    assert all(line == line.rstrip(" \t\u00a0") for line in lines)
    assert "\u0007" not in cleaned


@pytest.mark.parametrize("text,expected", [
    # A removed line takes one neighbouring blank line along: no doubled blank line.
    ("Para one.\n\nShare this:\n\nPara two.\n", "Para one.\n\nPara two.\n"),
    # Consecutive noise lines go together.
    ("Para one.\n\nShare this:\nPartager sur Facebook\n\nPara two.\n", "Para one.\n\nPara two.\n"),
    # Noise at the top leaves no leading blank line; at the end, no trailing one.
    ("Share this:\n\nPara one.\n", "Para one.\n"),
    ("Para one.\n\nShare this:", "Para one."),
    ("Para one.\n\n© 2024 Le Journal\n", "Para one.\n"),
    # A span inside a sentence goes with one of its spaces; before punctuation too.
    ("Le ministre (em inglês) a parlé.\n", "Le ministre a parlé.\n"),
    ("Il a parlé (in English).\n", "Il a parlé.\n"),
    ("(in English) Il a parlé.\n", "Il a parlé.\n"),
    # A span that was the whole line removes the line.
    ("Un.\n\n(in English)\n\nDeux.\n", "Un.\n\nDeux.\n"),
    # CRLF files keep CRLF.
    ("Para one.\r\n\r\nShare this:\r\n\r\nPara two.\r\n", "Para one.\r\n\r\nPara two.\r\n"),
    # Flags are reported, never removed.
    ("Cela peut faire du sens.\n", "Cela peut faire du sens.\n"),
])
def test_cleaning_layout(fixture_checker, text, expected):
    assert fixture_checker.clean(text, lang="fr").text == expected


def test_footer_window_counts_content_lines_only(fixture_checker):
    """A footer followed by share buttons is still 'last'; one followed by content is not."""
    noisy = "Body one.\n\n© 2024 Le Journal\nShare this:\nPartager sur Facebook\n"
    assert "X903" in {f.rule for f in fixture_checker.check(noisy, lang="fr").findings}
    early = "© 2024 Le Journal\n\nBody one.\n\nBody two.\n\nBody three.\n"
    assert "X903" not in {f.rule for f in fixture_checker.check(early, lang="fr").findings}


def test_compose_matches_sequential_application():
    original = "abc def ghi"
    first = [Edit(3, 4, "--", "A", " "), Edit(8, 11, "", "B", "ghi")]
    middle = apply_edits(original, first)  # "abc--def "
    second = [Edit(2, 6, "X", "C", middle[2:6])]
    final = apply_edits(middle, second)
    composed = compose(original, first, second)
    assert apply_edits(original, composed) == final
    assert rebuild(final, composed) == original


def test_plan_edits_merges_overlapping_removals():
    from tqcheck.model import Finding

    def f(start, end, action="remove-span", rule="R1"):
        return Finding(rule, "n", "boilerplate", "warning", action, start, end, "", "m")

    text = "aaa bbb ccc ddd\n"
    edits = plan_edits(text, [f(4, 7), f(5, 11, rule="R2")])
    assert len(edits) == 1 and edits[0].rule == "R1+R2"
    assert apply_edits(text, edits) == "aaa ddd\n"


MIXED = [
    "Le conseil municipal a voté mardi la rénovation du pont couvert.",
    "The council voted on Tuesday to repair the covered bridge.",
    "Der Stadtrat hat am Dienstag die Sanierung der Brücke beschlossen.",
    "© 2024 Le Journal du Littoral. Tous droits réservés.",
    "All rights reserved.", "Share this:", "Partager sur Facebook", "Lire aussi : la réforme",
    "Read more: the bridge vote", "(em inglês)", "", "",
]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(MIXED), max_size=10))
def test_cleaning_is_idempotent_with_detected_languages(checker, parts):
    """Without --lang, a second clean re-detects the language: cleaning settles it."""
    text = "\n".join(parts) + "\n"
    once = checker.clean(text)
    assert rebuild(once.text, once.edits) == text
    assert checker.clean(once.text).text == once.text


def _fitting_the_plain_way(text, edits, replaces):
    """Each replace against every edit taken so far: the reference for the bisect."""
    taken, out = list(edits), []
    for start, end, repl, rule in sorted(replaces, key=lambda r: (r[0], -r[1])):
        if any(start < e.end and e.start < end for e in taken):
            continue
        edit = Edit(start, end, repl, rule, text[start:end])
        taken.append(edit)
        out.append(edit)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=6),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 4)), max_size=25))
def test_replaces_that_fit_match_a_scan_of_every_edit(removals, replaces):
    from tqcheck.cleaning import _fitting_replaces

    text = "Le conseil municipal a voté mardi la rénovation du pont. " * 2
    edits, last = [], -1
    for start, width in sorted(removals):  # disjoint, with gaps, like merged removals
        if start > last:
            edits.append(Edit(start, start + width, "", "B101", text[start:start + width]))
            last = start + width
    spans = [(a, a + n, "x", f"T{a}-{n}") for a, n in replaces]  # empty ones included
    assert _fitting_replaces(text, edits, spans) == _fitting_the_plain_way(text, edits, spans)
