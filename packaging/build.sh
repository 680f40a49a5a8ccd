#!/usr/bin/env bash
# Build the one-folder Backprop Studio bundle from this checkout, in one command:
#
#   packaging/build.sh            -> dist/backprop-studio/
#   packaging/build.sh --smoke    ... then run packaging/smoke_test.sh on it
#   packaging/build.sh --fresh    ... recreating the build venv from nothing
#
# It makes its own virtualenv (build/venv; BUILD_VENV=... to move it), installs
# the project (a normal, non-editable `pip install .`) and PyInstaller into it,
# and runs packaging/backprop-studio.spec. Nothing outside the checkout is
# touched. Needs Python 3.10+ (PYTHON=python3.12 to choose one) and network
# access to a package index, or a local one configured for pip.
# Linux and macOS; on Windows run the spec by hand (see docs/install.md).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON=${PYTHON:-python3}
VENV=${BUILD_VENV:-$REPO/build/venv}
SMOKE=0
FRESH=0
for arg in "$@"; do
    case $arg in
        --smoke) SMOKE=1 ;;
        --fresh) FRESH=1 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*"; }
start=$SECONDS

"$PYTHON" - <<'EOF' || { echo "build.sh: needs Python 3.10 or newer (set PYTHON=...)" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 10) else 1)
EOF

if [ "$FRESH" = 1 ]; then rm -rf "$VENV"; fi
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the build venv $VENV"
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

say "installing the project and PyInstaller"
"$PY" -m pip install --quiet --upgrade pip
# Not editable: the bundle is made from what a user's `pip install` gets.
# (--force-reinstall of the project only, so an unchanged version number still
# picks up the checkout's current code and metadata.)
"$PY" -m pip install --quiet "pyinstaller>=6.6,<7" .
"$PY" -m pip install --quiet --force-reinstall --no-deps .
# setuptools' leftovers from building the wheel in the checkout; an in-tree
# egg-info would otherwise be bundled beside the installed metadata.
rm -rf "$REPO/build/lib" "$REPO/build/bdist."* "$REPO/backprop_studio.egg-info"

say "running PyInstaller"
"$PY" -m PyInstaller --noconfirm --clean \
    --distpath "$REPO/dist" --workpath "$REPO/build/pyinstaller" \
    packaging/backprop-studio.spec

BUNDLE="$REPO/dist/backprop-studio"
if [ ! -d "$BUNDLE" ]; then
    echo "build.sh: PyInstaller finished but $BUNDLE is missing" >&2
    exit 1
fi
elapsed=$((SECONDS - start))
size=$(du -sh "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
say "built $BUNDLE: $size in $files files, $((elapsed / 60))m$((elapsed % 60))s"
echo "   run it:        $BUNDLE/backprop-studio"
echo "   desktop entry: $BUNDLE/linux/install.sh"

if [ "$SMOKE" = 1 ]; then
    say "smoke test"
    packaging/smoke_test.sh "$BUNDLE"
fi
