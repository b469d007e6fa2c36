"""Every action of every menu and toolbar does something a person can see, and nothing raises."""

from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableView, QWidget, QWizard

ALLOWED_DISABLED = {
    "action_undo", "action_redo",  # nothing done yet
    "action_undo_restore",  # no restore yet
    "action_undo_customer_import", "action_undo_order_import",  # no import yet
    "action_unsnooze",  # the current customer is not snoozed
    "action_recent_none",  # "no other books yet" is a note, not an action
}
"""Actions a person cannot use on a fresh book with a customer selected; every other one must be enabled."""

LAST = ("action_quit",)
"""Run after all others (it ends the walk)."""


def _walk(menu, path=()):
    for a in menu.actions():
        if a.isSeparator():
            continue
        if a.menu() is not None:
            yield from _walk(a.menu(), path + (a.menu().objectName(),))
        else:
            yield path, a


def _visible_top_levels() -> set:
    return {id(w) for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, (QDialog, QWizard)) and not w.isModal()}


def _state(person):
    w = person.window
    docks = tuple(d.isVisible() for d in w.findChildren(QWidget) if d.metaObject().className() == "QDockWidget")
    return (id(w), w.isVisible(), w.pages.currentIndex(), w.customer_tabs.currentIndex(),
            w.statusBar().currentMessage(), docks, id(QApplication.focusWidget()), _visible_top_levels(),
            person.find(QLabel, "cardTitle").text())


def _close_extra_windows(person) -> None:
    for w in QApplication.topLevelWidgets():
        if w.isVisible() and isinstance(w, (QDialog, QWizard)) and w is not person.window:
            w.close()
    person.idle()


def test_every_menu_action_does_something_visible(launch_app, book):
    """Each enabled action of the menu bar, triggered with its dialogs cancelled, shows a dialog, changes a
    page, the card, the focus, a dock or the status bar — or, for Quit, closes the window."""
    person = launch_app(book)
    person.auto_cancel = True
    table = person.find(QTableView, "customerTable")
    person.click_row(table, 0)
    person.idle()
    names = []
    actions = []
    for menu_action in person.window.menuBar().actions():
        for path, a in _walk(menu_action.menu(), (menu_action.menu().objectName(),)):
            assert a.objectName().startswith("action_"), f"{'/'.join(path)} › {a.text()} has no objectName"
            names.append(a.objectName())
            actions.append((path, a.objectName()))
    assert len(names) == len(set(names)), "two actions share an objectName"
    for toolbar_action in person.window.findChild(QWidget, "mainToolbar").actions():
        assert toolbar_action.objectName() in names, f"toolbar action {toolbar_action.text()} is in no menu"
    dead, disabled = [], []
    quit_tried = False
    ordered = [x for x in actions if x[1] not in LAST] + [x for x in actions if x[1] in LAST]
    for path, name in ordered:
        menu = path[0].removeprefix("menu_")
        a = person.action(menu, name.removeprefix("action_"))
        if not a.isEnabled():
            disabled.append(name)
            continue
        person.activate()
        before = _state(person)
        seen_dialogs = len(person.cancelled)
        window = person.window
        a.trigger()
        person.idle()
        QApplication.processEvents()
        if name == "action_quit":
            quit_tried = True
            assert not window.isVisible(), "Quit left the window open"
            break
        after = _state(person)
        if after == before and len(person.cancelled) == seen_dialogs:
            dead.append(f"{'/'.join(path)} › {a.text()} ({name})")
        _close_extra_windows(person)
        if person.window is not window:  # a language or book switch rebuilt the window
            person.idle()
            person.click_row(person.find(QTableView, "customerTable"), 0)
            person.idle()
    assert quit_tried, "File › Quit was never triggered (missing or disabled)"
    assert not dead, "actions that did nothing visible:\n" + "\n".join(dead)
    assert not person.too_big, "dialogs that do not fit a 1366×768 screen:\n" + "\n".join(person.too_big)
    assert set(disabled) <= ALLOWED_DISABLED, f"disabled without a reason: {sorted(set(disabled) - ALLOWED_DISABLED)}"
