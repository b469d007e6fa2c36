"""The salesperson's Monday list: filter by MVC + not contacted for 30 days, save it as a view, clear, reopen it
from View › Saved views; rename and delete it; tag everyone in a suggested view through bulk edit."""

import shiboken6
from person import fill, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
)

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.ui.customers.views import SavedViews

TAGS = 6
"""The customer list's tags column."""


def _expected(book_services, query: CustomerQuery) -> list[str]:
    """The customers *query* lists, worked out apart from the app (the book scored on its own)."""
    from crm_desktop.services.insight import InsightService

    services = book_services()
    services.customers.warm_up()
    services.customers.set_scores(services.get(InsightService).score_table())
    ids = services.customers.search(query)
    services.ctx.db.close()
    return ids


def _shown(table) -> list[str]:
    model = table.model()
    return [model.id_at(r) for r in range(model.rowCount())]


def _entry(person, name: str):
    """The Saved views menu entry whose text starts with *name*."""
    for a in person.action("view", "save_view").parent().actions():
        if a.objectName().startswith("action_saved_view_") and a.text().startswith(name):
            return a
    raise AssertionError(f"no saved view {name!r} in the menu")


def test_filter_save_clear_reopen_rename_delete(launch_app, book, book_services):
    """Filters… → MVC + 30 days not contacted lists exactly those customers; View › Saved views › Save current
    view… keeps it; after Clear filters, the menu entry (with its count) reopens the same customers; Rename or
    delete views… renames it, then deletes it."""
    wanted = _expected(book_services, CustomerQuery(segments=frozenset({"MVC"}), quiet_days=30))
    assert wanted, "the demo book has MVCs not contacted for 30 days"
    person = launch_app(book)
    person.idle()
    table = person.find(QTableView, "customerTable")
    everyone = table.model().rowCount()

    def choose_filters(dialog):
        assert dialog.objectName() == "customerFiltersDialog"
        person.click(dialog.findChild(QCheckBox, "filterSegment_MVC"))
        days = dialog.findChild(QSpinBox, "filterQuietDays")
        days.setFocus()
        days.selectAll()
        person.type("30", days)
        press("ok")(dialog)

    person.expect(choose_filters)
    person.click(person.find(QToolButton, "customerFiltersButton"))
    person.wait_answered()
    person.idle()
    person.wait(lambda: _shown(table) == wanted)
    assert person.text(person.find(QLabel, "customerFilters")) == "Filters: MVC · not contacted for 30 days"
    count = person.find(QLabel, "customerCount").text()
    assert count == f"{len(wanted)} customers" if len(wanted) > 1 else "1 customer"

    person.expect(fill({"": "Quiet MVCs"}))
    person.choose("view", "save_view")
    person.wait_answered()
    assert "Saved the view “Quiet MVCs”" in person.status()

    person.click(person.find(QPushButton, "customerFiltersClear"))
    person.idle()
    person.wait(lambda: table.model().rowCount() == everyone)
    assert not person.find(QLabel, "customerFilters").isVisible()

    person.action("view", "save_view").parent().aboutToShow.emit()  # the menu opens: counts on the worker
    person.idle()
    entry = _entry(person, "Quiet MVCs")
    assert entry.text() == f"Quiet MVCs ({len(wanted)})"
    entry.trigger()
    person.idle()
    person.wait(lambda: _shown(table) == wanted)
    assert person.find(QLabel, "customerCount").text() == count
    assert person.text(person.find(QLabel, "customerFilters")) == "Filters: MVC · not contacted for 30 days"

    def rename(dialog):
        assert dialog.objectName() == "savedViewsDialog"
        views = dialog.findChild(QListWidget, "savedViewsList")
        texts = [views.item(i).text() for i in range(views.count())]
        views.setCurrentRow(next(i for i, t in enumerate(texts) if t.startswith("Quiet MVCs")))
        press("Rename…")(dialog)

    person.expect(rename, fill({"": "Sleepy MVCs"}))
    person.choose("view", "manage_views")
    person.wait_answered()
    dialog = person.window.feature(SavedViews).last_dialog
    views = dialog.findChild(QListWidget, "savedViewsList")
    person.wait(lambda: views.currentItem() is not None and views.currentItem().text().startswith("Sleepy MVCs"))
    assert _entry(person, "Sleepy MVCs")
    person.click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Delete"))
    person.wait(lambda: not any(views.item(i).text().startswith("Sleepy") for i in range(views.count())))
    press("close")(dialog)
    person.wait(lambda: not shiboken6.isValid(dialog))  # closed, and gone
    person.idle()
    names = [a.text() for a in person.action("view", "save_view").parent().actions()
             if a.objectName().startswith("action_saved_view_")]
    assert not any(n.startswith(("Quiet", "Sleepy")) for n in names) and len(names) == 2
    person.finish()


def test_tag_everyone_in_a_suggested_view(launch_app, book, book_services):
    """View › Saved views › MGC not contacted for 30 days, Ctrl+A, Customer › Change selected… → add a tag:
    every customer of the view has it, and no one else."""
    wanted = _expected(book_services, CustomerQuery(segments=frozenset({"MGC"}), quiet_days=30))
    assert len(wanted) > 1, "the demo book has MGCs not contacted for 30 days"
    person = launch_app(book)
    person.idle()
    table = person.find(QTableView, "customerTable")
    _entry(person, "MGC not contacted for 30 days").trigger()
    person.idle()
    person.wait(lambda: _shown(table) == wanted)
    person.click_row(table, 0)
    person.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, table)

    def add_tag(dialog):
        assert dialog.objectName() == "changeSelectedDialog"
        assert dialog.findChild(QComboBox, "bulkScope").currentText() == f"The {len(wanted)} selected customers"
        change = dialog.findChild(QComboBox, "bulkChange")
        change.setCurrentIndex(change.findText("Add a tag"))
        edit = dialog.findChild(QLineEdit, "bulkValueEdit")
        edit.setFocus()
        edit.selectAll()  # it still holds the owner the dialog opened with
        person.type("回访", edit)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        person.wait(ok.isEnabled)  # the preview counted who already has the tag
        press("Apply")(dialog)

    person.expect(add_tag)
    person.choose("customer", "change_selected")
    person.wait_answered()
    person.idle()
    person.wait(lambda: all("回访" in t for t in person.rows(table, TAGS)) and _shown(table) == wanted)
    assert f"Changed {len(wanted)} customers" in person.status()
    person.click(person.find(QPushButton, "customerFiltersClear"))  # everyone again, then only the tag
    person.idle()
    tag = person.find(QComboBox, "filterTag")
    person.wait(lambda: tag.findText("回访") >= 0)
    tag.setCurrentIndex(tag.findText("回访"))
    person.idle()
    person.wait(lambda: sorted(_shown(table)) == sorted(wanted))
    person.finish()
