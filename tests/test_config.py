"""Configuration files, environment variables and selection, through the real CLI.

Precedence is command line > TQCHECK_* environment > config file > defaults; the file
is the nearest tqcheck.toml or pyproject.toml [tool.tqcheck] above the checked files.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqcheck.cli import main
from tqcheck.selection import Selection, glob_to_regex, matches
from tqcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_RULES = ROOT / "tests" / "fixtures" / "rules"
# W002 (trailing space, info), W001 (blank-line run, info), W003 (control char,
# warning), X901 (share widget, warning, fixture rule), X904 (calque, info).
ARTICLE = ("La mairie a présenté mardi le budget de la rénovation du pont.   \n\n\n\n"
           "Les travaux devraient faire du sens pour les riverains.\u0007\n\n"
           "Share this:\n")


def codes(result) -> list[str]:
    """Codes found, among the whitespace rules and the fixture rules this test is about
    (the built-in rule packs grow; they must not change what these tests mean)."""
    data = json.loads(result.stdout)
    return sorted({f["rule"] for r in data["files"] for f in r["findings"]
                   if f["rule"][0] in "WX"})


# Built-in rule packs (other than whitespace) also catch "Share this:", and the engine
# keeps one finding per category and span: keep them out of these tests' way.
OTHER_BUILTINS = ",".join(sorted({r.code[0] for r in load_rules()} - {"W"}))


def check(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["check", *args, "--format", "json", "--lang", "fr",
                                     "--rules", str(FIXTURE_RULES),
                                     "--extend-ignore", OTHER_BUILTINS],
                              env=env, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A dataset repository: pyproject at the root, articles two folders down."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "news-dataset"\n', "utf-8")
    folder = tmp_path / "corpus" / "fr"
    folder.mkdir(parents=True)
    (folder / "pont.txt").write_text(ARTICLE, "utf-8")
    return tmp_path


def configure(project: Path, body: str, name: str = "pyproject.toml") -> Path:
    path = project / name
    header = '[project]\nname = "news-dataset"\n\n[tool.tqcheck]\n' if name == "pyproject.toml" else ""
    path.write_text(header + body, "utf-8")
    return path


def test_without_config_everything_runs(project):
    result = check(str(project / "corpus"))
    assert codes(result) == ["W001", "W002", "W003", "X901", "X904"]


def test_pyproject_found_by_walking_up_from_the_checked_files(project):
    configure(project, 'ignore = ["whitespace"]\n')
    assert codes(check(str(project / "corpus" / "fr" / "pont.txt"))) == ["X901", "X904"]


def test_tqcheck_toml_wins_over_pyproject_in_the_same_folder(project):
    configure(project, 'ignore = ["whitespace"]\n')
    configure(project, 'select = ["W"]\n', name="tqcheck.toml")
    assert codes(check(str(project / "corpus"))) == ["W001", "W002", "W003"]


def test_nearest_config_wins(project):
    configure(project, 'ignore = ["whitespace"]\n')
    (project / "corpus" / "tqcheck.toml").write_text('select = ["X901"]\n', "utf-8")
    assert codes(check(str(project / "corpus"))) == ["X901"]


def test_precedence_cli_over_env_over_config(project):
    configure(project, 'select = ["W"]\n')
    target = str(project / "corpus")
    assert codes(check(target)) == ["W001", "W002", "W003"]
    assert codes(check(target, env={"TQCHECK_SELECT": "X901,X904"})) == ["X901", "X904"]
    assert codes(check(target, "--select", "W003", env={"TQCHECK_SELECT": "X901"})) == ["W003"]
    assert codes(check(target, "--isolated")) == ["W001", "W002", "W003", "X901", "X904"]


def test_fail_on_and_min_score_from_config_and_cli(project):
    target = str(project / "corpus")
    configure(project, 'fail-on = "error"\n')
    assert check(target).exit_code == 0  # warnings and infos only
    assert check(target, "--fail-on", "warning").exit_code == 1
    configure(project, 'fail-on = "none"\nmin-score = 99.5\n')
    assert check(target).exit_code == 1  # the score is under 99.5
    assert check(target, "--min-score", "10").exit_code == 0
    assert check(target, env={"TQCHECK_MIN_SCORE": "10"}).exit_code == 0
    # --min-score alone gates on the score only; with --fail-on, on both.
    assert check(target, "--isolated").exit_code == 1
    assert check(target, "--isolated", "--min-score", "10").exit_code == 0
    assert check(target, "--isolated", "--min-score", "10", "--fail-on", "info").exit_code == 1


def test_per_language_settings(project):
    configure(project, '[tool.tqcheck.lang.fr]\nignore = ["mt-artifact"]\nfail-on = "error"\n'
                       '[tool.tqcheck.lang.de]\nignore = ["whitespace"]\n')
    result = check(str(project / "corpus"))
    assert codes(result) == ["W001", "W002", "W003", "X901"]  # fr ignores X904's group
    assert result.exit_code == 0  # fr fails only on errors
    result = CliRunner().invoke(main, ["check", str(project / "corpus"), "--format", "json",
                                       "--lang", "de", "--rules", str(FIXTURE_RULES),
                                       "--extend-ignore", OTHER_BUILTINS])
    assert codes(result) == ["X901", "X904"]


def test_per_file_ignores_are_relative_to_the_config(project):
    (project / "corpus" / "en").mkdir()
    (project / "corpus" / "en" / "bridge.txt").write_text(ARTICLE, "utf-8")
    configure(project, '[tool.tqcheck.per-file-ignores]\n"corpus/fr/*.txt" = ["W", "X904"]\n')
    data = json.loads(check(str(project / "corpus")).stdout)
    by_file = {Path(r["path"]).parent.name: sorted({f["rule"] for f in r["findings"]
                                                    if f["rule"][0] in "WX"})
               for r in data["files"]}
    assert by_file == {"fr": ["X901"], "en": ["W001", "W002", "W003", "X901", "X904"]}


def test_rules_key_is_relative_to_the_config_file(project):
    import shutil

    shutil.copytree(FIXTURE_RULES, project / "house-rules")
    configure(project, 'rules = ["house-rules"]\nselect = ["X9"]\n')
    result = CliRunner().invoke(main, ["check", str(project / "corpus"), "--format", "json",
                                       "--lang", "fr"])
    assert codes(result) == ["X901", "X904"]


@pytest.mark.parametrize("body,message", [
    ('selct = ["W"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ('[tool.tqcheck.lang.fr]\nmin-scor = 50\n', "lang.fr: unknown key 'min-scor'"),
    ('fail-on = "sometimes"\n', "'fail-on'"),
    ('min-score = "high"\n', "'min-score'"),
    ('select = ["Z9"]\n', "'Z9' matches no rule"),
    ('[tool.tqcheck.per-file-ignores]\n"*.txt" = ["no-such-rule"]\n', "'no-such-rule' matches no rule"),
])
def test_config_errors_name_the_key_and_the_file(project, body, message):
    path = configure(project, body)
    result = CliRunner().invoke(main, ["check", str(project / "corpus"), "--lang", "fr"])
    assert result.exit_code == 2
    assert message in result.stderr
    if "matches no rule" not in message:
        assert str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_selectors_match_code_prefix_name_category_and_group():
    rules = {r.code: r for r in load_rules([FIXTURE_RULES])}
    x901 = rules["X901"]
    assert all(matches(s, x901) for s in ("X901", "X9", "X", "test-share", "boilerplate", "ALL"))
    assert not any(matches(s, x901) for s in ("X902", "W", "whitespace", "test-flag"))
    sel = Selection(select=("X", "W001"), ignore=("X904", "whitespace"))
    enabled = sorted(c for c, r in rules.items() if sel.enabled(r))
    assert enabled == ["X901", "X902", "X903"]  # ignore wins over select


def test_glob_patterns():
    assert glob_to_regex("corpus/fr/*.txt").match("corpus/fr/a.txt")
    assert not glob_to_regex("corpus/fr/*.txt").match("corpus/fr/x/a.txt")
    assert glob_to_regex("corpus/**/*.txt").match("corpus/fr/x/a.txt")
    assert glob_to_regex("*.fr.txt").match("deep/down/a.fr.txt")  # no slash: any folder


def test_selection_reaches_worker_processes(project):
    """Workers that do not inherit the parent's Checker build it from the CheckerSpec:
    the selection must travel with it."""
    from tqcheck.corpus import CheckerSpec

    spec = CheckerSpec((str(FIXTURE_RULES),), None, Selection(select=("X9",), ignore=("X904",)))
    assert sorted(r.code for r in spec.build().ruleset) == ["X901", "X902", "X903"]
    for n in range(4):
        (project / "corpus" / "fr" / f"copy{n}.txt").write_text(ARTICLE, "utf-8")
    result = CliRunner().invoke(main, ["check", str(project / "corpus"), "--format", "json",
                                       "--lang", "fr", "--select", "W002,W003", "--jobs", "2",
                                       "--batch-size", "1", "--isolated"])
    data = json.loads(result.stdout)
    assert len(data["files"]) == 5
    assert {f["rule"] for r in data["files"] for f in r["findings"]} == {"W002", "W003"}


def test_group_selectors_and_clean_honours_selection(project, tmp_path):
    from tqcheck.ruleset import parse_rule

    rule_text = (FIXTURE_RULES / "X904-test-flag.toml").read_text("utf-8")
    grouped = parse_rule("X904.toml", rule_text.replace('lang = "*"', 'lang = "*"\ngroup = "calques"'))
    assert grouped.group == "calques" and matches("calques", grouped)
    assert not matches("calques", load_rules([FIXTURE_RULES]).get("X904"))  # default: category

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(project / "corpus"), "--out", str(out),
                                       "--lang", "fr", "--isolated", "--quiet",
                                       "--ignore", "W001,W003"])
    assert result.exit_code == 0, result.output
    cleaned = (out / "fr" / "pont.txt").read_text("utf-8")
    assert "pont.\n\n\n\n" in cleaned and "\u0007" in cleaned  # ignored rules did not clean
    assert "pont.   \n" not in cleaned  # W002 still ran
