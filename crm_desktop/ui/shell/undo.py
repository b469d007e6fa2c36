"""Undoable writes on the window's undo stack, run on the task runner like every other write.

A :class:`WriteCommand` holds two writes (``redo`` and ``undo``) and the
:class:`~crm_desktop.domain.changes.Changes` they make.  Ctrl+Z / Ctrl+Shift+Z
queue the write on the task runner; when it is done the window is told what
changed (the Changes a write returns, else the command's own), and a refusal is
one sentence in a box.  Most commands are pushed after their write was done
already (``done=True``: the first redo, which ``QUndoStack.push`` calls, does
nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from crm_desktop.domain.changes import Changes

Write = Callable[[], Any]


class WriteCommand(QUndoCommand):
    """*redo* / *undo*: the writes (run on the worker); *changes*: what they change (announced when done);
    *window*: the MainWindow (its runner, ``notify_changed`` and ``show_error``); *after_redo* /
    *after_undo*: called on the UI thread once that write is done, before the window is told."""

    def __init__(self, window: Any, text: str, redo: Write, undo: Write, changes: Changes, *, done: bool = True,
                 after_redo: Callable[[], None] | None = None, after_undo: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.window = window
        self._redo, self._undo = redo, undo
        self.changes = changes
        self._skip = done
        self._after_redo, self._after_undo = after_redo, after_undo

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self._redo, self._after_redo)

    def undo(self) -> None:
        self._run(self._undo, self._after_undo)

    def _run(self, write: Write, after: Callable[[], None] | None) -> None:
        window, text = self.window, self.text()

        def done(result: Any) -> None:
            if after is not None:
                after()
            window.notify_changed(result if isinstance(result, Changes) else self.changes)

        window.runner.run(write, done, lambda exc: window.show_error(exc, text), urgent=True)
