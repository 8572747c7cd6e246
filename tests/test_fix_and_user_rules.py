"""`check --fix` on real files, and a user rule folder (new rule, override, disable)
working end to end through `check`, `clean`, `rules list/show/test`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
FIXTURE_RULES = ROOT / "tests" / "fixtures" / "rules"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- --fix ------------------------------------------------------------------------
def test_fix_rewrites_in_place_reports_and_exits_1_then_0(tmp_path):
    source = SAMPLES / "en" / "en-01-covered-bridge-vote.txt"
    target = tmp_path / "bridge.txt"
    original = source.read_text("utf-8")
    target.write_text(original, "utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("A short, tidy paragraph about the town meeting.\n", "utf-8")
    expected = CliRunner().invoke(main, ["clean", str(target), "--out", str(tmp_path / "out"),
                                         "--lang", "en", "--rules", str(FIXTURE_RULES), "--isolated"])
    assert expected.exit_code == 0
    cleaned = (tmp_path / "out" / "bridge.txt").read_text("utf-8")
    assert cleaned != original

    result = cli("check", str(target), str(clean), "--fix", "--lang", "en",
                 "--rules", str(FIXTURE_RULES), "--isolated")
    assert result.exit_code == 1
    assert target.read_text("utf-8") == cleaned  # the same edits as `clean`
    assert clean.read_text("utf-8") == "A short, tidy paragraph about the town meeting.\n"
    edits = [line for line in result.stdout.splitlines() if line.startswith(f"Fixed {target}: ")]
    assert len(edits) == 1 and re.search(r": \d+ edits \([A-Z]\d{3}.*\), \d+ characters removed$",
                                         edits[0]), result.stdout
    assert str(clean) not in result.stdout.split("Found")[0]  # untouched files not listed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left

    again = cli("check", str(target), "--fix", "--lang", "en", "--rules", str(FIXTURE_RULES),
                "--isolated")
    assert again.exit_code == 0, again.stdout  # nothing left to fix: pre-commit passes
    assert target.read_text("utf-8") == cleaned


def test_fix_keeps_bom_and_encoding_and_respects_ignore(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministère a tranché.   \n\n\n\nFin de l'article.\n".encode("cp1252"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "Texte avec espaces.   \n".encode("utf-8"))
    result = cli("check", str(path), str(bom), "--fix", "--encoding", "cp1252", "--lang", "fr",
                 "--ignore", "W001", "--isolated")
    assert result.exit_code == 1
    assert path.read_bytes() == "Le ministère a tranché.\n\n\n\nFin de l'article.\n".encode("cp1252")
    # bom.txt read as cp1252 keeps its bytes; now read it as UTF-8: the BOM survives.
    result = cli("check", str(bom), "--fix", "--lang", "fr", "--isolated")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + "Texte avec espaces.\n".encode("utf-8")


def test_fix_does_not_touch_a_read_only_error(tmp_path):
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(main, ["check", str(missing), "--fix", "--isolated"])
    assert result.exit_code == 2 and "no such file" in result.stderr


# -- a user rule folder -------------------------------------------------------------
NEW_RULE = """code = "U101"
name = "kiosk-promo-echo-du-val"
category = "boilerplate"
severity = "warning"
action = "remove-line"
scope = "line"
lang = "fr"
message = "House promo line of L'Écho du Val"
source = "Seen at the foot of regional French news sites (house rule)."
pattern = '''(?i)^\\s*retrouvez l'écho du val\\b.*$'''
max_words = 12
[examples]
must_flag = ["Retrouvez L'Écho du Val chaque jeudi dans votre kiosque numérique."]
must_not_flag = ["Les lecteurs retrouvent L'Écho du Val chaque jeudi depuis 1952."]
[[examples.cleaned]]
text = "Le maire a démissionné.\\n\\nRetrouvez L'Écho du Val sur votre tablette !\\n"
expected = "Le maire a démissionné.\\n"
"""
# Override W002 (trailing space): flag instead of replace, as an error.
OVERRIDE = '''code = "W002"
name = "trailing-space"
category = "whitespace"
severity = "error"
action = "flag"
scope = "span"
lang = "*"
message = "Trailing whitespace (house style: keep, but fail)"
source = "House rule: our diff tooling needs to see trailing spaces."
pattern = '(?m)[ \\t]+$'
[examples]
must_flag = ["Une ligne   "]
must_not_flag = ["Une ligne"]
'''
DISABLE = 'code = "W003"\ndisabled = true\nsource = "Our corpus keeps bell characters on purpose."\n'
BROKEN_EXAMPLE = NEW_RULE.replace("U101", "U102").replace("kiosk-promo-echo-du-val", "kiosk-promo-two") \
    .replace('must_not_flag = ["Les lecteurs', 'must_not_flag = ["Retrouvez L\'Écho du Val en ligne.", "Les lecteurs')

ARTICLE = ("Le conseil municipal a voté le budget.   \n\n"
           "La séance a duré trois heures.\u0007\n\n"
           "Retrouvez L'Écho du Val chaque jeudi dans votre kiosque numérique.\n")


@pytest.fixture
def user_rules(tmp_path) -> Path:
    folder = tmp_path / "house-rules"
    (folder / "boilerplate").mkdir(parents=True)
    (folder / "boilerplate" / "U101-kiosk-promo-echo-du-val.toml").write_text(NEW_RULE, "utf-8")
    (folder / "W002-trailing-space.toml").write_text(OVERRIDE, "utf-8")
    (folder / "W003-off.toml").write_text(DISABLE, "utf-8")
    return folder


def test_user_rules_new_override_and_disable_end_to_end(tmp_path, user_rules):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    plain = cli("check", str(article), "--format", "json", "--lang", "fr", "--isolated")
    assert {f["rule"] for f in json.loads(plain.stdout)["files"][0]["findings"]} == {"W002", "W003"}
    # (no built-in rule knows this paper's promo line: that is what the house rule is for)

    result = cli("check", str(article), "--format", "json", "--lang", "fr", "--isolated",
                 "--rules", str(user_rules))
    findings = {f["rule"]: f for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert set(findings) == {"U101", "W002"}  # new rule fires, W003 is gone
    assert findings["W002"]["severity"] == "error" and findings["W002"]["action"] == "flag"
    assert findings["U101"]["line"] == 5
    assert cli("check", str(article), "--lang", "fr", "--isolated", "--rules", str(user_rules),
               "--fail-on", "error").exit_code == 1  # the overridden severity counts

    out = tmp_path / "out"
    cli("clean", str(article), "--out", str(out), "--lang", "fr", "--isolated",
        "--rules", str(user_rules))
    assert (out / "article.txt").read_text("utf-8") == (
        "Le conseil municipal a voté le budget.   \n\n"  # W002 now only flags
        "La séance a duré trois heures.\u0007\n")      # W003 disabled; U101 removed


def test_rules_list_show_and_test_with_a_user_folder(user_rules):
    listing = cli("rules", "list", "--rules", str(user_rules))
    assert "U101  kiosk-promo-echo-du-val" in listing.stdout and "W003" not in listing.stdout
    bare = cli("rules", "--rules", str(user_rules))
    assert bare.stdout == listing.stdout
    only_fr = cli("rules", "list", "--rules", str(user_rules), "--lang", "fr", "--json")
    assert "U101" in [r["code"] for r in json.loads(only_fr.stdout)]
    shown = cli("rules", "show", "U101", "--rules", str(user_rules))
    assert "Seen at the foot of regional French news sites" in shown.stdout
    assert "retrouvez l'écho du val" in shown.stdout and str(user_rules) in shown.stdout
    assert "Retrouvez L'Écho du Val chaque jeudi" in shown.stdout
    tested = cli("rules", "test", str(user_rules), "--coverage", "--select", "U,W002")
    assert tested.exit_code == 0, tested.stdout
    assert "2 rules, 5 examples: 0 failed, 0 uncovered" in tested.stdout


def test_rules_test_reports_each_failure(user_rules):
    (user_rules / "U102-kiosk-promo-two.toml").write_text(BROKEN_EXAMPLE, "utf-8")
    result = cli("rules", "test", str(user_rules), "--select", "U")
    assert result.exit_code == 1
    fails = [l for l in result.stdout.splitlines() if l.startswith("FAIL")]
    assert len(fails) == 1 and fails[0].startswith("FAIL U102-pass-1 (")
    assert "flags \"Retrouvez L'Écho du Val en ligne.\"" in fails[0]
    assert "2 rules," in result.stdout and "1 failed" in result.stdout


def test_rules_test_coverage_finds_a_rule_its_examples_do_not_exercise(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    # A copy-pasted cleaned example: the expected output is right, but trailing-space
    # removal (W002) does all the work, so it proves nothing about U104.
    lazy = NEW_RULE.replace("U101", "U104").replace("kiosk-promo-echo-du-val", "lazy-example")
    cleaned_text = next(l for l in lazy.splitlines() if l.startswith("text = "))
    lazy = lazy.replace(cleaned_text, 'text = "Le maire a démissionné.   \\n"')
    (folder / "U104-lazy-example.toml").write_text(lazy, "utf-8")
    plain = cli("rules", "test", str(folder), "--select", "U104")
    assert plain.exit_code == 0, plain.stdout  # every example passes...
    result = cli("rules", "test", str(folder), "--select", "U104", "--coverage")
    assert result.exit_code == 1  # ...but coverage sees the rule is never exercised
    assert "UNCOVERED U104" in result.stdout and "other rules do all the work" in result.stdout


def test_disabling_an_unknown_code_is_an_error(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "off.toml").write_text('code = "W999"\ndisabled = true\n', "utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", str(folder)])
    assert result.exit_code == 2
    assert "disables W999, which no earlier rule folder defines" in result.stderr
    (folder / "off.toml").write_text('code = "W002"\ndisabled = true\nname = "x"\n', "utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", str(folder)])
    assert result.exit_code == 2 and "takes only 'code', 'disabled = true'" in result.stderr


def test_readme_custom_rule_example_passes_rules_test(tmp_path):
    """The custom rule shown in the README is real: it loads, and its examples pass."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("**Writing a custom rule.**"):]
    example = section[section.index("```toml\n") + 8:section.index("```\n", section.index("```toml\n") + 8)]
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "U101-kiosk-promo-echo-du-val.toml").write_text(example, "utf-8")
    result = cli("rules", "test", str(folder), "--select", "U101", "--coverage")
    assert result.exit_code == 0, result.stdout
    assert "1 rule, 3 examples: 0 failed, 0 uncovered." in result.stdout
