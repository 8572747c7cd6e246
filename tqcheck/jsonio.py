"""JSON text that is always valid UTF-8, even when a document kept invalid bytes.

Text decoded with `surrogateescape` holds lone surrogates; `ensure_ascii=False` would
then produce a string that cannot be written as UTF-8. Such records fall back to
`\\udcXX` escapes, which every JSON parser reads back into the same string.
"""
from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any, **kwargs: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, ensure_ascii=True, **kwargs)
    return text
