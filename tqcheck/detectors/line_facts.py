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
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_SENTENCE_END = regex.compile(r"[.!?…][\"'»”’)\]]*\s*$")
# A menu item ends without punctuation, starts with a capital and holds no number.
_MENU_END = regex.compile(r"[.!?…:;,»”\"')\]]\s*$")
_TITLE_START = regex.compile(r"^\s*[\p{Lu}\p{Lt}]")
_DIGIT = regex.compile(r"\d")
#: A menu item is at most this many characters long (stripped).
MENU_CHARS = 40


class LineFacts:
    """Per-line answers for one document's lines (all of them, or the non-blank ones)."""

    def __init__(self, lines: tuple[Line, ...], words: list[int] | None = None) -> None:
        self.lines = lines
        #: Whitespace-separated words per line (0: a blank line).
        self.words: list[int] = ([len(line.text.split()) for line in lines]
                                 if words is None else words)

    @cached_property
    def sentence_end(self) -> list[bool]:
        """Ends with sentence punctuation, possibly before closing quotes or brackets."""
        return [bool(_SENTENCE_END.search(line.text)) for line in self.lines]

    @cached_property
    def letter(self) -> list[bool]:
        return [bool(_LETTER.search(line.text)) for line in self.lines]

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
        out = []
        for line, words in zip(self.lines, self.words):
            text = line.text
            if not words or (len(text) > MENU_CHARS and len(text.strip()) > MENU_CHARS):
                out.append(False)
                continue
            text = text.strip()
            out.append(bool(_TITLE_START.match(text)) and not _MENU_END.search(text)
                       and not _DIGIT.search(text))
        return out


class DocumentLines:
    """A document's lines as the line detectors see them: all, and the non-blank ones."""

    def __init__(self, doc: Document) -> None:
        lines = doc.lines
        self.all = LineFacts(lines)
        filled = [k for k, words in enumerate(self.all.words) if words]
        self.filled = LineFacts(tuple(lines[k] for k in filled),
                                [self.all.words[k] for k in filled])


@lru_cache(maxsize=2)
def document_lines(doc: Document) -> DocumentLines:
    """The line facts of `doc`, shared by the detectors that run on it one after another
    (documents are frozen, so the answers cannot go stale)."""
    return DocumentLines(doc)
