"""A customer asks to be erased: Customer › Erase this person's data…, asked twice, gone for good."""

from pathlib import Path

from person import later, press
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QTableView

from crm_desktop.domain.models import ContactInput, CustomerInput

NAME, PHONE, EMAIL = "欧阳震华", "13812345678", "ouyang.zh@example.com"


def _grep(paths, needles) -> list[str]:
    hits = []
    for p in paths:
        data = Path(p).read_bytes()
        hits += [f"{Path(p).name}: {n!r}" for n in needles if n in data]
    return hits


def test_erase_a_customer_for_good(book_services, launch_app, book):
    """Search the person, Customer › Erase this person's data… → Continue… → type the name → Erase for good:
    they leave the list, Undo cannot bring them back, and neither the book's bytes, its WAL nor the
    automatic backups hold their name, phone or e-mail."""
    svc = book_services().customers
    svc.create(CustomerInput(name=NAME, phone=PHONE, email=EMAIL, notes="只喝龙井",
                             contacts=[ContactInput(name="欧阳小美", phone="13987654321")]))
    svc.ctx.db.close()
    person = launch_app(book)
    person.idle()
    backups = book.parent / "backups" / book.stem
    person.wait(lambda: bool(list(backups.glob("auto-*.sqlite"))), timeout=20000)  # the daily one, made at start

    person.shortcut("Ctrl+F")
    person.type("ouyang")
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == 1 and table.model().index(0, 0).data() == NAME)
    person.click_row(table, 0)
    person.idle()
    person.wait(lambda: NAME in person.text(person.find(QLabel, "cardTitle")))

    first = {}

    def read_and_continue(box):
        assert isinstance(box, QMessageBox)
        first["text"] = box.text() + " " + box.informativeText()
        press("Continue…")(box)

    def type_the_name(dialog):
        edit = dialog.findChild(QLineEdit, "erasureName")
        edit.setFocus()
        person.type(NAME, edit)
        later(lambda: press("Erase for good")(dialog), dialog)

    person.expect(read_and_continue, type_the_name)
    person.choose("customer", "erase_person")
    person.wait_answered()
    person.idle(timeout=60000)
    assert "cannot be undone" in first["text"] and "Delete" in first["text"]
    person.wait(lambda: "Erased" in person.status())
    assert NAME in person.status()
    person.wait(lambda: NAME not in person.rows(table, 0))
    assert not person.action("edit", "undo").isEnabled()

    secrets = (NAME.encode(), PHONE.encode(), EMAIL.encode(), "欧阳小美".encode(), b"13987654321")
    files = [book, Path(str(book) + "-wal"), *backups.glob("*.sqlite")]
    assert _grep([f for f in files if f.exists()], secrets) == []


def test_erase_is_not_done_without_the_name(book_services, launch_app, book):
    """Cancel at the first question, or leave the name untyped: the customer stays."""
    svc = book_services().customers
    cid = svc.create(CustomerInput(name=NAME, phone=PHONE)).id
    svc.ctx.db.close()
    person = launch_app(book)
    person.shortcut("Ctrl+F")
    person.type("ouyang")
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == 1)
    person.click_row(table, 0)
    person.idle()

    def no_name_then_cancel(dialog):
        assert dialog.objectName() == "confirmErasureDialog"
        erase = [b for b in dialog.findChildren(QPushButton) if b.text() == "Erase for good"]
        assert erase and not erase[0].isEnabled(), "Erase for good must wait for the name"
        press("cancel")(dialog)

    person.expect(press("cancel"))
    person.choose("customer", "erase_person")
    person.wait_answered()
    person.expect(press("Continue…"), no_name_then_cancel)
    person.choose("customer", "erase_person")
    person.wait_answered()
    person.idle()
    assert table.model().index(0, 0).data() == NAME
    kept = []
    services = person.window.services
    person.window.runner.run(lambda: services.customers.get(cid), kept.append)
    person.wait(lambda: bool(kept))
    assert (kept[0].name, kept[0].phone) == (NAME, "+86" + PHONE), "the book still holds the customer, untouched"
