"""SIGKILL at random points of a `clean` run over a few thousand files: every output
present is whole, no input changes, and --resume ends with exactly the output of a run
that was never interrupted.

The whole process group is killed (workers too), as an OOM killer or a lost container
would; nothing of tqcheck's cleanup runs. Set TQCHECK_KILL_SEED to replay a run.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqcheck.corpus import CorpusOptions, CorpusRun

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FILES = 2000
JSONL_FILES = 4
KILLS = 3


def build_corpus(root: Path) -> None:
    """Sample articles (written for this project) copied into a tree of a few thousand
    files, each made distinct, plus JSONL files of the sample records."""
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.glob("*/*.txt"))]
    records = (SAMPLES / "jsonl" / "articles.jsonl").read_text("utf-8").splitlines()
    for n in range(FILES):
        folder = root / f"{n % 7:02d}" / f"{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        head = "".join(texts[n % len(texts)].splitlines(keepends=True)[:8])  # CPU is shared
        (folder / f"article-{n:05d}.txt").write_text(head + f"\nArticle {n}.   \n", "utf-8")
    for n in range(JSONL_FILES):
        lines = [json.dumps({**json.loads(r), "n": f"{n}-{k}"}, ensure_ascii=False)
                 for k, r in enumerate(records * 10)]
        (root / f"batch-{n}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for name, data in tree(root).items():
        h.update(name.encode() + b"\0" + data)
    return h.hexdigest()


def clean_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tqcheck", "clean", str(corpus), "--out", str(out),
            "--lang", "fr", "--min-score", "75", "-q", "-j", "2", *extra]


def comparable(files: dict[str, bytes], out: Path) -> dict[str, bytes]:
    """The report names its output files by absolute path: make two runs comparable."""
    return {name: data.replace(str(out).encode(), b"OUT") for name, data in files.items()}


@pytest.mark.slow
def test_sigkill_at_random_points_then_resume_gives_the_uninterrupted_output(tmp_path: Path,
                                                                           checker):
    seed = int(os.environ.get("TQCHECK_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    corpus = tmp_path / "corpus"
    build_corpus(corpus)
    before = digest(corpus)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    # The uninterrupted run, in-process with one job (outputs are byte-identical for any
    # --jobs, so this also checks that against the killed runs' two workers).
    reference = tmp_path / "reference"
    run = CorpusRun(checker, CorpusOptions(lang="fr", min_score=75, jobs=1, progress=False))
    run.clean([str(corpus)], reference)
    assert run.summary.errors == 0
    expected = tree(reference)
    records = len((SAMPLES / "jsonl" / "articles.jsonl").read_text("utf-8").splitlines())
    assert expected["tqcheck-report.jsonl"].count(b"\n") == FILES + JSONL_FILES * records * 10
    assert b'"reason": "score' in expected["rejected.jsonl"]  # some went to rejected.jsonl
    assert len(expected) > FILES // 2

    out = tmp_path / "out"
    state = out / ".tqcheck-state" / "done.jsonl"
    kills = 0
    for round_ in range(KILLS):
        proc = subprocess.Popen(clean_cmd(corpus, out, *(["--resume"] if round_ else [])),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        start_size = state.stat().st_size if state.exists() else 0
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline and not (
                state.exists() and state.stat().st_size > start_size):
            time.sleep(0.02)  # wait until this run has finished an input of its own
        time.sleep(rng.uniform(0, 1.5))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        proc.stderr.close()

        # after each kill: every output present is whole, no input changed
        assert digest(corpus) == before, f"an input changed (seed {seed})"
        for name, data in tree(out).items():
            if name.startswith(".tqcheck-state/"):
                continue
            assert not Path(name).name.endswith(".tmp") or Path(name).name.startswith("."), name
            if Path(name).name.startswith("."):
                continue  # a temporary the kill left: removed by the next run
            assert comparable({name: data}, out) == comparable({name: expected[name]},
                                                               reference), \
                f"{name} is not whole after a kill (seed {seed})"
    assert kills >= 2, f"the runs ended before they could be killed (seed {seed})"

    finish = subprocess.run(clean_cmd(corpus, out, "--resume"), env=env, capture_output=True,
                            text=True, timeout=300)
    assert finish.returncode == 0, finish.stderr
    assert comparable(tree(out), out) == comparable(expected, reference), f"seed {seed}"
    assert digest(corpus) == before


def test_killed_while_moving_the_report_into_place_then_resume(tmp_path: Path, checker,
                                                               monkeypatch):
    """The last step of a run moves the journaled report into OUT, then deletes the
    journal. Killed in between, the journal says every input is done but its report is
    gone: --resume must not trust it (it once produced a report of NUL bytes)."""
    from tqcheck.corpus import sinks

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, p in enumerate(sorted(SAMPLES.glob("*/*.txt"))[:4]):
        (corpus / f"{n}.txt").write_text(p.read_text("utf-8") + "Fin.   \n", "utf-8")
    options = CorpusOptions(lang="fr", jobs=1, progress=False)
    reference = tmp_path / "reference"
    CorpusRun(checker, options).clean([str(corpus)], reference)

    out = tmp_path / "out"
    real_rmtree = sinks.shutil.rmtree

    def killed(path, *args, **kwargs):
        if Path(path).name == sinks.STATE_DIR and (out / sinks.REPORT_NAME).exists():
            raise KeyboardInterrupt  # stands for the SIGKILL: nothing after this runs
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(sinks.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        CorpusRun(checker, options).clean([str(corpus)], out)
    monkeypatch.setattr(sinks.shutil, "rmtree", real_rmtree)
    (out / sinks.REPORT_NAME).unlink()  # as if the move itself had not reached the disk
    CorpusRun(checker, CorpusOptions(**{**options.__dict__, "resume": True})).clean(
        [str(corpus)], out)
    assert comparable(tree(out), out) == comparable(tree(reference), reference)
