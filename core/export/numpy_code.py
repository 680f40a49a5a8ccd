"""The network as a standalone Python file that needs nothing but NumPy.

The file defines ``predict(x) -> y`` (the outputs after the output
activation, for ``x`` of shape (N, inputs)), one line per node in the
order the program computes them, with the trained parameters written out
below it in full precision. Run as a script it reads a CSV of inputs (a
path, or standard input) and prints the outputs as CSV, so a network can be
used where Backprop Studio is not installed.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from ..spec import NetworkSpec
from .plan import ForwardPlan, build_plan
from .pycode import (DECODE, array_source, describe, forward_line, helpers, needs_decode, safe_text,
                     uses_math)

_MAIN = '''

def main(argv=None):
    """Read a CSV of inputs (a path, or standard input) and print the outputs as CSV."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"]):
        print(f"usage: python {sys.argv[0]} [INPUTS.csv]  (standard input without a path)", file=sys.stderr)
        return 2
    try:
        stream = open(argv[0], newline="") if argv else sys.stdin
        with stream:
            rows = [r for r in csv.reader(stream) if any(v.strip() for v in r)]
    except OSError as e:
        print(f"error: cannot read {argv[0]}: {e.strerror}", file=sys.stderr)
        return 2
    if rows and not _numbers(rows[0]):
        rows = rows[1:]  # a header line
    bad = next((k for k, r in enumerate(rows) if len(r) != N_INPUTS or not _numbers(r)), None)
    if bad is not None:
        print(f"error: row {bad + 1} of the inputs is not {N_INPUTS} numbers", file=sys.stderr)
        return 2
    x = np.array(rows, dtype=np.float64).reshape(len(rows), N_INPUTS)
    out = csv.writer(sys.stdout, lineterminator="\\n")
    for row in predict(x):
        out.writerow([repr(float(v)) for v in row])
    return 0


def _numbers(row):
    """Whether every cell of a CSV row is a number."""
    try:
        [float(v) for v in row]
    except ValueError:
        return False
    return True
'''


def numpy_source(spec: NetworkSpec, params: Mapping[str, np.ndarray], title: str = "") -> str:
    """The text of the NumPy file for a network and its trained parameters."""
    plan = build_plan(spec, params)
    imports = ["import base64"] if needs_decode(plan) else []
    imports += ["import csv"] + (["import math"] if uses_math(plan) else []) + ["import sys", "", "import numpy as np"]
    blocks = [_docstring(plan, title) + "\n\n" + "\n".join(imports),
              f"N_INPUTS = {plan.n_inputs}\nN_OUTPUTS = {plan.n_outputs}",
              *helpers(plan, "numpy"), _predict(plan), _MAIN.strip(),
              *([DECODE["numpy"].strip()] if needs_decode(plan) else []), _arrays(plan),
              'if __name__ == "__main__":\n    sys.exit(main())']
    return "\n\n\n".join(blocks) + "\n"


def _docstring(plan: ForwardPlan, title: str) -> str:
    out = plan.output
    return (f'"""{safe_text(title or "A network")}, exported from Backprop Studio as plain NumPy.\n\n'
            f"predict(x) takes x of shape (N, {plan.n_inputs}) and returns the (N, {plan.n_outputs}) outputs\n"
            f"after the output activation ({out.activation}; the network trained with the {plan.loss} loss).\n"
            "Run as a script, it reads a CSV of inputs (a path, or standard input; a header line\n"
            "is skipped) and prints one CSV row of outputs per input row:\n\n"
            "    python this_file.py inputs.csv > outputs.csv\n\n"
            "Each node of the network is one line of predict(), named as on the canvas: its inputs\n"
            "times the transposed weights (z = W a per sample), plus its bias, through its activation.\n"
            '"""')


def _predict(plan: ForwardPlan) -> str:
    var_of = {plan.input.node.id: plan.input.var}
    lines = ["def predict(x):",
             f'    """The network\'s outputs (N, {plan.n_outputs}) for inputs x of shape (N, {plan.n_inputs})."""',
             f"    {describe(plan.input)}",
             f"    {plan.input.var} = np.asarray(x, dtype=np.float64).reshape(-1, N_INPUTS)"]
    for step in plan.steps:
        var_of[step.node.id] = step.var
        lines += [f"    {describe(step)}", "    " + forward_line(step, var_of, "numpy")]
    lines.append(f"    return {plan.output.var}")
    return "\n".join(lines)


def _arrays(plan: ForwardPlan) -> str:
    lines = ["# --- the trained parameters, every digit kept (W: destination units × source units) ---"]
    for name, arr in plan.arrays.items():
        lines.append(f"{name} = {array_source(arr, 'numpy')}  # {plan.keys[name]}")
    return "\n".join(lines)
