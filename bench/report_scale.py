"""How long `tqcheck report --from-report` takes on 100,000 report lines, and how big the
page is. Target (issue 10): under a minute and under ~20 MB.

    python bench/report_scale.py [--docs 100000] [--keep DIR]

The lines are synthetic but shaped like real ones: each starts from the real record of
one of the project's sample articles (`data/samples`, checked and cleaned by tqcheck
here), gets its own path (50 source folders), a score spread over 0-100 and six extra
flag findings of assorted categories at real offsets, so every line carries ~8 findings.
All lines made from one sample point at that sample's one cleaned file (the report only
opens the files of the documents it shows in full, so 100,000 copies would time the
disk, not the report). With selenium and Debian's chromium/chromium-driver installed,
it also opens the page headless and times the first render and one filter keystroke.
Needs only tqcheck itself (plus selenium for the browser part: `pip install selenium`).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXTRA = [("B101", "share-widget", "boilerplate"), ("S201", "author-bio", "signature"),
         ("D301", "mt-disclaimer", "disclaimer"), ("M401", "dateline", "metadata"),
         ("F501", "foreign-fragment", "foreign"), ("T701", "straight-quotes", "typography"),
         ("A601", "calque", "mt-artifact"), ("E801", "mojibake", "encoding")]


def base_records(work: Path) -> list[dict]:
    """Real records of the sample articles, cleaned into `work/cleaned`."""
    from tqcheck.html_report.sources import records_from_run
    from tqcheck.engine import Checker

    out = []
    for i, (record, load) in enumerate(records_from_run(Checker(), [str(ROOT / "data" / "samples")])):
        texts = load()
        target = work / "cleaned" / f"sample-{i:02d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(texts.cleaned, "utf-8")
        record["output"] = str(target)
        record.pop("line", None)  # JSONL samples too: their text now lives in `target`
        record.pop("id", None)
        record["text"] = texts.original  # only to place the extra findings; dropped below
        out.append(record)
    return out


def synthetic_lines(bases: list[dict], n: int, path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            base = bases[i % len(bases)]
            text = base["text"]
            findings = list(base["findings"])
            for _ in range(6):
                code, name, category = rng.choice(EXTRA)
                start = rng.randrange(0, max(len(text) - 40, 1))
                end = start + rng.randrange(5, 40)
                findings.append({**(findings[0] if findings else {}), "rule": code, "name": name,
                                 "category": category, "severity": "warning", "action": "flag",
                                 "start": start, "end": end, "text": text[start:end],
                                 "message": f"synthetic {name} finding", "line": 1, "column": 1,
                                 "end_line": 1, "end_column": 1, "replacement": None,
                                 "confidence": 1.0, "language": None})
            record = {k: v for k, v in base.items() if k != "text"}
            record.update(path=f"/data/news/site{i % 50:02d}/2026/doc{i:06d}.txt",
                          score=round(100 * rng.betavariate(5, 1.5), 2), findings=findings)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def split_times(lines: Path) -> dict:
    """Where the time goes, in this process: reading + collecting, then the page."""
    from tqcheck import html_report

    options = html_report.ReportOptions(min_score=60)
    start = time.perf_counter()
    with lines.open(encoding="utf-8") as handle:
        for line in handle:
            json.loads(line)
    bare = time.perf_counter() - start  # the floor: parsing the JSONL and nothing else
    start = time.perf_counter()
    notes: list[str] = []
    data = html_report.collect(html_report.records_from_report(lines, notes), options, notes)
    collected = time.perf_counter() - start
    start = time.perf_counter()
    html_report.render(data, options)
    return {"bare_json_parse_s": round(bare, 2), "read_and_collect_s": round(collected, 2),
            "render_s": round(time.perf_counter() - start, 2)}


def browser_times(page: Path) -> dict | None:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        return None
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        return None
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="tqcheck-bench-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.set_page_load_timeout(300)
        start = time.perf_counter()
        driver.get(page.as_uri())
        WebDriverWait(driver, 300).until(
            lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        driver.find_element("id", "filter").send_keys("site07")
        status = driver.find_element("id", "status").text
        filtered = time.perf_counter() - start
        return {"load_s": round(loaded, 2), "filter_s": round(filtered, 2), "status": status}
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the report and page in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tqcheck-report-bench-"))
    try:
        bases = base_records(work)
        lines = work / "tqcheck-report.jsonl"
        synthetic_lines(bases, args.docs, lines)
        page = work / "report.html"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "tqcheck", "report", "--from-report",
                               str(lines), "-o", str(page), "--min-score", "60"],
                              capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"report failed ({proc.returncode}): {proc.stderr.strip()}")
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {"docs": args.docs, "jsonl_mb": round(lines.stat().st_size / 1e6, 1),
                  "wall_s": round(wall, 2), "html_mb": round(page.stat().st_size / 1e6, 2),
                  "peak_rss_mb": round(rss, 1), "stdout": proc.stdout.strip()}
        result["in_process"] = split_times(lines)
        result["browser"] = browser_times(page)
        print(json.dumps(result, indent=2))
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, args.keep / "report.html")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
