#!/usr/bin/env python3
"""Dev check for the rule pack, usable before (and besides) the tqcheck engine.

1. Loads every rule TOML under rules/ with tomllib, compiles `pattern`/`exclude` with
   `regex` (VERSION0, as the engine does) and checks the rule's own examples with a
   small re-implementation of the line/paragraph/span scopes, word bounds, positions
   and the cleaning rules of rules/README.md (an approximation of the engine).
2. Measures the rules on the labelled devdata pages (../shared/devdata, resolved from
   this file): on `gold_type: "full"` pages the share of `content` and `boilerplate`
   lines matched, and on all pages the per-rule hits on `content` lines.

Usage:  python bench/rule_devcheck.py [--rules DIR] [--show-hits] [--only CODE ...] [--engine]
Exit status 1 when an example fails. Skips the devdata part cleanly when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]


def _find_devdata() -> Path:
    """../shared/devdata seen from the repo. `parents[2]` is right for /work/main/bench
    but not for a worktree at /work/wt/<name>/bench (it gives /work/wt), so walk up
    from the repo root and take the first ancestor that has shared/devdata."""
    for anc in Path(__file__).resolve().parents[1:]:
        cand = anc / "shared" / "devdata"
        if cand.is_dir():
            return cand
    return Path(__file__).resolve().parents[2] / "shared" / "devdata"


DEVDATA = _find_devdata()
RULE_DIRS = ("boilerplate", "signature", "disclaimer", "metadata")
TIMEOUT = 2.0
PUNCT_AFTER = set(".,;:!?)]»")


@dataclass
class R:
    code: str
    name: str
    action: str
    scope: str
    lang: str
    doc_langs: tuple
    pattern: object
    exclude: object | None
    max_words: int | None
    min_words: int | None
    first: int | None
    last: int | None
    replacement: str | None
    data: dict = field(repr=False)
    path: Path | None = None

    def runs_on(self, doc_lang: str) -> bool:
        return "*" in self.doc_langs or doc_lang in self.doc_langs


def load(rules_root: Path) -> list[R]:
    out = []
    for sub in RULE_DIRS:
        for p in sorted((rules_root / sub).glob("*.toml")):
            d = tomllib.loads(p.read_text("utf-8"))
            pat = regex.compile(d["pattern"], regex.VERSION0)
            if pat.fullmatch(""):
                raise SystemExit(f"{p}: pattern matches the empty string")
            exc = regex.compile(d["exclude"], regex.VERSION0) if "exclude" in d else None
            pos = d.get("position", {})
            code = d["code"]
            if not p.name.startswith(code + "-") or p.stem != f"{code}-{d['name']}":
                raise SystemExit(f"{p}: file name should be {code}-{d['name']}.toml")
            if d["category"] != sub:
                raise SystemExit(f"{p}: category {d['category']} but folder {sub}")
            out.append(R(code, d["name"], d["action"], d["scope"], d["lang"],
                         tuple(d.get("doc_langs", ["*"])), pat, exc, d.get("max_words"),
                         d.get("min_words"), pos.get("first"), pos.get("last"),
                         d.get("replacement"), d, p))
    codes = Counter(r.code for r in out)
    names = Counter(r.name for r in out)
    dup = [c for c, n in codes.items() if n > 1] + [c for c, n in names.items() if n > 1]
    if dup:
        raise SystemExit(f"duplicate codes/names: {dup}")
    return out


# --------------------------------------------------------------------------- matching
def units(rule: R, text: str):
    """(start, end, unit_text, line_indexes) for the rule's scope."""
    lines = text.split("\n")
    if rule.scope == "line":
        pos = 0
        for i, ln in enumerate(lines):
            yield pos, pos + len(ln), ln, (i,)
            pos += len(ln) + 1
    elif rule.scope == "paragraph":
        pos, block, bstart, idx = 0, [], 0, []
        for i, ln in enumerate(lines + [""]):
            if ln.strip():
                if not block:
                    bstart = pos
                block.append(ln)
                idx.append(i)
            elif block:
                t = "\n".join(block)
                yield bstart, bstart + len(t), t, tuple(idx)
                block, idx = [], []
            pos += len(ln) + 1
    else:
        yield 0, len(text), text, tuple(range(len(lines)))


def raw_matches(rule: R, text: str):
    """Matches ignoring position: list of (abs_start, abs_end, line_indexes)."""
    found = []
    for start, _end, unit, idx in units(rule, text):
        if rule.scope in ("line", "paragraph"):
            nw = len(unit.split())
            if rule.max_words is not None and nw > rule.max_words:
                continue
            if rule.min_words is not None and nw < rule.min_words:
                continue
        if rule.exclude is not None and rule.exclude.search(unit, timeout=TIMEOUT):
            continue
        for m in rule.pattern.finditer(unit, timeout=TIMEOUT):
            if m.end() == m.start():
                continue
            s, e = start + m.start(), start + m.end()
            if rule.scope in ("line", "paragraph"):
                li = idx
            else:
                li = (text.count("\n", 0, s),)
            found.append((s, e, li))
            if rule.scope == "document":
                break
    return found


def match_all(rules: list[R], text: str, doc_lang: str):
    """{code: [(s, e, line_indexes)]} with position constraints applied."""
    lines = text.split("\n")
    active = [r for r in rules if r.runs_on(doc_lang)]
    raw = {r.code: raw_matches(r, text) for r in active}
    hit_lines = set()
    for ms in raw.values():
        for _s, _e, li in ms:
            hit_lines.update(li)
    content = [i for i, ln in enumerate(lines) if ln.strip() and i not in hit_lines]
    out = {}
    for r in active:
        ms = raw[r.code]
        if r.first is not None or r.last is not None:
            keep = []
            for s, e, li in ms:
                ok = True
                if r.first is not None:
                    before = sum(1 for c in content if c < min(li))
                    ok &= before < r.first
                if r.last is not None:
                    after = sum(1 for c in content if c > max(li))
                    ok &= after < r.last
                if ok:
                    keep.append((s, e, li))
            ms = keep
        if ms:
            out[r.code] = ms
    return out


def clean(rules: list[R], text: str, doc_lang: str) -> str:
    by = {r.code: r for r in rules}
    found = match_all(rules, text, doc_lang)
    lines = text.split("\n")
    drop = set()
    spans = defaultdict(list)  # line index -> [(s, e, replacement)]
    offs, pos = [], 0
    for ln in lines:
        offs.append(pos)
        pos += len(ln) + 1
    for code, ms in found.items():
        r = by[code]
        for s, e, li in ms:
            if r.action == "remove-line":
                drop.update(li)
            elif r.action in ("remove-span", "replace"):
                i = li[0]
                rep = ""
                if r.action == "replace":
                    rep = r.pattern.match(text, s, e).expand(r.replacement)
                spans[i].append((s - offs[i], e - offs[i], rep))
    out = []
    for i, ln in enumerate(lines):
        if i in drop:
            # a removed line goes with its break; if that leaves 2 blank lines, one goes
            if out and not out[-1].strip() and i + 1 < len(lines) and not lines[i + 1].strip():
                out.pop()
            continue
        merged = []  # overlapping spans of several rules are removed once
        for s, e, rep in sorted(spans.get(i, [])):
            if merged and s < merged[-1][1]:
                ps, pe, prep = merged[-1]
                merged[-1] = (ps, max(pe, e), prep or rep)
            else:
                merged.append((s, e, rep))
        for s, e, rep in reversed(merged):
            left, right = ln[:s], ln[e:]
            if not rep:
                if left.endswith(" ") and (right.startswith(" ") or right[:1] in PUNCT_AFTER):
                    left = left[:-1]
                elif not left and right.startswith(" "):
                    right = right.lstrip(" ")
            ln = left + rep + right
        out.append(ln.rstrip())
    # built-in whitespace rules: runs of blank lines collapse, edges trimmed
    res, blank = [], 0
    for ln in out:
        if ln.strip():
            res.append(ln)
            blank = 0
        else:
            blank += 1
            if blank == 1:
                res.append("")
    while res and not res[0]:
        res.pop(0)
    while res and not res[-1]:
        res.pop()
    return "\n".join(res) + "\n" if res else ""


# --------------------------------------------------------------------------- examples
def check_examples(rules: list[R], only: set[str]) -> int:
    fails = 0
    for r in rules:
        if only and r.code not in only:
            continue
        ex = r.data["examples"]
        lang = ex.get("lang") or (r.lang if r.lang != "*" else "en")
        if len(ex["must_flag"]) < 2 or len(ex["must_not_flag"]) < 2:
            print(f"{r.code}: fewer than 2 must_flag / must_not_flag examples")
            fails += 1
        if r.action != "flag" and not ex.get("cleaned"):
            print(f"{r.code}: removal rule without cleaned example")
            fails += 1
        for t in ex["must_flag"]:
            if r.code not in match_all(rules, t, lang):
                print(f"{r.code}: must_flag NOT flagged: {t!r}")
                fails += 1
        for t in ex["must_not_flag"]:
            if r.code in match_all(rules, t, lang):
                print(f"{r.code}: must_not_flag flagged: {t!r}")
                fails += 1
        for c in ex.get("cleaned", []):
            got = clean(rules, c["text"], lang)
            if got != c["expected"]:
                print(f"{r.code}: cleaned mismatch\n  text:     {c['text']!r}\n"
                      f"  expected: {c['expected']!r}\n  got:      {got!r}")
                fails += 1
            if not c["text"].endswith("\n") or not c["expected"].endswith("\n"):
                print(f"{r.code}: cleaned text/expected should end with a newline")
                fails += 1
    return fails


# --------------------------------------------------------------------------- devdata
def measure(rules: list[R], show_hits: bool) -> None:
    if not DEVDATA.is_dir():
        print(f"devdata not found at {DEVDATA}; skipping measurement")
        return
    full = Counter()
    per_rule = defaultdict(Counter)
    content_hits = defaultdict(list)
    for txt in sorted(DEVDATA.glob("*.txt")):
        lab_path = txt.with_suffix(".labels.json")
        if not lab_path.exists():
            continue
        meta = json.loads(lab_path.read_text("utf-8"))
        labels = meta["labels"]
        text = txt.read_text("utf-8")
        lines = text.split("\n")
        found = match_all(rules, text, meta["lang"])
        matched = defaultdict(set)
        for code, ms in found.items():
            for _s, _e, li in ms:
                for i in li:
                    matched[i].add(code)
        is_full = meta["gold_type"] == "full"
        for i, lab in enumerate(labels):
            if i >= len(lines) or not lines[i].strip():
                continue
            if is_full:
                full[lab] += 1
                if i in matched:
                    full[lab + "_hit"] += 1
            for code in matched.get(i, ()):
                per_rule[code][lab] += 1
                if lab == "content":
                    content_hits[code].append((txt.stem, i, lines[i]))
    c, b = full["content"], full["boilerplate"]
    print(f"\nFULL pages: content lines matched {full['content_hit']}/{c} "
          f"= {100 * full['content_hit'] / max(c, 1):.2f}%;  boilerplate lines matched "
          f"{full['boilerplate_hit']}/{b} = {100 * full['boilerplate_hit'] / max(b, 1):.2f}%")
    print("\nper-rule hits on all pages (content / boilerplate / unknown):")
    for code in sorted(per_rule):
        k = per_rule[code]
        print(f"  {code}: {k['content']:3d} / {k['boilerplate']:3d} / {k['unknown']:3d}")
    # clean, well-formed French news (WMT22 originals, human and machine translations):
    # every line is article text, so every hit here is a false positive
    mt_lines = mt_hits = 0
    for txt in sorted((DEVDATA / "mt").glob("*.txt")):
        text = txt.read_text("utf-8")
        lines = text.split("\n")
        found = match_all(rules, text, "fr")
        hit = set()
        for code, ms in found.items():
            for _s, _e, li in ms:
                for i in li:
                    if i not in hit:
                        content_hits[code].append(("mt/" + txt.stem, i, lines[i]))
                    hit.add(i)
        mt_lines += sum(1 for ln in lines if ln.strip())
        mt_hits += len(hit)
    if mt_lines:
        print(f"\nmt/ clean news text: {mt_hits}/{mt_lines} lines matched "
              f"({100 * mt_hits / mt_lines:.2f}%; all are false positives)")
    if content_hits:
        print("\ncontent-line hits:")
        for code in sorted(content_hits):
            for stem, i, ln in content_hits[code]:
                shown = ln if show_hits else ln[:60] + ("…" if len(ln) > 60 else "")
                print(f"  {code} {stem}:{i + 1}: {shown!r}")


def engine_matcher(rules_root: Path):
    """A match function backed by the real tqcheck engine (only this pack's rules), or
    None when the engine is not importable. Same shape as match_all's result."""
    try:
        sys.path.insert(0, str(REPO))
        from tqcheck.engine import Checker
        from tqcheck.model import Document
        from tqcheck.ruleset import RuleSet, load_folder
    except ImportError:
        return None
    rules = []
    for sub in RULE_DIRS:
        if (rules_root / sub).is_dir():
            rules += load_folder(rules_root / sub)
    checker = Checker(RuleSet(tuple(sorted(rules, key=lambda r: r.code))))

    def match(_rules, text: str, doc_lang: str):
        out = defaultdict(list)
        for f in checker.check(Document(text), lang=doc_lang).findings:
            li = tuple(range(f.line - 1, max(f.end_line, f.line)))
            out[f.rule].append((f.start, f.end, li))
        return dict(out)

    return match


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", type=Path, default=REPO / "rules")
    ap.add_argument("--show-hits", action="store_true")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--no-measure", action="store_true")
    ap.add_argument("--engine", action="store_true",
                    help="measure devdata with the real tqcheck engine when importable")
    a = ap.parse_args()
    rules = load(a.rules)
    cats = Counter(r.data["category"] for r in rules)
    print(f"{len(rules)} rules: {dict(cats)}")
    fails = check_examples(rules, set(a.only))
    print(f"example failures: {fails}")
    if not a.no_measure:
        global match_all
        if a.engine:
            m = engine_matcher(a.rules)
            if m is None:
                print("tqcheck engine not importable; using the built-in approximation")
            else:
                print("measuring with the tqcheck engine")
                match_all = m
        measure(rules, a.show_hits)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
