"""The words screen (tqcheck.detectors.foreign_screen): lines surely in the document
language are counted by the document-language vote and passed over by the foreign
detector without a fastText call; everything else is identified as before, and the
outcome does not depend on what was predicted earlier."""
from __future__ import annotations

import pytest

from tqcheck.detectors.foreign_screen import NATIVE, NATIVE_OUTSIDE, UNSURE
from tqcheck.engine import Checker
from tqcheck.model import Document
from tqcheck.ruleset import load_rules

ARTICLE_FR = (
    "Le conseil municipal a voté mardi soir la rénovation complète du pont couvert.\n"
    "Les travaux commenceront avant l'hiver et dureront environ six mois, selon la mairie.\n"
    "La circulation sera maintenue sur une seule voie pendant toute la durée du chantier.\n"
    "Le maire a promis une réunion publique avec les riverains au début du mois prochain.\n"
    "Les commerçants du quartier craignent une baisse de leur chiffre d'affaires cet hiver.\n"
    "Une navette gratuite sera mise en place pour les habitants de la rive gauche.\n"
)
ENGLISH = (
    "The town council voted on Tuesday evening to fully renovate the covered bridge.\n"
    "Work will begin before the winter and will last about six months in total.\n"
    "Traffic will be kept to a single lane for the whole duration of the works.\n"
    "The mayor promised a public meeting with the residents early next month.\n"
    "Shopkeepers in the area fear that their takings will fall over the winter.\n"
    "A free shuttle will be laid on for the residents of the left bank of the river.\n"
)


@pytest.fixture(scope="module")
def foreign_checker(checker) -> Checker:
    return Checker(load_rules().only(lambda r: r.category == "foreign"),
                   identifier=checker.identifier)


@pytest.fixture(scope="module")
def detector(foreign_checker):
    return next(d for d in foreign_checker.detectors if d.name == "foreign")


def test_plain_native_lines_pass_and_anything_foreign_does_not(detector):
    native = detector.native_test("fr")
    for line in ARTICLE_FR.splitlines():
        assert native(line) == NATIVE, line
    for line in (
        # a frequent word of another language, a spelling French never uses
        "Le conseil municipal a voté the renovation of the bridge mardi soir.",
        "Le conseil municipal a voté mardi soir, disse o presidente da câmara.",
        # a foreign sentence run after a native one (each piece must show French)
        "Le conseil municipal a voté mardi soir la rénovation. Ricette con seitan vegano.",
        # headings and shouting are left to fastText
        "Rénovation du pont couvert",
        "LE CONSEIL MUNICIPAL A VOTÉ MARDI SOIR LA RÉNOVATION DU PONT",
        # mostly a quotation: it may be in any language
        "Il a dit « Wir werden die Brücke im Frühjahr wieder öffnen, ganz sicher ».",
    ):
        assert native(line) == UNSURE, line
    # Native outside its aside: only the aside is left to identify.
    assert native("Le conseil municipal a voté mardi soir (em inglês) la rénovation "
                  "complète du pont couvert.") == NATIVE_OUTSIDE


def test_a_language_without_word_data_is_not_screened(detector):
    assert detector.native_test("pl") is None and detector.native_test("und") is None
    assert detector.native_test("de")("Die Arbeiten sollen vor dem Winter beginnen "
                                      "und etwa sechs Monate dauern.") == NATIVE


def test_the_vote_predicts_only_lines_the_screen_cannot_vouch_for(foreign_checker):
    identifier = foreign_checker.identifier
    identifier.clear_cache()
    calls = identifier.model_calls
    ctx = foreign_checker.context(Document(ARTICLE_FR), None)
    assert (ctx.language, ctx.language_confidence) == ("fr", 1.0)
    assert identifier.model_calls - calls == 1  # the first line, then the screen
    identifier.clear_cache()
    assert identifier.document_language(ARTICLE_FR) == ("fr", 1.0, ())  # the exact vote


def test_a_bilingual_document_is_still_mixed_when_it_starts_in_one_language(
        foreign_checker):
    # The first French line makes French the language to screen for; the English half fails
    # the screen (its frequent words are no French), so the vote is not forced.
    text = ARTICLE_FR + ENGLISH
    identifier = foreign_checker.identifier
    identifier.clear_cache()
    screened = identifier.document_language(text, foreign_checker._kin,
                                            foreign_checker._native)
    identifier.clear_cache()
    exact = identifier.document_language(text, foreign_checker._kin)
    assert screened == exact and exact[0] == "mul"


def test_a_foreign_footer_is_found_and_the_language_confidence_kept_close(foreign_checker):
    text = ARTICLE_FR * 2 + "Follow us on Twitter and Facebook for more news from the region.\n"
    identifier = foreign_checker.identifier
    identifier.clear_cache()
    report = foreign_checker.check(Document(text))
    assert [f.rule for f in report.findings] == ["F101"]
    identifier.clear_cache()
    lang, share, _ = identifier.document_language(text, foreign_checker._kin)
    assert report.language == lang == "fr"
    assert abs(report.language_confidence - share) < 0.02


def test_the_lang_option_screens_too(foreign_checker):
    # With --lang there is no vote; the detector screens the lines itself.
    text = ARTICLE_FR + "Die Bahnstrecke bleibt bis Ende März gesperrt, teilte die Bahn mit.\n"
    identifier = foreign_checker.identifier
    identifier.clear_cache()
    report = foreign_checker.check(Document(text), lang="fr")
    assert report.language == "fr"
    assert [(f.rule, f.language) for f in report.findings] == [("F101", "de")]
    for line in ARTICLE_FR.splitlines():  # only the German line was identified
        assert identifier.cached_top(line) is None


def test_findings_do_not_depend_on_what_was_predicted_before(foreign_checker, detector):
    text = (ARTICLE_FR + "Le ministre (em inglês) a confirmé l'accord avec la mairie.\n"
            "The council voted to repair the covered bridge before winter, the mayor said.\n")
    identifier = foreign_checker.identifier

    def findings():
        detector.clear_cache()
        return [f.to_dict() for f in foreign_checker.check(Document(text)).findings]

    identifier.clear_cache()
    fresh = findings()
    for line in text.splitlines():  # as if another document had held these lines
        identifier.predict_one(line.strip())
    assert findings() == fresh and len(fresh) == 2
