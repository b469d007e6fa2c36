"""``python -m crm_desktop --self-test`` from source: every step passes, a broken step fails the run."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("resources", "libraries", "database", "customer", "search", "window", "scoring", "backup", "translations",
         "platform")


@pytest.mark.slow
def test_self_test_passes_from_source(tmp_path):
    """The self-test runs in a fresh process, prints one ok line per step and exits 0."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CRM_DATA_DIR=str(tmp_path / "untouched"))
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-m", "crm_desktop", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for step in STEPS:
        assert any(line.startswith(f"{step}: ok") for line in lines), f"no ok line for {step}:\n{proc.stdout}"
    assert lines[-1].startswith(f"self-test passed: {len(STEPS)} steps")
    assert any(line.startswith("platform: ok") and "no display" in line for line in lines)
    assert not (tmp_path / "untouched").exists(), "the self-test wrote into the user's data folder"


def test_self_test_reports_a_failing_step_and_exits_non_zero(qapp, monkeypatch):
    """A step that raises is printed as FAIL, its dependants too, and the status is 1."""
    from crm_desktop.cli import selftest

    def broken_database(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(selftest.SelfTest, "database", broken_database)
    out = io.StringIO()
    before = os.environ.get("CRM_DATA_DIR")
    assert selftest.run_self_test(out) == 1
    text = out.getvalue()
    assert "database: FAIL" in text and "disk on fire" in text
    assert "customer: FAIL (needs database)" in text
    assert "search: FAIL (needs customer)" in text
    assert "scoring: ok" in text  # independent steps still run
    assert text.splitlines()[-1].startswith("self-test FAILED (database, customer, search, window, backup)"), text
    assert os.environ.get("CRM_DATA_DIR") == before


def test_missing_translation_is_reported_clearly(qapp, monkeypatch, tmp_path):
    """Without the .qm file the translations step fails and names the missing file."""
    from crm_desktop import paths
    from crm_desktop.cli import selftest

    monkeypatch.setattr(paths, "_base_dir", lambda: tmp_path)
    test = selftest.SelfTest(io.StringIO(), tmp_path)
    test.step("translations", test.translations)
    assert test.failed == ["translations"]
    assert "translation file missing" in test.out.getvalue()
    assert "crm_desktop_zh_CN.qm" in test.out.getvalue()


def _xvfb_display():
    """A running Xvfb and its DISPLAY, or skip."""
    import shutil

    if not sys.platform.startswith("linux") or not shutil.which("Xvfb"):
        pytest.skip("needs Xvfb (package xvfb) on Linux")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    return server, f":{number}"


@pytest.mark.slow
def test_self_test_tries_the_real_platform_when_a_display_is_present(tmp_path):
    """With DISPLAY set, the platform step starts Qt on xcb (here under Xvfb) and says so."""
    server, display = _xvfb_display()
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DISPLAY=display, CRM_DATA_DIR=str(tmp_path / "d"))
        env.pop("WAYLAND_DISPLAY", None)
        proc = subprocess.run([sys.executable, "-m", "crm_desktop", "--self-test"], cwd=ROOT, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
    finally:
        server.kill()
        server.wait()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert any(line.startswith("platform: ok") and "xcb: started, screen 1366x768" in line
               for line in proc.stdout.splitlines()), proc.stdout


def test_an_unreachable_display_fails_the_platform_step_with_the_reason(monkeypatch, tmp_path):
    """DISPLAY naming no X server: the step fails and quotes Qt's reason, the rest of the run is unaffected."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the real-platform step is for Linux")
    from crm_desktop.cli import selftest

    monkeypatch.setenv("DISPLAY", ":4242")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    test = selftest.SelfTest(io.StringIO(), tmp_path)
    test.step("platform", test.platform)
    assert test.failed == ["platform"]
    assert "Qt did not start on the xcb platform" in test.out.getvalue()
    assert "could not connect to display" in test.out.getvalue()


def test_missing_system_libraries_are_named_with_their_packages(monkeypatch, tmp_path):
    """When the plugin cannot load, the step names each missing library and the apt line that brings it."""
    from crm_desktop.cli import selftest

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    monkeypatch.setattr(selftest, "_probe_in_child", lambda name: subprocess.CompletedProcess(
        [name], -6, "", 'qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb '
                        'platform plugin.'))
    monkeypatch.setattr(selftest, "_missing_for", lambda name: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    test = selftest.SelfTest(io.StringIO(), tmp_path)
    test.step("platform", test.platform)
    text = test.out.getvalue()
    assert test.failed == ["platform"]
    assert "missing libxcb-icccm.so.4 (package libxcb-icccm4), libxcb-keysyms.so.1 (package libxcb-keysyms1)" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
