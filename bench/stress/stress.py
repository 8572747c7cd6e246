"""Size limits, measured: each case runs the real CLI on generated input and records
wall time, the CLI process's peak RSS, the exit code and its first stderr lines.

Cases (the test suite has scaled-down versions in tests/test_bad_input.py):
  50mb-no-newline   a 50 MB text file without a single newline (processed)
  10m-char-line     one 10-million-character line between ordinary lines (processed)
  over-limit        a 70 MB text file (refused: one document may be at most 64 MiB)
  100mb-record      a JSONL file whose second record is 100 MB (refused by line number,
                    the other records cleaned)
  tiny-files        N tiny files in 1,000 folders (default 1,000,000), `check -j 1`

    python bench/stress/stress.py                       # every case, 1M tiny files
    python bench/stress/stress.py tiny-files --files 100000 --budget 1800

A case still running after --budget seconds is stopped and recorded as such, with how far
it got (tiny files: findings printed so far, one per file). Inputs go to --work
(default /tmp/tqcheck-stress), never into the project. Results are appended as JSON lines
to bench/stress/results.jsonl. The machine is shared and its load varies: read times as
orders of magnitude, and compare cases measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "Le conseil municipal a voté mardi la rénovation du pont couvert de la ville. "
RESULTS = ROOT / "bench" / "stress" / "results.jsonl"


def _fill(path: Path, size: int, newline: bool = False) -> None:
    chunk = (SENTENCE * 2000).encode("utf-8")
    with open(path, "wb") as out:
        written = 0
        while written < size:
            part = chunk[:size - written]
            out.write(part)
            written += len(part)
        if newline:
            out.write(b"\n")


def make_50mb(work: Path) -> list[str]:
    path = work / "50mb-no-newline.txt"
    if not path.exists():
        _fill(path, 50 * 10**6)
    return ["clean", str(path), "--out", str(work / "out-50mb"), "--lang", "fr"]


def make_10m_line(work: Path) -> list[str]:
    path = work / "10m-char-line.txt"
    if not path.exists():
        line = (SENTENCE * (10**7 // len(SENTENCE) + 1))[:10**7]
        path.write_text("Titre de l'article\n\n" + line + "   \n\nPartager cet article\n", "utf-8")
    return ["clean", str(path), "--out", str(work / "out-10m"), "--lang", "fr"]


def make_over_limit(work: Path) -> list[str]:
    path = work / "70mb.txt"
    if not path.exists():
        _fill(path, 70 * 10**6, newline=True)
    small = work / "small.txt"
    small.write_text(SENTENCE + "  \n", "utf-8")
    return ["check", str(path), str(small), "--lang", "fr"]


def make_100mb_record(work: Path) -> list[str]:
    path = work / "100mb-record.jsonl"
    if not path.exists():
        with open(path, "wb") as out:
            out.write(json.dumps({"id": "a", "text": SENTENCE + "  "}).encode() + b"\n")
            out.write(b'{"id": "huge", "text": "')
            chunk = (SENTENCE * 2000).encode("utf-8")
            for _ in range(100 * 10**6 // len(chunk) + 1):
                out.write(chunk)
            out.write(b'"}\n')
            out.write(json.dumps({"id": "c", "text": SENTENCE + "  "}).encode() + b"\n")
    return ["clean", str(path), "--out", str(work / "out-100mb"), "--lang", "fr"]


def make_tiny_files(work: Path, count: int) -> list[str]:
    root = work / f"tiny-{count}"
    marker = root / ".complete"
    if not marker.exists():
        for n in range(count):
            folder = root / f"d{n % 1000:03d}"
            if n < 1000:
                folder.mkdir(parents=True, exist_ok=True)
            (folder / f"f{n:07d}.txt").write_bytes(
                f"Brève {n} : la séance est levée. \n".encode("utf-8"))
        marker.write_text(str(count))
    return ["check", str(root), "--lang", "fr", "-j", "1", "-q"]


def run_case(name: str, args: list[str], budget: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stdout_path = Path(f"/tmp/tqcheck-stress-{name}.out")
    stderr_path = Path(f"/tmp/tqcheck-stress-{name}.err")
    started = time.monotonic()
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "tqcheck", *args], env=env,
                                stdout=stdout, stderr=stderr, start_new_session=True)
        peak_kb, stopped = 0, False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                status_text = Path(f"/proc/{proc.pid}/status").read_text()
                peak_kb = max(peak_kb, int(status_text.split("VmHWM:")[1].split()[0]))
            except (OSError, IndexError):
                pass
            if time.monotonic() - started > budget:
                os.killpg(proc.pid, signal.SIGKILL)
                stopped = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.5)
    code = os.waitstatus_to_exitcode(status)
    err = stderr_path.read_text("utf-8", "replace").splitlines()
    lines = sum(1 for _ in open(stdout_path, "rb"))
    return {"case": name, "args": args[1:2], "exit": None if stopped else code,
            "stopped_after_budget": stopped, "seconds": round(time.monotonic() - started, 1),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(max(peak_kb, usage.ru_maxrss) / 1024),
            "stdout_lines": lines, "stderr": err[:4],
            "load_average": os.getloadavg()[0], "cores": os.cpu_count(),
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=["50mb-no-newline", "10m-char-line",
                        "over-limit", "100mb-record", "tiny-files"])
    parser.add_argument("--files", type=int, default=1_000_000)
    parser.add_argument("--budget", type=float, default=3600.0, help="seconds per case")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tqcheck-stress"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    makers = {"50mb-no-newline": make_50mb, "10m-char-line": make_10m_line,
              "over-limit": make_over_limit, "100mb-record": make_100mb_record,
              "tiny-files": lambda w: make_tiny_files(w, args.files)}
    for name in args.cases:
        made = time.monotonic()
        cli_args = makers[name](args.work)
        print(f"{name}: input ready in {time.monotonic() - made:.0f} s", flush=True)
        result = run_case(name if name != "tiny-files" else f"tiny-files-{args.files}",
                          cli_args, args.budget)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        with open(RESULTS, "a", encoding="utf-8") as out:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
