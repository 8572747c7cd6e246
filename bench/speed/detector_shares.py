"""Where `tqcheck check` spends its CPU time, per detector, in one process: language ID
of the document (the checker's context), each detector's `detect`, and the report.
The first detector to ask for a document's lines (the pattern detector) also pays for
splitting it into lines. Run on a corpus built by build_corpus.py (CPU seconds, so a
loaded machine only adds noise, not bias):

    python bench/speed/build_corpus.py /tmp/c5.jsonl --mb 5
    python bench/speed/detector_shares.py /tmp/c5.jsonl
"""
from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tqcheck.engine import Checker  # noqa: E402


def _timed(acc: dict, name: str, fn, materialise: bool = False):
    """`fn`, adding its CPU time to acc[name]; detectors may return generators, whose
    work happens while they are read, so those are read inside the timing."""
    def wrapper(*args, **kwargs):
        start = time.process_time()
        result = fn(*args, **kwargs)
        if materialise:
            result = list(result)
        acc[name] += time.process_time() - start
        return result
    return wrapper


def main(corpus: str) -> None:
    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    checker = Checker()
    checker.check("Le conseil municipal a voté le budget. Les travaux commencent lundi.")
    try:  # langdetect's profiles load on first use: a one-off, not a per-MB cost
        from tqcheck.langid import get_second_opinion

        get_second_opinion()
    except Exception:  # noqa: BLE001 - a renamed helper only makes the first share larger
        pass
    acc: dict[str, float] = defaultdict(float)
    for detector in checker.detectors:
        detector.detect = _timed(acc, type(detector).__name__, detector.detect, True)
    checker.context = _timed(acc, "context (document language ID)", checker.context)
    checker._report = _timed(acc, "report and score", checker._report)
    start = time.process_time()
    findings = sum(len(checker.check(t).findings) for t in texts)
    total = time.process_time() - start
    print(f"{megabytes:.2f} MB, {len(texts)} documents, {findings} findings: "
          f"{total:.2f} CPU-s, {megabytes / total:.3f} MB per CPU-s")
    for name, seconds in sorted(acc.items(), key=lambda kv: -kv[1]):
        print(f"  {name:32s} {seconds:6.2f} s  {100 * seconds / total:5.1f}%  "
              f"{seconds / megabytes:.3f} s/MB")
    rest = total - sum(acc.values())
    print(f"  {'other (documents, lines, edits)':32s} {rest:6.2f} s  {100 * rest / total:5.1f}%")


if __name__ == "__main__":
    main(sys.argv[1])
