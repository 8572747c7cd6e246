"""Markdown tables from a results JSON, for bench/RESULTS.md and the README:

    python -m bench.quality.markdown [bench/quality/results.json]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.quality.report import fmt

DEFAULT = Path(__file__).resolve().parent / "results.json"


def md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def pages_md(pages: dict) -> str:
    rows = []
    for mode in ("page", "window"):
        for system in ("tqcheck", "tqcheck-flagged", "justext"):
            g = pages["groups"].get(f"{system}/{mode}")
            if not g:
                continue
            d, loss = g["detection"]["all"], g["content_loss"]
            policy = loss.get("policy", {}).get("rate") if system == "tqcheck" else None
            name = {"justext": "jusText", "tqcheck-flagged": "tqcheck, removed or flagged"}
            rows.append([mode, name.get(system, "tqcheck (removed)"), d["precision"],
                         d["recall"], d["f1"],
                         fmt(loss["all"]["rate"], 4) if "all" in loss else "(same)",
                         fmt(policy, 4) if policy is not None else "–"])
    out = [md_table(["mode", "system", "precision", "recall", "F1", "content loss",
                     "content loss (policy view)"], rows)]
    for mode in ("page", "window"):
        tq, js = pages["groups"].get(f"tqcheck/{mode}"), pages["groups"].get(f"justext/{mode}")
        if not tq:
            continue
        rows = []
        for key in sorted(k for k in tq["detection"] if k.startswith(("lang=", "src="))):
            d = tq["detection"][key]
            j = js["detection"].get(key, {}) if js else {}
            rows.append([key.split("=")[1], d["tp"] + d["fn"], d["fp"] + d["tn"], d["precision"],
                         d["recall"], d["f1"], fmt(tq["content_loss"].get(key, {}).get("rate"), 4),
                         j.get("f1")])
        out.append(f"\n{mode} mode, by language and source:\n\n" + md_table(
            ["group", "bp lines", "content lines", "P", "R", "F1", "content loss", "jusText F1"], rows))
    return "\n".join(out)


def synthetic_md(syn: dict) -> str:
    spans = syn["spans"]
    cats = sorted({k.split("/")[0][4:] for k in spans if k.startswith("cat=")})
    langs = sorted(k[5:] for k in spans if k.startswith("lang="))
    rows = []
    for cat in cats:
        s = spans[f"cat={cat}"]
        prec = syn.get("precision", {}).get(cat, {})
        rows.append([cat, s["spans"], s["recall"], s["removed"],
                     spans.get(f"cat={cat}/split=dev", {}).get("recall"),
                     spans.get(f"cat={cat}/split=heldout", {}).get("recall"),
                     prec.get("precision"), prec.get("f1")]
                    + [spans.get(f"cat={cat}/lang={lang}", {}).get("recall") for lang in langs])
    clean, loss = syn["clean_originals"], syn["content_loss"]["all"]
    return (md_table(["category", "spans", "recall", "removed", "recall (dev pool)",
                      "recall (held-out pool)", "precision", "F1"]
                     + [f"recall {lang}" for lang in langs], rows)
            + f"\n\nClean originals: {clean['docs']} articles, {sum(clean['false_flags'].values())} "
              f"findings = {fmt(clean['per_50_docs'], 2)} per 50 documents, of which "
              f"{sum(clean.get('audited_real', {}).values())} judged real defects of the page "
              f"(`bench/quality/clean_audit.toml`): **false flags "
              f"{fmt(clean.get('false_flags_per_50_docs'), 2)} per 50 documents** "
              f"(findings by rule: {clean['by_rule'] or 'none'}; removals among them: "
              f"{fmt(clean['removals_per_50_docs'], 2)} per 50 documents). Content loss on the "
              f"{syn['injected']['docs']} injected documents: **{fmt(loss['rate'], 5)}** "
              f"({loss['deleted']} of {loss['chars']} article characters).")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    result = json.loads(path.read_text(encoding="utf-8"))
    print(f"Measured {result['date']} on commit {result['commit']}"
          f"{' + rules ' + ', '.join(result['extra_rules']) if result.get('extra_rules') else ''}.\n")
    if "pages" in result:
        print(f"### Labelled pages ({result['pages']['pages']} devdata pages)\n")
        print(pages_md(result["pages"]))
    print("\n### Synthetic injection set\n")
    print(synthetic_md(result["synthetic"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
