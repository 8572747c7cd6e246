"""Options shared by several commands, and the plumbing that feeds them from config.

Every command is a `ConfiguredCommand`: it takes `--config FILE` and `--isolated`,
reads `TQCHECK_<LONG_OPTION>` environment variables, and fills each option the command
line and environment left at its default from the nearest configuration file
(`tqcheck.config`). Commands themselves never see where a value came from.
"""
from __future__ import annotations

from typing import Any

import click
from click.core import ParameterSource

from tqcheck.config import Config, ConfigError, resolve_config
from tqcheck.selection import FAIL_LEVELS, Selection, split_selectors

CONFIG_META = "tqcheck.config"
_NOT_CONFIGURABLE = {"config", "isolated", "help", "version"}


def long_name(param: click.Parameter) -> str | None:
    """`--min-score` -> `min-score`: the config key and (upper-cased) env suffix."""
    longs = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    return max(longs, key=len)[2:] if longs else None


def option_keys(command: click.Command) -> set[str]:
    """Long options of a command and all its sub-commands: the valid config keys."""
    keys = {long_name(p) for p in command.params if isinstance(p, click.Option)}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            keys |= option_keys(sub)
    return {k for k in keys if k and k not in _NOT_CONFIGURABLE}


def usage_error(message: str) -> click.exceptions.Exit:
    """One line on stderr and exit code 2 (raise the result)."""
    click.echo(f"tqcheck: error: {message}", err=True)
    return click.exceptions.Exit(2)


class _Configured:
    """Mixin: options can come from the environment and the config file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(
            ["--config", "config_file"], metavar="FILE", type=click.Path(dir_okay=False),
            help="Read settings from this file instead of the nearest tqcheck.toml or "
                 "pyproject.toml [tool.tqcheck]."))
        self.params.append(click.Option(
            ["--isolated"], is_flag=True, help="Ignore configuration files."))
        for param in self.params:
            name = long_name(param)
            if isinstance(param, click.Option) and param.envvar is None and name \
                    and name not in _NOT_CONFIGURABLE:
                param.envvar = "TQCHECK_" + name.upper().replace("-", "_")

    def invoke(self, ctx: click.Context) -> Any:
        explicit = ctx.params.pop("config_file", None)
        isolated = ctx.params.pop("isolated", False)
        paths = ctx.params.get("paths") or ()
        try:
            config = resolve_config(paths, option_keys(ctx.find_root().command),
                                    explicit, isolated)
            apply_config(ctx, self, config)
        except ConfigError as exc:
            raise usage_error(str(exc)) from None
        ctx.meta[CONFIG_META] = config
        return super().invoke(ctx)


class ConfiguredCommand(_Configured, click.Command):
    """A command that reads configuration."""


class ConfiguredGroup(_Configured, click.Group):
    """A sub-group (e.g. `rules`) that reads configuration, as do its commands."""

    command_class = ConfiguredCommand
    group_class = type


class RootGroup(click.Group):
    """`tqcheck` itself: reads no configuration (its sub-commands do, from their paths)."""

    command_class = ConfiguredCommand
    group_class = ConfiguredGroup


def apply_config(ctx: click.Context, command: click.Command, config: Config) -> None:
    """Options still at their defaults take the file's value (CLI > env > file > default)."""
    for param in command.params:
        key = long_name(param)
        if not isinstance(param, click.Option) or key not in config.values:
            continue
        if ctx.get_parameter_source(param.name) not in (ParameterSource.DEFAULT,
                                                        ParameterSource.DEFAULT_MAP, None):
            continue
        value = config.values[key]
        if param.multiple and not isinstance(value, list):
            value = [value]
        if isinstance(param.type, click.Path):
            rebase = lambda v: str(config.root / v) if isinstance(v, str) else v  # noqa: E731
            value = [rebase(v) for v in value] if isinstance(value, list) else rebase(value)
        try:
            ctx.params[param.name] = param.type_cast_value(ctx, value)
        except click.BadParameter as exc:
            raise ConfigError(f"{config.path}: '{key}': {exc.message}") from None


def current_config() -> Config:
    ctx = click.get_current_context(silent=True)
    return (ctx.meta.get(CONFIG_META) if ctx else None) or Config()


# -- shared option groups ----------------------------------------------------------
def _apply(func, options):
    for option in reversed(options):
        func = option(func)
    return func


def selection_options(func):
    """--select/--ignore and friends, for every command that runs rules."""
    sel = dict(multiple=True, metavar="SEL")
    return _apply(func, [
        click.option("--select", help="Only run these rules: code, code prefix, name, "
                     "category or group; comma-separated or repeated.", **sel),
        click.option("--ignore", help="Never run these rules (wins over --select).", **sel),
        click.option("--extend-select", help="Add to --select (e.g. to the config's list).",
                     **sel),
        click.option("--extend-ignore", help="Add to --ignore.", **sel),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                     help="Drop findings below this confidence (0..1)."),
    ])


def gate_options(func):
    """When `check` fails the run, and how it summarises."""
    return _apply(func, [
        click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
                     help="Lowest severity that makes the exit code 1 (default: info, or "
                     "none when --min-score is given: then only the score fails)."),
        click.option("--statistics", is_flag=True,
                     help="Print counts per rule instead of each finding."),
        click.option("--fix", is_flag=True, help="Rewrite the files in place with the "
                     "cleaning edits (atomic); exit 1 if anything changed."),
    ])


#: Options the linter layer adds to `check` / `clean` (not the corpus reader's).
LINTER_OPTIONS = ("select", "ignore", "extend_select", "extend_ignore", "min_confidence",
                  "fail_on", "statistics", "fix")


def pop_linter_options(options: dict[str, Any]) -> dict[str, Any]:
    """Take the linter's options out of a command's keyword arguments."""
    return {k: options.pop(k) for k in LINTER_OPTIONS if k in options}


def selection_from(params: dict[str, Any], config: Config | None = None) -> Selection:
    """The run's Selection from option values (already merged with env and config)."""
    config = config or current_config()
    select = split_selectors(params.get("select") or ())
    extend = split_selectors(params.get("extend_select") or ())
    ignore = split_selectors((params.get("ignore") or ()) + tuple(params.get("extend_ignore") or ()))
    return Selection(
        select=(select + extend) if select else (),
        ignore=ignore,
        file_ignores=config.file_ignores,
        languages=dict(config.languages),
        min_confidence=params.get("min_confidence") or 0.0,
        fail_on=params.get("fail_on") or ("none" if params.get("min_score") is not None
                                          else "info"),
        min_score=params.get("min_score"),
    )


def rules_folder_option(func):
    return click.option("--rules", "rules_dirs", multiple=True, metavar="DIR",
                        type=click.Path(file_okay=False),
                        help="Extra rule folder (repeatable); its rules override or "
                             "disable built-ins by code.")(func)
