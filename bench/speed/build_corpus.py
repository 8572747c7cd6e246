"""Build the benchmark corpus (JSONL) at run time from ../shared/devdata.

devdata holds ~1.4 MB of real web and news text (59 page dumps in 7 languages, 40 French
news articles): far less than a benchmark needs, so documents are drawn from it at
random, repeated, and shuffled. To keep caches from making repeats free, every content
line (8 words or more) of every copy has two random pairs of neighbouring words swapped,
so content lines are almost all unique while short lines (menus, share widgets,
bylines) repeat as boilerplate does in a real crawl. The text is never committed.

    python bench/speed/build_corpus.py OUT.jsonl --mb 50
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

def _devdata() -> Path:
    """`shared/devdata` beside the repository (or beside the folder of worktrees)."""
    here = Path(__file__).resolve()
    candidates = [here.parents[n] / "shared" / "devdata" for n in (3, 4)]
    return next((c for c in candidates if c.is_dir()), candidates[0])


DEVDATA = _devdata()


def sources(devdata: Path = DEVDATA) -> list[tuple[str, str]]:
    files = sorted(devdata.glob("*.txt")) + sorted((devdata / "mt").glob("*.txt"))
    if not files:
        raise SystemExit(f"no devdata texts found in {devdata}")
    return [(p.name, p.read_text("utf-8")) for p in files]


def variant(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        if len(words) >= 8:
            for _ in range(2):
                i = rng.randrange(1, len(words) - 2)
                words[i], words[i + 1] = words[i + 1], words[i]
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


def build(out: Path, megabytes: float, seed: int = 13) -> dict:
    """Write documents until the file holds `megabytes` MB; the first N documents of a
    smaller corpus equal those of a larger one with the same seed."""
    rng = random.Random(seed)
    texts = sources()
    limit = int(megabytes * 1e6)
    size = docs = chars = 0
    with open(out, "w", encoding="utf-8") as handle:
        while size < limit:
            name, text = rng.choice(texts)
            doc = variant(text, rng)
            line = json.dumps({"id": f"doc-{docs}", "source": name, "text": doc},
                              ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            docs += 1
            chars += len(doc)
    return {"path": str(out), "bytes": size, "documents": docs, "chars": chars,
            "sources": len(texts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    print(json.dumps(build(args.out, args.mb, args.seed)))


if __name__ == "__main__":
    main()
