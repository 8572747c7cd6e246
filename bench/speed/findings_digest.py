"""A digest of every finding tqcheck reports on a corpus, for speed work that must not
change behaviour: run it before and after an optimisation and compare the two lines.
Prints the digest, the number of findings and the count per rule (so a difference can be
traced to a rule), and with --dump PATH writes every finding as one JSON line.

    python bench/speed/build_corpus.py /tmp/c5.jsonl --mb 5
    python bench/speed/findings_digest.py /tmp/c5.jsonl [--dump /tmp/findings.jsonl]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import astuple
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tqcheck.engine import Checker  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--dump", help="write every finding as a JSON line here")
    args = parser.parse_args()
    checker = Checker()
    digest = hashlib.sha256()
    per_rule: Counter[str] = Counter()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    with open(args.corpus, encoding="utf-8") as corpus:
        for number, line in enumerate(corpus, 1):
            report = checker.check(json.loads(line)["text"])
            digest.update(f"{number}:{report.language}:{report.language_confidence!r}:"
                          f"{report.mixed_languages!r}:{report.score!r}\n".encode())
            for finding in report.findings:
                row = [number, *astuple(finding)]
                digest.update(json.dumps(row, ensure_ascii=False).encode() + b"\n")
                per_rule[finding.rule] += 1
                if dump:
                    dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    if dump:
        dump.close()
    print(f"digest {digest.hexdigest()[:16]}  findings {sum(per_rule.values())}")
    print(" ".join(f"{rule}:{count}" for rule, count in sorted(per_rule.items())))


if __name__ == "__main__":
    main()
