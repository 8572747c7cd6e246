"""Parsed TOML of the rule pack, remembered between runs.

`tqcheck check one-article.txt` reads some 340 TOML files (rules and per-language data),
and `tomllib`, pure Python, spent ~0.05 CPU-s of a ~0.48 s start on them: a pre-commit
hook pays that on every commit. The parsed tables are JSON-compatible, and `json` (C)
reads them back ten times faster, so each table is remembered under a hash of the
file's exact text, in one JSON file in the user's cache folder (like ruff's or mypy's
cache). A changed file has another hash, so a stale table can never be served.

Failing to read or write the cache is never an error: the file is then parsed as
before. Files that do not parse are never cached (the caller reports them, with their
line). `TQCHECK_CACHE_DIR` moves the cache; `TQCHECK_CACHE_DIR=off` turns it off.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Bump when what is stored changes shape.
FORMAT = 1
#: Entries kept; the least recently used go first (edited rule files leave old ones).
MAX_ENTRIES = 4000


def cache_file() -> Path | None:
    """Where the cache lives, or None when it is switched off."""
    chosen = os.environ.get("TQCHECK_CACHE_DIR")
    if chosen is not None:
        if chosen.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        folder = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "tqcheck"
    return folder / f"toml-v{FORMAT}.json"


class _Store:
    """The cache of one process: read on first use, written once at exit if it grew."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.entries: dict[str, str] | None = None
        self.dirty = False

    def _load(self) -> dict[str, str]:
        if self.entries is None:
            self.path = cache_file()
            self.entries = {}
            if self.path is not None:
                try:
                    data = json.loads(self.path.read_text("utf-8"))
                    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
                        self.entries = data
                except (OSError, ValueError):
                    pass  # absent, unreadable or damaged: start afresh
        return self.entries

    def get(self, key: str) -> str | None:
        entries = self._load()
        found = entries.pop(key, None)
        if found is not None:
            entries[key] = found  # most recently used last
        return found

    def put(self, key: str, value: str) -> None:
        entries = self._load()
        if self.path is None:
            return
        entries[key] = value
        if not self.dirty:
            self.dirty = True
            atexit.register(self.save)

    def save(self) -> None:
        """Written to a temporary file and renamed: readers see the old or the new cache,
        never half of one, even with several processes at once."""
        if not self.dirty or self.path is None or self.entries is None:
            return
        self.dirty = False
        keep = dict(list(self.entries.items())[-MAX_ENTRIES:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".toml-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(keep, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only home must not break a run


_STORE = _Store()


def parse_toml(raw: str) -> dict:
    """`tomllib.loads(raw)`, from the cache when this exact text was parsed before.
    Raises tomllib.TOMLDecodeError as tomllib does. Each call returns fresh objects."""
    key = hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    cached = _STORE.get(key)
    if cached is not None:
        try:
            return json.loads(cached)
        except ValueError:
            pass
    data = tomllib.loads(raw)
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return data  # dates, times or nan: not JSON, so parsed every time
    if json.loads(text) == data:  # only what comes back identical
        _STORE.put(key, text)
    return data
