#!/usr/bin/env bash
# Smoke-test a built bundle the way a user meets it, with no display and
# nothing from the checkout on the path:
#
#   packaging/smoke_test.sh [BUNDLE_DIR] [SCREENSHOT.png]
#
# BUNDLE_DIR defaults to dist/backprop-studio, the screenshot to
# dist/smoke-screenshot.png. Runs, from an empty folder with a throw-away HOME:
#   --version, `info` and `trace` on shipped examples, `train` on a shipped
#   dataset, `--screenshot` (then checks the PNG's size), a network round trip
#   (`new`, `train`, `info`), a pixel comparison of the bundle's screenshot
#   with the pip-installed program's (when build.sh's venv is there),
#   and linux/install.sh + uninstall.sh into a throw-away data folder.
# Look at the screenshot afterwards; a picture that is blank or garbled is a
# failure this script cannot see.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$REPO/dist/backprop-studio}" && pwd)
SHOT=${2:-$REPO/dist/smoke-screenshot.png}
case $SHOT in /*) ;; *) SHOT="$(pwd)/$SHOT" ;; esac
EXE="$BUNDLE/backprop-studio"
EXAMPLES="$BUNDLE/_internal/resources/examples"
[ -x "$EXE" ] || { echo "smoke_test: no program at $EXE (run packaging/build.sh first)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/backprop-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/cwd"
cd "$WORK/cwd"
# A user's environment, minus a display, minus this checkout and any venv.
run() {
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 TMPDIR="$WORK" \
        XDG_RUNTIME_DIR="$WORK" QT_QPA_PLATFORM=offscreen "$@"
}
failures=0
check() {  # check NAME COMMAND...: run it, show its output, count failures
    local name=$1; shift
    printf '\n-- %s\n' "$name"
    printf '$ %s\n' "$*" | head -n 1
    if run "$@" > "$WORK/out" 2>&1; then
        sed 's/^/   /' "$WORK/out" | head -n 40
        echo "   ok"
    else
        local rc=$?
        sed 's/^/   /' "$WORK/out" | tail -n 40
        echo "   FAILED (exit $rc)"
        failures=$((failures + 1))
    fi
}
expect() {  # expect NAME PATTERN: the last command's output must match PATTERN
    if grep -Eq -- "$2" "$WORK/out"; then echo "   ok: $1"; else echo "   FAILED: $1 (no /$2/ in the output)"; failures=$((failures + 1)); fi
}

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$REPO/pyproject.toml" | head -n 1)
start=$SECONDS

check "version" "$EXE" --version
expect "prints the version $version" "backprop-studio $version"

check "info on an example" "$EXE" info "$EXAMPLES/xor.ffn"
expect "describes the network" "parameters: [0-9]+"

check "trace on an example" "$EXE" trace "$EXAMPLES/single-neuron.ffn" --input 1.5 --target 0.8
expect "shows the backward pass" "backward"

check "train on a shipped dataset" "$EXE" train "$EXAMPLES/digits.ffn" --epochs 1
expect "reads resources/datasets (digits)" "on digits"

check "help" "$EXE" --help
expect "lists the sub-commands" "trace"

check "new + train + info round trip" sh -c "
    '$EXE' new net.ffn --layers 2,4,1 --activation tanh --output sigmoid --loss bce &&
    '$EXE' train net.ffn --data xor --epochs 50 --out net.ffn &&
    '$EXE' info net.ffn"

rm -f "$SHOT"
mkdir -p "$(dirname "$SHOT")"
check "screenshot" "$EXE" --screenshot "$SHOT" --size 1280x800
if [ -f "$SHOT" ]; then
    # Width and height from the PNG header (bytes 16..23, big-endian).
    dims=$(od -An -tu1 -j16 -N8 "$SHOT" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    bytes=$(wc -c < "$SHOT")
    echo "   $SHOT: ${dims}, $bytes bytes"
    if [ "$dims" != 1280x800 ]; then echo "   FAILED: expected 1280x800"; failures=$((failures + 1)); fi
    # An empty grey window compresses to a few kB; a drawn one does not.
    if [ "$bytes" -lt 20000 ]; then echo "   FAILED: suspiciously small, is the window empty?"; failures=$((failures + 1)); fi
else
    echo "   FAILED: no screenshot written"; failures=$((failures + 1))
fi

# The bundle must draw what the installed program draws: a module or plugin
# left out of the bundle shows up as a missing panel, not as a crash. The
# build venv (packaging/build.sh) holds the same code, installed by pip.
VENV_PY=${BUILD_VENV:-$REPO/build/venv}/bin/python
if [ -x "$VENV_PY" ] && [ -f "$SHOT" ]; then
    check "the same window from the pip-installed program" "$VENV_PY" -c \
        'import sys; from core.cli import main; sys.exit(main(sys.argv[1:]))' \
        --screenshot "$WORK/installed.png" --size 1280x800
    check "compare the two pictures" "$VENV_PY" -c '
import sys
from PySide6.QtGui import QGuiApplication, QImage
app = QGuiApplication(sys.argv[:1])
a, b = (QImage(p).convertToFormat(QImage.Format.Format_RGB32) for p in sys.argv[1:3])
if a.size() != b.size():
    sys.exit(f"sizes differ: {a.size()} vs {b.size()}")
w, h = a.width(), a.height()
differ = sum(a.pixel(x, y) != b.pixel(x, y) for y in range(0, h, 2) for x in range(0, w, 2))
share = differ / ((w // 2) * (h // 2))
print(f"{share:.2%} of sampled pixels differ")
sys.exit(1 if share > 0.01 else 0)' "$SHOT" "$WORK/installed.png"
else
    printf '\n-- (no build venv at %s: not comparing with the pip-installed program)\n' "${VENV_PY%/bin/python}"
fi

# What a double-click on a .ffn file runs (Exec=... %f): the program with the path.
check "open a file given on the command line" "$EXE" "$EXAMPLES/spiral.ffn" --screenshot "$WORK/spiral.png" --size 800x600
expect "opens it" "saved .*800x600"

check "desktop integration: install" "$BUNDLE/linux/install.sh" --data-home "$WORK/share"
desktop="$WORK/share/applications/backprop-studio.desktop"
if grep -qF "Exec=\"$EXE\" %f" "$desktop" 2>/dev/null \
        && [ -f "$WORK/share/icons/hicolor/256x256/apps/backprop-studio.png" ] \
        && [ -f "$WORK/share/mime/packages/backprop-studio.xml" ]; then
    echo "   ok: launcher runs $EXE; icons and .ffn type registered"
else
    echo "   FAILED: the installed launcher, icons or MIME type are not as expected"; failures=$((failures + 1))
fi
check "desktop integration: uninstall" "$BUNDLE/linux/uninstall.sh" --data-home "$WORK/share"
if [ -e "$desktop" ] || [ -e "$WORK/share/icons/hicolor/256x256/apps/backprop-studio.png" ]; then
    echo "   FAILED: uninstall left files behind"; failures=$((failures + 1))
fi

echo
if [ "$failures" = 0 ]; then
    echo "smoke test passed in $((SECONDS - start))s; now look at $SHOT"
else
    echo "smoke test: $failures failure(s)"
    exit 1
fi
