"""`tqcheck rules list | show CODE | test [DIR]`: look at rules and prove they work.

Bare `tqcheck rules` lists, as it always has.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from tqcheck.cli_options import ConfiguredGroup, rules_folder_option, usage_error
from tqcheck.ruleset import RuleError, RuleSet, load_rules
from tqcheck.selection import SelectionError, matches, split_selectors, validate


def _load(rules_dirs) -> RuleSet:
    """Built-ins plus the folders given to `rules` itself and to the sub-command
    (`tqcheck rules --rules A list --rules B`), each folder once."""
    ctx = click.get_current_context(silent=True)
    group = ctx.parent.params.get("rules_dirs", ()) if ctx and ctx.parent else ()
    folders = list(dict.fromkeys(str(Path(d)) for d in (*group, *rules_dirs)))
    try:
        return load_rules([Path(d) for d in folders])
    except RuleError as exc:
        raise usage_error(f"bad rule file: {exc}") from None


def _filtered(ruleset: RuleSet, select, lang: str | None = None) -> RuleSet:
    selectors = split_selectors(select or ())
    try:
        validate(selectors, ruleset.rules, "--select")
    except SelectionError as exc:
        raise usage_error(str(exc)) from None
    return ruleset.only(lambda r: (not selectors or any(matches(s, r) for s in selectors))
                        and (lang is None or r.lang in (lang, "*")))


_select = click.option("--select", multiple=True, metavar="SEL",
                       help="Only rules matching a code, prefix, name, category or group.")


@click.group("rules", cls=ConfiguredGroup, invoke_without_command=True)
@rules_folder_option
@click.pass_context
def rules_group(ctx, rules_dirs):
    """List, explain and test the rules (bare `tqcheck rules` lists them).

    \b
    Examples:
      tqcheck rules
      tqcheck rules list --select boilerplate --lang fr
      tqcheck rules show B101
      tqcheck rules test my-rules/ --coverage
    """
    if ctx.invoked_subcommand is None:
        _print_table(_load(rules_dirs))


def _print_table(ruleset: RuleSet) -> None:
    for r in ruleset:
        click.echo(f"{r.code}  {r.name:<34} {r.category:<12} {r.severity:<8} "
                   f"{r.action:<12} {r.lang}")
    click.echo(f"{len(ruleset)} rule{'s' * (len(ruleset) != 1)}")


@rules_group.command("list")
@rules_folder_option
@_select
@click.option("--lang", metavar="CODE", help="Only rules written for this language "
              "(and language-neutral ones).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list instead of a table.")
def list_command(rules_dirs, select, lang, as_json):
    """List rules as a table: code, name, category, severity, action, language.

    \b
    Examples:
      tqcheck rules list
      tqcheck rules list --select B1,signature --lang fr
      tqcheck rules list --rules my-rules/ --json
    """
    ruleset = _filtered(_load(rules_dirs), select, lang)
    if as_json:
        click.echo(json.dumps([_summary(r) for r in ruleset], ensure_ascii=False, indent=2))
        return
    _print_table(ruleset)


def _summary(r) -> dict:
    return {"code": r.code, "name": r.name, "category": r.category, "group": r.group,
            "severity": r.severity, "action": r.action, "scope": r.scope, "lang": r.lang,
            "doc_langs": list(r.doc_langs), "message": r.message, "path": r.path}


@rules_group.command("show")
@click.argument("code")
@rules_folder_option
def show_command(code, rules_dirs):
    """Show everything about one rule (by code or name): what it matches, why it
    exists, its examples and the file it comes from.

    \b
    Examples:
      tqcheck rules show B101
      tqcheck rules show share-widget
    """
    ruleset = _load(rules_dirs)
    rule = ruleset.get(code.upper()) or next((r for r in ruleset if r.name == code), None)
    if rule is None:
        raise usage_error(f"no rule {code!r} (see `tqcheck rules list`)")
    click.echo(_describe(rule))


def _describe(r) -> str:
    lines = [f"{r.code} {r.name}", "", r.message, ""]
    fields = [("category", r.category), ("group", r.group), ("severity", r.severity),
              ("action", r.action), ("scope", r.scope), ("pattern language", r.lang),
              ("document languages", ", ".join(r.doc_langs)), ("confidence", r.confidence)]
    if r.detector:
        fields.append(("detector", f"{r.detector} {json.dumps(r.params, ensure_ascii=False)}"))
    else:
        fields.append(("pattern", r.pattern.pattern))
    if r.exclude is not None:
        fields.append(("exclude", r.exclude.pattern))
    if r.replacement is not None:
        fields.append(("replacement", repr(r.replacement)))
    for key in ("max_words", "min_words", "first", "last"):
        if getattr(r, key) is not None:
            fields.append((key.replace("_", " ").replace("first", "within first lines")
                           .replace("last", "within last lines"), getattr(r, key)))
    fields += [("source", r.source), ("file", r.path)]
    lines += [f"  {k + ':':<20} {v}" for k, v in fields]
    ex = r.examples
    lines += ["", "Flags:"] + [f"  {t!r}" for t in ex.must_flag]
    lines += ["Does not flag:"] + [f"  {t!r}" for t in ex.must_not_flag]
    if ex.cleaned:
        lines.append("Cleans:")
        for text, expected in ex.cleaned:
            lines += [f"  {text!r}", f"    -> {expected!r}"]
    return "\n".join(lines)


@rules_group.command("test")
@click.argument("folder", required=False, type=click.Path(file_okay=False, exists=True))
@rules_folder_option
@_select
@click.option("--coverage", is_flag=True, help="Also fail on rules that, with every rule "
              "active, never fire on their own must_flag examples or never apply their own "
              "edit in their cleaned examples.")
def test_command(folder, rules_dirs, select, coverage):
    """Run the rules' own examples; report each failure on its own line.

    FOLDER is a user rule folder, loaded after the built-ins (and any --rules), so its
    rules and overrides are what gets tested. Exit 1 on any failure.

    \b
    Examples:
      tqcheck rules test                       # the built-in rules
      tqcheck rules test my-rules/             # built-ins plus my-rules/
      tqcheck rules test my-rules/ --select X9 --coverage
    """
    from tqcheck.engine import Checker
    from tqcheck import ruletest

    ruleset = _load(tuple(rules_dirs) + ((folder,) if folder else ()))
    chosen = _filtered(ruleset, select)
    full = Checker(ruleset)
    failures = examples = 0
    for outcome in ruletest.run_rules(full, chosen):
        examples += 1
        if not outcome.ok:
            failures += 1
            rule = outcome.example.rule
            click.echo(f"FAIL {outcome.example.id} ({rule.path}): {outcome.problem}")
    uncovered = []
    if coverage:
        for item in ruletest.coverage(full, chosen):
            if not item.covered:
                uncovered.append(item)
                for problem in item.problems:
                    click.echo(f"UNCOVERED {item.rule.code} ({item.rule.path}): {problem}")
    click.echo(f"{len(chosen)} rule{'s' * (len(chosen) != 1)}, {examples} examples: "
               f"{failures} failed" + (f", {len(uncovered)} uncovered" if coverage else "") + ".")
    raise click.exceptions.Exit(1 if failures or uncovered else 0)
