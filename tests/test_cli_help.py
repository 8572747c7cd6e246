"""`--version`, and `--help` with examples on every command (sub-commands included)."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from tqcheck import __version__
from tqcheck.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"tqcheck, version {__version__}"


@pytest.mark.parametrize("path", [()] + list(_commands(main)), ids=lambda p: " ".join(p) or "tqcheck")
def test_every_command_has_help_with_examples(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "tqcheck " + " ".join(path) in result.stdout  # examples use the command itself


def test_main_help_explains_shell_completion_and_settings():
    text = CliRunner().invoke(main, ["--help"]).stdout
    assert "_TQCHECK_COMPLETE=bash_source tqcheck" in text
    assert "[tool.tqcheck]" in text and "TQCHECK_<OPTION>" in text


def test_bash_completion_script_is_generated():
    result = CliRunner().invoke(main, [], prog_name="tqcheck",
                                env={"_TQCHECK_COMPLETE": "bash_source"})
    assert "_tqcheck_completion" in result.stdout
