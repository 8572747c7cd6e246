"""Run a command and measure it: wall time, CPU time (user + sys of the process and its
workers), and peak RSS of every process in its tree (sampled from /proc, VmHWM)."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measurement:
    wall: float
    cpu: float
    returncode: int
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> MB
    cpu_by_pid: dict[int, float] = field(default_factory=dict)   # pid -> CPU s (last sample)
    stdout: str = ""

    @property
    def max_rss_mb(self) -> float:
        return max(self.peak_rss_mb.values(), default=0.0)


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    """utime + stime of one process so far (fields 14 and 15 of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL,
        interval: float = 0.05) -> Measurement:
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _tree(proc.pid):
                hwm = _hwm_mb(pid)
                if hwm is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), hwm)
                used = _cpu_s(pid)
                if used is not None:
                    cpu[pid] = max(cpu.get(pid, 0.0), used)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    err = proc.stderr.read() if proc.stderr else ""
    out = proc.stdout.read() if stdout == subprocess.PIPE and proc.stdout else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}): {err[-2000:]}")
    return Measurement(wall, usage.ru_utime + usage.ru_stime, code, peaks, cpu, out)
