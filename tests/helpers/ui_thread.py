"""A guard that records database work done on the GUI thread (the journeys install it on the app's services).

The rule (crm_desktop/ui/shell/main_window.py): the UI hands every query and write to the task runner, so
nothing reads or writes the book on the thread that paints.  :class:`UiThreadGuard` checks it two ways:

* every public method of every service the window gets (``services.customers`` and ``services.get(cls)``) is
  wrapped: a call made on the main thread is recorded with the UI line that made it;
* the book's engine is watched: a connection taken from its pool on the main thread is recorded too (it
  catches database work that does not go through a service method, e.g. an importer built in the UI).

Exempt: the methods listed in :data:`PURE` (caches and checks that touch no database), and
:data:`EXEMPT`, each with its reason.
"""

from __future__ import annotations

import functools
import inspect
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

PURE = frozenset({"invalidate", "touch", "has_fit_for", "validate"})
"""Service methods that only drop or check an in-memory cache, or check input: no database."""

EXEMPT = {
    ("CustomerService", "rows"): "the customer list's model reads the page of rows being painted, by design "
                                 "(crm_desktop/ui/customers/table_model.py)",
}
"""(service class, method) → why it may run on the GUI thread."""


def _where() -> str:
    """The innermost line of the app's UI code on the stack (who made the call)."""
    for frame in reversed(traceback.extract_stack()[:-2]):
        if "crm_desktop/ui/" in frame.filename.replace("\\", "/"):
            return f"{frame.filename.split('crm_desktop/')[-1]}:{frame.lineno} {frame.name}"
    return "(outside crm_desktop/ui)"


class UiThreadGuard:
    """Records service calls and database connections made on the main thread while :attr:`active`."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.active = True
        self._wrapped: set[int] = set()
        self._exempt = threading.local()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Record nothing meanwhile (a book being closed after its window)."""
        was, self.active = self.active, False
        try:
            yield
        finally:
            self.active = was

    def _on_gui_thread(self) -> bool:
        return self.active and threading.current_thread() is threading.main_thread()

    # --- what is watched -------------------------------------------------------------------------
    def watch(self, services: Any) -> None:
        """Wrap the services of one open book (and every service it makes later), and watch its engine."""
        self.wrap(services.customers)
        get = services.get

        def guarded_get(cls: type) -> Any:
            service = get(cls)
            self.wrap(service)
            return service

        services.get = guarded_get
        self.watch_engine(services.ctx.db.engine)

    def wrap(self, service: Any) -> None:
        """Wrap every public method of *service* (once)."""
        if id(service) in self._wrapped:
            return
        self._wrapped.add(id(service))
        cls = type(service)
        for name, _member in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("_") or name in PURE:
                continue
            if isinstance(inspect.getattr_static(cls, name), (staticmethod, classmethod)):
                continue
            setattr(service, name, self._guarded(cls.__name__, name, getattr(service, name)))

    def _guarded(self, owner: str, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        exempt = (owner, name) in EXEMPT

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            if not self._on_gui_thread():
                return method(*args, **kwargs)
            if not exempt:
                self.calls.append(f"{owner}.{name} called from {_where()}")
                return method(*args, **kwargs)
            self._exempt.depth = getattr(self._exempt, "depth", 0) + 1
            try:
                return method(*args, **kwargs)
            finally:
                self._exempt.depth -= 1

        return call

    def watch_engine(self, engine: Any) -> None:
        """Record a connection taken on the main thread from *engine*'s pool (outside an exempt call)."""
        from sqlalchemy import event

        def checkout(*_args: Any) -> None:
            if self._on_gui_thread() and not getattr(self._exempt, "depth", 0):
                self.calls.append(f"a database connection taken from {_where()}")

        event.listen(engine, "checkout", checkout)

    # --- the verdict ------------------------------------------------------------------------------
    def report(self) -> str:
        """The calls recorded, one a line, each once (with how often)."""
        counts: dict[str, int] = {}
        for call in self.calls:
            counts[call] = counts.get(call, 0) + 1
        return "\n".join(f"{call}" + (f"  (×{n})" if n > 1 else "") for call, n in counts.items())
