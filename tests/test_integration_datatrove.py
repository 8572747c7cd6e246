"""tqcheck as datatrove steps, end to end on the local executor: JSONL in, cleaned
JSONL out, rejected documents kept by the exclusion writer, per-category stats."""
from __future__ import annotations

import gzip
import importlib.metadata
import json
import pickle
from pathlib import Path

import pytest

import tqcheck
from tqcheck.engine import Checker
from tqcheck.ruleset import RuleError, load_rules

ROOT = Path(__file__).resolve().parents[1]
HOUSE_RULES = ROOT / "tests" / "fixtures" / "house_rules"
MIN_SCORE = 95.0

pytestmark = pytest.mark.usefixtures("datatrove_installed")


@pytest.fixture(scope="module")
def fixture_checker() -> Checker:
    """The library, as a user would call it, with the same rules the steps are given."""
    return Checker(load_rules([HOUSE_RULES]))


def write_shards(folder: Path, docs: list[tuple[str, str]], shards: int) -> None:
    folder.mkdir(parents=True)
    for n in range(shards):
        with gzip.open(folder / f"part-{n}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for doc_id, text in docs[n::shards]:
                handle.write(json.dumps({"id": doc_id, "text": text, "url": f"https://example.org/{doc_id}"},
                                        ensure_ascii=False) + "\n")


def read_folder(folder: Path) -> dict[str, dict]:
    rows = {}
    for path in sorted(folder.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def stat_total(value) -> float:
    """datatrove writes a stat seen with value 1 only as a bare number."""
    return value["total"] if isinstance(value, dict) else value


@pytest.mark.slow
def test_local_executor_cleans_jsonl_and_keeps_rejected_documents(
        tmp_path, monkeypatch, sample_documents, fixture_checker):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    # datatrove's workers are fresh interpreters: let them import this checkout.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    write_shards(tmp_path / "in", sample_documents, shards=2)
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(tmp_path / "in")),
        TqcheckFormatter(rules_dirs=[HOUSE_RULES]),
        TqcheckFilter(min_score=MIN_SCORE,
                      exclusion_writer=JsonlWriter(str(tmp_path / "rejected"))),
        JsonlWriter(str(tmp_path / "out")),
    ], tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()

    kept, rejected = read_folder(tmp_path / "out"), read_folder(tmp_path / "rejected")
    originals = dict(sample_documents)
    assert set(kept) | set(rejected) == set(originals)
    assert not set(kept) & set(rejected)
    assert "widget-page" in rejected and "fr-clean-tramway-nuit" in kept
    counts = {c: 0 for c in tqcheck.model.CATEGORIES}
    for doc_id, row in {**kept, **rejected}.items():
        expected = fixture_checker.clean(originals[doc_id])
        record = row["metadata"]["tqcheck"]
        assert row.get("text", "") == expected.text
        assert record["score"] == round(expected.report.score, 2)
        assert record["language"] == expected.report.language
        edits = [tqcheck.Edit.from_dict(e) for e in record["edits"]]
        assert tqcheck.rebuild(row.get("text", ""), edits) == originals[doc_id]
        assert row["metadata"]["url"] == f"https://example.org/{doc_id}"
        for category, n in record["categories"].items():
            counts[category] += n
        if doc_id in rejected:
            assert record["score"] < MIN_SCORE
        else:
            assert record["score"] >= MIN_SCORE
    assert "Partager sur Facebook" not in kept.get("fr-02-la-rochelle-arbres", rejected.get(
        "fr-02-la-rochelle-arbres"))["text"]
    assert rejected["widget-page"]["metadata"]["filter_reason"] == "tqcheck:boilerplate"
    # Share widgets, footer and (house rule, in the workers too) the CMS reference gone:
    assert rejected["widget-page"]["text"].strip() == (
        "Le marché couvert de Saint-Lô rouvre samedi après deux ans de travaux.")
    assert "H901" in rejected["widget-page"]["metadata"]["tqcheck"]["rules"]

    stats = {step["name"]: step["stats"] for step in
             json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))}
    formatter = stats["✂️ - FORMAT: tqcheck clean"]
    for category, n in counts.items():
        assert stat_total(formatter.get(f"tqcheck_{category}", 0)) == n, category
    assert counts["boilerplate"] >= 4 and counts["metadata"] >= 1
    dropped = {k: stat_total(v) for k, v in stats["🔻 - FILTER: tqcheck score"].items()
               if k.startswith("dropped_")}
    assert sum(dropped.values()) == len(rejected)
    assert dropped["dropped_tqcheck:boilerplate"] >= 1


def test_filter_first_rejects_the_original_text_with_its_reason(sample_documents):
    from datatrove.data import Document

    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    class Collect:
        """A stand-in exclusion writer: datatrove's filter only calls write()."""

        def __init__(self):
            self.docs = []

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, doc, rank=0):
            self.docs.append(doc)

    excluded = Collect()
    filter_step = TqcheckFilter(min_score=MIN_SCORE, rules_dirs=[HOUSE_RULES],
                                exclusion_writer=excluded)
    formatter = TqcheckFormatter(rules_dirs=[HOUSE_RULES])
    docs = [Document(text=text, id=doc_id) for doc_id, text in sample_documents]
    out = list(formatter.run(filter_step.run(iter(docs))))
    widget = next(d for d in excluded.docs if d.id == "widget-page")
    assert widget.text == dict(sample_documents)["widget-page"]  # untouched: not cleaned
    assert widget.metadata["filter_reason"] == "tqcheck:boilerplate"
    assert "H901" in widget.metadata["tqcheck"]["rules"]  # the house rule reached the step
    assert widget.metadata["tqcheck"]["categories"]["boilerplate"] >= 4
    assert "edits" not in widget.metadata["tqcheck"]  # checked, not cleaned
    assert {d.id for d in out} | {d.id for d in excluded.docs} == {i for i, _ in sample_documents}
    assert all("edits" in d.metadata["tqcheck"] for d in out)
    assert filter_step.stats["tqcheck_boilerplate"].total >= 4
    assert filter_step.stats["tqcheck_metadata"].total >= 1


def test_filter_reuses_the_formatter_record_instead_of_checking_again(sample_documents):
    from datatrove.data import Document

    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    formatter = TqcheckFormatter(rules_dirs=[HOUSE_RULES])
    filter_step = TqcheckFilter(min_score=MIN_SCORE, rules_dirs=[HOUSE_RULES])
    docs = [Document(text=text, id=doc_id) for doc_id, text in sample_documents]
    kept = list(filter_step.run(formatter.run(iter(docs))))
    assert "widget-page" not in {d.id for d in kept}
    # A re-check of the cleaned widget page would score 100 and keep it; the filter
    # used the formatter's score of the original instead, and recorded no new stats.
    assert "tqcheck_score" not in filter_step.stats.stats
    assert filter_step.stats["dropped_tqcheck:boilerplate"].total >= 1


def test_steps_pickle_without_the_model():
    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    for step in (TqcheckFormatter(lang="fr"), TqcheckFilter(min_score=70)):
        data = pickle.dumps(step)
        assert len(data) < 20_000  # the spec, not the 0.9 MB fastText model
        clone = pickle.loads(data)
        assert clone.spec == step.spec
        assert clone.checker.check("Le conseil a voté.   \n", lang="fr").findings


def test_bad_settings_fail_when_the_pipeline_is_built(tmp_path):
    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        TqcheckFormatter(lang="xx")
    with pytest.raises(ValueError, match="min_score"):
        TqcheckFilter(min_score=150)
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "Z001.toml").write_text("code = 'Z001'\n", "utf-8")
    with pytest.raises(RuleError):
        TqcheckFilter(rules_dirs=[bad])


def test_datatrove_leaves_tqchecks_fasttext_in_place():
    """datatrove[processing] would pull fasttext-numpy2-wheel, whose `fasttext` module
    overwrites fasttext-predict's; the plain datatrove we depend on must not."""
    import datatrove  # noqa: F401
    import fasttext

    owner = {str(f) for f in importlib.metadata.files("fasttext-predict") or ()}
    module = Path(fasttext.__file__).resolve()
    assert any(module.as_posix().endswith(f) for f in owner if f.startswith("fasttext/"))
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("fasttext-numpy2-wheel")


@pytest.mark.slow
def test_the_readme_example_pipeline_runs(tmp_path):
    """examples/datatrove_pipeline.py, as the README runs it, on the sample JSONL."""
    import os
    import subprocess
    import sys

    out = tmp_path / "cleaned-datatrove"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "datatrove_pipeline.py"),
         str(ROOT / "data" / "samples" / "jsonl"), str(out), "--min-score", "70"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    kept, rejected = read_folder(out / "kept"), read_folder(out / "rejected")
    assert len(kept) + len(rejected) == 5 and kept and rejected
    assert all(r["metadata"]["filter_reason"].startswith("tqcheck:") for r in rejected.values())
    assert all(r["metadata"]["tqcheck"]["score"] >= 70 for r in kept.values())
