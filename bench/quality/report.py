"""Plain-text tables for the benchmark results (the JSON holds the same numbers)."""
from __future__ import annotations


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def pages_section(pages: dict) -> str:
    out = []
    rows = []
    for mode in ("page", "window"):
        for system in ("tqcheck", "tqcheck-flagged", "justext"):
            g = pages["groups"].get(f"{system}/{mode}")
            if not g:
                continue
            d, loss = g["detection"]["all"], g["content_loss"].get("all")
            rows.append([mode, system, d["precision"], d["recall"], d["f1"],
                         fmt(loss["rate"], 4) if loss else "–",
                         d["tp"] + d["fn"], d["fp"] + d["tn"]])
    out.append(table(["mode", "system", "P", "R", "F1", "content loss", "bp lines", "content lines"], rows))
    for mode in ("page", "window"):
        g = pages["groups"].get(f"tqcheck/{mode}")
        if g and "policy" in g["content_loss"]:
            out.append(f"tqcheck content loss, {mode} mode, not counting metadata lines "
                       f"(policy view): {fmt(g['content_loss']['policy']['rate'], 5)}")
    for mode in ("page", "window"):
        rows = []
        tq, js = pages["groups"].get(f"tqcheck/{mode}"), pages["groups"].get(f"justext/{mode}")
        if not tq:
            continue
        for key in sorted(k for k in tq["detection"] if k not in ("all", "policy")):
            d, loss = tq["detection"][key], tq["content_loss"].get(key, {})
            j = js["detection"].get(key, {}) if js else {}
            rows.append([key, d["precision"], d["recall"], d["f1"], fmt(loss.get("rate"), 4), j.get("f1")])
        out.append(f"\nby group, {mode} mode (tqcheck; last column jusText F1)\n"
                   + table(["group", "P", "R", "F1", "content loss", "jusText F1"], rows))
    rows = [[k, v["tp"], v["fp"], v["precision"]] for k, v in sorted(pages["by_category"].items())]
    if rows:
        out.append("\nlines removed, by category of the removing rule (P = share labelled boilerplate)\n"
                   + table(["mode/category", "boilerplate", "content", "P"], rows))
    detected = pages.get("detected_language", {})
    for mode in ("page", "window"):
        wrong = sorted(f"{doc}→{langs[mode]}" for doc, langs in detected.items()
                       if mode in langs and langs[mode] != doc.split("_")[0])
        if detected:
            out.append(f"language identified as the gold language ({mode}): "
                       f"{len(detected) - len(wrong)} of {len(detected)}"
                       + (f"; wrong: {', '.join(wrong)}" if wrong else ""))
    for mode, lost in pages["content_lost_by_category"].items():
        if lost:
            out.append(f"content characters lost by category ({mode}): "
                       + ", ".join(f"{k} {v}" for k, v in sorted(lost.items())))
    return "\n".join(out)


def synthetic_section(syn: dict) -> str:
    spans = syn["spans"]
    cats = sorted({k.split("/")[0][4:] for k in spans if k.startswith("cat=")})
    rows = []
    for cat in cats:
        s = spans[f"cat={cat}"]
        dev = spans.get(f"cat={cat}/split=dev", {})
        held = spans.get(f"cat={cat}/split=heldout", {})
        prec = syn.get("precision", {}).get(cat, {})
        rows.append([cat, s["spans"], s["recall"], s["removed"], s["category_exact"],
                     dev.get("recall"), held.get("recall"), prec.get("findings"),
                     prec.get("precision"), prec.get("f1")])
    out = [table(["category", "spans", "recall", "removed", "exact cat", "recall dev",
                  "recall held-out", "findings", "precision", "F1"], rows)]
    langs = sorted(k[5:] for k in spans if k.startswith("lang="))
    rows = []
    for cat in cats:
        rows.append([cat] + [spans.get(f"cat={cat}/lang={lang}", {}).get("recall") for lang in langs])
    out.append("\nrecall by language\n" + table(["category"] + langs, rows))
    clean = syn["clean_originals"]
    out.append(f"\nclean originals: {clean['docs']} docs, {clean['docs_flagged']} with a finding, "
               f"{sum(clean['false_flags'].values())} findings "
               f"({fmt(clean['per_50_docs'])} per 50 docs; removals {fmt(clean['removals_per_50_docs'])} per 50 docs) "
               f"{clean['false_flags']} rules {clean['by_rule']}; audited real defects "
               f"{clean.get('audited_real')}: false flags {fmt(clean.get('false_flags_per_50_docs'))} per 50 docs")
    if clean.get("by_origin"):
        out.append("false flags by kind of article: " + ", ".join(
            f"{k} {v['false_flags']} in {v['docs']} docs" for k, v in clean["by_origin"].items()))
    loss = syn["content_loss"]["all"]
    out.append(f"content loss on injected docs: {fmt(loss['rate'], 5)} "
               f"({loss['deleted']} of {loss['chars']} article characters); "
               f"findings outside the injected spans: {syn['injected']['findings_outside_gold']} "
               f"in {syn['injected']['docs']} docs")
    return "\n".join(out)
