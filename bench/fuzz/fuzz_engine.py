"""Long fuzz run of the engine and the decoder, outside the regular test suite.

The regular suite (tests/test_robustness.py) runs a few hundred hypothesis examples;
this script runs the same properties over as many inputs as time allows, in chunks of
hypothesis examples with a fresh seed each, and keeps a running count in a status file
so an interrupted or time-boxed run still says honestly how far it got.

Properties checked on every text input (any Unicode, lone surrogates included):
  * check/clean raise nothing; the report serialises to UTF-8 JSON;
  * every finding has valid offsets and its text is the text at those offsets;
  * the edits rebuild the original exactly;
  * cleaning is idempotent (cleaning the cleaned text changes nothing).
On byte inputs (as read from a file): decoding raises nothing or gives a one-line
reason, encoding the decoded text gives the bytes back, and the text properties hold.

    nice -n 10 python bench/fuzz/fuzz_engine.py --inputs 1000000 --status bench/fuzz/status-hypothesis.json

Needs only the test extra (hypothesis). Failures are written, with the input's repr,
to the status file and stop the run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, seed
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tqcheck import jsonio  # noqa: E402
from tqcheck.cleaning import rebuild  # noqa: E402
from tqcheck.engine import Checker  # noqa: E402
from tqcheck.model import Document  # noqa: E402
from tqcheck.reading import ReadError, decode, encode  # noqa: E402

ANY_CHAR = st.characters(codec=None, categories=None)
# What scrapers leave behind: NBSP, BOM, zero-width, RTL override, combining marks, line
# endings of every kind, quotes, boilerplate phrases the rules know, controls, surrogates.
SPICE = st.sampled_from([
    "\u00a0", "\ufeff", "\u200b", "\u202e", "\u0301", "\r\n", "\r", "\n", "\n\n\n", "« ",
    " »", "“", "”", "Share this:", "Partager :", "Lire aussi", "Traduit par", "\x07",
    "\ud800", "\udce9", "🙂", "👩‍👩‍👧", "שלום", "مرحبا", "\t", "  ", "Ã©", "â€™", "...",
    "Copyright © 2024", "Le conseil municipal a voté le budget.", "http://x.y/z?a=1",
    "\u0000", "\x85", "\u2028", "\u2029",
])
TEXTS = st.lists(st.one_of(st.text(ANY_CHAR, max_size=16), SPICE), max_size=30).map("".join)
BYTES = st.one_of(
    st.binary(max_size=200),
    TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]),
              st.binary(max_size=120)).map(b"".join),
)


class Failure(Exception):
    pass


def check_text(checker: Checker, text: str | Document) -> None:
    result = checker.clean(text)
    text = text.text if isinstance(text, Document) else text
    report = result.report
    for f in report.findings:
        if not (0 <= f.start <= f.end <= len(text)) or text[f.start:f.end] != f.text:
            raise Failure(f"bad offsets {f.rule} {f.start}:{f.end}")
        if f.line < 1 or f.column < 1:
            raise Failure(f"bad line/column {f.rule} {f.line}:{f.column}")
    if not 0 <= report.score <= 100:
        raise Failure(f"score {report.score}")
    jsonio.dumps({**report.to_dict(), "edits": [e.to_dict() for e in result.edits]}
                 ).encode("utf-8")
    if rebuild(result.text, result.edits) != text:
        raise Failure("edits do not rebuild the original")
    if result.edits and checker.clean(result.text).text != result.text:
        raise Failure("cleaning is not idempotent")


def check_bytes(checker: Checker, data: bytes) -> None:
    """Bytes as a file would give them: decoded, checked and cleaned, written back."""
    doc = decode("fuzz.txt", data)
    if isinstance(doc, ReadError):
        if not doc.message or "\n" in doc.message:
            raise Failure(f"unclear read error {doc.message!r}")
        return
    if encode(doc, doc.text) != data:
        raise Failure(f"decode/encode does not round-trip ({doc.meta['encoding']})")
    check_text(checker, doc)
    encode(doc, checker.clean(doc).text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=5_000, help="hypothesis examples per seed")
    parser.add_argument("--bytes-share", type=float, default=0.1,
                        help="share of chunks that fuzz the decoder with raw bytes")
    parser.add_argument("--status", type=Path, default=ROOT / "bench/fuzz/status-hypothesis.json")
    parser.add_argument("--hours", type=float, default=24.0, help="stop after this long")
    args = parser.parse_args()

    checker = Checker()
    state = {"text_inputs": 0, "byte_inputs": 0, "failures": 0, "chunks": 0, "seconds": 0.0,
             "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "failure": None,
             "python": sys.version.split()[0]}
    if args.status.exists():  # a resumed run adds to the previous count
        previous = json.loads(args.status.read_text("utf-8"))
        if previous.get("failures"):
            print("previous run failed; see", args.status)
            return 1
        state.update({k: previous[k] for k in ("text_inputs", "byte_inputs", "chunks",
                                               "seconds", "started") if k in previous})
    started = time.monotonic() - state["seconds"]
    deadline = time.monotonic() + args.hours * 3600
    rng = random.Random(os.getpid() ^ int(time.time()))
    quiet = settings(max_examples=args.chunk, deadline=None, database=None,
                     phases=[Phase.generate], derandomize=False,
                     suppress_health_check=list(HealthCheck))

    def save() -> None:
        state["seconds"] = round(time.monotonic() - started, 1)
        tmp = args.status.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1) + "\n", "utf-8")
        os.replace(tmp, args.status)

    while state["text_inputs"] + state["byte_inputs"] < args.inputs and time.monotonic() < deadline:
        on_bytes = rng.random() < args.bytes_share
        counter = "byte_inputs" if on_bytes else "text_inputs"

        def body(value) -> None:
            state[counter] += 1
            try:
                check_bytes(checker, value) if on_bytes else check_text(checker, value)
            except Exception as exc:  # noqa: BLE001 - every failure is recorded
                state["failures"] = 1  # hypothesis replays a failing input: count it once
                state["failure"] = {"error": f"{type(exc).__name__}: {exc}",
                                    "input": repr(value)[:20000]}
                save()
                raise

        test = seed(rng.getrandbits(64))(quiet(given(BYTES if on_bytes else TEXTS)(body)))
        try:
            test()
        except Exception:  # noqa: BLE001
            print("FAILURE:", state["failure"]["error"], file=sys.stderr)
            return 1
        state["chunks"] += 1
        save()
        total = state["text_inputs"] + state["byte_inputs"]
        print(f"{total:,} inputs, {state['seconds']:.0f} s, "
              f"{total / max(state['seconds'], 1):.0f}/s", flush=True)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
