"""The line-shape detector (M400, M401, B400) on variants written for these tests: lines
of the same make-up as real bylines, credits and page controls but worded differently
from any rule pattern, and real content that looks close (a sentence with a date, a
headline with a page-control word, a caption with a verb)."""
from __future__ import annotations

import pytest

from tqcheck.engine import Checker

ARTICLE = {
    "fr": ("Le conseil municipal a voté mardi la fermeture du pont pour six mois de travaux.\n\n"
           "Les travaux commenceront en juin et coûteront douze millions d'euros à la ville.\n"),
    "en": ("The city council voted on Tuesday to close the bridge for six months of repairs.\n\n"
           "Work will start in June and is expected to cost the city twelve million pounds.\n"),
    "de": ("Der Stadtrat hat am Dienstag beschlossen, die Brücke für sechs Monate zu sperren.\n\n"
           "Die Arbeiten beginnen im Juni und kosten die Stadt rund zwölf Millionen Euro.\n"),
    "es": ("El ayuntamiento anunció el martes el cierre del puente durante seis meses por obras.\n\n"
           "Las obras empezarán en junio y costarán doce millones de euros a la ciudad.\n"),
    "pt": ("A prefeitura anunciou nesta terça-feira o fechamento da ponte por seis meses.\n\n"
           "As obras começam em junho e devem custar doze milhões de reais ao município.\n"),
}

# (language, line) — each would sit above or under an article on a real page.
NOISE = [
    ("fr", "Mis en ligne le 3 mai 2021 à 08h12"),
    ("fr", "Par Claire Moreau et Julien Faure"),
    ("fr", "Crédit photo : Hans Lucas / Maxppp"),
    ("fr", "Envoyer par e-mail"),
    ("en", "Updated 4 May 2021, 09:12 BST"),
    ("en", "Image: Shutterstock / Jane Roe"),
    ("en", "Sign in to comment"),
    ("de", "Von Anna Schmidt und Jens Weber, Hamburg"),
    ("de", "Stand: 04.05.2021 09:12 Uhr"),
    ("de", "Kommentare anzeigen"),
    ("es", "Por Lucía Fernández | Madrid"),
    ("es", "Foto: EFE / Juan Pérez"),
    ("es", "Inicia sesión para comentar"),
    ("pt", "Por Ana Beatriz Souza, G1 — Recife"),
    ("pt", "Atualizado há 2 horas"),
    ("pt", "Partilhar no WhatsApp"),
    ("pt", "Siga o nosso canal no Telegram"),
    ("fr", "Suivez-nous sur Google Actualités"),
    ("fr", "Découvrez nos offres d'abonnement"),
    ("en", "Watch the video"),
    ("de", "Video abspielen"),
    # a CMS header printing author, agency, place and times on one long line
    ("pt", "Por Ana Souza e Carlos Lima, g1 SP e TV Globo — São Paulo | 12/03/2021 16h25 "
           "Atualizado há 2 horas"),
    ("en", "By Jane Roe and John Smith, Reuters | Updated March 12, 2021 at 4:25 p.m. ET"),
    ("fr", "Jean Dupont · Il y a 3 heures"),
    ("fr", "Dernière modification : 12 mars 2021"),
    ("fr", "Claire Moreau, envoyée spéciale à Kiev"),
    ("de", "Jens Weber, Korrespondent in Washington"),
]

# Real content of the same length and words.
CONTENT = [
    ("fr", "Le 3 mai 2021, le conseil a voté la fermeture"),
    ("fr", "Partager le pouvoir"),
    ("fr", "Photo de classe à Marseille"),
    ("en", "Updated figures show a rise in cases"),
    ("en", "Sign of the times"),
    ("de", "Der Preis stieg am 4. Mai deutlich"),
    ("es", "Fuente de energía"),
    ("es", "Compartir el poder"),
    ("pt", "Foto de família no Planalto"),
    ("pt", "Seguir em frente"),
    ("fr", "Regarder la télévision"),
    ("fr", "Découvrez les résultats"),
    ("en", "Watch out"),
    ("es", "Galería de arte"),
    ("fr", "Il y a 3 heures de route entre Paris et Lyon"),
    ("en", "By March 12, 2021 the council had voted to close the bridge and two schools"),
    ("fr", "Le journaliste Claire Moreau a été libérée"),
]


SHAPE_RULES = ("M400", "M401", "B400")


@pytest.fixture(scope="module")
def shape(checker) -> Checker:
    """The shape rules alone: with every rule active, a pattern rule on the same line wins."""
    return Checker(checker.ruleset.only(lambda r: r.code in SHAPE_RULES),
                   identifier=checker.identifier)


def _shape_rules(checker: Checker, text: str, lang: str) -> set[str]:
    return {f.rule for f in checker.check(text, lang=lang).findings
            if f.rule in SHAPE_RULES}


@pytest.mark.parametrize("lang,line", NOISE)
def test_noise_line_above_article_is_found(shape, lang, line):
    found = _shape_rules(shape, f"{line}\n\n{ARTICLE[lang]}", lang)
    assert found, f"{line!r} not found"


@pytest.mark.parametrize("lang,line", CONTENT)
def test_content_line_is_kept(shape, lang, line):
    assert not _shape_rules(shape, f"{line}\n\n{ARTICLE[lang]}", lang)


def test_byline_in_the_middle_of_a_long_text_is_left_alone(shape):
    """A date stamp between paragraphs is a forum post header or a timeline entry."""
    body = "\n\n".join([ARTICLE["fr"].strip()] * 3)
    text = f"{body}\n\nPar Claire Moreau, 3 mai 2021\n\n{body}\n"
    assert not _shape_rules(shape, text, "fr")


def test_credit_in_the_middle_is_removed(shape):
    body = "\n\n".join([ARTICLE["de"].strip()] * 3)
    text = f"{body}\n\nFoto: Anna Schmidt/dpa\n\n{body}\n"
    cleaned = shape.clean(text, lang="de").text
    assert "Foto: Anna Schmidt/dpa" not in cleaned
    assert cleaned.count("Stadtrat") == 6


def test_bare_date_stamp_is_only_flagged(shape):
    text = f"Mardi 4 mai 2021, 09:12\n\n{ARTICLE['fr']}"
    report = shape.check(text, lang="fr")
    assert any(f.rule == "M401" and f.action == "flag" for f in report.findings)
    assert "Mardi 4 mai 2021" in shape.clean(text, lang="fr").text


def test_quoted_or_question_lines_are_left_alone(shape):
    for line in ("« Partager sur Facebook »", "Faut-il s'abonner ?"):
        assert not _shape_rules(shape, f"{line}\n\n{ARTICLE['fr']}", "fr"), line


@pytest.mark.parametrize("lang,line", NOISE)
def test_cheap_precheck_never_skips_a_noise_line(shape, lang, line):
    """`may_pass` runs before tokenising; it must let every line a check accepts through."""
    detector = next(d for d in shape.detectors if d.name == "line-shape")
    assert detector.lexicon(lang).may_pass(line, 3)


def test_a_line_judged_once_is_still_placed_in_each_document(shape):
    """Verdicts are kept per line text across documents; where the line sits is judged
    per document: a date stamp at the head of one text, between paragraphs of another."""
    stamp = "Par Claire Moreau, 3 mai 2021"
    body = "\n\n".join([ARTICLE["fr"].strip()] * 3)
    at_head = f"{stamp}\n\n{ARTICLE['fr']}"
    inside = f"{body}\n\n{stamp}\n\n{body}\n"
    assert _shape_rules(shape, at_head, "fr")
    assert not _shape_rules(shape, inside, "fr")
    assert _shape_rules(shape, at_head, "fr")


def test_kept_verdicts_are_bounded_and_do_not_change_findings(shape, monkeypatch):
    from tqcheck.detectors import line_shape

    detector = next(d for d in shape.detectors if d.name == "line-shape")
    texts = [f"{line}\n\n{ARTICLE[lang]}" for lang, line in NOISE]
    before = [shape.check(t, lang=lang).findings for t, (lang, _) in zip(texts, NOISE)]
    monkeypatch.setattr(line_shape, "VERDICT_CACHE", 2)
    detector.verdicts.clear()
    after = [shape.check(t, lang=lang).findings for t, (lang, _) in zip(texts, NOISE)]
    assert after == before and all(before)
    assert sum(map(len, detector.verdicts.values())) <= 2 + 5


def test_remembered_token_classes_give_the_profiles_a_fresh_lexicon_gives(shape, monkeypatch):
    """Token classes are memoised per lexicon (and edge-stripped tokens per process);
    a memo that starts afresh at every token must not change a profile. "Mai" is a
    month beside a number and a name without one: the memo key must tell them apart."""
    from tqcheck.detectors import line_lexicon

    detector = next(d for d in shape.detectors if d.name == "line-shape")
    lines = [line for _, line in NOISE + CONTENT] + ["Mai Tran, Hanoi", "Mai Tran, 3 mai 2021"]
    warm = detector.lexicon("fr")
    expected = [warm.profile(line) for line in lines] + [warm.profile(line) for line in lines]
    monkeypatch.setattr(line_lexicon, "MEMO_SIZE", 1)
    fresh = line_lexicon.LineLexicon.build(detector.tables, "fr", detector.frequent["fr"])
    again = [fresh.profile(line) for line in lines] + [fresh.profile(line) for line in lines]
    assert again == expected
    assert expected[-2].counts != expected[-1].counts
    assert len(fresh.classes) <= 1


def test_tokens_read_as_needed_give_the_profile_of_the_whole_line(shape):
    """`profile` reads tokens only as far as it needs them: a phrase is still matched
    whole (also at the end of the line, or cut short by it), and a line of prose stops
    being read once it has more ordinary words than any check allows."""
    lexicon = next(d for d in shape.detectors if d.name == "line-shape").lexicon("fr")
    head = lexicon.profile("Mis à jour le 3 mai 2021 à 08h12", 1)
    assert head.first == "label" and head["label"] == 3 and head.tokens == 9
    tail = lexicon.profile("Par Claire Moreau, mis à jour le 3 mai", 1)
    assert tail["label"] == 4 and tail["name"] == 2 and tail.tokens == 9
    cut = lexicon.profile("Mis à", 1)
    assert cut.first == "name" and cut["label"] == 0 and cut.tokens == 2
    assert lexicon.profile("Par Claire Moreau a dit que le maire viendra lundi", 1) is None
    assert lexicon.profile("Par Claire Moreau a dit que le maire viendra lundi") is not None


@pytest.mark.parametrize("bar", ["Accueil » Monde » Europe » France",
                                 "Startseite – Politik – Wirtschaft – Kultur",
                                 "Sobre nós • Anuncie • Contato • Trabalhe conosco",
                                 "Home / News / Sport / Weather"])
def test_each_separator_a_link_bar_may_use_lets_the_line_through(checker, bar):
    """The text checks run only on lines holding a character they need (one search for
    all of them): every separator of a link bar must count as one."""
    b402 = Checker(checker.ruleset.only(lambda r: r.code == "B402"), identifier=checker.identifier)
    found = {f.rule for f in b402.check(f"{ARTICLE['fr']}\n{bar}\n", lang="fr").findings}
    assert found == {"B402"}, bar
