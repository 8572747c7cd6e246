"""The same documents through the CLI, the datatrove steps and the Ray adapter give the
same cleaned text, score, language and edits: the adapters are shells, not forks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOUSE_RULES = ROOT / "tests" / "fixtures" / "house_rules"


#: The `tqcheck` object the CLI adds to each JSONL record; the adapters' record starts
#: with the same keys (tqcheck.integrations.document_record) and must hold the same values.
CLI_KEYS = ("score", "language", "findings", "removed_chars", "edits")


def outcome(text: str, record: dict) -> dict:
    """What must agree across the three ways in: the text and the CLI's record keys."""
    return {"text": text, **{key: record[key] for key in CLI_KEYS}}


def write_jsonl(path: Path, docs: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for doc_id, text in docs:
            handle.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def cli_outcomes(tmp_path_factory, sample_documents) -> dict[str, dict]:
    base = tmp_path_factory.mktemp("cli")
    write_jsonl(base / "docs.jsonl", sample_documents)
    proc = subprocess.run(
        [sys.executable, "-m", "tqcheck", "clean", str(base / "docs.jsonl"), "--out",
         str(base / "out"), "--id-field", "id", "--rules", str(HOUSE_RULES), "--quiet"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    outcomes = {}
    for line in (base / "out" / "docs.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        outcomes[row["id"]] = outcome(row["text"], row["tqcheck"])
    assert set(outcomes) == {doc_id for doc_id, _ in sample_documents}
    return outcomes


@pytest.fixture(scope="module")
def datatrove_outcomes(tmp_path_factory, sample_documents, datatrove_installed) -> dict[str, dict]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from tqcheck.integrations.datatrove import TqcheckFormatter

    base = tmp_path_factory.mktemp("datatrove")
    write_jsonl(base / "in" / "docs.jsonl", sample_documents)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", str(ROOT))
        LocalPipelineExecutor(pipeline=[
            JsonlReader(str(base / "in")),
            TqcheckFormatter(rules_dirs=[HOUSE_RULES]),
            JsonlWriter(str(base / "out"), compression=None),
        ], tasks=1, logging_dir=str(base / "logs")).run()
    outcomes = {}
    for path in (base / "out").glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            # datatrove's writer leaves out empty fields, an emptied text included.
            outcomes[row["id"]] = outcome(row.get("text", ""), row["metadata"]["tqcheck"])
    return outcomes


def test_datatrove_step_matches_the_cli(cli_outcomes, datatrove_outcomes):
    assert datatrove_outcomes == cli_outcomes
    # Not a comparison of untouched texts: most documents were changed.
    changed = [d for d, o in cli_outcomes.items() if o["edits"]]
    assert len(changed) >= len(cli_outcomes) // 2
    assert cli_outcomes["widget-page"]["score"] < 80


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own, from ray.data
def test_ray_adapter_matches_the_cli(cli_outcomes, ray_local, sample_documents):
    from tqcheck.integrations.ray import clean_dataset

    ds = ray_local.data.from_items([{"id": d, "text": t} for d, t in sample_documents])
    rows = clean_dataset(ds, rules_dirs=[HOUSE_RULES], concurrency=1).take_all()
    ray_outcomes = {r["id"]: outcome(r["text"], r["tqcheck"]) for r in rows}
    assert ray_outcomes == cli_outcomes
