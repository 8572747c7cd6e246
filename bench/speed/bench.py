"""Speed benchmark: tqcheck against a bare fastText pass and datatrove's filters, on the
same documents, in one run (ratios measured together survive a noisy shared machine).

    python bench/speed/bench.py                      # builds corpora, runs everything
    python bench/speed/bench.py --mb 50 --skip-datatrove

datatrove runs in its own virtualenv (bench/speed/setup_datatrove.sh). Results are
printed as a Markdown table and written to bench/speed/work/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
import measure  # noqa: E402

ONE_ARTICLE = ROOT / "data" / "samples" / "fr" / "fr-01-mer-caspienne.txt"


def tqcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "tqcheck", *args]


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def row(name: str, m: measure.Measurement, mb: float, docs: int) -> dict:
    return {"name": name, "wall_s": round(m.wall, 2), "cpu_s": round(m.cpu, 2),
            "mb": round(mb, 1), "docs": docs,
            "mb_per_cpu_s": round(mb / m.cpu, 3) if m.cpu else None,
            "docs_per_cpu_s": round(docs / m.cpu, 1) if m.cpu else None,
            "mb_per_wall_s": round(mb / m.wall, 3),
            "peak_rss_mb": {str(k): round(v, 1) for k, v in m.peak_rss_mb.items()},
            "max_rss_mb": round(m.max_rss_mb, 1), "load": load(),
            "cpu_by_pid": {str(k): round(v, 2) for k, v in m.cpu_by_pid.items()}}


def startup(repeats: int) -> dict:
    """`tqcheck check one-article.txt`, start to finish; `python -c pass` alongside
    shows what the machine's load adds to any process start."""
    runs = {"tqcheck check one article": tqcheck("check", str(ONE_ARTICLE)),
            "tqcheck check one article --lang fr": tqcheck("check", str(ONE_ARTICLE), "--lang", "fr"),
            "python -c pass": [sys.executable, "-c", "pass"]}
    out = {}
    for name, cmd in runs.items():
        ms = [measure.run(cmd, env=env()) for _ in range(repeats)]
        out[name] = {"wall_median_s": round(statistics.median(m.wall for m in ms), 3),
                     "wall_min_s": round(min(m.wall for m in ms), 3),
                     "cpu_median_s": round(statistics.median(m.cpu for m in ms), 3)}
    return out


def ratios(results: dict) -> dict:
    """The figures the targets are about, all from this one run."""
    runs = {r["name"]: r for r in results["runs"]}
    j1, j2 = runs["tqcheck check -j1 (large)"], runs["tqcheck check -j2 (large)"]
    floor = runs["fastText floor (large)"]
    small, small_rss = runs["tqcheck check -j1 (small)"], runs["tqcheck check -j1 (small)"]["max_rss_mb"]
    out = {
        "tqcheck_time_over_fasttext_floor": round(j1["cpu_s"] / floor["cpu_s"], 2),
        "jobs2_speedup_wall": round(j1["wall_s"] / j2["wall_s"], 2),
        # If two cores were free: the busiest process of the -j2 run bounds its wall time.
        "jobs2_speedup_cpu_bound": round(j1["cpu_s"] / max(j2["cpu_by_pid"].values()), 2),
        "jobs2_parent_cpu_s": j2["cpu_by_pid"].get(min(j2["cpu_by_pid"], key=int)),
        "rss_growth_10x_data": round(j1["max_rss_mb"] / small_rss - 1, 3),
    }
    if "datatrove 4 filters (small)" in runs:
        dt_cpu = results["datatrove_detail"]["cpu_s_total"]
        out["datatrove_mb_per_cpu_s"] = round(small["mb"] / dt_cpu, 3)
        out["tqcheck_over_datatrove_throughput"] = round(dt_cpu / small["cpu_s"], 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50.0, help="size of the large corpus")
    parser.add_argument("--small-mb", type=float, default=5.0,
                        help="size of the small corpus (RSS growth, datatrove)")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--datatrove-venv", type=Path, default=HERE / ".venv-datatrove")
    parser.add_argument("--skip-datatrove", action="store_true")
    parser.add_argument("--startup-repeats", type=int, default=7)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    big = build_corpus.build(args.work / "corpus-large.jsonl", args.mb)
    small = build_corpus.build(args.work / "corpus-small.jsonl", args.small_mb)
    big_mb, small_mb = big["bytes"] / 1e6, small["bytes"] / 1e6
    results: dict = {"corpus": {"large": big, "small": small}, "cpus": os.cpu_count(),
                     "load_at_start": load(), "runs": []}
    print(f"corpora: {big_mb:.1f} MB / {big['documents']} docs and {small_mb:.1f} MB / "
          f"{small['documents']} docs; load {load()}", flush=True)

    def record(name, m, mb, docs):
        results["runs"].append(row(name, m, mb, docs))
        r = results["runs"][-1]
        print(f"{name}: wall {r['wall_s']} s, cpu {r['cpu_s']} s, {r['mb_per_cpu_s']} MB/cpu-s, "
              f"max RSS {r['max_rss_mb']} MB, load {r['load']}", flush=True)

    results["startup"] = startup(args.startup_repeats)
    print(json.dumps(results["startup"], indent=1), flush=True)
    record("fastText floor (large)", measure.run(
        [sys.executable, str(HERE / "fasttext_floor.py"), big["path"]]), big_mb, big["documents"])
    record("tqcheck check -j1 (large)", measure.run(
        tqcheck("check", big["path"], "-j", "1", "-q"), env=env()), big_mb, big["documents"])
    record("tqcheck check -j2 (large)", measure.run(
        tqcheck("check", big["path"], "-j", "2", "-q"), env=env()), big_mb, big["documents"])
    record("tqcheck check -j1 (small)", measure.run(
        tqcheck("check", small["path"], "-j", "1", "-q"), env=env()), small_mb, small["documents"])
    record("tqcheck clean -j1 (small)", measure.run(
        tqcheck("clean", small["path"], "-j", "1", "-q", "--out", str(args.work / "cleaned")),
        env=env()), small_mb, small["documents"])
    record("fastText floor (small)", measure.run(
        [sys.executable, str(HERE / "fasttext_floor.py"), small["path"]]), small_mb,
        small["documents"])
    if not args.skip_datatrove:
        python = args.datatrove_venv / "bin" / "python"
        m = measure.run([str(python), str(HERE / "datatrove_filters.py"), small["path"]],
                        stdout=measure.subprocess.PIPE)
        record("datatrove 4 filters (small)", m, small_mb, small["documents"])
        results["datatrove_detail"] = json.loads(m.stdout.strip().splitlines()[-1])
        print(json.dumps(results["datatrove_detail"]), flush=True)
    results["ratios"] = ratios(results)
    print(json.dumps(results["ratios"], indent=1))
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print(f"written {args.work / 'results.json'}")


if __name__ == "__main__":
    main()
