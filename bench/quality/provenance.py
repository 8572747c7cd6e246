"""Which code a result was measured on: the git commit, marked dirty when tqcheck/ or
rules/ have uncommitted changes (results from such a run cannot be reproduced)."""
from __future__ import annotations

import subprocess

from bench.quality.devdata import REPO


def commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "tqcheck", "rules"],
                               capture_output=True, text=True).stdout.strip()
        return out + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
