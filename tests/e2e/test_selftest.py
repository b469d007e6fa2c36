"""``python -m crm_desktop --self-test`` from source: every step passes, a broken step fails the run."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("resources", "libraries", "database", "customer", "search", "window", "scoring", "backup", "translations")


@pytest.mark.slow
def test_self_test_passes_from_source(tmp_path):
    """The self-test runs in a fresh process, prints one ok line per step and exits 0."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CRM_DATA_DIR=str(tmp_path / "untouched"))
    proc = subprocess.run([sys.executable, "-m", "crm_desktop", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for step in STEPS:
        assert any(line.startswith(f"{step}: ok") for line in lines), f"no ok line for {step}:\n{proc.stdout}"
    assert lines[-1].startswith("self-test passed: 9 steps")
    assert not (tmp_path / "untouched").exists(), "the self-test wrote into the user's data folder"


def test_self_test_reports_a_failing_step_and_exits_non_zero(qapp, monkeypatch):
    """A step that raises is printed as FAIL, its dependants too, and the status is 1."""
    from crm_desktop import selftest

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
    from crm_desktop import paths, selftest

    monkeypatch.setattr(paths, "_base_dir", lambda: tmp_path)
    test = selftest.SelfTest(io.StringIO(), tmp_path)
    test.step("translations", test.translations)
    assert test.failed == ["translations"]
    assert "translation file missing" in test.out.getvalue()
    assert "crm_desktop_zh_CN.qm" in test.out.getvalue()
