#!/bin/sh
# Register Backprop Studio with the desktop for the current user only:
# a launcher entry, the .ffn file type (double-click opens it), the icons and
# the AppStream metadata, all below ~/.local/share (or $XDG_DATA_HOME).
# No root needed; uninstall.sh removes exactly what this adds.
#
#   From the bundle:    ./backprop-studio/linux/install.sh
#   From pip / a venv:  packaging/linux/install.sh          (finds `backprop-studio` on PATH)
#   Any program:        packaging/linux/install.sh --exec /path/to/backprop-studio
#
# Options:
#   --exec PROGRAM   the program the launcher starts (default: the bundle's
#                    executable next to this folder, else `backprop-studio` on PATH)
#   --data-home DIR  where to install (default: ${XDG_DATA_HOME:-~/.local/share})
#   --icons DIR      a hicolor folder of PNG sizes to copy (default: the bundle's,
#                    else build/icons/hicolor, rendered by make_icons.py if missing)
#   --dry-run        say what would be installed, change nothing
set -eu

APP=backprop-studio
APP_ID=io.github.backprop_studio.BackpropStudio
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

EXEC=""
HICOLOR=""
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
DRY=0
while [ $# -gt 0 ]; do
    case $1 in
        --exec) [ $# -ge 2 ] || { echo "install.sh: --exec needs a program" >&2; exit 2; }; EXEC=$2; shift 2 ;;
        --exec=*) EXEC=${1#--exec=}; shift ;;
        --data-home) [ $# -ge 2 ] || { echo "install.sh: --data-home needs a folder" >&2; exit 2; }; DATA_HOME=$2; shift 2 ;;
        --data-home=*) DATA_HOME=${1#--data-home=}; shift ;;
        --icons) [ $# -ge 2 ] || { echo "install.sh: --icons needs a folder" >&2; exit 2; }; HICOLOR=$2; shift 2 ;;
        --icons=*) HICOLOR=${1#--icons=}; shift ;;
        --dry-run) DRY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

# --- what to install, from a bundle or from a checkout -----------------------
# Bundle layout (PyInstaller one-folder):       Checkout layout:
#   backprop-studio/backprop-studio               packaging/linux/install.sh
#   backprop-studio/linux/install.sh (this)       resources/icons/backprop-studio.svg
#   backprop-studio/_internal/resources/icons/    build/icons/hicolor/ (make_icons.py)
ROOT=$(dirname -- "$HERE")
if [ -x "$ROOT/$APP" ] && [ -d "$ROOT/_internal/resources" ]; then
    MODE=bundle
    RESOURCES="$ROOT/_internal/resources"
    [ -n "$EXEC" ] || EXEC="$ROOT/$APP"
else
    MODE=checkout
    RESOURCES="$(dirname -- "$ROOT")/resources"
    if [ -z "$EXEC" ]; then
        EXEC=$(command -v "$APP" 2>/dev/null || true)
        if [ -z "$EXEC" ]; then
            echo "install.sh: cannot find the program '$APP' on PATH." >&2
            echo "  Install it first (pip install backprop-studio, or pip install . in a checkout)" >&2
            echo "  and activate its environment, or name it with --exec /path/to/$APP." >&2
            exit 1
        fi
    fi
fi
case $EXEC in
    /*) ;;
    *) EXEC="$(CDPATH= cd -- "$(dirname -- "$EXEC")" && pwd)/$(basename -- "$EXEC")" ;;
esac
if [ ! -x "$EXEC" ]; then
    echo "install.sh: $EXEC is not an executable program" >&2
    exit 1
fi

SVG="$RESOURCES/icons/$APP.svg"
if [ ! -f "$SVG" ]; then
    echo "install.sh: the icon $SVG is missing; is this a complete bundle or checkout?" >&2
    exit 1
fi
for f in "$APP.desktop" "$APP.xml" "$APP_ID.metainfo.xml"; do
    [ -f "$HERE/$f" ] || { echo "install.sh: $HERE/$f is missing" >&2; exit 1; }
done

# The PNG sizes: shipped inside the bundle, generated in a checkout.
if [ -n "$HICOLOR" ]; then
    [ -d "$HICOLOR" ] || { echo "install.sh: --icons $HICOLOR is not a folder" >&2; exit 1; }
elif [ -d "$RESOURCES/icons/hicolor" ]; then
    HICOLOR="$RESOURCES/icons/hicolor"
else
    HICOLOR="$(dirname -- "$ROOT")/build/icons/hicolor"
    if [ ! -d "$HICOLOR" ] && [ "$MODE" = checkout ] && [ "$DRY" = 0 ]; then
        PY=${PYTHON:-}
        if [ -z "$PY" ]; then
            # The program's own Python has PySide6; try it before the system one.
            first=$(head -n 1 "$EXEC" 2>/dev/null | sed -n 's/^#! *\([^ ]*python[0-9.]*\).*/\1/p')
            for cand in "$first" python3; do
                [ -n "$cand" ] && command -v "$cand" >/dev/null 2>&1 && PY=$cand && break
            done
        fi
        if [ -n "$PY" ]; then
            "$PY" "$ROOT/make_icons.py" --out "$(dirname -- "$ROOT")/build/icons" >/dev/null 2>&1 \
                || echo "install.sh: could not render the PNG icons (needs PySide6); installing the SVG only" >&2
        fi
    fi
fi

# --- install -----------------------------------------------------------------
APPS="$DATA_HOME/applications"
MIME="$DATA_HOME/mime"
ICONS="$DATA_HOME/icons/hicolor"
METAINFO="$DATA_HOME/metainfo"

run() { if [ "$DRY" = 1 ]; then echo "would: $*"; else "$@"; fi; }

# Exec= holds the path in double quotes (so spaces are fine); the characters that
# would need escaping twice over (desktop-entry spec: quoting, then string escapes)
# are refused rather than half-handled.
case $EXEC in
    *[\\\"\`\$%]*)
        echo "install.sh: the path $EXEC contains one of \\ \" \` \$ %, which a launcher cannot name;" >&2
        echo "  move the program to a plainer folder or pass --exec with a link to it" >&2
        exit 1 ;;
esac
run mkdir -p "$APPS" "$MIME/packages" "$ICONS/scalable/apps" "$METAINFO"
if [ "$DRY" = 1 ]; then
    echo "would: write $APPS/$APP.desktop with Exec=\"$EXEC\" %f"
else
    tmp="$APPS/.$APP.desktop.tmp"
    sed_exec=$(printf '%s' "$EXEC" | sed 's/[|&]/\\&/g')
    sed -e "s|^Exec=.*|Exec=\"$sed_exec\" %f|" \
        -e "s|^TryExec=.*|TryExec=$sed_exec|" \
        -e '/^# install.sh/d' \
        "$HERE/$APP.desktop" > "$tmp"
    chmod 644 "$tmp"
    mv -f "$tmp" "$APPS/$APP.desktop"
fi
run cp -f "$HERE/$APP.xml" "$MIME/packages/$APP.xml"
run cp -f "$HERE/$APP_ID.metainfo.xml" "$METAINFO/$APP_ID.metainfo.xml"
run cp -f "$SVG" "$ICONS/scalable/apps/$APP.svg"
pngs=0
if [ -d "$HICOLOR" ]; then
    for png in "$HICOLOR"/*x*/apps/"$APP".png; do
        [ -f "$png" ] || continue
        size=$(basename -- "$(dirname -- "$(dirname -- "$png")")")
        run mkdir -p "$ICONS/$size/apps"
        run cp -f "$png" "$ICONS/$size/apps/$APP.png"
        pngs=$((pngs + 1))
    done
fi

# --- tell the desktop (each tool only when it is installed) -----------------
if [ "$DRY" = 0 ]; then
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$MIME" >/dev/null 2>&1 || echo "install.sh: update-mime-database failed (the .ffn type may appear after the next login)" >&2
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS" 2>/dev/null || true
    fi
    touch "$ICONS" 2>/dev/null || true
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
    fi
fi

echo "Backprop Studio registered for $(id -un 2>/dev/null || echo this user) ($MODE):"
echo "  launcher   $APPS/$APP.desktop -> $EXEC"
echo "  file type  $MIME/packages/$APP.xml (*.ffn)"
echo "  icons      $ICONS (scalable + $pngs PNG sizes)"
echo "  metadata   $METAINFO/$APP_ID.metainfo.xml"
if [ "$DATA_HOME" = "${XDG_DATA_HOME:-$HOME/.local/share}" ]; then
    echo "Remove it again with: $HERE/uninstall.sh"
else
    echo "Remove it again with: $HERE/uninstall.sh --data-home $DATA_HOME"
fi
