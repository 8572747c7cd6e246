"""The parsed-TOML cache gives exactly what tomllib gives, is keyed on the text (an
edited file can never get a stale table), and never turns a cache problem into an error."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tqcheck import toml_cache
from tqcheck.toml_cache import parse_toml

ROOT = Path(__file__).resolve().parents[1]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh cache in tmp_path, as a new process would see it."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(toml_cache, "_STORE", toml_cache._Store())
    return tmp_path / f"toml-v{toml_cache.FORMAT}.json"


def _new_process(monkeypatch) -> None:
    toml_cache._STORE.save()
    monkeypatch.setattr(toml_cache, "_STORE", toml_cache._Store())


def test_every_shipped_toml_file_comes_back_identical_from_the_cache(store, monkeypatch):
    files = sorted(ROOT.joinpath("rules").rglob("*.toml")) + [ROOT / "tqcheck/data/iso639.toml"]
    assert len(files) > 300
    texts = [f.read_text("utf-8") for f in files]
    first = [parse_toml(t) for t in texts]
    _new_process(monkeypatch)
    assert len(json.loads(store.read_text("utf-8"))) == len(set(texts))
    second = [parse_toml(t) for t in texts]
    assert second == first == [tomllib.loads(t) for t in texts]


def test_a_later_process_reads_the_cache_and_an_edited_text_is_parsed_afresh(store, monkeypatch):
    rule = ROOT / "rules" / "boilerplate"
    text = sorted(rule.glob("*.toml"))[0].read_text("utf-8")
    parse_toml(text)
    _new_process(monkeypatch)
    # Prove the next process answers from the cache: doctor the stored table.
    entries = json.loads(store.read_text("utf-8"))
    (key,) = entries
    entries[key] = json.dumps({"code": "FROM-CACHE"})
    store.write_text(json.dumps(entries), "utf-8")
    monkeypatch.setattr(toml_cache, "_STORE", toml_cache._Store())
    assert parse_toml(text) == {"code": "FROM-CACHE"}
    edited = text.replace('severity = "', 'severity  = "', 1)
    assert edited != text
    assert parse_toml(edited) == tomllib.loads(edited)


def test_a_damaged_cache_is_ignored_and_replaced(store, monkeypatch):
    store.write_bytes(b"\x00\xffnot json{")
    assert parse_toml('a = 1\nb = ["x"]\n') == {"a": 1, "b": ["x"]}
    _new_process(monkeypatch)
    assert list(json.loads(store.read_text("utf-8")).values()) == ['{"a": 1, "b": ["x"]}']


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(blocker / "sub"))
    monkeypatch.setattr(toml_cache, "_STORE", toml_cache._Store())
    assert parse_toml("x = 2\n") == {"x": 2}
    toml_cache._STORE.save()  # mkdir fails under a file: swallowed
    assert not (blocker / "sub").exists()


def test_switched_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", "off")
    monkeypatch.setattr(toml_cache, "_STORE", toml_cache._Store())
    assert toml_cache.cache_file() is None
    assert parse_toml("x = 3\n") == {"x": 3}
    toml_cache._STORE.save()
    assert not toml_cache._STORE.dirty


def test_dates_are_not_cached_and_errors_are_raised_not_cached(store, monkeypatch):
    dated = "when = 2024-05-14T10:32:00Z\n"
    assert parse_toml(dated) == tomllib.loads(dated)
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml('code = "B101"\ncode = "B102"\n')
    assert not toml_cache._STORE.dirty
    _new_process(monkeypatch)
    assert not store.exists()


def test_the_cli_writes_the_cache_once_and_then_reads_it(tmp_path):
    article = ROOT / "data" / "samples" / "fr" / "fr-01-mer-caspienne.txt"
    env = {**__import__("os").environ, "TQCHECK_CACHE_DIR": str(tmp_path / "c")}
    runs = [subprocess.run([sys.executable, "-m", "tqcheck", "check", str(article)],
                           capture_output=True, text=True, env=env, cwd=ROOT) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and "B111" in runs[0].stdout
    assert runs[0].stderr == runs[1].stderr == ""
    cached = tmp_path / "c" / f"toml-v{toml_cache.FORMAT}.json"
    assert len(json.loads(cached.read_text("utf-8"))) > 300
