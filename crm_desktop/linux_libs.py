"""The system libraries Qt's Linux platform plugins need, and the Debian packages that ship them.

Qt does not start on a Linux desktop without, for instance, ``libxcb-icccm4``
and ``libxcb-keysyms1`` (its own message blames ``xcb-cursor0``).  So:

* ``build_linux.sh`` derives the ``.deb``'s ``Depends`` from the bundled xcb
  platform plugin: its ``NEEDED`` entries (``objdump -p``), followed through
  the libraries that ship with Qt, mapped to packages by
  :data:`DEBIAN_PACKAGES` — a library the table does not know fails the
  build, so the table can never fall behind the plugin;
* ``--self-test`` names the libraries that are missing (``ldd``) when the
  real platform does not start;
* the README's one line for a pip install lists :func:`apt_packages`.

Stdlib only, and runnable as a script from the build::

    python3 crm_desktop/linux_libs.py depends BUNDLE_DIR      # the Depends list of the .deb
    python3 crm_desktop/linux_libs.py packages                 # the apt packages (installed PySide6)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

DEBIAN_PACKAGES: dict[str, str] = {
    # the C and C++ runtime (libc6 gets its minimum version from the bundle's symbol versions)
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "librt.so.1": "libc6", "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    # graphics, fonts, input, desktop bus
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libz.so.1": "zlib1g", "libzstd.so.1": "libzstd1",
    # X11 and the xcb helper libraries of the xcb platform plugin
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0", "libxcb-xinput.so.0": "libxcb-xinput0",
    # the wayland platform plugin
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
"""soname → the Debian/Ubuntu package that ships it (an ``a | b`` alternative where the name changed)."""

_NEEDED = re.compile(r"^\s*NEEDED\s+(\S+)\s*$", re.M)
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.M)


class UnknownLibraryError(RuntimeError):
    """A plugin needs a system library :data:`DEBIAN_PACKAGES` has no package for (add it there)."""


def needed(binary: str | os.PathLike[str]) -> list[str]:
    """The ``NEEDED`` sonames of an ELF file, read with ``objdump -p`` (binutils)."""
    out = subprocess.run(["objdump", "-p", os.fspath(binary)], capture_output=True, text=True, check=True).stdout
    return _NEEDED.findall(out)


def _index(folders: list[Path]) -> dict[str, Path]:
    """soname → file for every shared library under *folders* (the first one found wins)."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.so*")):
            if path.is_file() and ".so" in path.name:
                found.setdefault(path.name, path)
    return found


def system_libraries(plugin: str | os.PathLike[str], search: list[Path]) -> set[str]:
    """The system sonames *plugin* needs, following the libraries that ship with it (found under *search*).

    A library in :data:`DEBIAN_PACKAGES` is a system one: its own needs are its
    package's business.  Any other library must ship beside the plugin (Qt's
    own, ICU); one that neither ships nor is known raises UnknownLibraryError.
    """
    shipped = _index(search)
    todo, seen, system = [Path(plugin)], set(), set()
    while todo:
        binary = todo.pop()
        for soname in needed(binary):
            if soname in seen:
                continue
            seen.add(soname)
            if soname in DEBIAN_PACKAGES:
                system.add(soname)
            elif soname in shipped:
                todo.append(shipped[soname])
            else:
                raise UnknownLibraryError(
                    f"{Path(plugin).name} needs {soname}, which is neither bundled nor in DEBIAN_PACKAGES "
                    f"({__file__}): add the Debian package that ships it")
    return system


def debian_packages(sonames: set[str]) -> list[str]:
    """The packages shipping *sonames*, sorted, each once."""
    return sorted({DEBIAN_PACKAGES[s] for s in sonames})


def xcb_plugin(root: str | os.PathLike[str]) -> Path:
    """The xcb platform plugin under *root* (a PyInstaller bundle or a PySide6 folder)."""
    hits = sorted(Path(root).rglob("platforms/libqxcb.so"))
    if not hits:
        raise FileNotFoundError(f"no platforms/libqxcb.so under {root}")
    return hits[0]


def pyside_folder() -> Path:
    """The installed PySide6 package folder (found without importing Qt)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("PySide6 is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def apt_packages(root: str | os.PathLike[str] | None = None) -> list[str]:
    """The packages the xcb plugin needs, beyond the C/C++ runtime every system has (for the README's line)."""
    root = Path(root) if root else pyside_folder()
    packages = debian_packages(system_libraries(xcb_plugin(root), [root]))
    return [p.split(" | ")[-1] if p.startswith("libglib") else p for p in packages
            if p not in ("libc6", "libstdc++6", "libgcc-s1")]


def missing_libraries(binary: str | os.PathLike[str]) -> list[str]:
    """Sonames ``ldd`` cannot find for *binary* on this machine ([] when all load, or ldd is absent)."""
    try:
        out = subprocess.run(["ldd", os.fspath(binary)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return not_found(out)


def not_found(ldd_output: str) -> list[str]:
    """The "=> not found" sonames in ``ldd``'s output, in its order."""
    return _NOT_FOUND.findall(ldd_output)


def describe(sonames: list[str]) -> str:
    """``libxcb-icccm.so.4 (package libxcb-icccm4), …`` for a message."""
    return ", ".join(f"{s} (package {DEBIAN_PACKAGES[s]})" if s in DEBIAN_PACKAGES else s for s in sonames)


def _main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "depends":
        bundle = Path(argv[1])
        print(", ".join(debian_packages(system_libraries(xcb_plugin(bundle), [bundle]))))
        return 0
    if argv == ["packages"]:
        print(" ".join(apt_packages()))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
