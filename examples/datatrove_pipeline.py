"""Clean a JSONL corpus with tqcheck inside a datatrove pipeline.

    pip install 'tqcheck[datatrove]'
    python examples/datatrove_pipeline.py data/samples/jsonl cleaned-datatrove/ --min-score 60

writes cleaned-datatrove/kept/ (cleaned text, `metadata.tqcheck` record),
cleaned-datatrove/rejected/ (documents under --min-score, with `filter_reason`) and
cleaned-datatrove/logs/stats.json (per-category findings, drops by reason).

The same pipeline on a cluster, input and output on shared storage (any fsspec path):

    # Slurm: run on the login node; it submits a job array of --tasks tasks
    python examples/datatrove_pipeline.py /shared/crawl/ /shared/cleaned/ \\
        --executor slurm --tasks 200 --partition cpu --time 04:00:00
    # Ray: on a running Ray cluster
    ray job submit --working-dir . -- \\
        python examples/datatrove_pipeline.py /shared/crawl/ /shared/cleaned/ --executor ray --tasks 200
"""
from __future__ import annotations

import argparse


def pipeline(source: str, out: str, min_score: float, lang: str | None) -> list:
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from tqcheck.integrations.datatrove import TqcheckFilter, TqcheckFormatter

    return [
        JsonlReader(source),
        TqcheckFormatter(lang=lang),   # cleaned text; the record in metadata["tqcheck"]
        TqcheckFilter(min_score=min_score,   # reuses the formatter's score: one check per doc
                      exclusion_writer=JsonlWriter(f"{out}/rejected")),
        JsonlWriter(f"{out}/kept"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="folder of JSONL(.gz) files (local or fsspec URL)")
    parser.add_argument("out", help="output folder: kept/, rejected/, logs/")
    parser.add_argument("--min-score", type=float, default=60.0)
    parser.add_argument("--lang", help="expected language (default: detected per document)")
    parser.add_argument("--executor", choices=("local", "slurm", "ray"), default="local")
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--partition", help="Slurm partition")
    parser.add_argument("--time", default="04:00:00", help="Slurm time limit per task")
    args = parser.parse_args()
    steps = pipeline(args.source, args.out, args.min_score, args.lang)
    logs = f"{args.out}/logs"
    if args.executor == "local":
        from datatrove.executor import LocalPipelineExecutor

        executor = LocalPipelineExecutor(pipeline=steps, tasks=args.tasks, logging_dir=logs)
    elif args.executor == "slurm":
        from datatrove.executor import SlurmPipelineExecutor

        if not args.partition:
            parser.error("--executor slurm needs --partition")
        executor = SlurmPipelineExecutor(pipeline=steps, tasks=args.tasks, time=args.time,
                                         partition=args.partition, logging_dir=logs,
                                         job_name="tqcheck", cpus_per_task=1, mem_per_cpu_gb=2)
    else:
        import ray
        from datatrove.executor import RayPipelineExecutor

        ray.init()  # joins the cluster `ray job submit` runs in (or starts a local one)
        executor = RayPipelineExecutor(pipeline=steps, tasks=args.tasks, logging_dir=logs,
                                       cpus_per_task=1, mem_per_cpu_gb=2)
    executor.run()


if __name__ == "__main__":
    main()
