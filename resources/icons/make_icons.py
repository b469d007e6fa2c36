"""Render the app icon from crm-desktop.svg into every format the builds need.

Run from anywhere: ``python resources/icons/make_icons.py`` (needs only PySide6,
which the app already depends on; it renders offscreen).  Writes, beside this
script:

* ``crm-desktop-<N>.png`` for N in :data:`PNG_SIZES` — the window icon, the
  Linux desktop icon (hicolor theme) and the sources of the two files below;
* ``crm-desktop.ico`` — Windows (EXE icon and Inno Setup), sizes 16…256;
* ``crm-desktop.icns`` — macOS (the .app bundle), sizes 16…1024.

Both .ico and .icns hold PNG-compressed images: Windows Vista+ and macOS 10.7+
read those, and it keeps this script free of an image library (no Pillow).
The generated files are committed, so a build never needs to run this.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "crm-desktop.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's "icon family" types).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128),
              (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024))


def render_png(size: int) -> bytes:
    """The SVG rendered to a square PNG of *size* pixels (transparent corners)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG.name}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (ICONDIR + ICONDIRENTRY table)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    table, blobs = b"", b""
    for s in sizes:
        png = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in the directory entry
        table += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + table + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: the 'icns' header then one (type, length, PNG) element per size."""
    body = b""
    for kind, s in ICNS_TYPES:
        png = pngs[s]
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    pngs = {s: render_png(s) for s in PNG_SIZES}
    for s, png in pngs.items():
        (HERE / f"crm-desktop-{s}.png").write_bytes(png)
    (HERE / "crm-desktop.ico").write_bytes(ico_bytes(pngs))
    (HERE / "crm-desktop.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote {len(pngs)} PNGs, crm-desktop.ico and crm-desktop.icns in {HERE.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
