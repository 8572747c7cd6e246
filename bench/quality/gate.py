"""The fast subset of the benchmark that the test suite runs against pinned floors
(bench/quality/floors.json). A metric below its floor fails CI with its name; raising
a floor is how progress is recorded.

Three parts, so the gate still means something without devdata:
- `repo.*`: the injection set built on the sample articles shipped in data/samples with
  every pool entry (always runs);
- `pages.window.*`: line labels of all devdata pages in window mode (needs devdata);
- `synthetic.*`: a smaller injection set on devdata articles (needs devdata).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

from bench.quality import base, inject, pages, synthetic
from bench.quality.devdata import find_devdata, load_pages
from bench.quality.pools import POOL_CATEGORIES, load_pools
from bench.quality.provenance import commit

FLOORS = Path(__file__).resolve().parent / "floors.json"
POOL_LANGS = {"fr", "en", "de", "es", "pt"}
REPO_DOCS_PER_LANG = 12
DEVDATA_DOCS_PER_LANG = 12
SEED = 13


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8"))["floors"]


def _synthetic_metrics(prefix: str, run: synthetic.SyntheticRun) -> dict[str, float]:
    out: dict[str, float] = {}
    for category in POOL_CATEGORIES:
        counts = run.spans.get(f"cat={category}")
        if counts and counts.total:
            out[f"{prefix}.recall.{category}"] = counts.detected / counts.total
    loss = run.loss.get("all")
    if loss and loss.rate is not None:
        out[f"{prefix}.content_loss"] = loss.rate
    if run.false_flags_per_50 is not None:
        out[f"{prefix}.false_flags_per_50_docs"] = run.false_flags_per_50
        out[f"{prefix}.findings_on_originals_per_50_docs"] = run.findings_per_50
    return out


def measure(devdata: Path | None = None, *, use_devdata: bool = True) -> dict[str, float]:
    """Every gate metric that can be computed here (devdata ones only when present)."""
    pools = load_pools()
    repo_bases = base.sample_docs()
    docs = inject.Injector(pools, repo_bases, seed=SEED).documents(REPO_DOCS_PER_LANG)
    metrics = _synthetic_metrics("repo", synthetic.evaluate(docs, repo_bases))
    root = (devdata or find_devdata()) if use_devdata else None
    if root is None:
        return metrics
    run = pages.evaluate(load_pages(root), with_baseline=False, modes=("window",))
    grouped = run.groups["tqcheck/window"]
    det, loss = grouped.detection["all"], grouped.loss["all"]
    flagged = run.groups["tqcheck-flagged/window"].detection["all"]
    for name, value in (("precision", det.precision), ("recall", det.recall), ("f1", det.f1),
                        ("content_loss", loss.rate), ("flagged.precision", flagged.precision),
                        ("flagged.recall", flagged.recall)):
        if value is not None:
            metrics[f"pages.window.{name}"] = value
    dev_bases = [b for b in base.devdata_docs(root) if b.lang in POOL_LANGS] + repo_bases
    docs = inject.Injector(pools, dev_bases, seed=SEED).documents(DEVDATA_DOCS_PER_LANG)
    metrics.update(_synthetic_metrics("synthetic", synthetic.evaluate(docs, dev_bases)))
    return metrics


def check(metrics: dict[str, float], floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per metric outside its floor (missing metrics are not failures:
    devdata ones are skipped where devdata is absent)."""
    problems = []
    for name, bound in sorted(floors.items()):
        if name not in metrics:
            continue
        value = metrics[name]
        if "min" in bound and value < bound["min"]:
            problems.append(f"{name} = {value:.4f} is below its floor {bound['min']}")
        if "max" in bound and value > bound["max"]:
            problems.append(f"{name} = {value:.4f} is above its ceiling {bound['max']}")
    return problems


def pinned(metrics: dict[str, float]) -> dict[str, dict[str, float]]:
    """Floors just under today's values: detection metrics may not drop by more than
    0.01, content loss may not rise by more than 0.0005, and no new false flag."""
    floors = {}
    for name, value in sorted(metrics.items()):
        if name.endswith("content_loss"):
            floors[name] = {"max": math.ceil((value + 0.0005) * 10000) / 10000}
        elif name.endswith("per_50_docs"):
            floors[name] = {"max": math.ceil(value * 100) / 100}
        else:
            floors[name] = {"min": max(0.0, math.floor((value - 0.01) * 1000) / 1000)}
    return floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality.gate")
    parser.add_argument("--pin", action="store_true",
                        help="rewrite floors.json just under the values measured now")
    args = parser.parse_args(argv)
    metrics = measure()
    floors = load_floors() if FLOORS.is_file() else {}
    for name, value in sorted(metrics.items()):
        print(f"{name:45s} {value:.4f}   floor {floors.get(name, '–')}")
    if args.pin:
        data = json.loads(FLOORS.read_text(encoding="utf-8"))
        data["floors"] = pinned(metrics)
        data["measured_at"] = f"commit {commit()}, {dt.date.today().isoformat()}"
        FLOORS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"pinned {len(metrics)} floors in {FLOORS}")
    problems = check(metrics, floors)
    for problem in problems:
        print("FAIL", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
