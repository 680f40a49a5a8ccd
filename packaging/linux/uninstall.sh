#!/bin/sh
# Remove what install.sh registered for the current user: the launcher, the
# .ffn file type, the icons and the AppStream metadata below ~/.local/share
# (or $XDG_DATA_HOME). The program itself (the bundle folder, or the pip
# installation) is left where it is; delete or `pip uninstall` it yourself.
#
# Options:
#   --data-home DIR  where install.sh installed (default: ${XDG_DATA_HOME:-~/.local/share})
#   --dry-run        say what would be removed, change nothing
set -eu

APP=backprop-studio
APP_ID=io.github.backprop_studio.BackpropStudio
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
DRY=0
while [ $# -gt 0 ]; do
    case $1 in
        --data-home) [ $# -ge 2 ] || { echo "uninstall.sh: --data-home needs a folder" >&2; exit 2; }; DATA_HOME=$2; shift 2 ;;
        --data-home=*) DATA_HOME=${1#--data-home=}; shift ;;
        --dry-run) DRY=1; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

APPS="$DATA_HOME/applications"
MIME="$DATA_HOME/mime"
ICONS="$DATA_HOME/icons/hicolor"
METAINFO="$DATA_HOME/metainfo"

removed=0
remove() {
    [ -e "$1" ] || return 0
    if [ "$DRY" = 1 ]; then echo "would remove $1"; else rm -f -- "$1"; fi
    removed=$((removed + 1))
}

remove "$APPS/$APP.desktop"
remove "$MIME/packages/$APP.xml"
remove "$METAINFO/$APP_ID.metainfo.xml"
for icon in "$ICONS"/*/apps/"$APP".png "$ICONS"/scalable/apps/"$APP".svg; do
    remove "$icon"
done

if [ "$DRY" = 0 ]; then
    # Drop the icon folders install.sh made if nothing else lives in them.
    for d in "$ICONS"/*/apps "$ICONS"/* "$ICONS" "$METAINFO"; do
        [ -d "$d" ] && rmdir -- "$d" 2>/dev/null || true
    done
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$MIME/packages" ]; then
        update-mime-database "$MIME" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$APPS" ]; then
        update-desktop-database -q "$APPS" 2>/dev/null || true
    fi
    [ -d "$ICONS" ] && touch "$ICONS" 2>/dev/null || true
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
    fi
fi

if [ "$removed" = 0 ]; then
    echo "Backprop Studio was not registered in $DATA_HOME; nothing to remove."
else
    echo "Backprop Studio unregistered from $DATA_HOME ($removed files)."
fi
