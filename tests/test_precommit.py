"""The pre-commit hooks, run by the real `pre-commit` tool end to end.

A copy of this project becomes a git repository (so the test runs the working tree,
whether or not it is itself a git checkout); a second repository, a small text
dataset, points its `.pre-commit-config.yaml` at it by path and commit. pre-commit
clones the hook repository and pip-installs it into its own virtualenv (that needs
PyPI for the dependencies), then runs `tqcheck check` / `tqcheck check --fix` on the
dataset's files.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PROJECT_DIRS = ("tqcheck", "rules")

NOISY = ("The council approved the new library budget on Tuesday evening.   \n"
         "\n\n\n"
         "Construction is expected to begin in the spring and last eight months.\n")
CLEAN = ("The council approved the new library budget on Tuesday evening.\n"
         "\n"
         "Construction is expected to begin in the spring and last eight months.\n")


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "tqcheck tests", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "tqcheck tests", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def hook_repository(base: Path) -> tuple[Path, str]:
    repo = base / "tqcheck-hooks"
    repo.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, repo / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, repo / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "tqcheck snapshot for the pre-commit test", cwd=repo)
    return repo, git("rev-parse", "HEAD", cwd=repo)


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the hook must run the copy pre-commit installed
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_pre_commit_hooks_fail_noisy_files_pass_clean_ones_and_fix(tmp_path):
    hooks, rev = hook_repository(tmp_path)
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    git("init", "-q", cwd=dataset)
    (dataset / "noisy.txt").write_text(NOISY, "utf-8")
    (dataset / "clean.txt").write_text(CLEAN, "utf-8")
    (dataset / "notes.md").write_text("Trailing space in markdown is not ours.   \n", "utf-8")
    (dataset / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: tqcheck\n"
        "        args: [--lang, en]\n"
        "      - id: tqcheck-fix\n"
        "        args: [--lang, en]\n"
        "        stages: [manual]\n", "utf-8")
    git("add", "-A", cwd=dataset)
    home = tmp_path / "pre-commit-home"

    run = pre_commit("run", "--all-files", cwd=dataset, home=home)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "noisy.txt:1:64: W002 [whitespace]" in run.stdout
    assert "noisy.txt:1:" in run.stdout and "W001" in run.stdout
    assert "clean.txt" not in run.stdout and "notes.md" not in run.stdout  # files pattern
    assert "Failed" in run.stdout

    passed = pre_commit("run", "--files", "clean.txt", cwd=dataset, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    fixed = pre_commit("run", "tqcheck-fix", "--hook-stage", "manual", "--all-files",
                       cwd=dataset, home=home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "Fixed noisy.txt" in fixed.stdout and "files were modified by this hook" in fixed.stdout
    assert (dataset / "noisy.txt").read_text("utf-8") == CLEAN
    assert (dataset / "notes.md").read_text("utf-8").endswith("   \n")

    git("add", "-A", cwd=dataset)
    again = pre_commit("run", "--all-files", cwd=dataset, home=home)
    assert again.returncode == 0, again.stdout + again.stderr
