#!/usr/bin/env bash
# Put the macOS app (built by `pyinstaller build.spec --noconfirm` on a Mac) into a .dmg:
#   dist/CRM Desktop.app  ->  dist/crm-desktop-<version>-macos-<arch>.dmg
# The user opens the .dmg and drags "CRM Desktop" onto the Applications link beside it.
#
# Usage: resources/installers/macos/build_dmg.sh [APP_PATH] [OUT_DIR]
# Optional signing and notarisation (needed so Gatekeeper opens it without a warning):
#   CODESIGN_IDENTITY="Developer ID Application: …"  sign the .app (hardened runtime) and the .dmg
#   NOTARY_PROFILE=<keychain profile of `xcrun notarytool store-credentials`>  notarise and staple
# The name, version and bundle id are read from the .app's Info.plist, which build.spec's
# BUNDLE(...) wrote from crm_desktop/__init__.py — one source for the version.
# User data lives in ~/Library/Application Support/crm-desktop and is not inside the .app,
# so replacing the app with a newer one keeps it (the app migrates the database on start).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
APP="${1:-$ROOT/dist/CRM Desktop.app}"
OUT="${2:-$ROOT/dist}"
[ -d "$APP" ] || { echo "no app bundle at $APP: run 'pyinstaller build.spec' on macOS first" >&2; exit 1; }
command -v hdiutil >/dev/null || { echo "hdiutil not found: build the .dmg on macOS" >&2; exit 1; }

PLIST="$APP/Contents/Info.plist"
plist() { /usr/libexec/PlistBuddy -c "Print :$1" "$PLIST"; }
NAME="$(plist CFBundleName)"
VERSION="$(plist CFBundleShortVersionString)"
EXE="$(plist CFBundleExecutable)"
ARCH="$(lipo -archs "$APP/Contents/MacOS/$EXE" 2>/dev/null | tr ' ' '+' || uname -m)"
DMG="$OUT/crm-desktop-$VERSION-macos-$ARCH.dmg"
mkdir -p "$OUT"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# The self-test must pass in the bundle before it is shipped.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/$EXE" --self-test

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "$NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO \
    -imagekey zlib-level=9 -ov "$DMG" >/dev/null
hdiutil verify "$DMG" >/dev/null

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
echo "$DMG"
