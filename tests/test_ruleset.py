"""Malformed rule files are errors that name the file, the problem and (where known) the line."""
from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.ruleset import RuleError, load_rules, parse_rule

GOOD = '''code = "X950"
name = "sample-rule"
category = "boilerplate"
severity = "warning"
action = "flag"
scope = "line"
lang = "en"
message = "A sample"
source = "tests"
pattern = '^Share this:$'
[examples]
must_flag = ["Share this:"]
must_not_flag = ["Share this story, she said."]
'''


def test_good_rule_parses():
    rule = parse_rule("x.toml", GOOD)
    assert rule.code == "X950" and rule.pattern.search("Share this:")


@pytest.mark.parametrize("mutate,problem,line", [
    (lambda s: s.replace('lang = "en"', 'lang = "en"\ncolour = "red"'), "unknown key 'colour'", 8),
    (lambda s: s.replace("code = ", "cod = "), "unknown key 'cod'", 1),
    (lambda s: s.replace("pattern = '^Share this:$'", "pattern = '^Share (this:$'"), "does not compile", 10),
    (lambda s: s.replace("pattern = '^Share this:$'", "pattern = 'x*'"), "matches the empty string", 10),
    (lambda s: s.replace('must_not_flag = ["Share this story, she said."]', ""), "missing examples", None),
    (lambda s: s.replace('must_flag = ["Share this:"]', "must_flag = []"), "at least 1", 12),
    (lambda s: s.replace('category = "boilerplate"', 'category = "spam"'), "'category' is 'spam'", 3),
    (lambda s: s.replace('action = "flag"', 'action = "remove-line"'), "cleaned", None),
    (lambda s: s.replace('name = "sample-rule"', 'name = "sample-rule'), "invalid TOML", 2),
])
def test_malformed_rule_names_file_problem_and_line(mutate, problem, line):
    with pytest.raises(RuleError) as info:
        parse_rule("rules/x/X950-sample.toml", mutate(GOOD))
    message = str(info.value)
    assert message.startswith("rules/x/X950-sample.toml")
    assert problem in message
    if line is not None:
        assert message.startswith(f"rules/x/X950-sample.toml:{line}:"), message


def test_duplicate_code_in_a_folder(tmp_path: Path):
    (tmp_path / "a.toml").write_text(GOOD, "utf-8")
    (tmp_path / "b.toml").write_text(GOOD.replace("sample-rule", "other-rule"), "utf-8")
    with pytest.raises(RuleError, match="duplicate code X950"):
        load_rules([tmp_path], builtin=False)


def test_user_folder_overrides_builtin_by_code(tmp_path: Path):
    builtin = load_rules()
    code = builtin.rules[0].code
    override = GOOD.replace("X950", code).replace("sample-rule", builtin.rules[0].name)
    (tmp_path / f"{code}.toml").write_text(override, "utf-8")
    merged = load_rules([tmp_path])
    assert len(merged) == len(builtin)
    assert merged.get(code).message == "A sample"


def test_builtin_rules_load_and_compile():
    rules = load_rules()
    assert len(rules) >= 4
    from tqcheck.detectors import registry

    for rule in rules:
        assert (rule.pattern is not None) != (rule.detector is not None), rule.code
        if rule.detector is not None:  # detector rules name a registered detector kind
            assert registry.build(rule.detector)
