"""Coverage-guided fuzzing of the engine and the decoder with atheris (libFuzzer).

The same properties as `fuzz_engine.py` (see its docstring), driven by libFuzzer's
mutations instead of hypothesis strategies: generating an input costs microseconds
here against ~10 ms for a hypothesis example on this machine, so nearly all the time
goes to tqcheck itself, and coverage feedback steers inputs into new branches of the
decoder, the line index and the cleaner. The first input byte picks the mode: text
(any code point, lone surrogates included) or raw file bytes (decoded as a file is).

Benchmark-only dependency (not in the core install):
    pip install atheris            # 3.0.0 ships a manylinux wheel for CPython 3.11
    python bench/fuzz/fuzz_atheris.py --status bench/fuzz/status-atheris.json \\
        -- -runs=1000000 -max_len=512 -timeout=60 /tmp/tqcheck-fuzz-corpus

A running count is saved to the status file every 1,000 inputs, so a time-boxed run
still says how far it got; a failing input is saved there (and by libFuzzer as crash-*).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Coverage feedback where the branches are (bytes -> text -> lines -> edits -> bytes).
# The per-rule, per-line loops of the detectors are left uninstrumented: instrumenting
# them made every input ~7x slower here (68 against 460 inputs/s) for no new branches.
INSTRUMENTED = ["tqcheck.decoding", "tqcheck.reading", "tqcheck.lineindex", "tqcheck.cleaning",
                "tqcheck.jsonio", "tqcheck.model", "tqcheck.detectors.invalid_bytes",
                "tqcheck.detectors.line_runs", "tqcheck.scoring"]
with atheris.instrument_imports(include=INSTRUMENTED):
    from tqcheck.engine import Checker

from fuzz_engine import check_bytes, check_text  # noqa: E402  (the shared properties)

SEEDS = ["Share this:\nLe conseil municipal a voté le budget.   \n\n\n\nTraduit par DeepL\n",
         "Partager :\r\nLire aussi\r\n« Citation »\u00a0!\r\nCopyright © 2024\r\n",
         "Ã©tÃ© â€™ \ufeff\u200b texte\u0007\n", "שלום مرحبا 🙂\u202e\u0301\n"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status", type=Path, default=ROOT / "bench/fuzz/status-atheris.json")
    args, libfuzzer_args = parser.parse_known_args()
    libfuzzer_args = [a for a in libfuzzer_args if a != "--"]
    for arg in libfuzzer_args:
        if not arg.startswith("-") and not os.path.exists(arg):  # seed corpus folder
            os.makedirs(arg)
            for n, seed in enumerate(SEEDS):
                Path(arg, f"seed{n}").write_bytes(b"\x00" + seed.encode("utf-8"))
    checker = Checker()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    state = {"driver": "atheris", "commit": commit, "instrumented": INSTRUMENTED,
             "text_inputs": 0, "byte_inputs": 0, "failures": 0, "seconds": 0.0,
             "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "failure": None,
             "python": sys.version.split()[0], "libfuzzer_args": libfuzzer_args}
    started = time.monotonic()

    def save() -> None:
        state["seconds"] = round(time.monotonic() - started, 1)
        tmp = args.status.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1) + "\n", "utf-8")
        os.replace(tmp, args.status)

    def one_input(data: bytes) -> None:
        on_bytes = bool(data[:1]) and data[0] & 1
        fdp = atheris.FuzzedDataProvider(data[1:])
        value = fdp.ConsumeBytes(len(data)) if on_bytes else fdp.ConsumeUnicode(len(data))
        state["byte_inputs" if on_bytes else "text_inputs"] += 1
        try:
            check_bytes(checker, value) if on_bytes else check_text(checker, value)
        except Exception as exc:
            state["failures"] += 1
            state["failure"] = {"error": f"{type(exc).__name__}: {exc}", "input": repr(value)[:20000]}
            save()
            raise
        if (state["text_inputs"] + state["byte_inputs"]) % 1000 == 0:
            save()

    import atexit
    atexit.register(save)
    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
