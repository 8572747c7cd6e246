"""jusText, the classic paragraph-level boilerplate remover, as the baseline.

Each line becomes one `<p>` (escaped), classified with the page language's stop-list and
jusText's default settings. jusText is a bench-only dependency (bench/requirements.txt).
"""
from __future__ import annotations

import html
from typing import Sequence

STOPLISTS = {"fr": "French", "en": "English", "de": "German", "es": "Spanish",
             "pt": "Portuguese", "it": "Italian", "hr": "Croatian", "cs": "Czech"}


def available() -> bool:
    try:
        import justext  # noqa: F401
    except ImportError:
        return False
    return True


def boilerplate_lines(lines: Sequence[str], lang: str) -> list[bool]:
    """True for each line jusText classifies as boilerplate (anything but "good")."""
    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>\n" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist(STOPLISTS[lang]),
                                 encoding="utf-8")
    if len(paragraphs) != len(lines):
        return _align(lines, paragraphs)
    return [p.class_type != "good" for p in paragraphs]


def _align(lines: Sequence[str], paragraphs) -> list[bool]:
    """Map paragraphs back to lines by text when jusText dropped empty-looking ones;
    a line jusText never returned counts as boilerplate (it would not be kept)."""
    out, j = [], 0
    norm = [" ".join(p.text.split()) for p in paragraphs]
    for line in lines:
        key = " ".join(line.split())
        if j < len(norm) and norm[j] == key:
            out.append(paragraphs[j].class_type != "good")
            j += 1
        else:
            out.append(True)
    return out
