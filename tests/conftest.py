"""Shared fixtures: one Checker per session (loading fastText once), devdata location."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The parsed-TOML cache (tqcheck/toml_cache.py) is exercised by every test and every
# CLI subprocess, but in a folder of this run's own, not in the user's ~/.cache.
if "TQCHECK_CACHE_DIR" not in os.environ:
    os.environ["TQCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="tqcheck-test-cache-")
    atexit.register(shutil.rmtree, os.environ["TQCHECK_CACHE_DIR"], True)


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


# -- pipeline adapters (tests/test_integration_*.py, tests/test_equivalence.py) ----------
#: A scraped page that is mostly share widgets, a leaked CMS reference (the house rule
#: in tests/fixtures/house_rules) and a footer: what a `min_score` filter must reject.
WIDGET_PAGE = ("Réf. LJL-2024-00317\nPartager sur Facebook\nPartager sur Twitter\nShare this:\n\n"
               "Le marché couvert de Saint-Lô rouvre samedi après deux ans de travaux.\n\n"
               "© 2024 Le Journal du Littoral. Tous droits réservés.\n")


def require_extra(module: str):
    """Import an optional-extra module, or skip; under CI (which installs the `test`
    extra, datatrove included) a missing one is a failure, never a silent skip."""
    import importlib
    import os

    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="session")
def sample_documents() -> list[tuple[str, str]]:
    """(id, text) for every sample article in data/samples plus WIDGET_PAGE."""
    docs = [(p.stem, p.read_text("utf-8"))
            for p in sorted((ROOT / "data" / "samples").rglob("*.txt"))]
    return docs + [("widget-page", WIDGET_PAGE)]


@pytest.fixture(scope="session")
def datatrove_installed():
    return require_extra("datatrove")


@pytest.fixture(scope="module")
def ray_local():
    """A local Ray (2 CPUs, no dashboard) for one test module, shut down after it so its
    daemons do not idle beside the timing-sensitive tests that follow; workers find this
    checkout's tqcheck through PYTHONPATH, as the tests do. Ray is heavy, so its tests
    skip cleanly where it is not installed (the `test` extra installs it for CI)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    yield ray
    ray.shutdown()
