"""The wheel carries the rules and the schema: build it, install it into a fresh venv,
and run `tqcheck check` from there, away from the source tree."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache",
        ".hypothesis", "cleaned"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("tqcheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("tqcheck/rules/whitespace/W001") for n in names)
    assert "tqcheck/schema/report.schema.json" in names
    assert "tqcheck/rules/README.md" in names
    assert {"tqcheck/html_report/report.js", "tqcheck/html_report/report.css"} <= set(names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=900)
    sample = tmp_path / "article.txt"
    sample.write_text("Le conseil a voté la rénovation du pont couvert mardi soir.  \n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    proc = subprocess.run([str(env_dir / "bin" / "tqcheck"), "check", "--format", "json",
                           str(sample)], capture_output=True, text=True, cwd=tmp_path,
                          env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)["files"][0]
    assert report["language"] == "fr"
    assert [f["rule"] for f in report["findings"]] == ["W002"]
    out = tmp_path / "cleaned"
    cleaned = subprocess.run([str(env_dir / "bin" / "tqcheck"), "clean", str(src / "data" / "samples"),
                              "--out", str(out)], capture_output=True, text=True, cwd=tmp_path,
                             env=env, timeout=600)
    assert cleaned.returncode == 0, cleaned.stderr
    written = sorted(p.relative_to(out) for p in out.rglob("*.txt"))
    expected = sorted(p.relative_to(src / "data" / "samples") for p in (src / "data" / "samples").rglob("*.txt"))
    assert written == expected
    records = sum(len(p.read_text("utf-8").splitlines())
                  for p in (src / "data" / "samples").rglob("*.jsonl"))
    assert (out / "jsonl" / "articles.jsonl").is_file()
    assert len((out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()) == len(expected) + records
    where = subprocess.run([str(py), "-c", "import tqcheck, fasttext; print(tqcheck.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert str(env_dir) in where.stdout  # the installed copy ran, not the source tree
