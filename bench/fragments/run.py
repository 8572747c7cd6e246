"""Foreign-fragment benchmark: recall, precision, false flags on clean copies, and the
cost of language ID against a bare fastText pass, all measured in one run.

    python bench/fragments/run.py [--devdata ../shared/devdata] [--seed 20261121]
                                  [--copies 3] [--write]

Needs only tqcheck's own dependencies and devdata (real text, read at run time and
never copied into the repository). `--write` appends the tables to bench/RESULTS.md.
The machine is shared: time is CPU time of this process (`time.process_time`), and
only the *ratio* is meaningful (both sides measured in the same run,
interleaved, median of the repeats), not the absolute seconds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Case, build  # noqa: E402

from tqcheck.engine import Checker  # noqa: E402
from tqcheck.langid import get_identifier, get_second_opinion  # noqa: E402
from tqcheck import segments  # noqa: E402
from tqcheck.model import Document  # noqa: E402
from tqcheck.ruleset import load_rules  # noqa: E402

EXPECTED_RULE = {"line": "F101", "bracket": "F102", "sentence": "F103"}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score_cases(checker: Checker, cases: list[Case]) -> dict:
    """Findings on every noisy and clean copy, matched against the inserted fragments."""
    hits: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])  # found, right action, all
    # Findings in the noisy copies, charged to the bucket and pair of the document's
    # (single) fragment: [matching the fragment, matching nothing inserted].
    charged: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    false_noisy, all_noisy, clean_flags = 0, 0, []
    for case in cases:
        findings = [f for f in checker.check(Document(case.noisy)).findings
                    if f.category == "foreign"]
        all_noisy += len(findings)
        used = set()
        for frag in case.fragments:
            match = [i for i, f in enumerate(findings)
                     if _overlap(f.start, f.end, frag.start, frag.end) >= 0.5 * (frag.end - frag.start)]
            used.update(match)
            right = any(findings[i].rule == EXPECTED_RULE[frag.position] for i in match)
            for key in ((frag.bucket, frag.position), (f"{case.host_lang}<-{frag.lang}",),
                        ("all",)):
                cell = hits[key]
                cell[0] += bool(match)
                cell[1] += right
                cell[2] += 1
                charged[key][0] += len(match)
                charged[key][1] += len(findings) - len(set(match))
        false_noisy += len(set(range(len(findings))) - used)
    seen = set()
    for case in cases:  # every host document once
        host = case.name.rsplit("~", 1)[0]
        if host in seen:
            continue
        seen.add(host)
        for f in checker.check(Document(case.clean)).findings:
            if f.category == "foreign":
                clean_flags.append((host, f.rule, f.text[:90], f.message.rsplit("(", 1)[-1]))
    return {"hits": hits, "charged": charged, "false_noisy": false_noisy, "all_noisy": all_noisy,
            "clean_docs": len(seen), "clean_flags": clean_flags}


def _reset_caches(detector) -> None:
    """Forget every cached prediction, sentence split, line verdict and screened line."""
    get_identifier().clear_cache()
    get_second_opinion().clear_cache()
    detector.clear_cache()
    segments._split.cache_clear()


def time_lid(checker: Checker, cases: list[Case], repeats: int) -> dict:
    """Median over `repeats` of: a bare fastText pass (`model.predict(paragraph)` on
    every non-blank line) vs tqcheck's language work on the same documents (document
    language + foreign detector). Caches are emptied before every document, so no
    document profits from the benchmark's repeated host texts; the second figure is
    the cleaner's next pass over the same document (everything cached)."""
    ident = get_identifier()
    model = ident._model
    detector = next(d for d in checker.detectors if d.name == "foreign")
    docs = [Document(c.noisy) for c in cases]
    seen = set()
    for case in cases:
        if case.clean not in seen:
            seen.add(case.clean)
            docs.append(Document(case.clean))
    noisy = set(range(len(cases)))
    for doc in docs:
        doc.index  # built once for every detector by the engine: not language ID's cost
    paragraphs = [line.strip() for d in docs for line in d.text.splitlines() if line.strip()]
    bare, cold, warm, ld_calls, ft_calls = [], [], [], [], []
    split = {"clean": ([], []), "noisy": ([], [])}  # (bare, tqcheck) per repeat
    clock = time.process_time  # CPU time: other users of the shared cores do not count
    for _ in range(repeats):
        per_doc_bare = []
        t0 = clock()
        for doc in docs:
            t1 = clock()
            for line in doc.text.splitlines():
                if line.strip():
                    model.predict(line.strip())
            per_doc_bare.append(clock() - t1)
        bare.append(clock() - t0)
        first = second = 0.0
        per_doc = []
        calls0, ld0 = ident.model_calls, get_second_opinion().calls
        for doc in docs:
            _reset_caches(detector)
            t0 = clock()
            detector.detect(doc, checker.context(doc, None))
            t1 = clock()
            detector.detect(doc, checker.context(doc, None))
            second += clock() - t1
            first += t1 - t0
            per_doc.append(t1 - t0)
        for name, keep in (("noisy", lambda i: i in noisy), ("clean", lambda i: i not in noisy)):
            split[name][0].append(sum(t for i, t in enumerate(per_doc_bare) if keep(i)))
            split[name][1].append(sum(t for i, t in enumerate(per_doc) if keep(i)))
        cold.append(first)
        warm.append(second)
        ft_calls.append(ident.model_calls - calls0)
        ld_calls.append(get_second_opinion().calls - ld0)
    ratios = [c / b for c, b in zip(cold, bare)]
    return {"paragraphs": len(paragraphs), "docs": len(docs),
            "chars": sum(len(p) for p in paragraphs),
            "bare": statistics.median(bare), "cold": statistics.median(cold),
            "warm": statistics.median(warm), "ratio": statistics.median(ratios),
            "ratios": ratios, "warm_ratio": statistics.median(w / b for w, b in zip(warm, bare)),
            "ft_calls": ft_calls[0], "ld_calls": ld_calls[0],
            "clean_ratio": statistics.median(t / b for b, t in zip(*split["clean"])),
            "noisy_ratio": statistics.median(t / b for b, t in zip(*split["noisy"]))}


def report(args, cases: list[Case], scores: dict, timing: dict) -> str:
    hits = scores["hits"]
    out = [f"## Foreign fragments (bench/fragments, issue #3) — "
           f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
           "",
           f"`python bench/fragments/run.py --seed {args.seed} --copies {args.copies}`: "
           f"{len(cases)} noisy documents ({scores['clean_docs']} real fr/de host texts "
           f"from devdata × 3 positions × {args.copies}), {sum(len(c.fragments) for c in cases)} inserted "
           "fragments (real de/es/pt/hr/cs/it/fr sentences from devdata, one per noisy "
           "document: as a whole line, after a sentence, or in parentheses). Document language "
           "detected, not given. A fragment is found when foreign findings cover at least "
           "half of it; *right action* means the finding is F101 (line), F102 (bracket) "
           "or F103 (sentence) as intended; *precision* counts the foreign findings in the "
           "noisy documents of that row (each holds one fragment) that cover it.",
           "",
           "| bucket (words) | position | fragments | recall | right action | precision |",
           "| --- | --- | ---: | ---: | ---: | ---: |"]
    charged = scores["charged"]

    def precision(key) -> str:
        good, bad = charged[key]
        return f"{good / (good + bad):.3f}" if good + bad else "–"

    for key in sorted(k for k in hits if len(k) == 2):
        found, right, total = hits[key]
        out.append(f"| {key[0]} | {key[1]} | {total} | {found / total:.3f} | "
                   f"{right / total:.3f} | {precision(key)} |")
    for label, test in (("≥ 4 words, any position", lambda k: k[0] != "1-3"),
                        ("1-3 words, bracketed", lambda k: k == ("1-3", "bracket"))):
        cells = [hits[k] for k in hits if len(k) == 2 and test(k)]
        found, total = sum(c[0] for c in cells), sum(c[2] for c in cells)
        out.append(f"| **{label}** | | {total} | **{found / total:.3f}** | | |")
    out += ["", "| host <- fragment | fragments | recall | precision |",
            "| --- | ---: | ---: | ---: |"]
    for key in sorted(k for k in hits if len(k) == 1 and k[0] != "all"):
        found, _, total = hits[key]
        out.append(f"| {key[0]} | {total} | {found / total:.3f} | {precision(key)} |")
    tp = scores["all_noisy"] - scores["false_noisy"]
    precision = tp / scores["all_noisy"] if scores["all_noisy"] else 1.0
    flags = scores["clean_flags"]
    out += ["",
            f"- Precision on the noisy copies: {precision:.3f} "
            f"({scores['false_noisy']} of {scores['all_noisy']} foreign findings match no "
            "inserted fragment; see the clean-copy list for what those are).",
            f"- Clean copies: {len(flags)} flagged spans in {scores['clean_docs']} documents "
            f"= {50 * len(flags) / max(scores['clean_docs'], 1):.2f} per 50 documents "
            "(target ≤ 1).",
            f"- Language-ID time, same run, median of {len(timing['ratios'])} interleaved "
            f"repeats over {timing['docs']} documents (noisy copies and each clean host once) / "
            f"{timing['paragraphs']} paragraphs "
            f"({timing['chars'] / 1e6:.2f} M chars): bare `model.predict(paragraph)` "
            f"{timing['bare']:.2f} s; tqcheck document language + foreign detector, caches "
            f"emptied before each document {timing['cold']:.2f} s = **{timing['ratio']:.2f}x** (each repeat: "
            + ", ".join(f"{r:.2f}" for r in timing["ratios"]) + f"); on the clean hosts alone "
            f"**{timing['clean_ratio']:.2f}x**, on the noisy copies alone (one fragment "
            f"in every document) {timing['noisy_ratio']:.2f}x; the cleaner's later "
            f"passes (cached) {timing['warm']:.2f} s = {timing['warm_ratio']:.2f}x. "
            f"First pass: {timing['ft_calls']} fastText calls, {timing['ld_calls']} langdetect "
            "calls. 2 shared cores: ratios, not seconds.",
            ""]
    if flags:
        out += ["Flagged on clean copies (host document, rule, text, evidence):", ""]
        out += [f"- `{h}` {r}: {t!r} ({m}" for h, r, t, m in flags]
        out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devdata", type=Path, default=ROOT.parent / "shared" / "devdata")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()
    if not (args.devdata / "mt").is_dir():
        print(f"devdata not found at {args.devdata} (use --devdata)", file=sys.stderr)
        return 2
    cases = build(args.devdata, args.seed, args.copies)
    checker = Checker(load_rules().only(lambda r: r.category == "foreign"))
    scores = score_cases(checker, cases)
    timing = time_lid(checker, cases, args.repeats)
    text = report(args, cases, scores, timing)
    print(text)
    if args.write:
        results = ROOT / "bench" / "RESULTS.md"
        prefix = results.read_text("utf-8") if results.exists() else "# Benchmark results\n"
        results.write_text(prefix.rstrip("\n") + "\n\n" + text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
