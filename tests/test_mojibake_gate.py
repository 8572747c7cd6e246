"""The mojibake gate (tqcheck/detectors/mojibake_gate.py) must never hide a line ftfy's
`is_bad` accepts: the encoding detector only looks at the lines it names."""
from __future__ import annotations

import re
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.detectors.mojibake_gate import GATE, WIDTH, bad_lines, gate_for
from tqcheck.lineindex import line_index
from tqcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]


def _missed(text: str) -> list[str]:
    """Lines the gate gets wrong: `is_bad` accepts them and the gate does not name
    them, or the other way round."""
    index = line_index(text)
    named = bad_lines(index.lines, text, index.starts)
    return [line.text for i, line in enumerate(index.lines)
            if is_bad(line.text) != (i in named)]


def _mojibake(text: str, codec: str = "sloppy-windows-1252") -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


ARTICLE = ("Le ministre a déclaré que la réforme était prête, selon l’AFP.\n"
           "Die Bürgermeisterin von München äußerte sich „sehr zufrieden“.\r\n"
           "À Paris, « la hausse » atteint 3 % — soit 12 € de plus.\r"
           "A prefeitura de São Paulo anunciou a ampliação das ciclovias.\n\n"
           "Москва объявила о новых мерах поддержки. Vláda schválila rozpočet.\n")


def test_the_installed_ftfy_is_gated():
    assert GATE is not None  # else the detector silently checks every line (slower)
    assert 2 <= WIDTH <= 10


def test_a_search_starting_inside_a_line_does_not_match_its_start_anchor():
    # bad_lines searches windows of a line with `pos`; `^` must keep meaning its start.
    assert re.compile("^Ã ").search("xÃ y", 1) is None
    assert re.compile("^Ã ").search("Ã y", 0, 2) is not None


def test_mojibake_lines_are_named_whatever_the_line_breaks():
    for codec in ("sloppy-windows-1252", "latin-1", "sloppy-windows-1251", "iso-8859-2"):
        broken = _mojibake(ARTICLE, codec)
        index = line_index(broken)
        bad = [i for i, line in enumerate(index.lines) if is_bad(line.text)]
        assert bad, codec  # the corpus really holds mojibake for the gate to find
        assert _missed(broken) == [], codec


def test_a_line_starting_with_a_broken_capital_after_any_line_break_is_named():
    # "à " read as Windows-1252 is "Ã" + no-break space; ftfy flags it at a line start.
    for brk in ("\n", "\r\n", "\r"):
        text = f"Premier paragraphe propre.{brk}Ã\u00a0la une aujourd’hui{brk}Fin."
        assert is_bad("Ã\u00a0la une aujourd’hui")
        assert _missed(text) == [], repr(brk)


def test_the_gate_names_few_lines_of_clean_accented_text():
    clean = ("Le ministre a déclaré que la réforme était prête, selon l’AFP.\n" * 20
             + "« À Paris, l’Élysée » a dit “non” — 12 € de plus.\n" * 20)
    index = line_index(clean)
    assert bad_lines(index.lines, clean, index.starts) == set()


def test_patterns_the_gate_cannot_read_disable_it():
    assert gate_for(re.compile(r"Ã©|\s+")) is None  # an alternative with no class to require
    assert gate_for(re.compile(r"(?i)Ã©")) is None
    assert gate_for(re.compile(r"[^a-z]Ã?")) is None
    assert gate_for(re.compile(r"Ã©(?=x)")) is None
    assert gate_for(re.compile(r"Ã©\b")) is None
    assert gate_for(re.compile(r"Ã©$")) is None
    assert gate_for(re.compile(r"Ã+")) is None  # no longest match
    gate, width = gate_for(re.compile(r"x[Ã©]|Ã{1,3}|\s?¤"))
    assert (gate.pattern, width) == ("[¤©Ã]", 3)  # the rarest class of each alternative


def test_a_gate_missing_a_class_would_miss_lines(monkeypatch):
    import tqcheck.detectors.mojibake_gate as gate

    text = "Il a dit â€œouiâ€\x9d hier.\nFin."
    assert _missed(text) == []
    monkeypatch.setattr(gate, "GATE", re.compile("[Ã]"))  # forgets the "â€" family
    assert _missed(text) != []
    monkeypatch.undo()
    monkeypatch.setattr(gate, "WIDTH", 1)  # windows too narrow for a two-character match
    assert _missed("Le ministre a dÃ©clarÃ© hier.\nFin.") != []


def _texts():
    """Every rule example (decoded as the reader would) and the planted-artifact
    articles: the places the project keeps its real mojibake."""
    for rule in load_rules():
        ex = rule.examples
        for text in ex.must_flag + ex.must_not_flag + tuple(t for pair in ex.cleaned for t in pair):
            try:
                yield ex.document(text).text
            except ValueError:
                continue
    for path in sorted((ROOT / "tests" / "fixtures" / "artifacts").glob("*.txt")):
        yield path.read_text("utf-8")


def test_every_rule_example_and_planted_article_is_covered():
    texts = list(_texts())
    bad_lines = sum(is_bad(line.text) for t in texts for line in line_index(t).lines)
    assert bad_lines > 5
    assert [m for t in texts for m in _missed(t)] == []


def test_devdata_is_covered(devdata):
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(devdata.glob("*.txt"))]
    broken = [_mojibake(t) for t in texts[:40]]
    assert [m for t in texts + broken for m in _missed(t)] == []


BADNESS_CHARS = "ÃÂÅâ€™œžŸ¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÐÑ×ØÞßàáæçèéêëìíîïðñ÷øþ €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œ"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(list(BADNESS_CHARS) + ["\n", "\r", "\r\n", " ", "a"]),
                          st.text(max_size=4)), max_size=40).map("".join))
def test_random_text_built_from_badness_characters_is_covered(text):
    assert _missed(text) == []
