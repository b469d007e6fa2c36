"""What a person clicks that :class:`person.Person` has no word for: a page's tab, an item of a tree,
a choice in a drop-down list.  Each helper clicks or picks the way a mouse does, never a feature method."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget


def click_tab(person, tabs: QTabWidget, page: QWidget) -> None:
    """Click the tab of *page* in *tabs* (the page comes to the front)."""
    index = tabs.indexOf(page)
    assert index >= 0, f"{page.objectName()!r} is not a tab of {tabs.objectName()!r}"
    bar = tabs.tabBar()
    assert bar.isVisible() and bar.isTabEnabled(index), f"the tab {tabs.tabText(index)!r} cannot be clicked"
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center())
    person.wait(lambda: tabs.currentIndex() == index, timeout=2000)


def tab_text(tabs: QTabWidget, page: QWidget) -> str:
    return tabs.tabText(tabs.indexOf(page))


def tree_items(tree: QTreeWidget) -> list[tuple[str, QTreeWidgetItem]]:
    """Every item under the top-level groups, with the group's title."""
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out += [(top.text(0), top.child(j)) for j in range(top.childCount())]
    return out


def click_item(person, tree: QTreeWidget, item: QTreeWidgetItem, column: int = 0) -> None:
    """Click an item of a tree (its group is expanded, as it is on screen)."""
    person._bring_to_front(tree)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    assert rect.isValid(), f"{item.text(0)!r} is not on the screen"
    x = tree.header().sectionViewportPosition(column) + 4
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, rect.center().y()))
    person.wait(lambda: tree.currentItem() is item, timeout=2000)


def pick(combo: QComboBox, text: str) -> None:
    """Choose the entry reading *text* in a drop-down list, as a person does with the mouse."""
    assert combo.isVisible() and combo.isEnabled(), f"the list {combo.objectName()!r} cannot be used"
    index = combo.findText(text)
    assert index >= 0, f"no {text!r} in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def pick_data(combo: QComboBox, value) -> None:
    """Choose the entry standing for *value* (whatever it reads in the current language)."""
    index = combo.findData(value)
    assert index >= 0, f"no entry for {value!r} in {combo.objectName()!r}"
    pick(combo, combo.itemText(index))


def combo_with(dialog: QWidget, text: str) -> QComboBox:
    """The visible drop-down list of *dialog* that offers *text*."""
    for combo in dialog.findChildren(QComboBox):
        if combo.isVisible() and combo.findText(text) >= 0:
            return combo
    raise AssertionError(f"no list offering {text!r} in “{dialog.windowTitle()}”")
