"""tqcheck for Ray Data: the map_batches class on each batch format, and a real local
Ray run (slow; skipped where Ray is not installed)."""
from __future__ import annotations

from pathlib import Path

import pytest

import tqcheck
from tqcheck.engine import Checker
from tqcheck.ruleset import load_rules

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[1]
HOUSE_RULES = ROOT / "tests" / "fixtures" / "house_rules"
MIN_SCORE = 95.0


@pytest.fixture(scope="module")
def cleaner():
    from tqcheck.integrations.ray import TqcheckCleaner

    return TqcheckCleaner(rules_dirs=[HOUSE_RULES], min_score=MIN_SCORE)


@pytest.fixture(scope="module")
def fixture_checker() -> Checker:
    return Checker(load_rules([HOUSE_RULES]))


def rows_of(docs):
    return [{"id": doc_id, "text": text, "source": "samples"} for doc_id, text in docs]


def test_each_batch_format_gives_the_same_table(cleaner, sample_documents):
    pandas = pytest.importorskip("pandas")
    import numpy as np

    rows = rows_of(sample_documents[:4])
    as_arrow = pa.Table.from_pylist(rows)
    as_pandas = pandas.DataFrame(rows)
    as_numpy = {k: np.array([r[k] for r in rows], dtype=object) for k in rows[0]}
    tables = [cleaner(batch) for batch in (as_arrow, as_pandas, as_numpy)]
    assert tables[0].column_names == ["id", "text", "source", "tqcheck", "filter_reason"]
    assert tables[1].to_pylist() == tables[0].to_pylist() == tables[2].to_pylist()


def test_rows_match_the_library_and_rejected_rows_say_why(cleaner, sample_documents,
                                                          fixture_checker):
    from tqcheck.integrations.ray import RECORD_TYPE

    table = cleaner(pa.Table.from_pylist(rows_of(sample_documents)))
    assert table.schema.field("tqcheck").type == RECORD_TYPE
    originals = dict(sample_documents)
    for row in table.to_pylist():
        expected = fixture_checker.clean(originals[row["id"]])
        record = row["tqcheck"]
        assert row["text"] == expected.text
        assert record["score"] == round(expected.report.score, 2)
        assert record["language"] == expected.report.language
        edits = [tqcheck.Edit.from_dict(e) for e in record["edits"]]
        assert tqcheck.rebuild(row["text"], edits) == originals[row["id"]]
        assert (row["filter_reason"] is None) == (record["score"] >= MIN_SCORE)
    widget = next(r for r in table.to_pylist() if r["id"] == "widget-page")
    assert widget["filter_reason"] == "tqcheck:boilerplate"
    assert widget["tqcheck"]["categories"]["boilerplate"] >= 4
    assert widget["tqcheck"]["categories"]["metadata"] >= 1
    assert "H901" in widget["tqcheck"]["rules"]  # the house rule reached the adapter


def test_a_row_without_text_is_reported_and_the_batch_goes_on(cleaner):
    table = cleaner(pa.Table.from_pylist([
        {"id": "a", "text": None},
        {"id": "b", "text": "Le conseil a voté mardi.   \n"},
    ]))
    bad, good = table.to_pylist()
    assert bad["text"] is None and bad["tqcheck"]["error"] == "no text"
    assert bad["tqcheck"]["score"] is None and bad["filter_reason"] == "tqcheck:error"
    assert good["text"] == "Le conseil a voté mardi.\n" and good["filter_reason"] is None


def test_check_only_leaves_text_alone_and_a_missing_column_is_named():
    from tqcheck.integrations.ray import TqcheckCleaner

    checker = TqcheckCleaner(clean=False, text_column="body", lang="fr")
    table = checker(pa.Table.from_pylist([{"body": "Le conseil a voté mardi.   \n"}]))
    row = table.to_pylist()[0]
    assert row["body"] == "Le conseil a voté mardi.   \n"
    assert row["tqcheck"]["categories"]["whitespace"] == 1 and row["tqcheck"]["edits"] is None
    assert "filter_reason" not in table.column_names
    with pytest.raises(KeyError, match="no column 'body'.*columns: text"):
        checker(pa.Table.from_pylist([{"text": "x"}]))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own, from ray.data
def test_local_ray_dataset_cleans_with_an_actor_pool(ray_local, tmp_path, sample_documents,
                                                    fixture_checker):
    from tqcheck.integrations.ray import clean_dataset

    ds = ray_local.data.from_items(rows_of(sample_documents))
    out = clean_dataset(ds, rules_dirs=[HOUSE_RULES], min_score=MIN_SCORE,
                        concurrency=2, batch_size=4)
    # Parquet needs one schema across blocks, including blocks with no edits at all.
    # One Ray job: write; read back with pyarrow alone.
    out.write_parquet(str(tmp_path / "parquet"))
    rows = {r["id"]: r for r in pq.read_table(str(tmp_path / "parquet")).to_pylist()}
    originals = dict(sample_documents)
    assert set(rows) == set(originals)
    for doc_id, row in rows.items():
        expected = fixture_checker.clean(originals[doc_id])
        assert row["text"] == expected.text
        assert row["tqcheck"]["score"] == round(expected.report.score, 2)
    assert rows["widget-page"]["filter_reason"] == "tqcheck:boilerplate"
    assert "H901" in rows["widget-page"]["tqcheck"]["rules"]  # house rule, in the actors
    assert rows["fr-clean-tramway-nuit"]["filter_reason"] is None
