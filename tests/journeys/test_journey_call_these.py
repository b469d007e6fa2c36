"""Calling through a chosen set: the dashboard's top decile, and a list filtered by a tag, each become a call
session in the "Today's calls" dock; Ctrl+L marks the first done and moves on; back to today's calls."""

from pages import pick
from person import press
from PySide6.QtWidgets import QComboBox, QLabel, QListView, QPlainTextEdit, QPushButton, QTableView, QToolButton

from crm_desktop.ui.insight.feature import InsightFeature


def _callable(book_services, clock, ids) -> tuple[set[str], int]:
    """(those of *ids* who may be called, how many opted out), read apart from the app."""
    from crm_desktop.db import calllist as q

    services = book_services()
    with services.ctx.db.reading() as tx:
        facts = q.customer_facts(tx, list(ids))
    services.ctx.db.close()
    live = {c: f for c, f in facts.items() if not f.deleted}
    ok = {c for c, f in live.items() if not f.do_not_contact and not (f.snoozed_until and f.snoozed_until > clock())}
    return ok, sum(1 for f in live.values() if f.do_not_contact)


def _top_decile(book_services, clock) -> set[str]:
    from crm_desktop.services.calllist import CallListService

    services = book_services()
    scores, _ = services.get(CallListService).scores(clock(), before=None)
    services.ctx.db.close()
    return {c for c, d in zip(scores.customer_ids.tolist(), scores.decile.tolist()) if d == 1}


def _session_ids(view) -> list[str]:
    return [e.customer_id for e in view.model().entries]


def _log_the_call(person):
    def answer(dialog):
        summary = dialog.findChild(QPlainTextEdit)
        summary.setFocus()
        person.type("谈了续订", summary)
        press("save")(dialog)

    return answer


def test_call_the_top_decile_from_the_dashboard(launch_app, book, book_services, clock):
    """Dashboard › top decile → "Call these customers" → the session holds exactly those who may be called;
    Ctrl+L on the first marks them done and the next is current; the "Call…" menu of the lifecycle chart
    goes straight to a session; "Back to today's calls" ends it."""
    top = _top_decile(book_services, clock)
    callable_, opted_out = _callable(book_services, clock, top)
    person = launch_app(book)
    person.choose("view", "show_dashboard")
    page = person.window.feature(InsightFeature).page
    person.wait(lambda: page.figures is not None and not page.refreshing, timeout=30000)
    person.idle()
    person.click_row(person.find(QTableView, "insight_decile_table"), 0)
    person.idle()
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == len(top))
    person.click(person.find(QPushButton, "customerSubsetCall"))
    person.idle()
    view = person.find(QListView, "calllistView")
    bar = person.find(QLabel, "calllistSession")
    person.wait(lambda: set(_session_ids(view)) == callable_, timeout=20000)
    assert bar.text() == f"Calling: decile group 1 (十分制) · 0 of {len(callable_)} done"
    left = person.find(QLabel, "calllistSessionLeftOut")
    assert left.text() == (f"{opted_out} left out: do not contact" if opted_out else "")
    assert not person.find(QComboBox, "calllistWhose").isVisible(), "today's whose-switch is not the session's"

    first, second = _session_ids(view)[:2]
    person.click_row(view, 0)
    person.expect(_log_the_call(person))
    person.shortcut("Ctrl+L")
    person.wait_answered()
    person.idle()
    person.wait(lambda: bar.text().endswith(f"· 1 of {len(callable_)} done"), timeout=20000)
    entries = view.model().entries
    assert entries[-1].customer_id == first and entries[-1].done
    assert view.model().index(len(entries) - 1, 0).data().startswith("✓ ")
    person.wait(lambda: view.currentIndex().isValid())
    assert view.model().entries[view.currentIndex().row()].customer_id == second

    # the dashboard's own "Call…" button: a lifecycle stage, straight to a session
    person.choose("view", "show_dashboard")
    person.idle()
    call = person.find(QToolButton, "insight_call_lifecycle")
    assert call.isVisible() and call.isEnabled()
    stage = call.menu().actions()[0]
    stage.trigger()
    person.idle()
    person.wait(lambda: bar.text().startswith("Calling: ") and "decile" not in bar.text(), timeout=20000)

    person.click(person.find(QPushButton, "calllistSessionBack"))
    person.idle()
    person.wait(lambda: not bar.isVisible() and person.find(QComboBox, "calllistWhose").isVisible())
    person.wait(lambda: view.model().rowCount() > 0 and not any(e.done for e in view.model().entries))
    assert "in this session" not in person.find(QLabel, "calllistStatus").text()
    person.finish()


def test_filter_by_a_tag_then_call_the_customers_in_this_list(launch_app, book, book_services, clock):
    """The list filtered by a tag → Customer › Call the customers in this list → a session of those customers,
    named after the filter."""
    person = launch_app(book)
    table = person.find(QTableView, "customerTable")
    person.idle()
    tags = person.find(QComboBox, "filterTag")
    person.wait(lambda: tags.count() > 1)
    tag = tags.itemText(1)
    everyone = table.model().rowCount()
    pick(tags, tag)
    person.idle()
    person.wait(lambda: 0 < table.model().rowCount() < everyone)
    shown = [table.model().id_at(r) for r in range(table.model().rowCount())]
    callable_, _ = _callable(book_services, clock, shown)
    person.choose("customer", "call_this_list")
    person.idle()
    view = person.find(QListView, "calllistView")
    person.wait(lambda: set(_session_ids(view)) == callable_, timeout=20000)
    assert person.find(QLabel, "calllistSession").text() == (
        f"Calling: Customer list: {tag} · 0 of {len(callable_)} done")
    assert view.hasFocus(), "the session's list takes the keyboard: Enter, Ctrl+L, D and S work at once"
    person.finish()
