"""The guard every journey runs under: database work on the GUI thread is found and named, work on the
task runner's worker is not (tests/helpers/ui_thread.py)."""

from __future__ import annotations

from helpers.ui_thread import UiThreadGuard

from crm_desktop.domain.models import CustomerInput, CustomerQuery


def test_a_service_call_on_the_gui_thread_is_recorded_and_one_on_the_worker_is_not(qtbot, services):
    """A service method called on the main thread is recorded (with the connection it took); the same calls
    made through the task runner are not, nor are the exempt and the cache-only ones."""
    from crm_desktop.services.timeline import TimelineService
    from crm_desktop.ui.shell.tasks import TaskRunner

    guard = UiThreadGuard()
    guard.watch(services)
    cid = services.customers.create(CustomerInput(name="张伟")).id
    services.get(TimelineService).defaults(cid)
    assert [c.split(" called")[0] for c in guard.calls if " called " in c] == [
        "CustomerService.create", "TimelineService.defaults"]
    assert any(c.startswith("a database connection") for c in guard.calls)

    guard.calls.clear()
    services.customers.invalidate()  # a cache, no database
    services.customers.rows([cid])  # the list model's page of rows: exempt, with its reason
    assert guard.calls == []

    runner = TaskRunner()
    try:
        found = []
        runner.run(lambda: services.customers.search(CustomerQuery(text="zw")), found.append)
        qtbot.waitUntil(lambda: bool(found))
    finally:
        runner.shutdown()
    assert found == [[cid]] and guard.calls == []


def test_a_paused_guard_records_nothing(services):
    """While paused (a book closing after its window), nothing is recorded; afterwards calls are again."""
    guard = UiThreadGuard()
    guard.watch(services)
    with guard.paused():
        services.customers.count()
    assert guard.calls == []
    services.customers.count()
    assert guard.calls and guard.calls[0].startswith("CustomerService.count called from")
