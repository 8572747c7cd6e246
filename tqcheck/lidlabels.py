"""Map the labels of any fastText LID model to the codes tqcheck uses everywhere.

lid.176 labels are ISO 639-1 where one exists ('__label__fr'); GlotLID, OpenLID and
NLLB's LID use ISO 639-3 plus a script ('__label__fra_Latn', '__label__arb_Arab').
Rules (`doc_langs`), `--lang` and `rules/data/<kind>/<lang>.toml` all speak ISO 639-1,
so a model swap must not change the codes: for 'xxx_Scrp' labels the table in `data/iso639.toml` maps a
3-letter code to its 2-letter one, and an individual language that these models use
for a macrolanguage (Standard Arabic, Mandarin) to the macrolanguage's code. Codes
with no 2-letter form stay 3 letters.
"""
from __future__ import annotations

import functools
from pathlib import Path

from tqcheck.toml_cache import parse_toml

TABLE = Path(__file__).resolve().parent / "data" / "iso639.toml"


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    data = parse_toml(TABLE.read_text("utf-8"))
    return {**data["iso639_3"], **data["individual"]}


@functools.lru_cache(maxsize=4096)
def normalize_label(raw: str) -> str:
    """'__label__fr' -> 'fr'; '__label__fra_Latn' -> 'fr'; '__label__arb_Arab' -> 'ar';
    'zh-cn' (langdetect) -> 'zh'; an unknown 3-letter code is kept as it is."""
    label = raw[9:] if raw.startswith("__label__") else raw
    code, _, script = label.replace("-", "_").partition("_")
    code = code.lower()
    # Only 'xxx_Scrp' labels are ISO 639-3: lid.176's own 3-letter labels are
    # Wikipedia codes ('als' is Alemannic there, Tosk Albanian in ISO 639-3).
    if len(code) == 3 and len(script) == 4:
        return _table().get(code, code)
    return code
