"""Load, validate and compile rule files (one TOML file per rule, see rules/README.md).

Every problem names the file, and the line where one can be found, because rule packs
are written by people who will go and fix them.
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import regex

from tqcheck.alternation_prefixes import factored
from tqcheck.lazy_pattern import LazyPattern
from tqcheck.model import ACTIONS, CATEGORIES, REMOVALS, SCOPES, SEVERITIES, Rule, RuleExamples
from tqcheck.toml_cache import parse_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Seconds one pattern may spend on one unit of text before the run skips it.
REGEX_TIMEOUT = 2.0

_REQUIRED = ("code", "name", "category", "severity", "action", "scope",
             "lang", "message", "source", "examples")
_OPTIONAL = ("pattern", "detector", "params", "doc_langs", "replacement", "exclude",
             "max_words", "min_words", "position", "confidence", "group")
#: Sub-folders of a rules folder that hold detector data, not rules.
DATA_FOLDER = "data"
_CODE = regex.compile(r"^[A-Z][0-9]{3}$")
_NAME = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = regex.compile(r"^(?:\*|[a-z]{2,3})$")


class RuleError(ValueError):
    """A rule file is malformed; the message starts with `path:line:`."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path, self.problem, self.line = path, problem, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


def builtin_rules_dir() -> Path:
    """The rules shipped in the wheel, or the top-level rules/ of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("tqcheck's built-in rules folder is missing from the install")


def _key_line(raw: str, key: str) -> int | None:
    match = regex.search(rf"(?m)^[ \t]*{regex.escape(key)}[ \t]*=", raw)
    return raw.count("\n", 0, match.start()) + 1 if match else None


def _compile(path: str, raw: str, key: str, source: Any, lazy: bool = False) -> Any:
    if not isinstance(source, str) or not source:
        raise RuleError(path, f"'{key}' must be a non-empty string", _key_line(raw, key))
    if lazy:  # built-in rules: compiled on first use, checked by the test suite
        return LazyPattern(source, regex.VERSION0)
    try:
        compiled = regex.compile(source, regex.VERSION0)
    except regex.error as exc:
        raise RuleError(path, f"'{key}' does not compile: {exc}", _key_line(raw, key)) from None
    try:
        empty = compiled.fullmatch("", timeout=REGEX_TIMEOUT)
    except TimeoutError:  # pragma: no cover - an empty string cannot take long
        empty = None
    if empty is not None:
        raise RuleError(path, f"'{key}' matches the empty string", _key_line(raw, key))
    checked = LazyPattern(source, regex.VERSION0)  # what runs: the factored form
    if checked.pattern == compiled.pattern and factored(source) == source:
        checked._bind(compiled)  # nothing to factor: no second compile
    return checked


def _strings(path: str, raw: str, key: str, value: Any, minimum: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(path, f"'{key}' must be a list of strings", _key_line(raw, key))
    if len(value) < minimum:
        raise RuleError(path, f"'{key}' needs at least {minimum} example(s)",
                        _key_line(raw, key.split(".")[-1]))
    return tuple(value)


def _examples(path: str, raw: str, data: Any, action: str) -> RuleExamples:
    if not isinstance(data, dict):
        raise RuleError(path, "'examples' must be a table", _key_line(raw, "examples"))
    unknown = set(data) - {"must_flag", "must_not_flag", "cleaned", "lang", "bytes"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(path, f"unknown key 'examples.{key}'", _key_line(raw, key))
    for key in ("must_flag", "must_not_flag"):
        if key not in data:
            raise RuleError(path, f"missing examples: 'examples.{key}' is required")
    must_flag = _strings(path, raw, "examples.must_flag", data["must_flag"], 1)
    must_not = _strings(path, raw, "examples.must_not_flag", data["must_not_flag"], 1)
    cleaned: list[tuple[str, str]] = []
    for item in data.get("cleaned", []):
        if not isinstance(item, dict) or set(item) != {"text", "expected"} or not all(
                isinstance(v, str) for v in item.values()):
            raise RuleError(path, "each 'examples.cleaned' entry needs exactly 'text' and "
                            "'expected' strings", _key_line(raw, "cleaned"))
        cleaned.append((item["text"], item["expected"]))
    if (action in REMOVALS or action == "replace") and not cleaned:
        raise RuleError(path, f"missing examples: a '{action}' rule needs at least one "
                        "'[[examples.cleaned]]' entry")
    lang = data.get("lang")
    if lang is not None and (not isinstance(lang, str) or not _LANG.match(lang)):
        raise RuleError(path, "'examples.lang' must be a language code", _key_line(raw, "lang"))
    as_bytes = data.get("bytes", False)
    if not isinstance(as_bytes, bool):
        raise RuleError(path, "'examples.bytes' must be true or false", _key_line(raw, "bytes"))
    return RuleExamples(must_flag, must_not, tuple(cleaned), lang, as_bytes)


def _choice(path: str, raw: str, data: dict, key: str, allowed: Iterable[str]) -> str:
    value = data[key]
    allowed = tuple(allowed)
    if value not in allowed:
        raise RuleError(path, f"'{key}' is {value!r}; expected one of {', '.join(allowed)}",
                        _key_line(raw, key))
    return value


def _count(path: str, raw: str, key: str, value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RuleError(path, f"'{key}' must be a whole number >= 0", _key_line(raw, key))
    return value


def parse_rule(path: str, raw: str, lazy: bool = False) -> Rule:
    """Validate one rule file's text; raise RuleError naming the file and line.
    `lazy` (built-in rules only) leaves compiling the patterns to their first use."""
    try:
        data = _toml(raw)
    except tomllib.TOMLDecodeError as exc:
        line = regex.search(r"line (\d+)", str(exc))
        raise RuleError(path, f"invalid TOML: {exc}", int(line.group(1)) if line else None) from None
    unknown = set(data) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(path, f"unknown key '{key}'", _key_line(raw, key))
    for key in _REQUIRED:
        if key not in data:
            raise RuleError(path, f"missing key '{key}'")
    if ("pattern" in data) == ("detector" in data):
        raise RuleError(path, "a rule needs exactly one of 'pattern' or 'detector'")
    detector = data.get("detector")
    if detector is not None and (not isinstance(detector, str) or not _NAME.match(detector)):
        raise RuleError(path, "'detector' must be a detector name", _key_line(raw, "detector"))
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise RuleError(path, "'params' must be a table", _key_line(raw, "params"))
    if params and detector is None:
        raise RuleError(path, "'params' is only for detector rules", _key_line(raw, "params"))
    for key in ("code", "name", "message", "source", "lang"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise RuleError(path, f"'{key}' must be a non-empty string", _key_line(raw, key))
    if not _CODE.match(data["code"]):
        raise RuleError(path, f"'code' {data['code']!r} must be a capital letter and 3 digits",
                        _key_line(raw, "code"))
    if not _NAME.match(data["name"]):
        raise RuleError(path, f"'name' {data['name']!r} must be kebab-case", _key_line(raw, "name"))
    if not _LANG.match(data["lang"]):
        raise RuleError(path, f"'lang' {data['lang']!r} is not a language code",
                        _key_line(raw, "lang"))
    category = _choice(path, raw, data, "category", CATEGORIES)
    severity = _choice(path, raw, data, "severity", SEVERITIES)
    action = _choice(path, raw, data, "action", ACTIONS)
    scope = _choice(path, raw, data, "scope", SCOPES)
    doc_langs = data.get("doc_langs", ["*"])
    if (not isinstance(doc_langs, list) or not doc_langs
            or not all(isinstance(x, str) and _LANG.match(x) for x in doc_langs)):
        raise RuleError(path, "'doc_langs' must be a list of language codes or [\"*\"]",
                        _key_line(raw, "doc_langs"))
    replacement = data.get("replacement")
    if action == "replace" and detector is None and not isinstance(replacement, str):
        raise RuleError(path, "a 'replace' rule needs a 'replacement' string")
    if action != "replace" and replacement is not None:
        raise RuleError(path, "'replacement' is only for 'replace' rules",
                        _key_line(raw, "replacement"))
    if action == "remove-line" and scope not in ("line", "span"):
        raise RuleError(path, "'remove-line' needs scope 'line' or 'span'", _key_line(raw, "scope"))
    position = data.get("position", {})
    if not isinstance(position, dict) or set(position) - {"first", "last"}:
        raise RuleError(path, "'position' takes only 'first' and 'last'",
                        _key_line(raw, "position"))
    confidence = data.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise RuleError(path, "'confidence' must be a number in (0, 1]",
                        _key_line(raw, "confidence"))
    group = data.get("group")
    if group is not None and (not isinstance(group, str) or not _NAME.match(group)):
        raise RuleError(path, "'group' must be a kebab-case name", _key_line(raw, "group"))
    return Rule(
        code=data["code"], name=data["name"], category=category, severity=severity,
        action=action, scope=scope, lang=data["lang"], message=data["message"].strip(),
        source=data["source"].strip(),
        pattern=(_compile(path, raw, "pattern", data["pattern"], lazy)
                 if detector is None else None),
        detector=detector, params=params,
        doc_langs=tuple(doc_langs), replacement=replacement,
        exclude=(_compile(path, raw, "exclude", data["exclude"], lazy)
                 if "exclude" in data else None),
        max_words=_count(path, raw, "max_words", data.get("max_words")),
        min_words=_count(path, raw, "min_words", data.get("min_words")),
        first=_count(path, raw, "position.first", position.get("first")),
        last=_count(path, raw, "position.last", position.get("last")),
        confidence=float(confidence), group=group or category,
        examples=_examples(path, raw, data["examples"], action), path=path,
    )


@dataclass(frozen=True)
class Disabled:
    """A rule file that switches off a rule loaded from an earlier folder:
    `code = "B101"`, `disabled = true`, and optionally a `source` saying why."""

    code: str
    path: str


@functools.lru_cache(maxsize=2)
def _toml(raw: str) -> dict:
    """A rule file's table, read once though both `_disabled` and `parse_rule` look at
    it (parsing the TOML of every rule file twice was a tenth of start-up). Read-only."""
    return parse_toml(raw)


def _disabled(path: str, raw: str) -> Disabled | None:
    try:
        data = _toml(raw)
    except tomllib.TOMLDecodeError:
        return None  # parse_rule reports it with its line
    if "disabled" not in data:
        return None
    if data["disabled"] is not True or set(data) - {"code", "disabled", "source"}:
        raise RuleError(path, "a disabling rule file takes only 'code', 'disabled = true' "
                        "and 'source'", _key_line(raw, "disabled"))
    if not isinstance(data.get("code"), str) or not _CODE.match(data["code"]):
        raise RuleError(path, "a disabling rule file needs the 'code' it disables")
    return Disabled(data["code"], path)


def load_rule_file(path: Path, lazy: bool = False) -> Rule | Disabled:
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), f"not valid UTF-8 (byte offset {exc.start})") from None
    except OSError as exc:
        raise RuleError(str(path), f"cannot read: {exc.strerror}") from None
    return _disabled(str(path), raw) or parse_rule(str(path), raw, lazy)


@dataclass(frozen=True)
class RuleSet:
    """The active rules, in code order. Later folders override earlier ones by code."""

    rules: tuple[Rule, ...]

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)

    def only(self, keep) -> "RuleSet":
        return RuleSet(tuple(r for r in self.rules if keep(r)))


def rule_files(folder: Path) -> list[Path]:
    """Rule files below a folder; its `data/` sub-folder holds detector data instead."""
    return sorted(p for p in folder.rglob("*.toml")
                  if p.is_file() and DATA_FOLDER not in p.relative_to(folder).parts[:1])


def load_data(kind: str, folders: Iterable[Path] = ()) -> dict[str, dict]:
    """Per-language detector data: `rules/data/<kind>/<lang>.toml` -> {lang: table}.

    Later folders (user `--rules` folders) override earlier ones per language."""
    out: dict[str, dict] = {}
    for folder in [builtin_rules_dir(), *map(Path, folders)]:
        base = folder / DATA_FOLDER / kind
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*.toml")):
            try:
                out[path.stem] = parse_toml(path.read_text("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                line = regex.search(r"line (\d+)", str(exc))
                raise RuleError(str(path), f"invalid data file: {exc}",
                                int(line.group(1)) if line else None) from None
    return out


def load_folder(folder: Path, lazy: bool = False) -> list[Rule | Disabled]:
    """Every rule in one folder; duplicate codes or names inside it are errors."""
    rules: list[Rule | Disabled] = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for path in rule_files(folder):
        rule = load_rule_file(path, lazy)
        if isinstance(rule, Disabled):
            rules.append(rule)
            continue
        if rule.code in seen_codes:
            raise RuleError(str(path), f"duplicate code {rule.code} (also in {seen_codes[rule.code]})",
                            _key_line(path.read_text("utf-8"), "code"))
        if rule.name in seen_names:
            raise RuleError(str(path), f"duplicate name {rule.name} (also in {seen_names[rule.name]})",
                            _key_line(path.read_text("utf-8"), "name"))
        seen_codes[rule.code] = seen_names[rule.name] = str(path)
        rules.append(rule)
    return rules


def load_rules(extra_folders: Iterable[Path] = (), builtin: bool = True) -> RuleSet:
    """Built-in rules, then user folders; a user rule replaces a built-in one by code,
    or removes it with `disabled = true`."""
    by_code: dict[str, Rule] = {}
    folders = ([builtin_rules_dir()] if builtin else []) + [Path(f) for f in extra_folders]
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(str(folder), "rule folder not found")
        for rule in load_folder(folder, lazy=builtin and folder == folders[0]):
            if isinstance(rule, Disabled):
                if by_code.pop(rule.code, None) is None:
                    raise RuleError(rule.path, f"disables {rule.code}, which no earlier "
                                    "rule folder defines")
                continue
            by_code[rule.code] = rule
    names: dict[str, str] = {}
    for rule in by_code.values():
        if rule.name in names and names[rule.name] != rule.code:
            raise RuleError(rule.path or rule.code,
                            f"duplicate name {rule.name} (also used by {names[rule.name]})")
        names[rule.name] = rule.code
    return RuleSet(tuple(sorted(by_code.values(), key=lambda r: r.code)))
