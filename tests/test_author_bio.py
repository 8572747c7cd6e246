"""The author-bio detector (rule S212) in each language it has cues for.

S212's own examples run in English only (a rule file has one example language); these
cases check the fr/de/es/pt cue data the same way: a bio line at the foot of an article
is flagged, and the news sentences that look closest to one are not.
"""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker

ARTICLE = {
    "fr": "Le conseil municipal a voté mardi la fermeture du pont.\n\nLes travaux dureront six mois.\n\n",
    "de": "Der Stadtrat hat am Dienstag die Sperrung der Brücke beschlossen.\n\nDie Arbeiten dauern sechs Monate.\n\n",
    "es": "El ayuntamiento votó el martes el cierre del puente.\n\nLas obras durarán seis meses.\n\n",
    "pt": "A câmara votou na terça-feira o fechamento da ponte.\n\nAs obras vão durar seis meses.\n\n",
}

BIOS = [
    ("fr", "Après une formation en lettres, je travaille comme pigiste pour plusieurs magazines."),
    ("de", "Nach meinem Studium in Leipzig arbeite ich als freie Autorin für Zeitungen und Magazine."),
    ("es", "Trabajo como redactora freelance desde 2012 y colaboro con varias revistas de viajes."),
    ("pt", "Trabalho como redatora desde 2015 e colaboro com revistas e sites de tecnologia."),
]

NOT_BIOS = [
    # reported speech, with and without quotation marks
    ("fr", "Je suis journaliste depuis 2010 et je travaille pour ce magazine, a-t-elle raconté."),
    ("de", "Ich bin seit 2010 Journalist bei der Zeitung, sagte er dem Gericht."),
    # a news sentence about a journalist, not a self-description
    ("es", "La periodista, que trabajó en varias revistas desde 2010, fue detenida el lunes."),
    ("pt", "O jornalista foi libertado na terça-feira, segundo o advogado."),
]


@pytest.fixture(scope="module")
def s212(checker) -> Checker:
    """S212 alone: with every rule active, a pattern rule covering the same line wins."""
    return Checker(checker.ruleset.only(lambda r: r.code == "S212"), identifier=checker.identifier)


def _s212(s212: Checker, lang: str, text: str) -> list[str]:
    return [f.text for f in s212.check(text, lang=lang).findings]


@pytest.mark.parametrize("lang,line", BIOS, ids=[lang for lang, _ in BIOS])
def test_bio_at_the_foot_is_flagged(s212, lang, line):
    assert _s212(s212, lang, ARTICLE[lang] + line + "\n") == [line]


@pytest.mark.parametrize("lang,line", NOT_BIOS, ids=[lang for lang, _ in NOT_BIOS])
def test_news_sentence_is_not_a_bio(s212, lang, line):
    assert _s212(s212, lang, ARTICLE[lang] + line + "\n") == []


def test_bio_in_the_body_is_left_alone(s212):
    lang, line = BIOS[0]
    text = ARTICLE[lang] + line + "\n\nLe maire a salué la décision.\n\nLa réouverture est prévue en mars.\n\nUn recours a été déposé.\n"
    assert _s212(s212, lang, text) == []


def test_the_last_lines_are_counted_from_the_foot_never_the_first_line(s212):
    """Only the last three non-blank lines are read, blank lines and trailing spaces
    between them not counted, and the opening line never: a two-line note is no article."""
    lang, line = BIOS[0]
    tail = "Le maire a salué la décision.\n\n \n\nUn recours a été déposé.\n\n\t\n"
    assert _s212(s212, lang, ARTICLE[lang] + line + "\n\n" + tail) == [line]
    one_more = "Le maire a salué la décision.\n\nLa réouverture est prévue.\n\nUn recours a été déposé.\n"
    assert _s212(s212, lang, ARTICLE[lang] + line + "\n\n" + one_more) == []
    assert _s212(s212, lang, f"{line}\n\nUn recours a été déposé.\n") == []
    assert _s212(s212, lang, f"Un recours a été déposé.\n\n{line}\n") == [line]


def test_outlet_and_career_cues_need_the_writers_voice(s212):
    """The voice (self or trade) is looked for first and the line dropped without it:
    an outlet and two career cues are not a bio, the same line with a trade word is."""
    lead = "The council voted on Tuesday to close the bridge.\n\nWork will take six months.\n\n"
    voiceless = "Based in Leeds since 2010, passionate about radio and podcasts."
    voiced = "Journalist based in Leeds since 2010, passionate about radio and podcasts."
    assert _s212(s212, "en", lead + voiceless + "\n") == []
    assert _s212(s212, "en", lead + voiced + "\n") == [voiced]
