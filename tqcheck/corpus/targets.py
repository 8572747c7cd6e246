"""Where each input's cleaned copy goes, and the inputs that may not be written at all.

A clean run writes only inside --out. Targets mirror the input tree (`InputFile.relative`
never holds `..` or an absolute part), so the only way out is a symlink already inside
--out; every target folder is resolved and checked. A target is also refused when it is
an input (an `--out` inside the input tree), when two inputs would share one output, or
when it would take the name of the run's own report files. Each refusal is a BadInput
with one sentence saying why; the rest of the run goes on.
"""
from __future__ import annotations

import os
from pathlib import Path

from tqcheck.corpus.sinks import REJECTED_NAME, REPORT_NAME, STATE_DIR
from tqcheck.corpus.sources import BadInput, InputFile

RESERVED = frozenset({REPORT_NAME, REJECTED_NAME, STATE_DIR})


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def plan_targets(inputs: list, out: Path) -> tuple[dict[int, Path], dict[int, str | None]]:
    """(target per input index, resolved input path per index: the --resume key).
    `out` must be resolved; refused inputs are replaced by a BadInput in `inputs`."""
    folder = str(out)
    real = {n: os.path.realpath(inp.path) for n, inp in enumerate(inputs)
            if isinstance(inp, InputFile) and inp.path is not None}
    inputs_in_out = {path: n for n, path in real.items() if _inside(path, folder)}
    real_parents: dict[str, str] = {}
    claimed: dict[str, int] = {}
    targets: dict[int, Path] = {}
    keys: dict[int, str | None] = {}
    for n, inp in enumerate(inputs):
        if not isinstance(inp, InputFile):
            continue
        target = out / inp.relative
        parent = str(target.parent)
        if parent not in real_parents:
            real_parents[parent] = os.path.realpath(parent)
        real_target = os.path.join(real_parents[parent], target.name)
        problem = None
        if not _inside(real_parents[parent], folder):
            problem = ("output would be written outside --out (through a symlink inside "
                       "it), skipped")
        elif inp.relative.as_posix() in RESERVED:
            problem = (f"output name {inp.relative} is reserved for the run's report; "
                       "rename the input or clean it from another folder")
        elif real_target in inputs_in_out:
            other = inputs_in_out[real_target]
            problem = ("output would overwrite the input; choose another --out" if other == n
                       else f"output would overwrite the input {inputs[other].display}; "
                            "choose another --out")
        elif real_target in claimed:
            problem = (f"output would overwrite the cleaned copy of "
                       f"{inputs[claimed[real_target]].display} (same name); clean them in "
                       "separate runs")
        if problem:
            inputs[n] = BadInput(inp.display, problem)
            continue
        claimed[real_target] = n
        targets[n] = target
        keys[n] = real.get(n)
    return targets, keys
