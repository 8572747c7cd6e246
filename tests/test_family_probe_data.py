"""The family-probe rows (bench/quality/families/*.tsv) are well formed: a bad row would
silently drop out of `python -m bench.quality.families` or crash it half-way."""
from __future__ import annotations

from collections import Counter

from bench.quality.families import FAMILIES, caught, rows
from bench.quality.base import BaseDoc

CATEGORIES = {"boilerplate", "signature", "disclaimer", "metadata"}
LANGS = {"fr", "en", "de", "es", "pt"}


def test_every_row_names_a_line_category_a_pool_language_and_a_place():
    found = rows()
    assert len(found) > 500
    assert {r[0] for r in found} <= CATEGORIES
    assert {r[1] for r in found} == LANGS
    assert {r[2] for r in found} <= {"top", "middle", "bottom"}
    assert all(r[3].strip() == r[3] and r[3] for r in found)


def test_rows_are_not_repeated_and_each_file_holds_its_own_category():
    found = rows()
    repeated = [key for key, n in Counter((r[1], r[3]) for r in found).items() if n > 1]
    assert not repeated
    for path in FAMILIES.glob("*.tsv"):
        cats = {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
        assert cats == {path.stem}


def test_a_share_widget_is_caught_and_a_sentence_is_not():
    article = BaseDoc("t", "fr", ("Le conseil municipal a voté mardi la fermeture du pont "
                                  "pour six mois, une décision attendue depuis longtemps.",
                                  "Les travaux commenceront en mai et coûteront douze "
                                  "millions d'euros, selon la mairie."), "\n\n", "test")
    assert caught("Partager sur Facebook Partager sur Twitter", "boilerplate", "bottom", article)
    assert not caught("Le maire a défendu le projet devant les habitants réunis jeudi soir.",
                      "boilerplate", "bottom", article)
