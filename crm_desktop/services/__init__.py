"""Use cases without Qt.  :class:`Services` bundles them for the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from crm_desktop.services.context import ServiceContext


class UsesContext(Protocol):
    """A service class: made from the context alone."""

    def __init__(self, ctx: ServiceContext) -> None: ...


T = TypeVar("T", bound=UsesContext)


class Services:
    """All use cases over one open database, built by the wiring code and handed to the UI.

    ``ctx`` is the :class:`~crm_desktop.services.context.ServiceContext`;
    ``customers`` the customer service; any other service class taking the
    context is made once on demand by :meth:`get`, so panels share one
    instance (and its caches).
    """

    def __init__(self, ctx: ServiceContext) -> None:
        from crm_desktop.services.customers import CustomerService

        self.ctx = ctx
        self.customers = CustomerService(ctx)
        self._cache: dict[type, object] = {CustomerService: self.customers}

    def get(self, cls: type[T]) -> T:
        """The one instance of *cls*: made with ``cls.from_services(self)`` when the class needs other
        services (the dashboard shares the call list's scores), else ``cls(ctx)``."""
        inst = self._cache.get(cls)
        if not isinstance(inst, cls):
            make = getattr(cls, "from_services", None)
            inst = self._cache[cls] = make(self) if make is not None else cls(self.ctx)
        return inst
