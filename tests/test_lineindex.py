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
