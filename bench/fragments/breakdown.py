"""What the language-ID ratio of the fragment benchmark is made of, in one run.

    python bench/fragments/breakdown.py [--devdata ../shared/devdata] [--seed 20261121]

run.py reports one ratio (document language + foreign detector against a bare fastText
pass). This splits it, on the same documents, with the same cache resets:

- the vote alone, documents back to back (the model stays in the CPU cache);
- the vote after touching 256 KB / 1 MB of other memory between documents (what any
  other work between documents does to fastText's speed);
- the vote when the foreign detector runs between documents (as in run.py);
- the detector, and the part of it spent inside fastText's predict (its own calls on
  sentences, asides and fragments).

CPU time of this process, median of the repeats, each as a ratio to the bare pass of
the same repeat (the machine's cores are shared: ratios, not seconds).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build  # noqa: E402
from run import _reset_caches  # noqa: E402

from tqcheck.engine import Checker  # noqa: E402
from tqcheck.langid import get_identifier  # noqa: E402
from tqcheck.model import Document  # noqa: E402
from tqcheck.ruleset import load_rules  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devdata", type=Path, default=ROOT.parent / "shared" / "devdata")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not (args.devdata / "mt").is_dir():
        print(f"devdata not found at {args.devdata} (use --devdata)", file=sys.stderr)
        return 2
    cases = build(args.devdata, args.seed, args.copies)
    checker = Checker(load_rules().only(lambda r: r.category == "foreign"))
    detector = next(d for d in checker.detectors if d.name == "foreign")
    docs = [Document(c.noisy) for c in cases]
    docs += [Document(t) for t in dict.fromkeys(c.clean for c in cases)]
    for doc in docs:
        doc.index
        checker.check(doc)  # loads every profile and pattern once, as run.py's scoring does
    ident = get_identifier()
    model, predict_line = ident._model, ident._predict_line
    scratch = bytearray(1 << 20)
    inside = [0.0]
    clock = time.process_time

    def timed_predict(*a):
        t = clock()
        try:
            return predict_line(*a)
        finally:
            inside[0] += clock() - t

    def touch(size: int) -> None:
        for i in range(0, size, 64):
            scratch[i] ^= 1

    rows: dict[str, list[float]] = {}
    for _ in range(args.repeats):
        t = clock()
        for doc in docs:
            for line in doc.text.splitlines():
                if line.strip():
                    model.predict(line.strip())
        bare = clock() - t
        for name, size in (("vote, back to back", 0), ("vote, 256 KB touched between", 256 << 10),
                           ("vote, 1 MB touched between", 1 << 20)):
            spent = 0.0
            for doc in docs:
                _reset_caches(detector)
                touch(size)
                t = clock()
                checker.context(doc, None)
                spent += clock() - t
            rows.setdefault(name, []).append(spent / bare)
        vote = detect = 0.0
        inside[0] = 0.0
        for doc in docs:
            _reset_caches(detector)
            t = clock()
            ctx = checker.context(doc, None)
            t1 = clock()
            ident._predict_line = timed_predict
            try:
                detector.detect(doc, ctx)
            finally:
                ident._predict_line = predict_line
            vote += t1 - t
            detect += clock() - t1
        for name, value in (("vote, detector between documents", vote),
                            ("detector", detect), ("  of which fastText predict", inside[0]),
                            ("vote + detector", vote + detect)):
            rows.setdefault(name, []).append(value / bare)
    print(f"seed {args.seed}, {len(docs)} documents, median of {args.repeats} repeats, "
          "ratio to the bare fastText pass:")
    for name, values in rows.items():
        print(f"  {name:36s} {statistics.median(values):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
