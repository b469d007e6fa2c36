"""Saved views: kept in the settings, listed with counts made on the worker, reopened, renamed and deleted."""

from __future__ import annotations

from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.domain.views import SavedView, view_to_dict
from crm_desktop.services.insight import ScoreCells
from crm_desktop.ui.customers import views as views_module
from crm_desktop.ui.customers.views import SavedViews
from crm_desktop.ui.shell.settings import AppSettings

CELL = ScoreCells("MVC", 1, "dormant", 10.0, 0.2, 1, 5, 5)


def _entries(feature):
    return [a.text() for a in feature.menu.actions() if a.objectName().startswith("action_saved_view_")]


def test_settings_keep_views_through_the_ini_file(tmp_path):
    """Views with commas, quotes and Chinese come back from the file as written; a broken value reads as none."""
    s = AppSettings(tmp_path / "s.ini")
    assert s.saved_views() is None
    data = [view_to_dict(SavedView('a, "b" 客户', CustomerQuery(text="x,y", segments=frozenset({"MVC"}))))]
    s.set_saved_views(data)
    assert AppSettings(tmp_path / "s.ini").saved_views() == data
    s._set("saved_views", "{not json")
    assert AppSettings(tmp_path / "s.ini").saved_views() == []


def test_suggestions_then_save_open_rename_delete(qtbot, window, customers, monkeypatch):
    """An empty list offers the two suggestions with counts; a saved view reopens the list exactly; renaming
    and deleting change the menu and the settings."""
    mine = customers.create(CustomerInput(name="甲", owner="李娜")).id
    customers.create(CustomerInput(name="乙", owner="王磊"))
    customers.warm_up()
    customers.set_scores({mine: CELL})
    window.start()
    panel = window.list_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    feature = window.feature(SavedViews)
    assert _entries(feature) == ["My sleeping MVCs (…)", "MGC not contacted for 30 days (…)"]
    feature.count()
    qtbot.waitUntil(lambda: _entries(feature) == ["My sleeping MVCs (1)", "MGC not contacted for 30 days (0)"])

    feature.open(feature.views()[0])
    qtbot.waitUntil(lambda: panel.model.ids() == [mine])
    assert panel.filter_label.text() == "Filters: MVC · At risk/Dormant" and panel.owner.currentData() == "李娜"
    panel.set_query(CustomerQuery(text="乙"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.ids() != [mine])
    monkeypatch.setattr(views_module, "ask_name", lambda *_a, **_k: "乙 only")
    feature.ask_save()
    assert [v.name for v in feature.views()] == ["My sleeping MVCs", "MGC not contacted for 30 days", "乙 only"]
    assert window.settings.saved_views()[2]["text"] == "乙"

    panel.clear_filters()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    feature.menu.actions()[2].trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.search.text() == "乙")
    assert "乙 only" in window.statusBar().currentMessage()

    feature.rename("乙 only", "B")
    feature.rename("B", "My sleeping MVCs")  # taken: refused, and said so
    assert "already" in window.statusBar().currentMessage()
    feature.delete("My sleeping MVCs")
    assert [v.name for v in feature.views()] == ["MGC not contacted for 30 days", "B"]
    assert [d["name"] for d in AppSettings(window.settings.path).saved_views()] == \
        ["MGC not contacted for 30 days", "B"]
