#!/usr/bin/env python3
"""Score calibration on devdata: distributions per label, ROC AUC, false-flag rates.

Groups (all real text, read from ../shared/devdata, never copied into the project):

* ``original``  — 10 original French news articles (WMT22 fr→de source side): clean human.
* ``ref-A``     — 10 professional French translations of German news: clean human.
* ``LT22``, ``Online-B`` — two WMT22 systems' French MT of the same German articles.
* ``page-content`` — each labelled page reduced to its `content` lines: clean human,
  seven languages.
* ``page-full`` — the same pages whole (menus, footers, share widgets...): noisy.

Reports, per group, the score distribution and mean points lost per category; the ROC
AUC of ``100 - score`` for "noisy or machine-translated" vs "clean human" (overall, MT
vs human on mt/ alone, whole pages vs their content); and typography / mt-artifact
findings per 1,000 words on each mt/ label. Optionally searches the category weights
(`--search`) for the best AUC, to show how much tuning can buy.

Usage:  python bench/calibration/calibrate.py [--json OUT] [--search]
Language: identified by tqcheck (as a user would run it), not given.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tqcheck.engine import Checker  # noqa: E402
from tqcheck.scoring import ScoreModel, score  # noqa: E402

CLEAN = ("original", "ref-A", "page-content")
NOISY = ("LT22", "Online-B", "page-full")
PER_1000 = ("typography", "mt-artifact")


def find_devdata() -> Path | None:
    for ancestor in Path(__file__).resolve().parents[1:]:
        candidate = ancestor / "shared" / "devdata"
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class Item:
    group: str
    name: str
    text: str
    findings: list = field(default_factory=list)
    score: float = 100.0
    breakdown: dict = field(default_factory=dict)


def load(devdata: Path) -> list[Item]:
    items: list[Item] = []
    mt = devdata / "mt"
    with open(mt / "labels.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            group = "original" if row["label"] == "original_french" else row["system"]
            items.append(Item(group, row["file"], (mt / row["file"]).read_text("utf-8")))
    for page in sorted(devdata.glob("*.txt")):
        labels = json.loads(page.with_suffix(".labels.json").read_text("utf-8"))["labels"]
        text = page.read_text("utf-8")
        lines = text.split("\n")
        content = [line for line, label in zip(lines, labels) if label == "content"]
        if content:
            items.append(Item("page-content", page.name, "\n".join(content) + "\n"))
        items.append(Item("page-full", page.name, text))
    return items


def auc(positives: list[float], negatives: list[float]) -> float:
    """P(a random positive ranks above a random negative), ties counting half."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def aucs(items: list[Item], values: dict[int, float]) -> dict[str, float]:
    def pick(groups):
        return [values[i] for i, it in enumerate(items) if it.group in groups]
    return {
        "noisy-or-MT vs clean human": auc(pick(NOISY), pick(CLEAN)),
        "MT vs human (mt/ only)": auc(pick(("LT22", "Online-B")), pick(("original", "ref-A"))),
        "MT vs original French": auc(pick(("LT22", "Online-B")), pick(("original",))),
        "whole page vs its content": auc(pick(("page-full",)), pick(("page-content",))),
    }


def quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    def q(p):
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]
    return {"n": len(values), "mean": statistics.fmean(values), "min": ordered[0],
            "p10": q(0.10), "median": statistics.median(values), "p90": q(0.90),
            "max": ordered[-1]}


def rescore(items: list[Item], model: ScoreModel) -> dict[int, float]:
    return {i: 100.0 - score(it.text, it.findings, model)[0] for i, it in enumerate(items)}


def search(items: list[Item], base: ScoreModel) -> dict[str, dict]:
    """Grid over the in-content category weights, K and the repeat decay (noise weights
    held fixed): the best setting for the overall AUC, and for the mean of the two task
    AUCs (MT vs human on mt/, whole page vs its content)."""
    grid = {"mt-artifact": (0.5, 1.0, 1.5, 2.5), "typography": (0.25, 0.5, 1.0, 1.5, 2.0),
            "encoding": (0.5, 1.0, 2.0), "k": (0.05, 0.1, 0.15, 0.2, 0.3, 0.5),
            "decay": (False, True)}
    best: dict[str, dict] = {}
    for mt_w, ty_w, en_w, k, decay in itertools.product(*grid.values()):
        weights = dict(base.category, **{"mt-artifact": mt_w, "typography": ty_w, "encoding": en_w})
        model = ScoreModel(severity=dict(base.severity), category=weights, k=k, decay=decay)
        result = aucs(items, rescore(items, model))
        objectives = {
            "overall": result["noisy-or-MT vs clean human"],
            "balanced": (result["MT vs human (mt/ only)"] + result["whole page vs its content"]) / 2,
        }
        setting = {"mt-artifact": mt_w, "typography": ty_w, "encoding": en_w, "k": k, "decay": decay}
        for name, value in objectives.items():
            if name not in best or value > best[name]["objective"] + 1e-9:
                best[name] = {"objective": value, "setting": setting, "auc": result}
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--search", action="store_true", help="grid-search category weights")
    args = parser.parse_args(argv)
    devdata = find_devdata()
    if devdata is None:
        print("devdata not found (../shared/devdata); nothing to measure")
        return 0
    checker = Checker()
    items = load(devdata)
    for it in items:
        report = checker.check(it.text)
        it.findings, it.score, it.breakdown = list(report.findings), report.score, report.breakdown
    result: dict = {"groups": {}, "auc": {}, "per_1000_words": {}}
    for group in CLEAN + NOISY:
        members = [it for it in items if it.group == group]
        lost: dict[str, float] = {}
        for it in members:
            for cat, pts in it.breakdown.items():
                lost[cat] = lost.get(cat, 0.0) + pts / len(members)
        result["groups"][group] = {"clean_human": group in CLEAN,
                                   **quantiles([it.score for it in members]),
                                   "mean_points_lost": dict(sorted(lost.items()))}
    result["auc"] = aucs(items, {i: 100.0 - it.score for i, it in enumerate(items)})
    for group in ("original", "ref-A", "LT22", "Online-B"):
        members = [it for it in items if it.group == group]
        words = sum(len(it.text.split()) for it in members)
        counts = {cat: sum(1 for it in members for f in it.findings if f.category == cat)
                  for cat in PER_1000}
        result["per_1000_words"][group] = {
            "words": words, **{cat: round(1000 * n / words, 2) for cat, n in counts.items()},
            "findings": counts}
    if args.search:
        result["search"] = search(items, checker.score_model)
    print_tables(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


def print_tables(result: dict) -> None:
    print("| group | clean human | n | mean | min | p10 | median | p90 | max | mean points lost |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for group, g in result["groups"].items():
        lost = ", ".join(f"{k} {v:.1f}" for k, v in g["mean_points_lost"].items() if v >= 0.05)
        print(f"| {group} | {'yes' if g['clean_human'] else 'no'} | {g['n']} | {g['mean']:.1f} | "
              f"{g['min']:.1f} | {g['p10']:.1f} | {g['median']:.1f} | {g['p90']:.1f} | "
              f"{g['max']:.1f} | {lost or '-'} |")
    print()
    print("| ROC AUC of 100 - score | value |")
    print("|---|---|")
    for name, value in result["auc"].items():
        print(f"| {name} | {value:.3f} |")
    print()
    print("| mt/ label | words | typography /1k words | mt-artifact /1k words | findings |")
    print("|---|---|---|---|---|")
    for group, g in result["per_1000_words"].items():
        print(f"| {group} | {g['words']} | {g['typography']:.2f} | {g['mt-artifact']:.2f} | "
              f"{g['findings']} |")
    for name, best in result.get("search", {}).items():
        aucs_text = ", ".join(f"{k} {v:.3f}" for k, v in best["auc"].items())
        print(f"\nbest grid setting for the {name} AUC: {best['setting']} -> {aucs_text}")


if __name__ == "__main__":
    sys.exit(main())
