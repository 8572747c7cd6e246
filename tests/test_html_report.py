"""`tqcheck report`: the HTML page's numbers, caps, escaping, saved-report input, and the
page itself in headless Chromium (charts, table, filtering, injection, screenshot)."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from tqcheck.html_report import ReportOptions, TextPair, build_report, collect
from tqcheck.html_report.saved import records_from_report
from tqcheck.html_report.sources import records_from_run
from tqcheck.html_report.views import highlight

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SAMPLE_FILES = sorted(SAMPLES.rglob("*.txt"))
SAMPLE_JSONL = SAMPLES / "jsonl" / "articles.jsonl"
SAMPLE_DOCS = len(SAMPLE_FILES) + sum(1 for line in SAMPLE_JSONL.open("rb") if line.strip())

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=\"document.title='pwned';window.__pwned=1\">"
HOSTILE = ("Le conseil municipal a voté mardi soir la rénovation du pont couvert.   \n"
           f"Un lecteur a laissé ce commentaire : {SCRIPT} et {IMG}\n\n\n\n"
           "Les travaux commenceront en avril et dureront six mois.\n")
HOSTILE_NAME = "<img src=x onerror=alert(2)>.txt"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def synthetic(n: int, seed_text: str = "Un article.\n") -> list:
    """Report records with scores spread over 0-100 and one finding each."""
    records = []
    for i in range(n):
        score = (i * 37) % 1000 / 10
        finding = {"rule": "W002", "name": "trailing-space", "category": "whitespace",
                   "action": "remove-span", "start": 0, "end": 2, "text": "Un",
                   "message": "trailing space", "line": 1, "column": 1}
        record = {"path": f"corpus/site{i % 7}/doc{i:05d}.txt", "score": score,
                  "language": "fr", "chars": len(seed_text), "removed_chars": 0,
                  "error": None, "findings": [finding], "edits": []}
        records.append((record, lambda: TextPair(seed_text, seed_text)))
    return records


# -- the page, without a browser ----------------------------------------------------

def test_views_are_capped_to_the_worst_and_a_seeded_sample():
    options = ReportOptions(worst=5, sample=7, seed=3)
    data = collect(synthetic(1000), options)
    worst = [p for p in data.picks if p.reason == "worst"]
    sample = [p for p in data.picks if p.reason == "sample"]
    all_scores = sorted(r["score"] for r, _ in synthetic(1000))
    assert [p.record["score"] for p in worst] == all_scores[:5]
    assert len(sample) == 7 and not {p.index for p in sample} & {p.index for p in worst}
    again = collect(synthetic(1000), options)
    assert [p.index for p in again.picks] == [p.index for p in data.picks]
    other = collect(synthetic(1000), ReportOptions(worst=5, sample=7, seed=4))
    assert [p.index for p in other.picks[5:]] != [p.index for p in sample]
    page = build_report(synthetic(1000), options)
    assert "Showing 12 of 1,000 scored documents: the worst 5" in page
    assert "random sample of 7 of the others (cap 7, seed 3)" in page
    assert page.count('<details class="view"') == 12
    assert 'id="below-only"' not in page and "No --min-score given" in page
    # Every document is still in the table data, and each picked one links to its view.
    rows = json.loads(unescape_json(page))["rows"]
    assert len(rows) == 1000 and sorted(r[7] for r in rows if r[7] is not None) == list(range(12))


def unescape_json(page: str) -> str:
    match = re.search(r'<script type="application/json" id="rows-data">(.*?)</script>', page, re.S)
    assert match
    return match.group(1)


def test_summary_and_charts_count_the_corpus(checker):
    page = build_report(records_from_run(checker, [str(SAMPLES)]), ReportOptions(min_score=99.5))
    data = json.loads(unescape_json(page))
    assert len(data["rows"]) == SAMPLE_DOCS and data["threshold"] == 99.5
    assert f"<b>{SAMPLE_DOCS}</b><span>documents</span>" in page
    histogram = re.search(r'<svg class="chart histogram".*?</svg>', page, re.S).group(0)
    assert histogram.count('<rect class="bar"') == 20 and 'class="threshold"' in histogram
    below = sum(1 for r in data["rows"] if r[1] is not None and r[1] < 99.5)
    assert f"<b>{below}</b><span>below min-score 99.5</span>" in page
    assert "trailing-space" in page and 'id="charts"' in page
    # A JSONL record's view has its text too (original and cleaned, as for the .txt copy).
    assert "jsonl/articles.jsonl [line 1]" in page
    assert page.count("La municipalité de La Rochelle a présenté lundi soir") == 4


def test_highlight_marks_findings_and_strikes_removals():
    text = "Titre  \nCorps du texte.\n\n\n\nFin.\n"
    findings = [{"rule": "W002", "name": "trailing-space", "category": "whitespace",
                 "action": "remove-span", "start": 5, "end": 7, "message": "espaces <b>"}]
    edits = [{"start": 5, "end": 7, "replacement": "", "rule": "W002", "text": "  "},
             {"start": 24, "end": 26, "replacement": "\n", "rule": "W001", "text": "\n\n"}]
    html = highlight(text, findings, edits)
    assert '<mark class="c-whitespace" title="W002 trailing-space [whitespace, remove-span]: ' \
           'espaces &lt;b&gt;"><del title="removed by cleaning (W002)">  </del></mark>' in html
    assert ('<del title="removed by cleaning (W001)"><span class="ws" aria-hidden="true">↵'
            '</span>\n<span class="ws" aria-hidden="true">↵</span>\n</del><ins>\n</ins>') in html
    plain = re.sub(r'<ins>.*?</ins>|<span class="ws"[^>]*>.*?</span>', "", html, flags=re.S)
    assert unescape(re.sub(r"<[^>]+>", "", plain)) == text  # nothing of the original is lost


def test_untrusted_text_and_paths_are_escaped(tmp_path: Path, checker):
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE, "utf-8")
    # A saved report can name anything, "/" included: the JSON data must not end early.
    record, load = synthetic(1)[0]
    forged = ({**record, "path": "x</script><script>alert(3)</script><!--"}, load)
    page = build_report([*records_from_run(checker, [str(tmp_path)]), forged])
    assert page.count("<script") == 2  # our JSON data and our one script, nothing else
    assert "<img" not in page and "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=&quot;document.title=&#x27;pwned&#x27;" in page
    payload = unescape_json(page)
    assert "<" not in payload and "\\u003cimg src=x onerror=alert(2)\\u003e.txt" in payload
    assert json.loads(payload)["rows"][1][0].startswith("x</script><script>alert(3)")


def test_from_report_rebuilds_originals_and_survives_missing_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus, ignore=shutil.ignore_patterns("*.md"))
    with gzip.open(corpus / "jsonl" / "articles.jsonl.gz", "wb") as packed:
        packed.write(SAMPLE_JSONL.read_bytes())
    out = tmp_path / "cleaned"
    assert run("clean", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    notes: list[str] = []
    records = list(records_from_report(out / "tqcheck-report.jsonl", notes))
    assert len(records) == SAMPLE_DOCS + SAMPLE_DOCS - len(SAMPLE_FILES) and not notes
    lines = SAMPLE_JSONL.read_text("utf-8").splitlines()
    data = collect(records, ReportOptions(worst=100))
    assert len(data.picks) == len(records)
    for pick in data.picks:
        record, texts = pick.record, pick.load_text()
        if record.get("line"):  # a JSONL record, plain or gzipped: its line of the input
            assert texts.original == json.loads(lines[record["line"] - 1])["text"]
        else:
            assert texts.original == Path(record["path"]).read_text("utf-8")
            assert texts.cleaned == Path(record["output"]).read_text("utf-8")
    # Without the cleaned file the input is read; without either, the view says why.
    victim = next(r for r, _ in records if r["findings"] and not r.get("line"))
    Path(victim["output"]).unlink()
    reloaded = dict((r["path"], load) for r, load in
                    records_from_report(out / "tqcheck-report.jsonl", notes))
    assert reloaded[victim["path"]]().original == Path(victim["path"]).read_text("utf-8")
    copy = tmp_path / "gone.txt"
    shutil.copy(victim["path"], copy)
    victim_line = json.dumps({**victim, "path": str(copy)})
    saved = (out / "tqcheck-report.jsonl").read_text("utf-8").splitlines()
    (tmp_path / "r.jsonl").write_text("\n".join(saved + [victim_line, "{not json"]) + "\n", "utf-8")
    copy.unlink()
    proc = run("report", "--from-report", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2  # a bad line is reported, the page is still written
    assert f"r.jsonl:{len(saved) + 2}: not valid JSON" in proc.stderr
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "Text not available: the cleaned file" in page and "gone.txt cannot be read" in page
    assert page.count('<details class="view"') == len(saved) + 1


def test_report_command_errors_are_one_line(tmp_path: Path):
    for args in (["-o", "x.html"], [str(SAMPLES), "--from-report", "r.jsonl", "-o", "x.html"],
                 ["--from-report", str(tmp_path / "missing.jsonl"), "-o", "x.html"]):
        proc = run("report", *args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.html").exists()


# -- the page in headless Chromium --------------------------------------------------

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1300,1400")


@pytest.fixture()
def browser(tmp_path: Path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian packages chromium and chromium-driver are not installed "
                    "(.ci/run installs them where it runs as root)")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + (f"--user-data-dir={tmp_path / 'chromium-profile'}",):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def visible_rows(driver) -> list[list[str]]:
    return [[td.text for td in tr.find_elements("css selector", "td")]
            for tr in driver.find_elements("css selector", "#file-rows tr")]


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path: Path, browser):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.support.ui import WebDriverWait

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus, ignore=shutil.ignore_patterns("*.md", "*.jsonl"))
    (corpus / "fr" / HOSTILE_NAME).write_text(HOSTILE, "utf-8")
    page = tmp_path / "report.html"
    proc = run("report", str(corpus), "-o", str(page), "--min-score", "99.5")
    assert proc.returncode == 0, proc.stderr
    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")

    # Nothing from the documents ran: no alert, title and globals untouched.
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.title == "tqcheck report"
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('main img, main script').length") == 0

    # Charts render with real size.
    histogram = browser.find_element("css selector", "svg.histogram")
    assert histogram.size["width"] > 300 and histogram.size["height"] > 100
    assert len(histogram.find_elements("css selector", "rect.bar")) == 20
    assert histogram.find_elements("css selector", "line.threshold")
    assert len(browser.find_elements("css selector", "svg.bars")) == 3

    # The table lists every file; filtering hides the others; sorting orders by score.
    n_files = len(SAMPLE_FILES) + 1
    assert len(visible_rows(browser)) == n_files
    filter_box = browser.find_element("id", "filter")
    filter_box.send_keys("fr-0")
    rows = visible_rows(browser)
    assert len(rows) == 4 and all("fr-0" in r[0] for r in rows)
    assert "showing 4 of 4 matching files" in browser.find_element("id", "status").text
    filter_box.clear()
    filter_box.send_keys("W003")  # a rule code: only files with that finding
    rows = visible_rows(browser)
    assert rows and len(rows) < n_files and all(int(r[3]) > 0 for r in rows)
    filter_box.clear()
    filter_box.send_keys("onerror")
    rows = visible_rows(browser)
    assert [r[0] for r in rows] == [f"fr/{HOSTILE_NAME}"]  # shown as text
    browser.execute_script("var f = document.getElementById('filter'); f.value = '';"
                           "f.dispatchEvent(new Event('input'));")
    browser.find_element("id", "below-only").click()
    rows = visible_rows(browser)
    assert rows and all(float(r[1]) < 99.5 for r in rows) and len(rows) < n_files
    browser.find_element("id", "below-only").click()
    score_header = browser.find_element("css selector", "#files th[data-key='1']")
    scores = [float(r[1]) for r in visible_rows(browser)]
    assert scores == sorted(scores)
    score_header.click()
    assert [float(r[1]) for r in visible_rows(browser)] == sorted(scores, reverse=True)

    # The hostile document's view shows its markup as text, with findings highlighted.
    filter_box.send_keys("onerror")
    browser.find_element("css selector", "#file-rows a").click()
    view = browser.find_element("css selector", "details.view[open]")
    original = view.find_element("css selector", "pre.original")
    assert SCRIPT in original.text and "onerror=\"document.title='pwned'" in original.text
    marks = original.find_elements("css selector", "mark")
    assert marks and "W002 trailing-space" in marks[0].get_attribute("title")
    assert original.find_elements("css selector", "del")
    assert browser.title == "tqcheck report"

    shots = Path(os.environ.get("TQCHECK_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(shots / "report-top.png"))
    browser.execute_script("arguments[0].scrollIntoView()", view)
    assert browser.save_screenshot(str(shots / "report-view.png"))
    assert (shots / "report-top.png").stat().st_size > 20_000


def test_invalid_bytes_kept_by_the_reader_show_as_escapes(tmp_path: Path, checker):
    text = "Le conseil municipal a voté mardi soir la rénovation du pont couvert.\n"
    (tmp_path / "damaged.txt").write_bytes(text.encode("utf-8") + b"Prix : 12 \xff euros.\n")
    # A file name that is not UTF-8 either (Linux allows any bytes).
    Path(os.fsdecode(os.fsencode(tmp_path) + b"/nom-\xe9.txt")).write_bytes(text.encode("utf-8"))
    page = build_report(records_from_run(checker, [str(tmp_path)]))
    page.encode("utf-8")  # writable as UTF-8 despite lone surrogates in text and name
    assert "Prix : 12 \\xff euros." in page and "nom-\\xe9.txt" in page
    rows = json.loads(unescape_json(page))["rows"]
    assert sorted(r[0] for r in rows) == ["damaged.txt", "nom-\udce9.txt"]


def test_malformed_lines_are_skipped_and_an_empty_report_still_renders(tmp_path: Path):
    good = {"path": "a.txt", "score": 90.0, "language": "fr", "chars": 10, "removed_chars": 0,
            "error": None, "findings": [], "edits": []}
    bad = [[], {"findings": "x"}, {**good, "score": "high"},
           {**good, "findings": [{"rule": "W002", "start": "0", "end": 2}]}]
    saved = tmp_path / "r.jsonl"
    saved.write_text("\n".join(json.dumps(x) for x in [good, *bad]) + "\n", "utf-8")
    proc = run("report", "--from-report", str(saved), "-o", str(tmp_path / "r.html"), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    for number in range(2, 6):
        assert f"r.jsonl:{number}: not a tqcheck file report" in proc.stderr
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<b>1</b><span>documents</span>" in page and "a.txt cannot be read" in page
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    proc = run("report", "--from-report", str(empty), "-o", str(tmp_path / "e.html"))
    assert proc.returncode == 0, proc.stderr
    assert "<b>0</b><span>documents</span>" in (tmp_path / "e.html").read_text("utf-8")


def test_parallel_run_gives_the_same_page_data(tmp_path: Path):
    pages = []
    for jobs in ("1", "2"):
        page = tmp_path / f"jobs{jobs}.html"
        proc = run("report", str(SAMPLES), "-o", str(page), "--jobs", jobs, "--batch-size", "3")
        assert proc.returncode == 0, proc.stderr
        text = page.read_text("utf-8")
        views = re.findall(r'<details class="view".*?</details>', text, re.S)
        pages.append((unescape_json(text), views))
    assert pages[0] == pages[1] and len(pages[0][1]) == SAMPLE_DOCS
