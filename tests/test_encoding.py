"""Encoding detector: mojibake via ftfy, C1 controls, invisible debris, NFC/NFD mixing.

All repairs are `replace` edits: cleaning must rebuild losslessly and converge.
"""
from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artifact_manifest import score_detector
from tqcheck.cleaning import rebuild
from tqcheck.detectors.encoding import mojibake_repairs

GOOD = [
    ("fr", "Le ministre a déclaré que la réforme était prête, selon l’AFP."),
    ("de", "Die Bürgermeisterin von München äußerte sich „sehr zufrieden“."),
    ("es", "El señor García inauguró la exposición «Ocho siglos» en Salamanca."),
    ("pt", "A prefeitura de São Paulo anunciou a ampliação das ciclovias."),
    ("ru", "Москва объявила о новых мерах поддержки."),
    ("cs", "Vláda schválila rozpočet na příští rok."),
]


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 the way browsers and scrapers do (undefined bytes
    become the matching C1 characters instead of failing)."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


@pytest.mark.parametrize("lang,text", GOOD, ids=[g[0] for g in GOOD])
def test_mojibake_is_found_and_repaired(checker, lang, text):
    broken = _mojibake(text) + "\n"
    assert broken != text + "\n"
    result = checker.clean(broken, lang=lang)
    assert "E101" in [f.rule for f in result.report.findings]
    assert result.text == text + "\n"
    assert rebuild(result.text, result.edits) == broken


@pytest.mark.parametrize("lang,text", GOOD, ids=[g[0] for g in GOOD])
def test_clean_text_with_curly_quotes_is_untouched(checker, lang, text):
    report = checker.check(text + "\n", lang=lang)
    assert not [f for f in report.findings if f.category == "encoding"]


def test_a_line_mixing_real_accents_and_mojibake_is_repaired_word_by_word():
    line = "Le ministre a dÃ©clarÃ© que l’État paiera."
    edits = mojibake_repairs(line)
    fixed = line
    for start, end, new in sorted(edits, reverse=True):
        fixed = fixed[:start] + new + fixed[end:]
    assert fixed == "Le ministre a déclaré que l’État paiera."


def test_c1_controls_become_windows_1252_punctuation(checker):
    result = checker.clean("L\u0092homme a dit \u0093oui\u0094 \u0085 puis il est parti.\n", lang="fr")
    assert result.text == "L’homme a dit “oui” … puis il est parti.\n"
    assert {f.rule for f in result.report.findings} >= {"E103"}


def test_invisible_debris_is_removed_but_persian_zwnj_kept(checker):
    assert checker.clean("Bundes\u00adregierung und Zero\u200bwidth\n", lang="de").text == \
        "Bundesregierung und Zerowidth\n"
    persian = "می\u200cخواهم به خانه بروم\n"
    assert checker.clean(persian, lang="fa").text == persian


def test_nfd_is_composed_only_in_a_mixed_text(checker):
    mixed = "L'été, le cafe\u0301 est fermé.\n"
    assert checker.clean(mixed, lang="fr").text == "L'été, le café est fermé.\n"
    all_nfd = "cafe\u0301 ferme\u0301\n"
    assert not [f for f in checker.check(all_nfd, lang="fr").findings if f.rule == "E105"]


def test_replacement_character_is_flagged_not_guessed(checker):
    result = checker.clean("Le texte pr\ufffdvoit une hausse.\n", lang="fr")
    assert "E102" in [f.rule for f in result.report.findings]
    assert result.text == "Le texte pr\ufffdvoit une hausse.\n"


def test_original_french_news_has_no_encoding_findings(checker, devdata):
    for path in sorted((devdata / "mt").glob("*.txt")):
        text = path.read_text("utf-8")
        report = checker.check(text, lang="fr")
        assert not [f for f in report.findings if f.category == "encoding"], path.name


def test_planted_encoding_recall_and_no_false_flags(checker):
    result = score_detector(checker, "encoding", ("E",))
    assert result.expected >= 10
    assert result.recall >= 0.9, result.missed
    assert not result.false_flags, result.false_flags


PIECES = [
    "Le ministre a déclaré que la réforme était prête.",
    _mojibake("Les syndicats dénoncent une « réforme injuste »."),
    _mojibake("Die Bürgermeisterin äußerte sich „sehr zufrieden“."),
    "L\u0092homme \u0085 est parti.",
    "Die Bundes\u00adregierung\u200b tagt.",
    "Le cafe\u0301 est fermé.",
    "Le texte pr\ufffdvoit une hausse.",
    "Il a dit « oui (sans conditions.",
    "", "  ", "\t",
]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(PIECES), max_size=8),
       glue=st.sampled_from(["\n", "\r\n", " ", "\n\n"]))
def test_encoding_repairs_rebuild_and_converge(checker, parts, glue):
    text = glue.join(parts) + "\n"
    once = checker.clean(text, lang="fr")
    assert rebuild(once.text, once.edits) == text
    twice = checker.clean(once.text, lang="fr")
    assert twice.text == once.text and twice.edits == ()
