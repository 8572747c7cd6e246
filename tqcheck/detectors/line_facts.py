"""What the line detectors ask of every line, answered once per document.

The short-line, menu, line-shape, site-notice and author-bio detectors all walk the same
lines and ask the same questions of each: how many words, does it end like a sentence,
does it hold a letter, could it be a menu item. Asked by each check of each rule, the
answers cost more than the checks that use them (a corpus run asked for word counts
six times per line); here they are computed once per document, and the cheap ones first
so that a long line of prose is settled by its word count.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

import regex

from tqcheck.model import Document, Line

_LETTER = regex.compile(r"\p{L}")
#: What the `regex` module's \s matches: str.isspace() less the four separators
#: \x1c-\x1f. Stripping these from the right is how `ends_sentence` reads the pattern
#: [.!?…]["'»”’)\]]*\s*$ without running a regex over every line.
REGEX_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_CLOSERS = "\"'»”’)]"
_SENTENCE_ENDS = ".!?…"
# A menu item ends without punctuation, starts with a capital and holds no number.
_MENU_ENDS = frozenset(".!?…:;,»”\"')]")
_TITLE_NO_DIGIT = regex.compile(r"[\p{Lu}\p{Lt}]\D*")
#: A menu item is at most this many characters long (stripped).
MENU_CHARS = 40


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly before closing quotes or brackets and
    spaces: what the regex [.!?…]["'»”’)\\]]*\\s*$ finds (see REGEX_SPACE)."""
    text = text.rstrip(REGEX_SPACE).rstrip(_CLOSERS)
    return bool(text) and text[-1] in _SENTENCE_ENDS


class LineFacts:
    """Per-line answers for one document's lines (all of them, or the non-blank ones:
    those are a view of all lines, `index` their positions, and share their answers)."""

    def __init__(self, lines: tuple[Line, ...], words: list[int] | None = None,
                 parent: "LineFacts | None" = None, index: list[int] | None = None) -> None:
        self.lines = lines
        #: Whitespace-separated words per line (0: a blank line).
        self.words: list[int] = ([len(line.text.split()) for line in lines]
                                 if words is None else words)
        self._parent, self._index = parent, index

    def _from_parent(self, name: str) -> list[bool] | None:
        if self._parent is None or self._index is None:
            return None
        column = getattr(self._parent, name)
        return [column[k] for k in self._index]

    @cached_property
    def sentence_end(self) -> list[bool]:
        """Ends with sentence punctuation, possibly before closing quotes or brackets."""
        return (self._from_parent("sentence_end")
                or [ends_sentence(line.text) for line in self.lines])

    @cached_property
    def letter(self) -> list[bool]:
        """Holds a letter (\\p{L}); most lines open with one, which str.isalpha tells
        without a regex (every character it calls a letter, \\p{L} does too)."""
        return (self._from_parent("letter")
                or [line.text[:1].isalpha() or bool(_LETTER.search(line.text))
                    for line in self.lines])

    def label_like(self, k: int, max_words: int) -> bool:
        """One to `max_words` words with at least one letter and no sentence punctuation."""
        return (0 < self.words[k] <= max_words and self.letter[k]
                and not self.sentence_end[k])

    def prose(self, k: int, min_words: int) -> bool:
        """A line of running text: long enough and ending like a sentence."""
        return self.words[k] >= min_words and self.sentence_end[k]

    @cached_property
    def menu_shaped(self) -> list[bool]:
        """Short, capitalised, without a number or closing punctuation: a menu item if it
        also has few enough words (the caller's `max_words`)."""
        shared = self._from_parent("menu_shaped")
        if shared is not None:
            return shared
        out = []
        for line, words in zip(self.lines, self.words):
            text = line.text
            if not words or (len(text) > MENU_CHARS and len(text.strip()) > MENU_CHARS):
                out.append(False)
                continue
            text = text.strip()  # not blank (it has words), and ends in no space
            out.append(text[-1] not in _MENU_ENDS and bool(_TITLE_NO_DIGIT.fullmatch(text)))
        return out


class DocumentLines:
    """A document's lines as the line detectors see them: all, and the non-blank ones."""

    def __init__(self, doc: Document) -> None:
        lines = doc.lines
        self.all = LineFacts(lines)
        filled = [k for k, words in enumerate(self.all.words) if words]
        self.filled = LineFacts(tuple(lines[k] for k in filled),
                                [self.all.words[k] for k in filled], self.all, filled)


@lru_cache(maxsize=2)
def document_lines(doc: Document) -> DocumentLines:
    """The line facts of `doc`, shared by the detectors that run on it one after another
    (documents are frozen, so the answers cannot go stale)."""
    return DocumentLines(doc)
