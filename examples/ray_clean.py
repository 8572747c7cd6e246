"""Clean a JSONL corpus with tqcheck on Ray Data.

    pip install 'tqcheck[ray]'
    python examples/ray_clean.py data/samples/jsonl cleaned-ray/ --min-score 60

writes cleaned-ray/kept/ and cleaned-ray/rejected/ as Parquet: the input's columns
with `text` cleaned, a `tqcheck` struct column (score, language, findings, categories,
rules, edits) and `filter_reason` (`tqcheck:<category>` for rejected rows).

On a Ray cluster (input and output on shared storage, e.g. s3:// or a shared mount):

    ray job submit --working-dir . -- \\
        python examples/ray_clean.py s3://bucket/crawl/ s3://bucket/cleaned/ --concurrency 64
"""
from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="JSONL file or folder (local path or URL)")
    parser.add_argument("out", help="output folder: kept/ and rejected/ (Parquet)")
    parser.add_argument("--min-score", type=float, default=60.0)
    parser.add_argument("--lang", help="expected language (default: detected per document)")
    parser.add_argument("--concurrency", type=int, default=2, help="actors, one CPU each")
    args = parser.parse_args()

    import ray

    from tqcheck.integrations.ray import clean_dataset

    ray.init()  # joins the cluster `ray job submit` runs in (or starts a local one)
    ds = ray.data.read_json(args.source, file_extensions=["jsonl", "json", "gz"])
    ds = clean_dataset(ds, min_score=args.min_score, lang=args.lang,
                       concurrency=args.concurrency).materialize()
    ds.filter(lambda row: row["filter_reason"] is None).write_parquet(f"{args.out}/kept")
    ds.filter(lambda row: row["filter_reason"] is not None).write_parquet(f"{args.out}/rejected")


if __name__ == "__main__":
    main()
