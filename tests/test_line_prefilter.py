"""The line rules' literal prefilter only skips searches that cannot match: findings are
the same with it on and off — on every rule's examples, the samples, devdata pages and
generated text full of case-folding traps — and its case fold is checked against what
`regex` itself lets a literal character match, over every code point."""
from __future__ import annotations

import bisect
import json
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqcheck.detectors.base import DetectionContext
from tqcheck.detectors.line_prefilter import LinePrefilter
from tqcheck.detectors.patterns import PatternDetector
from tqcheck.model import Document
from tqcheck.required_literals import required_literals
from tqcheck.ruleset import load_rules, parse_rule

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
LANGS = (None, "en", "fr", "de", "es", "it", "pt", "id")
ON = PatternDetector(RULES, prefilter=True)
OFF = PatternDetector(RULES, prefilter=False)


def _findings(detector: PatternDetector, text: str, lang: str | None) -> list[tuple]:
    ctx = DetectionContext(language=lang, language_confidence=1.0)
    return sorted((f.rule, f.start, f.end, f.replacement)
                  for f in detector.detect(Document(text), ctx))


def _assert_same(text: str, langs=LANGS) -> int:
    """Same findings with and without the prefilter; returns how many there were."""
    total = 0
    for lang in langs:
        with_prefilter = _findings(ON, text, lang)
        assert with_prefilter == _findings(OFF, text, lang), (lang, text[:200])
        total += len(with_prefilter)
    return total


def _example_texts(rule):
    ex = rule.examples
    return [*ex.must_flag, *ex.must_not_flag, *(t for pair in ex.cleaned for t in pair)]


def test_the_prefilter_skips_most_rules_on_most_lines():
    """Not a speed test: a prefilter that let every rule through would pass the others."""
    prefilter = LinePrefilter([r for r in RULES if r.detector is None and r.scope == "line"])
    assert len(prefilter.always) < len(prefilter.rules) / 5
    text = ("Le conseil municipal a voté mardi soir le budget de la ville.\n"
            "Partager sur Facebook\nLes travaux commenceront au printemps prochain.\n")
    lines = Document(text).lines
    hits = prefilter.candidates(text, [line.start for line in lines])
    share = [i for i, r in enumerate(prefilter.rules) if r.code == "B102"][0]
    assert share in hits[1] and share not in hits.get(0, set()) | hits.get(2, set())


@pytest.mark.parametrize("rule", [r for r in RULES if r.detector is None and r.scope == "line"],
                         ids=lambda r: r.code)
def test_same_findings_on_every_rule_example(rule):
    found = 0
    for text in _example_texts(rule):
        found += _assert_same(text, (None, rule.examples.lang or rule.lang.replace("*", "en")))
    assert found  # the must_flag examples are found at all, with and without


def test_same_findings_on_samples():
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "samples").rglob("*.txt"))]
    for line in (ROOT / "data" / "samples" / "jsonl" / "articles.jsonl").read_text("utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    assert sum(_assert_same(t) for t in texts) > 20


@pytest.mark.slow
def test_same_findings_on_devdata_pages(devdata):
    texts = [p.read_text("utf-8") for p in sorted(devdata.glob("*.txt"))]
    assert texts
    found = sum(_assert_same(t, (None, t and p.name[:2]))
                for p, t in zip(sorted(devdata.glob("*.txt")), texts))
    assert found > 100


# -- generated text: literals, their case variants and case-folding traps ------------------
_LITERALS = sorted({lit for r in RULES if r.detector is None and r.scope == "line"
                    for lit in (required_literals(r.pattern.pattern) or ())})
_TRAPS = ["ſ", "ı", "İ", "K", "Å", "ς", "Σ", "ß", "ẞ", "µ", "ǅ", "É", "’", "\u00a0", "\r", "©"]
_WORDS = ["Par", "By", "Von", "Foto:", "le", "the", "2024", "|", "»", "Reuters", "(AFP)",
          "Lire aussi", "Read more", "Tous droits réservés", "© 2023", "Publié le 3 mai"]
_piece = st.one_of(st.sampled_from(_LITERALS),
                   st.sampled_from(_LITERALS).map(str.upper),
                   st.sampled_from(_LITERALS).map(str.title),
                   st.sampled_from(_TRAPS), st.sampled_from(_WORDS),
                   st.sampled_from([" ", " ", "\n", "\n\n", ": ", ". "]),
                   st.text(max_size=4))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece, max_size=40).map("".join),
       st.sampled_from(LANGS))
def test_same_findings_on_generated_text(text, lang):
    _assert_same(text, (lang,))


def test_literals_with_long_s_and_dotless_i_still_find_their_lines():
    """'ſhare' matches `(?i)share` in `regex`; the fold must bring it to the literal."""
    folder_rule = parse_rule("X900.toml", '''
code = "X900"
name = "trap-rule"
category = "boilerplate"
severity = "warning"
action = "remove-line"
scope = "line"
lang = "*"
pattern = '(?i)^\\W*(?:share this|klick|sigma σ|İstanbul)\\W*$'
message = "m"
source = "test"
[examples]
must_flag = ["share this"]
must_not_flag = ["nothing"]
[[examples.cleaned]]
text = "share this\\nkept\\n"
expected = "kept\\n"
''')
    rules = [folder_rule]
    from tqcheck.ruleset import RuleSet

    on = PatternDetector(RuleSet(tuple(rules)), prefilter=True)
    off = PatternDetector(RuleSet(tuple(rules)), prefilter=False)
    ctx = DetectionContext(language=None, language_confidence=1.0)
    for text in ("ſhare this\n", "SHARE THIS", "\u212alick", "SIGMA ς", "sigma Σ",
                 "istanbul", "ISTANBUL", "İSTANBUL", "x\nſHARE tHıs\n"):
        found_on = [(f.start, f.end) for f in on.detect(Document(text), ctx)]
        found_off = [(f.start, f.end) for f in off.detect(Document(text), ctx)]
        assert found_on == found_off, text


def test_fold_agrees_with_regex_case_matching_over_all_code_points():
    """For every character in the rules' literals (and the usual traps), every code point
    that `regex` matches against it — as a character or in a set, with IGNORECASE —
    folds to the same character."""
    prefilter = LinePrefilter([r for r in RULES if r.detector is None and r.scope == "line"])
    chars = sorted({c for lit in _LITERALS for c in lit})
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    fold = prefilter.fold
    assert len(fold(everything)) == len(everything)
    folded_everything = fold(everything)
    for char in chars:
        for form in (regex.escape(char), "[" + regex.escape(char) + "]"):
            for m in regex.finditer("(?i)" + form, everything):
                assert folded_everything[m.start()] == fold(char), (char, form, m.group())


def test_required_literals_reads_regex_syntax():
    assert required_literals(r"(?i)^\W*share\s+this") == {"share"}
    assert required_literals(r"(?i)e-?mail\b") == {"email", "e-mail"}
    assert required_literals(r"\((?:Reuters|AP)\)") == {"(Reuters)", "(AP)"}
    assert required_literals(r"^(?=[^\n]*\d)(?=[^\n]*\b(?:published|updated)\b)") == {
        "published", "updated"}
    assert required_literals(r"^(?!foo)\p{Lu}+$") is None       # nothing is required
    assert required_literals(r"(?:foo|\w+)bar?") == {"ba"}        # one branch is open
    assert required_literals(r"(?:colou?r){e<=1}") is None       # fuzzy: not literal
    assert required_literals(r"(?if)strasse") is None            # full case folding
    assert required_literals(r"(?r)share") is None                # reverse matching
    assert required_literals(r"(?x) share \  this  # comment") == {"share this"}
    assert required_literals(r"(unbalanced") is None


def test_shipped_literal_table_agrees_with_the_patterns():
    """Each precomputed entry is what reading the pattern gives now; a rule missing from
    the table (added or changed since) is read at run time instead."""
    from tqcheck.required_literals import cached_literals

    line_rules = [r for r in RULES if r.detector is None and r.scope == "line"]
    known = 0
    for rule in line_rules:
        is_known, literals = cached_literals(rule.pattern.pattern)
        if is_known:
            known += 1
            assert literals == required_literals(rule.pattern.pattern), rule.code
    assert known  # regenerate with `python -m tqcheck.required_literals`


def test_shipped_literal_table_covers_every_builtin_line_rule():
    """A built-in rule missing from the table still works (read at run time) but costs a
    pre-commit user the start-up the table exists to save: adding or editing a line rule
    must come with `python -m tqcheck.required_literals`."""
    from tqcheck.required_literals import cached_literals

    missing = [r.code for r in RULES if r.detector is None and r.scope == "line"
               and not cached_literals(r.pattern.pattern)[0]]
    assert not missing, f"regenerate with `python -m tqcheck.required_literals`: {missing}"


def test_builtin_patterns_compile_on_first_use_and_user_rules_at_load(tmp_path):
    from tqcheck.lazy_pattern import LazyPattern

    lazy = [r for r in RULES if isinstance(r.pattern, LazyPattern)]
    assert lazy and all(r.pattern.compiled().fullmatch("") is None for r in lazy)
    (tmp_path / "X950-broken.toml").write_text(
        (ROOT / "rules" / "boilerplate" / "B101-share-widget-en.toml").read_text("utf-8")
        .replace('code = "B101"', 'code = "X950"').replace('name = "share-widget-en"',
                                                          'name = "broken-widget"')
        .replace("pattern = '''", "pattern = '''(", 1), "utf-8")
    with pytest.raises(Exception, match="X950-broken.toml.*does not compile"):
        load_rules([tmp_path])


def test_a_used_detector_survives_pickling():
    """Pipeline adapters ship detectors to worker processes after they have run."""
    import pickle

    text = (ROOT / "data" / "samples" / "fr" / "fr-01-mer-caspienne.txt").read_text("utf-8")
    before = _findings(ON, text, "fr")
    copy = pickle.loads(pickle.dumps(ON))
    assert _findings(copy, text, "fr") == before and before


def _masks_by_bisect(prefilter: LinePrefilter, text: str, starts: list[int]) -> dict[int, int]:
    """Each occurrence of each key (found by str.find) placed on its line by a bisect of
    its first character: the reference for the single pass that follows lines by the
    automaton hits' last characters."""
    found: dict[int, int] = {}
    folded = prefilter.fold(text)
    for key, mask in prefilter._automaton.items():
        at = folded.find(key)
        while at >= 0:
            line = bisect.bisect_right(starts, at) - 1
            found[line] = found.get(line, 0) | mask
            at = folded.find(key, at + 1)
    return found


LINE_PREFILTER = LinePrefilter([r for r in RULES if r.detector is None and r.scope == "line"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Partager sur Facebook", "le 12 mars 2021", ",", "on", "\n",
                                 "\r\n", "\r", "\n\n", " ", "Jane Doe | March 12, 2021",
                                 "Share this:", "(AFP)", "é", "x"]), max_size=30).map("".join))
def test_line_masks_match_a_bisect_per_hit(text):
    assert LINE_PREFILTER._breakless  # the single pass is the one in use
    starts = Document(text).index.starts
    expected = _masks_by_bisect(LINE_PREFILTER, text, starts)
    assert LINE_PREFILTER.masks(text, starts) == expected
