"""The site-notice detector (B401) on notices written for these tests, and on news
sentences about browsers, apps and newsrooms that must stay."""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker

LEAD = {
    "fr": "Le conseil municipal a voté mardi la fermeture du pont pour six mois de travaux.",
    "en": "The city council voted on Tuesday to close the bridge for six months of repairs.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Brücke für sechs Monate zu sperren.",
    "es": "El ayuntamiento anunció el martes el cierre del puente durante seis meses por obras.",
    "pt": "A prefeitura anunciou nesta terça-feira o fechamento da ponte por seis meses.",
}

NOTICES = [
    ("fr", "Pour lire la suite de cet article, activez JavaScript dans votre navigateur."),
    ("fr", "Cet article est réservé aux abonnés : connectez-vous à votre compte pour le lire."),
    ("en", "To comment on this article, please sign in to your account."),
    ("en", "This page works best in a modern browser with JavaScript enabled."),
    ("de", "Um Kommentare zu schreiben, melden Sie sich bitte mit Ihrem Konto an."),
    ("es", "Para ver este contenido, acepta las cookies de la página en tu navegador."),
    ("pt", "Para continuar lendo esta matéria, faça login com seu e-mail de assinante."),
    ("de", "Sie möchten diesen Artikel kommentieren? Dann loggen Sie sich ein."),
    ("es", "Descarga gratis nuestra aplicación para no perderte nada."),
    ("en", "Thanks for reading! Subscribe for free to receive new posts."),
]

NEWS = [
    ("fr", "Le navigateur de Google bloquera désormais les cookies publicitaires, a annoncé l'entreprise."),
    ("en", "The app's new browser blocks ads on most websites, the company said on Monday."),
    ("de", "Der Browser-Hersteller hat eine neue Version seiner App mit Werbeblocker veröffentlicht."),
    ("es", "La redacción del diario publicó un artículo sobre la página web del ministerio."),
    ("pt", "O site do ministério ficou fora do ar, e a página de consultas só voltou à noite."),
    ("es", "Según la empresa, los usuarios pueden descargar la nueva aplicación desde el lunes."),
    ("de", "Die Nutzer müssen sich künftig mit ihrem Konto anmelden, um Kommentare zu schreiben."),
]


@pytest.fixture(scope="module")
def b401(checker) -> Checker:
    return Checker(checker.ruleset.only(lambda r: r.code == "B401"), identifier=checker.identifier)


@pytest.mark.parametrize("lang,line", NOTICES)
def test_notice_is_removed(b401, lang, line):
    text = f"{LEAD[lang]}\n\n{line}\n"
    assert b401.clean(text, lang=lang).text == f"{LEAD[lang]}\n"


@pytest.mark.parametrize("lang,line", NEWS)
def test_news_about_the_web_is_kept(b401, lang, line):
    assert not b401.check(f"{LEAD[lang]}\n\n{line}\n", lang=lang).findings


def test_a_kept_verdict_belongs_to_its_language(b401):
    """Verdicts of short lines are kept across documents, per document language: an
    English notice is one in an English text, and the French cues do not know it."""
    from tqcheck.detectors.site_notice import CACHED_CHARS

    line = "Sign in to comment on this article."
    assert len(line) <= CACHED_CHARS  # short enough for its verdict to be kept
    for _ in range(2):
        assert b401.check(f"{LEAD['en']}\n\n{line}\n", lang="en").findings
        assert not b401.check(f"{LEAD['fr']}\n\n{line}\n", lang="fr").findings


def test_kept_verdicts_are_bounded_and_do_not_change_findings(b401, monkeypatch):
    from tqcheck.detectors import site_notice

    texts = [(lang, f"{LEAD[lang]}\n\n{line}\n") for lang, line in NOTICES + NEWS]
    before = [b401.check(text, lang=lang).findings for lang, text in texts]
    monkeypatch.setattr(site_notice, "VERDICT_CACHE", 1)
    detector = next(d for d in b401.detectors if d.name == "site-notice")
    detector.verdicts.clear()
    assert [b401.check(text, lang=lang).findings for lang, text in texts] == before
    assert sum(map(bool, before)) == len(NOTICES)
    assert sum(map(len, detector.verdicts.values())) <= 1 + 2
