"""Author bios that name the writer by role ("The author is…", "El autor es…") and the
crime-news sentences of the same opening that must stay (rule S212, bio_cues data)."""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker

BODY = "The council voted on Tuesday.\n\nRepairs will take six months.\n\n"

BIOS = [
    ("en", "The author is a professor of economics at the University of Leeds and writes for several newspapers."),
    ("fr", "L'auteur est professeur de droit à l'université de Lille et chroniqueur pour plusieurs journaux."),
    ("de", "Der Autor ist Professor für Geschichte an der Universität Bonn und schreibt für Magazine."),
    ("es", "El autor es profesor de Economía en la Universidad de Buenos Aires."),
    ("pt", "O autor é professor de Direito na Universidade de Coimbra."),
]

NOT_BIOS = [
    ("fr", "L'auteur de l'attaque, un ancien militaire, a été interpellé par la police."),
    ("es", "El autor del crimen fue detenido el lunes por la policía."),
    ("en", "The author was arrested at the border, police said."),
]


@pytest.fixture(scope="module")
def s212(checker) -> Checker:
    return Checker(checker.ruleset.only(lambda r: r.code == "S212"), identifier=checker.identifier)


@pytest.mark.parametrize("lang,line", BIOS)
def test_role_bio_at_the_foot_is_found(s212, lang, line):
    assert s212.check(BODY + line + "\n", lang=lang).findings


@pytest.mark.parametrize("lang,line", NOT_BIOS)
def test_news_about_an_author_is_kept(s212, lang, line):
    assert not s212.check(BODY + line + "\n", lang=lang).findings
