"""Pools of real-world noise lines (one TOML file per category), each entry with its
source, and the fixed split that keeps part of every pool held out.

An entry is held out when the first byte of sha1(category, text) is below 77 (~30%):
the split is decided by the text alone, so nobody can move an entry after seeing how
the rules do on it. Held-out entries live in `pools/heldout/`: rule authors must not
read them, so that their recall stays an honest estimate.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

POOL_DIR = Path(__file__).resolve().parent / "pools"
POOL_CATEGORIES = ("boilerplate", "signature", "disclaimer", "metadata")
PLACES = ("top", "middle", "bottom")
HELD_OUT_BELOW = 77  # of 256


@dataclass(frozen=True)
class PoolEntry:
    """One noise line as seen in the wild: where on a page it sits, and where from."""

    category: str
    lang: str
    where: str     # top, middle or bottom of an article
    text: str
    source: str
    split: str     # "dev" or "heldout"


def split_of(category: str, text: str) -> str:
    digest = hashlib.sha1(f"{category}\0{text}".encode("utf-8")).digest()
    return "heldout" if digest[0] < HELD_OUT_BELOW else "dev"


def pool_file(category: str, split: str, root: Path = POOL_DIR) -> Path:
    return (root / "heldout" if split == "heldout" else root) / f"{category}.toml"


def load_pools(root: Path = POOL_DIR) -> list[PoolEntry]:
    entries = []
    for split in ("dev", "heldout"):
        for category in POOL_CATEGORIES:
            path = pool_file(category, split, root)
            if not path.is_file():
                continue
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for item in data.get("entry", []):
                entries.append(PoolEntry(category, item["lang"], item["where"], item["text"],
                                         item["source"], split))
    return entries


def _toml_string(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in out) + '"'


def write_pools(entries: list[PoolEntry], root: Path = POOL_DIR) -> None:
    """Write entries to their category/split files (used when adding collected lines)."""
    for split in ("dev", "heldout"):
        for category in POOL_CATEGORIES:
            chosen = [e for e in entries if e.category == category and e.split == split]
            if not chosen:
                continue
            path = pool_file(category, split, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            header = (f"# {category} noise lines seen in the wild ({split} part).\n"
                      + ("# HELD OUT: do not read while writing or tuning rules.\n"
                         if split == "heldout" else "")
                      + "# Each entry keeps the text as found and where it was found.\n")
            blocks = [header]
            for e in sorted(chosen, key=lambda e: (e.lang, e.where, e.text)):
                blocks.append("[[entry]]\n"
                              f"lang = {_toml_string(e.lang)}\n"
                              f"where = {_toml_string(e.where)}\n"
                              f"text = {_toml_string(e.text)}\n"
                              f"source = {_toml_string(e.source)}\n")
            path.write_text("\n".join(blocks), encoding="utf-8")
