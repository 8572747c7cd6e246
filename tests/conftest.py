"""Shared fixtures: one Checker per session (loading fastText once), devdata location."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _find_devdata() -> Path:
    """../shared/devdata beside the project (or beside any folder above a worktree)."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "devdata"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "devdata"


DEVDATA = _find_devdata()


@pytest.fixture(scope="session")
def checker():
    from tqcheck.engine import Checker

    return Checker()


@pytest.fixture(scope="session")
def devdata() -> Path:
    if not DEVDATA.is_dir():
        pytest.skip(f"devdata not found at {DEVDATA}")
    return DEVDATA
