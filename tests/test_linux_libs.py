"""The system libraries of Qt's xcb plugin: the checked table, the .deb's Depends, the README's apt line."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from crm_desktop import linux_libs

ROOT = Path(__file__).resolve().parents[1]

needs_objdump = pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("objdump"),
                                   reason="reads ELF files with objdump (binutils) on Linux")


@needs_objdump
def test_the_table_knows_every_system_library_the_xcb_plugin_needs():
    """Each NEEDED of the installed libqxcb.so (and of the Qt libraries it pulls in) ships with Qt or is listed."""
    root = linux_libs.pyside_folder()
    plugin = linux_libs.xcb_plugin(root)
    system = linux_libs.system_libraries(plugin, [root])  # raises UnknownLibraryError for a library it lacks
    direct = set(linux_libs.needed(plugin))
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"} <= system
    assert {s for s in direct if not s.startswith("libQt6")} <= system
    packages = linux_libs.debian_packages(system)
    assert "libxcb-icccm4" in packages and "libxcb-keysyms1" in packages and "libxcb-cursor0" in packages


def test_an_unknown_library_fails_the_derivation(monkeypatch, tmp_path):
    """A plugin needing a library that is neither bundled nor in the table stops the build with its name."""
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(linux_libs, "needed", lambda _binary: ["libxcb.so.1", "libnew-thing.so.3"])
    with pytest.raises(linux_libs.UnknownLibraryError, match="libnew-thing.so.3"):
        linux_libs.system_libraries(plugin, [tmp_path])


def test_bundled_libraries_are_followed_not_depended_on(monkeypatch, tmp_path):
    """A library shipped in the bundle is read for its own needs; only system ones become packages."""
    (tmp_path / "platforms").mkdir()
    plugin = tmp_path / "platforms" / "libqxcb.so"
    plugin.write_bytes(b"")
    (tmp_path / "libQt6XcbQpa.so.6").write_bytes(b"")
    graph = {"libqxcb.so": ["libQt6XcbQpa.so.6", "libc.so.6"], "libQt6XcbQpa.so.6": ["libxcb-icccm.so.4"]}
    monkeypatch.setattr(linux_libs, "needed", lambda binary: graph[Path(binary).name])
    system = linux_libs.system_libraries(plugin, [tmp_path])
    assert system == {"libc.so.6", "libxcb-icccm.so.4"}
    assert linux_libs.debian_packages(system) == ["libc6", "libxcb-icccm4"]


def test_ldd_output_gives_the_missing_names():
    """'=> not found' lines of ldd are the missing libraries, in order."""
    out = ("\tlinux-vdso.so.1 (0x00007ffd)\n\tlibxcb-icccm.so.4 => not found\n"
           "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n\tlibxcb-keysyms.so.1 => not found\n")
    assert linux_libs.not_found(out) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert linux_libs.describe(["libxcb-icccm.so.4", "libodd.so.2"]) == \
        "libxcb-icccm.so.4 (package libxcb-icccm4), libodd.so.2"


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="ldd on Linux")
def test_missing_libraries_of_a_plugin_away_from_its_qt(tmp_path):
    """The xcb plugin copied away from Qt's libraries: ldd reports libQt6XcbQpa as missing."""
    plugin = linux_libs.xcb_plugin(linux_libs.pyside_folder())
    copy = tmp_path / "lonely" / "libqxcb.so"
    copy.parent.mkdir()
    shutil.copy(plugin, copy)
    assert "libQt6XcbQpa.so.6" in linux_libs.missing_libraries(copy)


@needs_objdump
def test_the_readme_says_what_a_pip_install_needs_on_linux():
    """The README's list of Linux packages holds every package the xcb plugin needs (beyond the C/C++ runtime)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next((ln for ln in readme.splitlines() if "libxcb-icccm4" in ln and "libxkbcommon-x11-0" in ln), "")
    assert line, "README.md does not list the Linux packages"
    listed = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", line))
    assert set(linux_libs.apt_packages()) <= listed
