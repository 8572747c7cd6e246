"""The per-document line facts the line detectors share, and the early exits built on
them: each shortcut must give the answer the full check gives."""
from __future__ import annotations

from tqcheck.detectors.line_facts import document_lines, ends_sentence
from tqcheck.model import Document

PAGE = ("Accueil\n\n  Politique  \nÉconomie\nUne rubrique dont le titre dépasse quarante lettres\n"
        "Le conseil municipal a voté le budget lundi soir, après trois heures de débat.\n")


def test_counts_words_once_and_keeps_blank_lines_apart():
    lines = document_lines(Document(PAGE))
    assert lines.all.words[:4] == [1, 0, 1, 1]
    assert [line.text for line in lines.filled.lines][:2] == ["Accueil", "  Politique  "]
    assert lines.filled.words[-1] == 14 and lines.filled.sentence_end[-1]


def test_menu_shape_reads_the_stripped_line():
    shaped = document_lines(Document(PAGE)).filled.menu_shaped
    # Padding does not make a menu item too long; forty-odd letters of title do.
    assert shaped[:3] == [True, True, True]
    assert shaped[3] is False and shaped[4] is False


def test_facts_follow_the_document_they_were_asked_for():
    first, second = Document("Accueil\nMonde\n"), Document("Le maire a parlé lundi soir.\n")
    assert document_lines(first).all.words == [1, 1, 0]
    assert document_lines(second).all.words == [6, 0]
    assert document_lines(first).all.words == [1, 1, 0]


def _teasers(pairs: int) -> str:
    headlines = ["Air France-KLM : Paris et La Haye calment le jeu",
                 "Fespaco : des actrices lancent une pétition",
                 "Le budget de la ville adopté après trois heures de débat",
                 "La grève des contrôleurs reconduite jusqu'à dimanche"]
    body = ("Le conseil municipal a voté le budget lundi soir, après un long débat "
            "sur les écoles et les transports de la ville.\n")
    teasers = "".join(f"{headlines[k]}\n{k + 1} mars 2019 à 13:1{k}\n" for k in range(pairs))
    return body * 3 + "À lire aussi\n" + teasers


def test_a_teaser_list_needs_as_many_timestamps_as_pairs(checker):
    # Three headline/timestamp pairs make a list of teasers (B305 asks for three);
    # two do not, and the shortcut that counts timestamps first must agree.
    found = {f.rule for f in checker.check(_teasers(3), lang="fr").findings}
    assert "B305" in found
    found = {f.rule for f in checker.check(_teasers(2), lang="fr").findings}
    assert "B305" not in found


def test_sentence_end_without_a_regex_reads_as_the_regex_does():
    import regex

    pattern = regex.compile(r"[.!?…][\"'»”’)\]]*\s*$")
    lines = ["Il a voté le budget.", "Il a voté le budget", "« Pourquoi ? »", "(voir p. 3)",
             "Fin.) ", "Fin. )", "Fin…\u3000", "Fin.\u00a0\r", "", "   ", ".", "Et alors ?’\"",
             "Fin.\n", "Fin\n.", "Fin.\x1c", "Fin.\x1f ", "Fin!]"]
    # Every character of the Basic Multilingual Plane's first blocks after a full stop
    # and after a word: the spaces the regex skips are exactly the ones stripped.
    lines += [f"Fin.{chr(c)}" for c in range(0x3100)] + [f"Fin{chr(c)}" for c in range(0x3100)]
    assert [ends_sentence(line) for line in lines] == [bool(pattern.search(line)) for line in lines]


def test_every_character_python_calls_a_letter_is_a_regex_letter():
    """`letter` trusts str.isalpha on a line's first character before asking \\p{L}."""
    import sys

    import regex

    letter = regex.compile(r"\p{L}")
    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if c.isalpha() and not letter.match(c)]
    lines = document_lines(Document("Accueil\n1 2 3\n→ 12\n  é\n« Élan »\n")).all
    assert lines.letter == [True, False, False, True, True, False]


def test_menu_shape_needs_a_capital_first_and_no_digit_anywhere():
    text = "Monde\nmonde\nÉconomie 2\nDžungla\nSport.\nÉté 2020 »\nLa Une\n"
    shaped = document_lines(Document(text)).all.menu_shaped
    assert shaped == [True, False, False, True, False, False, True, False]


def test_a_wrapped_sentence_end_stays_even_after_a_stray_separator(checker):
    """B301 keeps "2020.)" that ends a sentence wrapped from the line before; a converter's
    stray \\x1c after it (which str.strip takes and \\s does not) changes nothing."""
    text = ("Le conseil municipal a voté le budget lundi soir, après un long débat sur "
            "les écoles (voir le compte rendu de mars\n{}\nLes travaux commencent en juin "
            "et dureront six mois, selon la mairie.\n")
    for end in ("2020.)", "2020.)\x1c"):
        found = [f.text for f in checker.check(text.format(end), lang="fr").findings
                 if f.rule == "B301"]
        assert found == [], end
    assert [f.rule for f in checker.check(text.format("→ 12"), lang="fr").findings
            if f.rule == "B301"] == ["B301"]
