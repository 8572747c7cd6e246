"""bench/quality/every_entry.py scores every pool line exactly once: each line must sit
as its own paragraph at its usual place, with a gold span that covers it exactly."""
from __future__ import annotations

from bench.quality import base
from bench.quality.every_entry import one_doc_per_entry, table
from bench.quality.pools import load_pools


def test_every_entry_of_a_language_with_an_article_gets_one_exact_gold_span():
    bases = base.sample_docs()
    langs = {b.lang for b in bases}
    entries = [e for e in load_pools() if e.lang in langs]
    docs = one_doc_per_entry(entries, bases)
    assert len(docs) == len(entries)
    for entry, doc in zip(entries, docs):
        (gold,) = doc.gold
        assert doc.text[gold.start:gold.end] == entry.text
        assert (gold.category, gold.split, gold.lang) == (entry.category, entry.split, entry.lang)
        sep = doc.base.sep
        if entry.where == "top":
            assert doc.text.startswith(entry.text + sep)
        elif entry.where == "bottom":
            assert doc.text.endswith(sep + entry.text + "\n")
        else:
            assert doc.text[gold.start - len(sep):gold.start] == sep
            assert doc.text[gold.end:gold.end + len(sep)] == sep


def test_lines_of_a_language_without_an_article_are_left_out_not_misplaced():
    bases = [b for b in base.sample_docs() if b.lang == "fr"]
    entries = [e for e in load_pools() if e.lang in ("fr", "pt")]
    docs = one_doc_per_entry(entries, bases)
    assert docs and all(d.lang == "fr" for d in docs)
    assert len(docs) == sum(e.lang == "fr" for e in entries)


def test_table_shows_recall_and_line_count_per_column():
    result = {"by_category": {"signature": {
        "all": {"lines": 4, "recall": 0.5}, "split=dev": {"lines": 3, "recall": 0.667},
        "split=heldout": {"lines": 1, "recall": 0.0}, "lang=fr": None, "lang=en": None,
        "lang=de": None, "lang=es": None, "lang=pt": None}}}
    row = table(result).splitlines()[1]
    assert row.startswith("signature")
    assert "0.500 (  4)" in row and "0.667 (  3)" in row and "0.000 (  1)" in row and "–" in row
