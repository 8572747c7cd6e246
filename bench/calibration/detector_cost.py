#!/usr/bin/env python3
"""What the typography, mt-artifact and encoding detectors cost in `check` time.

Runs `Checker.check` over every devdata text (mt/ articles and page dumps, language
identified) with all built-in rules, and with those three categories' rules removed,
alternating the two configurations for `--rounds` rounds; reports the best round of
each and their ratio. The machine is shared: trust the ratio more than the MB/s.

Usage:  python bench/calibration/detector_cost.py [--rounds 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tqcheck.engine import Checker  # noqa: E402
from tqcheck.ruleset import load_rules  # noqa: E402

MINE = ("typography", "mt-artifact", "encoding")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    devdata = next((a / "shared" / "devdata" for a in Path(__file__).resolve().parents[1:]
                    if (a / "shared" / "devdata").is_dir()), None)
    if devdata is None:
        print("devdata not found; nothing to measure")
        return 0
    texts = [p.read_text("utf-8") for p in sorted(devdata.glob("*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted((devdata / "mt").glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rules = load_rules()
    full = Checker(rules)
    without = Checker(rules.only(lambda r: r.category not in MINE), identifier=full.identifier)
    best = {"all rules": float("inf"), "without typography/mt-artifact/encoding": float("inf")}
    for _ in range(args.rounds):
        for name, checker in (("all rules", full), ("without typography/mt-artifact/encoding", without)):
            start = time.perf_counter()
            for text in texts:
                checker.check(text)
            best[name] = min(best[name], time.perf_counter() - start)
    for name, seconds in best.items():
        print(f"{name}: {seconds:.2f} s for {size:.2f} MB ({size / seconds:.2f} MB/s)")
    values = list(best.values())
    print(f"ratio all / without: {values[0] / values[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
