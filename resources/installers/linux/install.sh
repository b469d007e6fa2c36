#!/usr/bin/env bash
# Per-user install of CRM Desktop from the unpacked .tar.gz (no root needed).
#   ./install.sh               copy the app to ~/.local/opt/crm-desktop, add the menu entry and icon
#   ./install.sh --uninstall   remove them again (your data in ~/.local/share/crm-desktop stays)
# Installing a newer version over an older one replaces the app and keeps the data; the app
# migrates the database on first start and keeps a copy of the old file beside it.
set -euo pipefail

NAME="crm-desktop"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_DIR="$HOME/.local/opt/$NAME"
BIN_DIR="$HOME/.local/bin"
DESKTOP="$DATA_HOME/applications/$NAME.desktop"
ICON_SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN_DIR/$NAME" "$DESKTOP" "$DATA_HOME/icons/hicolor/scalable/apps/$NAME.svg"
    for s in $ICON_SIZES; do rm -f "$DATA_HOME/icons/hicolor/${s}x${s}/apps/$NAME.png"; done
    refresh_caches
    echo "CRM Desktop removed. Your data is still in $DATA_HOME/$NAME."
    exit 0
fi

[ -x "$HERE/app/$NAME" ] || { echo "run install.sh from the unpacked folder (app/$NAME missing)" >&2; exit 1; }
mkdir -p "$(dirname "$APP_DIR")" "$BIN_DIR" "$DATA_HOME/applications"
# Copy to a temporary name first so a failed copy never leaves a half-installed app.
rm -rf "$APP_DIR.new"
cp -a "$HERE/app" "$APP_DIR.new"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
ln -sfn "$APP_DIR/$NAME" "$BIN_DIR/$NAME"
# Exec is quoted (a home folder may contain spaces); TryExec takes a plain path.
sed -e "s|@EXEC@|\"$APP_DIR/$NAME\"|" -e "s|@TRYEXEC@|$APP_DIR/$NAME|" "$HERE/share/$NAME.desktop" > "$DESKTOP"
chmod 0644 "$DESKTOP"
for s in $ICON_SIZES; do
    install -D -m 0644 "$HERE/share/$NAME-$s.png" "$DATA_HOME/icons/hicolor/${s}x${s}/apps/$NAME.png"
done
install -D -m 0644 "$HERE/share/$NAME.svg" "$DATA_HOME/icons/hicolor/scalable/apps/$NAME.svg"
refresh_caches
echo "CRM Desktop installed: find it in your applications menu, or run $BIN_DIR/$NAME"
