"""Typography detector: quotation marks, brackets and spacing, per language data."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from artifact_manifest import assert_case, score_detector
from tqcheck.detectors.quote_scan import scan

CASES = [
    # (language, text, rule, should flag)
    ("fr", "Le maire a dit : « Nous partirons demain, sans attendre.\n", "T101", True),
    ("fr", "Le maire a dit : « Nous partirons demain », sans attendre.\n", "T101", False),
    ("fr", "Il a dit : « Je ne parlerais pas de “crise”, mais de difficultés. »\n", "T101", False),
    ("fr", "« Le premier paragraphe d'une longue citation.\n\n« Le second, qui la termine », a-t-il dit.\n",
     "T101", False),
    ("fr", "Trois scénarios : 1) le statu quo ; 2) la fusion ; 3) la fermeture.\n", "T101", False),
    ("de", "„Wir kommen morgen, sagte der Minister.\n", "T101", True),
    ("de", "„Wir kommen morgen“, sagte der Minister. Im Buch steht: »Nie wieder.«\n", "T101", False),
    ("en", "The council (which met on Tuesday voted to close the pool.\n", "T101", True),
    ("en", "The council (which met on Tuesday) voted to close the pool :) great.\n", "T101", False),
    ("es", "El ministro dijo que “el plan llegará a tiempo, según fuentes oficiales.\n", "T101", True),
    ("fr", "Le maire parle d'un « projet d'avenir ». L'opposition dénonce un \"gaspillage\".\n",
     "T102", True),
    ("fr", "L'opposition dénonce un \"gaspillage\" et parle de \"mépris\".\n", "T102", False),
    ("es", "El rector habló de «un día histórico» y de “un reto enorme”.\n", "T102", False),
    ("fr", "Le maire parle d'un „projet d'avenir“ selon la presse.\n", "T103", True),
    ("de", "Der Minister sprach von einer ”Chance”.\n", "T103", True),
    ("en", "The mayor spoke of «a historic day» on Tuesday.\n", "T103", True),
    ("en", "The mayor spoke of “a historic day” on Tuesday.\n", "T103", False),
    ("en", "Is this the end ? Nobody knows.\n", "T104", True),
    ("de", "Das ist das Ende !\n", "T104", True),
    ("it", "È finita ? Nessuno lo sa.\n", "T104", True),
    ("en", "Is this the end\u00a0? Nobody knows.\n", "T104", True),
    ("de", "Das ist das Ende\u202f!\n", "T104", True),
    ("fr", "« Nous partirons » dit-il. « Demain » ajoute-t-elle. « Sans faute » répète-t-il. "
     "«Jamais» conclut-il.\n", "T104", True),
    ("fr", "« Nous partirons » dit-il. «Demain» ajoute-t-elle.\n", "T104", False),
    ("fr", "Est-ce la fin ? Personne ne le sait : le débat continue.\n", "T104", False),
    ("fr", "Il a dit : oui. Elle a dit : non. Ils ont dit : peut-être. Puis: rien.\n", "T104", True),
    ("fr", "Il a dit: oui. Elle a dit : non.\n", "T104", False),
    ("en", "Meeting at 10:30; see http://example.org: all welcome!\n", "T104", False),
    ("en", "The mayor's office said the council's vote was final; the mayor’s aide, the city's lawyer and the party's chief agreed.\n",
     "T107", True),
    ("it", "L'assessore ha detto che l'allerta resta, ma l’ordinanza scade domani e l'ufficio riapre.\n", "T107", True),
    ("it", "L’assessore ha detto che l’allerta resta e l’ufficio riapre.\n", "T107", False),
    ("en", "The mayor’s office said the council's vote was final.\n", "T107", False),
]


@pytest.mark.parametrize("lang,text,rule,flags", CASES,
                         ids=[f"{c[2]}-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_typography_cases(checker, lang, text, rule, flags):
    assert_case(checker, lang, text, rule, flags)


def test_same_character_opens_in_german_and_closes_in_french():
    german = scan("»Nie wieder.«", 0, 13, (("»", "«"),))
    french = scan("«Plus jamais.»", 0, 14, (("«", "»"),))
    assert all(m.close_at is not None for m in german.marks + french.marks)
    assert not german.stray_closers and not french.stray_closers


def test_nested_quotes_have_depth():
    text = "« Il a dit “non” hier »"
    result = scan(text, 0, len(text), (("«", "»"), ("“", "”")))
    depths = {text[m.open_at]: m.quote_depth for m in result.marks}
    assert depths == {"«": 0, "“": 1}


def test_scan_sees_marks_at_both_ends_of_its_range_and_none_outside():
    # The scan jumps from mark to mark: the first and last characters of a paragraph
    # count, its neighbours' marks do not, and letters, digits and inch marks stay out.
    before = "« Fin du paragraphe précédent »\n"
    paragraph = "(Le 12\" écran) « Il a dit “non” [hier] et {pas} aujourd'hui »"
    text = before + paragraph + "\n« Suite »"
    start, end = len(before), len(before) + len(paragraph)
    result = scan(text, start, end, (("«", "»"), ("“", "”")))
    assert [(text[m.open_at], text[m.close_at]) for m in result.marks] == [
        ("(", ")"), ("«", "»"), ("“", "”"), ("[", "]"), ("{", "}")]
    assert result.marks[0].open_at == start and result.marks[1].close_at == end - 1
    assert not result.stray_closers
    cut = scan(text, start, end - 1, (("«", "»"), ("“", "”")))
    assert [text[m.open_at] for m in cut.marks if m.close_at is None] == ["«"]


def test_scan_keeps_enumerators_and_reports_a_closer_after_a_word():
    text = "Deux options : a) attendre, iii) partir ; la réunion est reportée) selon le maire.\n"
    result = scan(text, 0, len(text), (("«", "»"),))
    assert result.stray_closers == ((text.index("reportée)") + 8, ("(", ")")),)


def test_depth_counts_the_quotations_around_a_mark_and_not_the_brackets():
    text = "« Il a dit (“ le « non » ” [hier]) » et « oui »"
    result = scan(text, 0, len(text), (("«", "»"), ("“", "”")))
    assert [(text[m.open_at], m.quote_depth) for m in result.marks] == [
        ("«", 0), ("(", 1), ("“", 1), ("«", 2), ("[", 1), ("«", 0)]


def test_a_closer_answering_the_previous_paragraph_is_not_stray(checker):
    text = ("Le maire (qui parlait hier) a dit : « Nous partirons demain.\n\n"
            "Sans attendre » et [sans] regret ) a-t-il conclu.\n")
    found = [(f.text, f.start) for f in checker.check(text, lang="fr").findings if f.rule == "T101"]
    assert found == [("«", text.index("«")), (")", text.rindex(")"))]


def test_undetermined_language_checks_brackets_only(checker):
    text = "Le maire a dit « oui (sans conditions.\n"
    codes = [f.rule for f in checker.check(text, lang="und").findings if f.category == "typography"]
    assert codes == ["T101"]


def test_planted_typography_recall_and_no_false_flags(checker):
    result = score_detector(checker, "typography", ("T",))
    assert result.expected >= 15
    assert result.recall >= 0.9, result.missed
    assert not result.false_flags, result.false_flags


def test_mixed_apostrophes_are_one_finding_per_document(checker):
    text = ("L'éruption a duré trois mois. L'institut l'a confirmé, l'État aussi, "
            "et l'armée l'a suivie jusqu'à l'aube. L'enquête s'ouvre aujourd'hui. "
            "Il n’existe pas de données ; l’accès n’est pas libre.\n")
    found = [f for f in checker.check(text, lang="fr").findings if f.rule == "T107"]
    assert len(found) == 1
    assert found[0].text == "’" and found[0].start == text.index("’")
    assert "3 places" in found[0].message


def test_space_before_comma_and_full_stop_is_removed_but_french_spacing_is_not(checker):
    text = "Selon le ministère , la situation est « sous contrôle » ; rien ne change .\n"
    result = checker.clean(text, lang="fr")
    assert result.text == "Selon le ministère, la situation est « sous contrôle » ; rien ne change.\n"
    assert [f.rule for f in result.report.findings if f.rule == "T201"] == ["T201", "T201"]
    for clean in ("Le taux passe de 3,5 % à 4 % : c'est confirmé !\n",
                  "Il hésite ... puis signe.\n", "Voir lemonde .fr ;-)\n"):
        assert not [f for f in checker.check(clean, lang="fr").findings if f.rule == "T201"]


def test_curly_quote_closed_by_straight_one_is_one_finding(checker):
    """Clarín-style “…", then a straight quotation: one mismatched pair at the opener,
    not an open “ plus a cascade that calls the next, well-formed quotation unclosed."""
    text = ("“Sin ningún tipo de dudas, el que fuerza la ruptura es Alberto\", dijo el "
            "secretario general. Y remató: \"Alberto no se va a llevar el Gobierno a la "
            "mesita de luz\".\n")
    findings = [f for f in checker.check(text, lang="es").findings if f.rule == "T101"]
    assert [(f.start, f.text) for f in findings] == [(0, "“")]
    assert 'closed by "' in findings[0].message


def test_straight_quote_opening_inside_curly_quotation_still_nests(checker):
    text = "“El ministro dijo \"no\" y se fue”, contó un testigo.\n"
    assert not [f for f in checker.check(text, lang="es").findings if f.rule == "T101"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aéZ1 :;!?\u00a0\u202f\n.")), max_size=40))
def test_spaced_marks_are_counted_as_the_letter_first_pattern_counts_them(text):
    # The spacing check counts "letter, space, mark" with the space matched first and
    # the letter looked back at: the same count as the pattern that starts at the letter.
    marks = regex.escape(":;!?")
    letter_first = regex.compile(rf"\p{{L}}[ \u00a0\u202f][{marks}](?=\s)")
    space_first = regex.compile(rf"[ \u00a0\u202f][{marks}](?<=\p{{L}}..)(?=\s)")
    assert len(space_first.findall(text)) == len(letter_first.findall(text))
