#!/usr/bin/env bash
# Turn the one-folder bundle (pyinstaller build.spec) into what Linux users download:
#   <out>/crm-desktop_<version>_<arch>.deb        Debian/Ubuntu/UOS/Deepin: double-click or `sudo apt install ./file.deb`
#   <out>/crm-desktop-<version>-linux-<arch>.tar.gz   any distribution: unpack, run ./install.sh (no root)
#
# Usage: resources/installers/linux/build_linux.sh [--deb-only|--tar-only] [BUNDLE_DIR] [OUT_DIR]
#   BUNDLE_DIR  the PyInstaller output folder (default: dist/crm-desktop)
#   OUT_DIR     where the packages go (default: dist)
# Needs: dpkg-deb (package "dpkg"), objdump ("binutils"), python3, tar, gzip.  Run from anywhere.
#
# The .deb installs the app to /opt/crm-desktop, a launcher to /usr/bin/crm-desktop, the menu
# entry and the icon in every hicolor size.  User data is in ~/.local/share/crm-desktop and is
# never part of the package: removing or upgrading the package keeps it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
MODE="both"
case "${1:-}" in
    --deb-only) MODE="deb"; shift ;;
    --tar-only) MODE="tar"; shift ;;
esac
BUNDLE="$(cd "${1:-$ROOT/dist/crm-desktop}" && pwd)"
OUT="${2:-$ROOT/dist}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

NAME="crm-desktop"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/crm_desktop/__init__.py")"
[ -n "$VERSION" ] || { echo "no __version__ in crm_desktop/__init__.py" >&2; exit 1; }
[ -x "$BUNDLE/$NAME" ] || { echo "no executable $BUNDLE/$NAME: run 'pyinstaller build.spec' first" >&2; exit 1; }
case "$(uname -m)" in
    x86_64) DEB_ARCH="amd64"; TAR_ARCH="x86_64" ;;
    aarch64) DEB_ARCH="arm64"; TAR_ARCH="aarch64" ;;
    *) DEB_ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"; TAR_ARCH="$(uname -m)" ;;
esac
# The newest glibc symbol version any bundled binary needs is the real minimum of the
# package: a bundle runs only on systems at least as new as the one it was built on.
GLIBC_MIN="2.31"
if command -v objdump >/dev/null 2>&1; then
    found="$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
             | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1 || true)"
    if [ -n "$found" ]; then GLIBC_MIN="$found"; fi
fi
# The system libraries the bundled xcb platform plugin needs (its NEEDED entries, followed through
# the libraries bundled with Qt), as Debian packages: Qt does not start on a desktop without them.
# A library crm_desktop/linux_libs.py does not know fails the build (add its package there).
PYTHON="${PYTHON:-$(command -v python3 || command -v python)}"
command -v objdump >/dev/null 2>&1 || { echo "objdump (package binutils) is needed to read the plugin's libraries" >&2; exit 1; }
SYSTEM_DEPENDS="$("$PYTHON" "$ROOT/crm_desktop/linux_libs.py" depends "$BUNDLE")"
[ -n "$SYSTEM_DEPENDS" ] || { echo "could not derive the package's dependencies" >&2; exit 1; }
DEPENDS="$(sed "s/\blibc6\b/libc6 (>= $GLIBC_MIN)/" <<<"$SYSTEM_DEPENDS")"
ICONS="$ROOT/resources/icons"
ICON_SIZES="16 24 32 48 64 128 256 512"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

build_deb() {
    local root="$WORK/deb"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
             "$root/usr/share/doc/$NAME"
    cp -a "$BUNDLE" "$root/opt/$NAME"
    ln -s "/opt/$NAME/$NAME" "$root/usr/bin/$NAME"
    sed -e "s|@EXEC@|/opt/$NAME/$NAME|" -e "s|@TRYEXEC@|/opt/$NAME/$NAME|" "$HERE/crm-desktop.desktop" \
        > "$root/usr/share/applications/$NAME.desktop"
    for s in $ICON_SIZES; do
        install -D -m 0644 "$ICONS/$NAME-$s.png" "$root/usr/share/icons/hicolor/${s}x${s}/apps/$NAME.png"
    done
    install -D -m 0644 "$ICONS/$NAME.svg" "$root/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
    cat > "$root/usr/share/doc/$NAME/copyright" <<EOF
CRM Desktop $VERSION
Bundles Python, Qt (LGPLv3, via PySide6) and other libraries under their own licences.
EOF
    # Permissions: dpkg keeps them as they are in the tree.
    find "$root" -type d -exec chmod 0755 {} +
    find "$root/usr/share" -type f -exec chmod 0644 {} +

    local size
    size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    cat > "$root/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: CRM Desktop <support@crm-desktop.invalid>
Installed-Size: $size
Section: office
Priority: optional
Depends: $DEPENDS
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-droid-fallback
Homepage: https://crm-desktop.invalid/
Description: offline CRM for small sales teams
 The app a salesperson opens every morning to know whom to call today and
 what to say: customers, contacts, orders and follow-ups in one local file,
 searchable in Chinese (also by pinyin) and English.
EOF
    # Refresh the menu and icon caches when present; never fail the install over a cache.
    cat > "$root/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
EOF
    # Removing the package never touches ~/.local/share/crm-desktop (the users' data).
    cat > "$root/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
EOF
    chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

    local deb="$OUT/${NAME}_${VERSION}_${DEB_ARCH}.deb"
    dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$deb" >/dev/null
    echo "$deb"
}

build_tar() {
    local top="$NAME-$VERSION"
    local dir="$WORK/tar/$top"
    mkdir -p "$dir/share"
    cp -a "$BUNDLE" "$dir/app"
    cp "$HERE/crm-desktop.desktop" "$dir/share/$NAME.desktop"
    for s in $ICON_SIZES; do cp "$ICONS/$NAME-$s.png" "$dir/share/"; done
    cp "$ICONS/$NAME.svg" "$dir/share/"
    cp "$HERE/install.sh" "$dir/install.sh"
    chmod 0755 "$dir/install.sh"
    cat > "$dir/README.txt" <<EOF
CRM Desktop $VERSION for Linux ($TAR_ARCH), needs glibc $GLIBC_MIN or newer

Run without installing:   ./app/$NAME
Install for this user:    ./install.sh            (menu entry + icon, no root needed)
Uninstall:                ./install.sh --uninstall (your data in ~/.local/share/$NAME stays)
EOF
    local tgz="$OUT/$NAME-$VERSION-linux-$TAR_ARCH.tar.gz"
    tar -C "$WORK/tar" --owner=0 --group=0 --numeric-owner -cf - "$top" | gzip -9 > "$tgz"
    echo "$tgz"
}

[ "$MODE" = "tar" ] || build_deb
[ "$MODE" = "deb" ] || build_tar
