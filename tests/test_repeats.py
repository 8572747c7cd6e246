"""Back-to-back repeats of one to five words: positions, overlaps, and the byte-level
candidate search that picks the lines to check, compared with the plain search."""
from __future__ import annotations

import random
from itertools import accumulate

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tqcheck.detectors.repeats import repeated_runs


def test_repeated_runs_report_where_the_repeat_starts_and_ends():
    text = ("Le chantier sera terminé à la fin À LA FIN de l'année, "
            "l'hôpital l'hôpital aussi ; «Bonjour bonjour», dit-il.")
    found = [(text[first:second], text[second:end], chunk)
             for first, second, end, chunk in repeated_runs(text)]
    assert found == [("Bonjour ", "bonjour", "Bonjour"), ("l'hôpital ", "l'hôpital", "l'hôpital"),
                     ("à la fin ", "À LA FIN", "à la fin")]
    # Alone on its line, glued to marks beyond ASCII: the line is still picked.
    text = "Titre\n«Bonjour\u00a0bonjour»\n🙂Merci merci🙂\nFin"
    assert [chunk for _, _, _, chunk in repeated_runs(text)] == ["Merci"]
    text = "Titre\n«Bonjour bonjour»\nFin"
    assert [chunk for _, _, _, chunk in repeated_runs(text)] == ["Bonjour"]


def test_repeated_runs_are_reported_once_and_never_overlap():
    # Five "allez": two repeats and one word left over; "merci beaucoup merci beaucoup"
    # starts inside the reported "merci merci", so it is not reported again.
    text = "Allez allez allez allez allez, merci merci beaucoup merci beaucoup."
    found = [(text[first:second], text[second:end]) for first, second, end, _ in repeated_runs(text)]
    assert found == [("Allez ", "allez"), ("allez ", "allez"), ("merci ", "merci")]
    laugh = "ha " * 2001
    assert [first for first, _, _, _ in repeated_runs(laugh)] == list(range(0, 6000, 6))


def _plain_repeated_runs(text):
    """The repeat search as first written: every word lowered on its own, the slices
    compared wherever the first words match."""
    parts = regex.split(r"([\p{L}\p{M}]+)", text)
    keys, gaps = [w.lower() for w in parts[1::2]], parts[2::2]
    ends = list(accumulate(map(len, parts)))
    taken, found = [], []
    for n in range(1, 6):
        for i in range(len(keys) - 2 * n + 1):
            if keys[i:i + n] != keys[i + n:i + 2 * n]:
                continue
            first, second, end = ends[2 * i], ends[2 * (i + n)], ends[2 * (i + 2 * n) - 1]
            chunk, middle = text[first:ends[2 * (i + n) - 1]], text[ends[2 * (i + n) - 1]:second]
            # the two runs: the same joints (one space or apostrophe each), spaces between
            joints = [regex.sub(r"[\p{L}\p{M}]+", "", chunk),
                      regex.sub(r"[\p{L}\p{M}]+", "", text[second:end])]
            if set(middle) != {" "} or joints[0] != joints[1] or regex.search(r"[^ '’]", joints[0]):
                continue
            if len(joints[0]) != n - 1:
                continue  # two joint characters in a row
            before, after = text[first - 1:first], text[end:end + 1]
            if before.isalnum() or after.isalnum() or any(a < end and first < b for a, b in taken):
                continue
            taken.append((first, end))
            found.append((first, second, end, chunk))
    return found


@settings(max_examples=300, deadline=None)
@example(["la", "fin", "la", "fin"], [" ", " ", "'", " "])  # joined differently: no repeat
@example(["La", "fin", "la", "fin", "x1"], [" ", "  ", " ", ","])  # two spaces between
@given(st.lists(st.sampled_from(["la", "La", "LA", "fin", "Fin", "ΟΔΟΣ", "οδος", "οδοσ", "Σ",
                                 "İstanbul", "i\u0307stanbul", "istanbul", "cafe\u0301", "l", "x1"]),
                max_size=14),
       st.lists(st.sampled_from([" ", " ", " ", "  ", "'", "’", ", ", "(", "\n", "-"]), max_size=14))
def test_repeated_runs_match_the_plain_search(words, gaps):
    # Σ (final or not by its neighbours) and İ (lowered to two characters) take the slow
    # path; everything else the one-split fast path: both must find what the plain search does.
    text = "".join(w + (gaps[k] if k < len(gaps) else " ") for k, w in enumerate(words))
    assert list(repeated_runs(text)) == _plain_repeated_runs(text)


def test_lowering_keeps_letter_runs():
    # _repeated_runs splits the lowered text into words: sound only if lowering keeps
    # each character one character (İ aside, sent to the slow path) and never moves one
    # into or out of a word.
    chars = "".join(chr(c) for c in range(0x110000) if chr(c) != "\u0130")
    lowered = chars.lower()
    assert len(lowered) == len(chars) and len("\u0130".lower()) == 2
    word = regex.compile(r"[\p{L}\p{M}]")
    assert [m.start() for m in word.finditer(chars)] == [m.start() for m in word.finditer(lowered)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["la", "La", "fin", "FIN", "l'homme", "homme", "ΟΔΟΣ", "οδος", "2020",
                                 "İl", "il", "cafe\u0301", "de", "x"]), max_size=16),
       st.lists(st.sampled_from([" ", " ", " ", "  ", "'", "’", "\n", " «", "» ", "\u00a0", "🙂",
                                 "\x00", "(", ") ", "2", "-", ", "]), max_size=16))
def test_candidate_lines_miss_no_repeat(words, gaps):
    # Words glued to every kind of separator, on one line or several: the lines picked
    # at the byte level hold every repeat the plain search finds.
    text = "".join(w + (gaps[k] if k < len(gaps) else " ") for k, w in enumerate(words))
    assert list(repeated_runs(text)) == _plain_repeated_runs(text)


def test_repeats_in_reshuffled_devdata_are_those_of_the_plain_search(devdata):
    # Real pages with lines doubled, words doubled and case changed: the same repeats,
    # in the same order, as the plain search over the whole text.
    rng = random.Random(6)
    files = sorted(devdata.rglob("*.txt"))[:12]
    assert files
    for path in files:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")[:300]
        out = []
        for line in lines:
            words = line.split(" ")
            if len(words) > 4 and rng.random() < 0.3:
                k = rng.randrange(len(words) - 3)
                run = words[k:k + rng.randint(1, 3)]
                words[k:k] = [w.upper() for w in run] if rng.random() < 0.5 else run
            out.append(" ".join(words))
            if rng.random() < 0.1:
                out.append(out[-1])
        text = "\n".join(out)
        assert list(repeated_runs(text)) == _plain_repeated_runs(text)
