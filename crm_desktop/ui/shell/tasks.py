"""One task runner: database work on a single worker thread, results on the UI thread.

Like Anki's ``QueryOp``/``CollectionOp``: the UI hands a plain function to
:meth:`TaskRunner.run`; it runs on the worker thread (one at a time, in
order), and ``on_done(result)`` or ``on_error(exc)`` is called back on the
main thread through a queued signal.  Long jobs receive a
:class:`Progress` they can report to and check for cancellation.

Jobs wait in a queue on the main thread and go to the worker one at a time,
so ``urgent`` jobs (what the user is waiting for: a search, a card) jump ahead
of background work (scoring, reminders).  While :meth:`hold` is on, only
urgent jobs are dispatched: start-up holds background work until the first
page of the customer list is shown.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class Progress:
    """Handed to long jobs: ``report(done, total)``; ``check()`` raises Cancelled."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._emit(done, total)
        self.check()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


def _release_freed_memory() -> Callable[[], object]:
    """glibc keeps memory freed by big transient jobs (a million order rows read for scoring) in the
    process; malloc_trim hands it back to the system.  A no-op elsewhere."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return lambda: None
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)


_trim = _release_freed_memory()


def _log_error(exc: BaseException) -> None:
    import logging

    logging.getLogger(__name__).warning("background job failed after its window closed: %s", exc)


class _Worker(QObject):
    finished = Signal(int, object, object)
    progressed = Signal(int, int, int)

    @Slot(int, object)
    def run(self, job_id: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.finished.emit(job_id, None, exc)
        else:
            self.finished.emit(job_id, result, None)
        finally:
            _trim()


class TaskRunner(QObject):
    """Runs jobs on one worker thread; see the module docstring."""

    _submit = Signal(int, object)
    busy_changed = Signal(bool)
    progressed = Signal(str, int, int)  # label, done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("db-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        self._queue: deque[tuple[int, Callable[[], Any], bool]] = deque()
        self._running = False
        self._held = False
        self._at_shutdown: dict[str, Callable[[], None]] = {}
        self._thread.start()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, *, urgent: bool = False) -> int:
        """Queue *fn* for the worker; ``urgent`` puts it ahead of queued background jobs."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        if urgent:
            # after earlier urgent jobs, before background ones
            i = next((k for k, job in enumerate(self._queue) if not job[2]), len(self._queue))
            self._queue.insert(i, (job_id, fn, True))
        else:
            self._queue.append((job_id, fn, False))
        self._dispatch()
        return job_id

    def hold(self) -> None:
        """Dispatch only urgent jobs until :meth:`release`."""
        self._held = True

    def release(self) -> None:
        self._held = False
        self._dispatch()

    def _dispatch(self) -> None:
        if self._running or not self._queue:
            return
        if self._held and not self._queue[0][2]:
            return
        job_id, fn, _urgent = self._queue.popleft()
        self._running = True
        self._submit.emit(job_id, fn)

    def run_long(self, label: str, fn: Callable[[Progress], Any], on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> Progress:
        """Run a long job that reports progress (shown in the status bar) and can be cancelled."""
        progress = Progress(lambda d, t: self.progressed.emit(label, d, t))
        self.run(lambda: fn(progress), on_done, on_error)
        return progress

    def drop_callbacks(self) -> None:
        """Forget the callbacks of every job queued or running (their window is going away).

        The jobs themselves still run, in order — a write queued by the old window still
        lands — but their results and errors no longer reach widgets that are being deleted.
        An error of a dropped job is printed to the log instead of shown.
        """
        for job_id in list(self._callbacks):
            self._callbacks[job_id] = (None, _log_error)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        self._running = False
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        try:
            if error is not None:
                if on_error:
                    on_error(error)
                else:
                    raise error
            elif on_done:
                on_done(result)
        finally:
            self._dispatch()

    def at_shutdown(self, name: str, hook: Callable[[], None]) -> None:
        """Call *hook* once the worker has finished its last job, at :meth:`shutdown` (on the calling thread:
        no window is left then).  A hook of the same *name* replaces the earlier one."""
        self._at_shutdown[name] = hook

    def shutdown(self) -> None:
        """Finish the job under way, stop the worker, then run the shutdown hooks."""
        self._thread.quit()
        self._thread.wait(10_000)
        hooks, self._at_shutdown = list(self._at_shutdown.values()), {}
        for hook in hooks:
            hook()
