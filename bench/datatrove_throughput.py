"""Throughput of tqcheck's datatrove steps with 1 and 2 tasks on the benchmark corpus.

    pip install '.[datatrove]'                         # plain datatrove + orjson
    python bench/datatrove_throughput.py --mb 2 --repeats 2

The corpus is bench/speed/build_corpus.py's (real devdata text, repeated and shuffled;
the first documents of a small corpus are those of the 50 MB one), split into shards
so datatrove can give each task its own files. Each configuration runs in a fresh
process, alternating (library, 1 task, 2 tasks, library, ...) so that the machine's
load hits them alike:

* `library` — a bare `Checker.clean` loop over the same documents, one core (the floor);
* `datatrove 1 task` — LocalPipelineExecutor, JsonlReader -> TqcheckFormatter ->
  TqcheckFilter(min_score, exclusion_writer) -> JsonlWriter, in-process;
* `datatrove 2 tasks` — the same pipeline, 2 tasks on 2 worker processes (forkserver).

Wall time is the pipeline's (imports and corpus building excluded; worker start-up and
model loading included). CPU time is the process's for `library`, and for datatrove the
sum over tasks of a clock step's reading in each task (workers are the forkserver's
children, not ours); "time in steps" is datatrove's own per-step timing summed over
tasks. The projected speedup on idle cores, 1-task CPU / busiest task's CPU, is a
projection from measured CPU times, not a measurement. The machine is shared: ratios
measured in one run mean more than the absolute figures, and the script also measures
how much two busy processes get compared with one (2.0 on an idle 2-core machine),
before and after: the ceiling for the 2-task speedup at that moment. Prints JSON and a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "speed"))

CONFIGS = ("library", "datatrove-1", "datatrove-2")
MIN_SCORE = 50.0


def build_shards(folder: Path, megabytes: float, shards: int) -> dict:
    """The benchmark corpus, dealt round-robin into `shards` JSONL files."""
    import build_corpus

    folder.mkdir(parents=True, exist_ok=True)
    whole = folder / "corpus.jsonl"
    info = build_corpus.build(whole, megabytes)
    handles = [open(folder / f"shard-{n:02d}.jsonl", "w", encoding="utf-8") for n in range(shards)]
    with open(whole, encoding="utf-8") as source:
        for i, line in enumerate(source):
            handles[i % shards].write(line)
    for handle in handles:
        handle.close()
    whole.unlink()
    return info


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cpu_clock_step():
    """A pass-through datatrove step, last in the pipeline, that adds the CPU time its
    task spent on the pipeline (`process_time` from its first pull to its end: model
    loading included, interpreter start-up and imports not) to the stats as `cpu_s`.
    Works in datatrove's worker processes, whose CPU time the parent cannot read."""
    from datatrove.pipeline.base import PipelineStep

    class CpuClock(PipelineStep):
        name = "cpu clock"
        type = "bench"

        def run(self, data, rank: int = 0, world_size: int = 1):
            start = time.process_time()
            yield from data
            self.stat_update("cpu_s", value=time.process_time() - start)

    return CpuClock()


def run_one(config: str, shards: Path, out: Path) -> dict:
    """One measurement, in this (fresh) process."""
    if config == "library":
        from tqcheck.integrations import CheckerSpec, checker_for

        checker = checker_for(CheckerSpec())
        docs = [json.loads(line)["text"] for path in sorted(shards.glob("shard-*.jsonl"))
                for line in path.read_text("utf-8").splitlines()]
        checker.clean("Warm-up.   \n")
        cpu, wall = cpu_seconds(), time.perf_counter()
        for text in docs:
            checker.clean(text)
        return {"wall_s": time.perf_counter() - wall, "cpu_s": cpu_seconds() - cpu}

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    tasks = int(config.split("-")[1])
    executor = LocalPipelineExecutor(pipeline=[
        JsonlReader(str(shards), glob_pattern="shard-*.jsonl"),
        TqcheckFormatter(),
        TqcheckFilter(min_score=MIN_SCORE, exclusion_writer=JsonlWriter(str(out / "rejected"))),
        JsonlWriter(str(out / "kept")),
        cpu_clock_step(),
    ], tasks=tasks, workers=tasks, logging_dir=str(out / "logs"))
    wall = time.perf_counter()
    executor.run()
    result = {"wall_s": time.perf_counter() - wall}
    stats = json.loads((out / "logs" / "stats.json").read_text("utf-8"))
    # Pool workers are children of datatrove's forkserver, not of this process: their
    # CPU time comes from the clock step in each task (summed, and the largest task's).
    clock = next(s["stats"]["cpu_s"] for s in stats if s["name"].endswith("cpu clock"))
    result["cpu_s"] = _total(clock)
    result["max_task_cpu_s"] = clock.get("max", clock["total"]) if isinstance(clock, dict) else clock
    # Time spent inside the steps, summed over tasks (datatrove's own time_stats).
    result["task_s"] = sum(_total(s["time_stats"]) for s in stats)
    filter_stats = next(s["stats"] for s in stats if s["name"].endswith("tqcheck score"))
    result["kept"] = _total(filter_stats.get("forwarded", 0))
    result["dropped"] = _total(filter_stats.get("dropped", 0))
    return result


def _total(value) -> float:
    return value["total"] if isinstance(value, dict) else value


_BURN = "import time; t = time.perf_counter(); s = 0\nfor i in range(20_000_000): s += i\nprint(time.perf_counter() - t)"


def parallel_capacity() -> float:
    """How many cores' worth of work two busy processes get right now, relative to one
    (2.0 on an idle 2-core machine): the ceiling for the 2-task speedup at this load."""
    def burn(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", _BURN], stdout=subprocess.PIPE,
                                  text=True) for _ in range(n)]
        return max(float(p.communicate()[0]) for p in procs)

    alone = burn(1)
    return round(2 * alone / burn(2), 2)


def measure(config: str, shards: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="tqcheck-dt-bench-") as tmp:
        load = os.getloadavg()[0]
        proc = subprocess.run(
            [sys.executable, __file__, "--run-one", config, "--shard-dir", str(shards),
             "--out", tmp], capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        if proc.returncode:
            raise SystemExit(f"{config} failed:\n{proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(config=config, load_before=round(load, 1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size (default 2 MB)")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--run-one", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--shard-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        print(json.dumps(run_one(args.run_one, args.shard_dir, args.out)))
        return

    with tempfile.TemporaryDirectory(prefix="tqcheck-dt-corpus-") as tmp:
        folder = Path(tmp)
        info = build_shards(folder, args.mb, args.shards)
        mb = info["bytes"] / 1e6
        capacity = [parallel_capacity()]
        runs = [measure(config, folder) for _ in range(args.repeats) for config in CONFIGS]
        capacity.append(parallel_capacity())
    summary = {}
    for config in CONFIGS:
        mine = [r for r in runs if r["config"] == config]
        wall = statistics.median(r["wall_s"] for r in mine)
        cpu = round(statistics.median(r["cpu_s"] for r in mine), 2)
        tasks = [r["task_s"] for r in mine if "task_s" in r]
        summary[config] = {"wall_s": round(wall, 2), "cpu_s": cpu,
                           "task_s": round(statistics.median(tasks), 2) if tasks else None,
                           "mb_per_s": round(mb / wall, 3), "docs_per_s": round(info["documents"] / wall, 1)}
    one, two = summary["datatrove-1"], summary["datatrove-2"]
    busiest = statistics.median(r["max_task_cpu_s"] for r in runs if r["config"] == "datatrove-2")
    report = {"corpus": info | {"mb": round(mb, 2), "shards": args.shards}, "runs": runs,
              "summary": summary,
              "speedup_2_vs_1_tasks": round(one["wall_s"] / two["wall_s"], 2),
              "datatrove_1_task_vs_library": round(summary["library"]["wall_s"] / one["wall_s"], 2),
              # With a free core per task, wall time is the busiest task's CPU time.
              "projected_speedup_on_idle_cores": round(one["cpu_s"] / busiest, 2),
              "cpu_count": os.cpu_count(), "parallel_capacity_before_after": capacity}
    print(json.dumps(report, indent=1))
    print(f"\nCorpus: {info['documents']} documents, {mb:.2f} MB; medians of {args.repeats} "
          f"runs each; load average before the runs: "
          f"{', '.join(str(r['load_before']) for r in runs)}\n")
    print("| configuration | wall s | CPU s | time in steps s | MB/s | docs/s |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |")
    for config in CONFIGS:
        s = summary[config]
        print(f"| {config} | {s['wall_s']} | {s['cpu_s'] or '–'} | {s['task_s'] or '–'} "
              f"| {s['mb_per_s']} | {s['docs_per_s']} |")
    print(f"\n2 tasks vs 1 task: {report['speedup_2_vs_1_tasks']}x; "
          f"1 task vs bare library loop: {report['datatrove_1_task_vs_library']}x; "
          f"parallel capacity of the machine (2 busy processes vs 1, before/after): "
          f"{capacity[0]}x / {capacity[1]}x; projected 2-task speedup with a free core per "
          f"task (1-task CPU / busiest task's CPU): {report['projected_speedup_on_idle_cores']}x")


if __name__ == "__main__":
    main()
