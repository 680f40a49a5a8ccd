#!/bin/sh
# Makes the screenshots of docs/user-guide.md with `backprop-studio --screenshot`.
# Run from the repository root:  sh docs/user-guide-screenshots.sh
# (uses `python -m core.cli`, which is what the backprop-studio command runs).
set -eu
PY=${PYTHON:-python3}
OUT=docs/images
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
shot() { "$PY" -m core.cli "$@" --size 1280x800; }

# The first start: the XOR example, ready to train.
shot --screenshot "$OUT/guide-first-start.png"

# A network being built: an empty one, and one with a layer not yet connected.
"$PY" - "$TMP" <<'EOF'
import sys
from core.files import NetworkFile, save_network
from core.parameters import init_parameters
from core.spec import NetworkSpec, Node

tmp = sys.argv[1]
save_network(f"{tmp}/empty.ffn", NetworkFile(NetworkSpec(), {}))
spec = NetworkSpec()
spec.add_node(Node("in", "input", 2, bias=False, name="input", meta={"pos": [0.0, 0.0]}))
spec.add_node(Node("h1", "layer", 4, "tanh", name="hidden", meta={"pos": [220.0, 0.0]}))
spec.add_node(Node("out", "output", 1, "logistic", name="output", loss="bce", meta={"pos": [440.0, 0.0]}))
spec.connect("in", "h1", "c1")
save_network(f"{tmp}/half-built.ffn", NetworkFile(spec, init_parameters(spec, 0)))
EOF
shot "$TMP/empty.ffn" --screenshot "$OUT/guide-empty.png"
shot "$TMP/half-built.ffn" --screenshot "$OUT/guide-half-built.png" --select output

# The properties of a layer.
shot --screenshot "$OUT/guide-properties.png" --select "hidden 1"

# After training (here from the command line, so the picture is the same every time).
"$PY" -m core.cli train resources/examples/xor.ffn --epochs 200 --out "$TMP/xor.ffn" > /dev/null
shot "$TMP/xor.ffn" --screenshot "$OUT/guide-trained.png"
shot "$TMP/xor.ffn" --screenshot "$OUT/guide-trained-curves.png" --panel Curves

# A larger network, and the dark theme.
"$PY" -m core.cli resources/examples/digits.ffn --screenshot "$OUT/guide-digits-dark.png" --theme dark --size 1440x900
