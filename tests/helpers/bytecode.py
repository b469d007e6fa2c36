"""The app's modules compiled to bytecode before a benchmark times a start, as on a user's machine.

An install has them: pip compiles what it installs, an editable install writes them on its first start
and the frozen app carries them.  A machine that sets ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
every module of the app from source on every start it times (0.4 s of the window's build here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "crm_desktop"


def compile_app() -> None:
    """Write the ``__pycache__`` of every module of the app (``compileall`` writes whatever the
    environment says; an up-to-date one is left as it is)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(APP)], check=True)
