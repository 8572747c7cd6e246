from hypothesis import given, settings
from hypothesis import strategies as st

from tqcheck.lineindex import LineIndex


def test_positions_count_characters_and_all_line_breaks():
    text = "é€a\r\nb\rc\nd"
    index = LineIndex(text)
    assert [l.text for l in index.lines] == ["é€a", "b", "c", "d"]
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)
    assert index.position(5) == (2, 1)   # after CRLF
    assert index.position(7) == (3, 1)   # after CR
    assert index.position(len(text)) == (4, 2)


def test_final_line_break_gives_an_empty_last_line():
    index = LineIndex("a\n")
    assert [l.text for l in index.lines] == ["a", ""]
    assert index.position(2) == (2, 1)
    assert [l.text for l in LineIndex("").lines] == [""]


def _lines_the_plain_way(text: str):
    """One regex search per line break, Line by Line: the reference for LineIndex."""
    import re

    from tqcheck.model import Line

    lines, start = [], 0
    for brk in re.finditer(r"\r\n|\r|\n", text):
        lines.append(Line(len(lines) + 1, start, brk.start(), brk.end(), text[start:brk.start()]))
        start = brk.end()
    lines.append(Line(len(lines) + 1, start, len(text), len(text), text[start:]))
    return tuple(lines)


PIECES = st.sampled_from(["Le maire", "é€", "\n", "\r", "\r\n", "\n\r", " ", "\u2028", "\x0b"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_lines_match_the_plain_walk_whatever_the_breaks(text):
    index = LineIndex(text)
    expected = _lines_the_plain_way(text)
    assert index.lines == expected
    assert [line.blank for line in index.lines] == [line.blank for line in expected]
    assert index.starts == [line.start for line in expected]


def test_located_findings_equal_a_dataclass_replace():
    from dataclasses import replace

    from tqcheck.model import Finding

    text = "Titre\r\nLe maire a parlé.\nPartager sur Facebook\n"
    index = LineIndex(text)
    start = text.index("Partager")
    f = Finding("B101", "share", "boilerplate", "warning", "remove-line", start, start + 8,
                "Partager", "Share widget", confidence=0.9, language="fr")
    located = f.located(index)
    assert located == replace(f, line=3, column=1, end_line=3, end_column=9)
    assert (located.line, located.end_column, f.line) == (3, 9, 0)  # the original is untouched
    assert hash(located) == hash(replace(f, line=3, column=1, end_line=3, end_column=9))
