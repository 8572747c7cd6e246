"""Project configuration: `[tool.tqcheck]` in pyproject.toml, or a `tqcheck.toml`.

The file is found by walking up from the checked files (their common folder), so a
repository of text datasets configures tqcheck once at its root, as it would ruff.
Keys mirror the long command-line options (`select`, `fail-on`, `min-score`, ...);
the command line wins over `TQCHECK_*` environment variables, which win over the file,
which wins over the defaults. Two keys have no option of their own:
`per-file-ignores` (a table of glob -> selectors) and per-language tables
`[tool.tqcheck.lang.<code>]`. An unknown key is an error naming the key and the file:
a misspelt setting that silently does nothing is worse than none.
"""
from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from tqcheck.selection import FAIL_LEVELS, FileIgnore, LanguageSettings, split_selectors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Looked for in this order in each folder; the first that configures tqcheck wins.
CONFIG_NAMES = ("tqcheck.toml", "pyproject.toml")
LANGUAGE_KEYS = ("select", "ignore", "min-score", "fail-on", "min-confidence")
PER_FILE_IGNORES = "per-file-ignores"


class ConfigError(ValueError):
    """A configuration problem; the message starts with the file's path."""


@dataclass(frozen=True)
class Config:
    """A loaded configuration: option values by long-option name, plus the tables."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    languages: dict[str, LanguageSettings] = field(default_factory=dict)
    file_ignores: tuple[FileIgnore, ...] = ()

    @property
    def root(self) -> Path:
        """Relative paths in the file (rules folders, globs) are relative to its folder."""
        return self.path.parent if self.path else Path.cwd()


def _table(path: Path) -> dict[str, Any] | None:
    """The tqcheck table of a candidate file, or None when it does not configure tqcheck."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tqcheck")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.tqcheck] must be a table")
        return table
    return data


def start_folder(paths: Iterable[str]) -> Path:
    """The common folder of the checked paths (the working folder when there are none)."""
    folders = []
    for raw in paths:
        if raw == "-":
            continue
        p = Path(raw).resolve()
        folders.append(p if p.is_dir() else p.parent)
    if not folders:
        return Path.cwd()
    return Path(os.path.commonpath([str(f) for f in folders]))


def find_config(paths: Iterable[str] = ()) -> Path | None:
    """The nearest tqcheck.toml, or pyproject.toml with [tool.tqcheck], above the paths."""
    folder = start_folder(paths)
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and _table(path) is not None:
                return path
    return None


def _where(path: Path) -> str:
    return f"{path}: [tool.tqcheck]" if path.name == "pyproject.toml" else str(path)


def _unknown(path: Path, key: str, known: Iterable[str], section: str = "") -> ConfigError:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return ConfigError(f"{_where(path)}{section}: unknown key '{key}'{hint}")


def _selectors(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path)}: '{key}' must be a list of rule selectors")
    return split_selectors(value)


def _number(path: Path, key: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ConfigError(f"{_where(path)}: '{key}' must be a number from {low:g} to {high:g}")
    return float(value)


def _language(path: Path, code: str, table: Any) -> LanguageSettings:
    section = f" lang.{code}"
    if not isinstance(table, dict):
        raise ConfigError(f"{_where(path)}{section}: must be a table of settings")
    table = {k.replace("_", "-"): v for k, v in table.items()}
    for key in table:
        if key not in LANGUAGE_KEYS:
            raise _unknown(path, key, LANGUAGE_KEYS, section)
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"{_where(path)}{section}: 'fail-on' must be one of "
                          f"{', '.join(FAIL_LEVELS)}")
    return LanguageSettings(
        select=_selectors(path, f"lang.{code}.select", table.get("select", [])),
        ignore=_selectors(path, f"lang.{code}.ignore", table.get("ignore", [])),
        min_score=(None if "min-score" not in table
                   else _number(path, f"lang.{code}.min-score", table["min-score"], 0, 100)),
        fail_on=fail_on,
        min_confidence=(None if "min-confidence" not in table else _number(
            path, f"lang.{code}.min-confidence", table["min-confidence"], 0, 1)),
    )


def load_config(path: Path, option_keys: Iterable[str]) -> Config:
    """Read and validate one file. `option_keys` are the long options any command takes."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.tqcheck] table")
    known = set(option_keys) | {PER_FILE_IGNORES}
    values: dict[str, Any] = {}
    languages: dict[str, LanguageSettings] = {}
    file_ignores: list[FileIgnore] = []
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key == "lang" and isinstance(value, dict):
            # `lang = "fr"` is the --lang option; a `lang` table holds per-language settings.
            languages = {code: _language(path, code, t) for code, t in value.items()}
        elif key == PER_FILE_IGNORES:
            if not isinstance(value, dict):
                raise ConfigError(f"{_where(path)}: '{PER_FILE_IGNORES}' must be a table "
                                  "of glob = [selectors]")
            file_ignores = [FileIgnore(glob, _selectors(path, f"{key}.{glob}", v), path.parent)
                            for glob, v in value.items()]
        elif key in known:
            values[key] = value
        else:
            raise _unknown(path, raw_key, known)
    return Config(path, values, languages, tuple(file_ignores))


def resolve_config(paths: Iterable[str], option_keys: Iterable[str],
                   explicit: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a run: `--config FILE`, else the nearest file, else none."""
    if isolated:
        return Config()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load_config(path, option_keys)
    found = find_config(paths)
    return load_config(found, option_keys) if found else Config()
