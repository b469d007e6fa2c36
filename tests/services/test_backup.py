"""Backup, restore, undo restore and merge through the service, with bad files refused safely."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from crm_desktop.db import restore as restore_db
from crm_desktop.db.snapshot import snapshot_database
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.exchange import backup_file as bf
from crm_desktop.exchange.backup_file import files as bf_files
from crm_desktop.exchange.backup_file.header import nonce, parse_header
from crm_desktop.exchange.backup_file.keys import derive_keys
from crm_desktop.services.backup import BackupService
from crm_desktop.services.merge import merge_states, read_state

FAST_KDF = bf.KdfParams.scrypt(n=16, r=8, p=1)
PASS = "correct horse battery staple"


def _svc(ctx) -> BackupService:
    s = BackupService(ctx)
    s.kdf = FAST_KDF
    return s


def _folder(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir()) if p.is_file()}


@pytest.fixture
def other(tmp_path, clock):
    """A teammate's database with its own customer service."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    db = open_database(tmp_path / "other" / "crm.sqlite")
    ctx = ServiceContext(db, user="王磊", now=clock)
    yield ctx, CustomerService(ctx)
    db.close()


def _edit(customers, cid, **changes):
    data = customers.get(cid).to_input()
    customers.update(cid, data.__class__(**{**data.__dict__, **changes}))


def _backup_bytes(ctx, tmp_path) -> bytes:
    out = tmp_path / "x.crmbak"
    _svc(ctx).backup(out, PASS)
    return out.read_bytes()


def _bad_files(ctx, tmp_path) -> dict[str, tuple[bytes, str]]:
    good = _backup_bytes(ctx, tmp_path)
    image = snapshot_database(ctx.db.path)
    header_len = int.from_bytes(good[10:12], "big")
    flip_h, flip_b = bytearray(good), bytearray(good)
    flip_h[20] ^= 1
    flip_b[header_len + 40] ^= 1
    other_app = tmp_path / "other-app.sqlite"
    c = sqlite3.connect(other_app)
    c.execute("CREATE TABLE notes(x)")
    c.commit()
    c.close()
    newer = sqlite3.connect(":memory:")
    newer.deserialize(image)
    newer.execute("PRAGMA user_version = 99")
    corrupt = bytearray(image)
    probe = sqlite3.connect(":memory:")
    probe.deserialize(image)
    root = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()[0]
    page = probe.execute("PRAGMA page_size").fetchone()[0]
    corrupt[page * (root - 1): page * (root - 1) + 2000] = os.urandom(2000)  # the customers' own page
    return {
        "truncated": (good[: len(good) // 2], ""),
        "flipped header": (bytes(flip_h), ""),
        "flipped body": (bytes(flip_b), ""),
        "wrong passphrase": (good, "wrong"),
        "empty": (b"", ""),
        "random": (os.urandom(5000), ""),
        "other program": (other_app.read_bytes(), ""),
        "own database renamed": (Path(ctx.db.path).read_bytes(), ""),
        "newer schema": (bf.seal(newer.serialize(), PASS, schema_version=99, site_id="x", now=ctx.now(),
                                 app_version="9", kdf=FAST_KDF), ""),
        "bomb": (_bomb(ctx), ""),
        "absurd kdf": (good[:16] + (2**30).to_bytes(4, "big") + good[20:], ""),  # scrypt N field
        "corrupt payload": (bf.seal(bytes(corrupt), PASS, schema_version=1, site_id="x", now=ctx.now(),
                                    app_version="1", kdf=FAST_KDF), ""),
    }


def _bomb(ctx) -> bytes:
    # a valid header claiming a small database whose one chunk inflates far beyond it
    data = bf.seal(b"\0" * 8192, PASS, schema_version=1, site_id="x", now=ctx.now(), app_version="1",
                   kdf=FAST_KDF, chunk_size=4096)
    parsed = parse_header(data[:4096], bf.APPLICATION_ID)
    aead_key, _ = derive_keys(PASS, parsed.salt, parsed.header.kdf)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = b""
    for i in range(2):
        ct = AESGCM(aead_key).encrypt(nonce(parsed.nonce_prefix, i, i == 1),
                                      zlib.compress(b"\0" * 50_000_000, 9), parsed.raw)
        body += len(ct).to_bytes(4, "big") + ct
    return parsed.raw + body


@pytest.mark.parametrize("action", ["restore", "merge"])
def test_bad_files_are_refused_and_change_nothing(ctx, customers, tmp_path, action):
    """Each bad file gets one sentence and leaves the database and its folder byte-for-byte unchanged."""
    customers.create(CustomerInput(name="张伟", phone="13800138000"))
    svc = _svc(ctx)
    folder = Path(ctx.db.path).parent
    for name, (data, passphrase) in _bad_files(ctx, tmp_path).items():
        bad = tmp_path / "bad.crmbak"
        bad.write_bytes(data)
        before = _folder(folder)
        with pytest.raises(UserError) as info:
            if action == "restore":
                svc.restore(bad, passphrase or PASS)
            else:
                svc.merge_preview(bad, passphrase or PASS)
        text = str(info.value)
        assert text.endswith(".") and text.count(". ") == 0, (name, text)
        assert _folder(folder) == before, name
    assert customers.count() == 1


def test_disk_full_while_writing_a_backup_keeps_the_old_one(ctx, customers, tmp_path, monkeypatch):
    """A failed write leaves the previous backup file untouched and no temporary file."""
    customers.create(CustomerInput(name="张伟"))
    out = tmp_path / "team.crmbak"
    svc = _svc(ctx)
    svc.backup(out, PASS)
    old = out.read_bytes()

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bf_files.os, "write", full)
    with pytest.raises(bf.BackupWriteError, match="disk is full"):
        svc.backup(out, PASS)
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".team")) == []


def test_restore_then_undo_restore(ctx, customers, tmp_path):
    """Restore replaces the data, keeps the site id; Undo restore brings the previous data back."""
    svc = _svc(ctx)
    a = customers.create(CustomerInput(name="张伟")).id
    svc.backup(tmp_path / "b.crmbak", PASS)
    site = ctx.db.site_id
    customers.create(CustomerInput(name="王芳"))
    _edit(customers, a, notes="after backup")
    undo = svc.restore(tmp_path / "b.crmbak", PASS)
    customers.invalidate()
    assert undo.is_file() and svc.can_undo_restore()
    assert customers.count() == 1 and customers.get(a).notes == ""
    assert customers.search(CustomerQuery(text="zhangwei")) == [a]
    with ctx.db.raw_connection() as c:
        assert c.execute("SELECT value FROM meta WHERE key='site_id'").fetchone()[0] == site
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    svc.undo_restore()
    customers.invalidate()
    assert customers.count() == 2 and customers.get(a).notes == "after backup"
    assert not svc.can_undo_restore()


def test_killed_at_the_swap_leaves_the_old_database(ctx, customers, tmp_path, monkeypatch):
    """A crash just before the atomic rename leaves the old database intact and no snapshot link."""
    svc = _svc(ctx)
    customers.create(CustomerInput(name="张伟"))
    svc.backup(tmp_path / "b.crmbak", PASS)
    customers.create(CustomerInput(name="王芳"))

    def killed(src, dst):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(restore_db, "_replace", killed)
    with pytest.raises(KeyboardInterrupt):
        svc.restore(tmp_path / "b.crmbak", PASS)
    customers.invalidate()
    assert customers.count() == 2
    folder = Path(ctx.db.path).parent
    assert not [p for p in folder.iterdir() if p.name.startswith(".crm-incoming")]
    assert not list(folder.rglob("before-restore-*"))
    with ctx.db.raw_connection() as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_killed_during_merge_leaves_the_old_database(ctx, customers, other, tmp_path):
    """An interruption inside the merge transaction rolls everything back."""
    octx, ocust = other
    ocust.create(CustomerInput(name="王芳"))
    _svc(octx).backup(tmp_path / "o.crmbak", PASS)
    customers.create(CustomerInput(name="张伟"))
    before = read_state(sqlite3.connect(ctx.db.path))
    svc = _svc(ctx)
    preview = svc.merge_preview(tmp_path / "o.crmbak", PASS)

    def killed():
        raise KeyboardInterrupt("killed")

    with pytest.raises(KeyboardInterrupt):
        svc.merge_apply(preview, _before_commit=killed)
    after = read_state(sqlite3.connect(ctx.db.path))
    assert after.tables == before.tables


def test_merge_flags_duplicate_names_as_the_duplicate_finder_does(ctx, customers, other, tmp_path):
    """A teammate's new "张·伟" or "张 伟" is listed as a possible duplicate of our 张伟 (the finder's name key)."""
    from crm_desktop.services.dedupe import name_key

    octx, ocust = other
    ours = customers.create(CustomerInput(name="张伟")).id
    ocust.create(CustomerInput(name="张·伟"))
    ocust.create(CustomerInput(name="张 伟"))
    _svc(octx).backup(tmp_path / "theirs.crmbak", PASS)
    preview = _svc(ctx).merge_preview(tmp_path / "theirs.crmbak", PASS)
    assert name_key("张·伟") == name_key("张 伟") == name_key("张伟")
    assert preview.duplicate_count == 2
    assert {(d.local_id, d.reason) for d in preview.duplicates} == {(ours, "name")}
    preview.discard()


def test_merge_preview_counts_and_apply_matches_the_reference(ctx, customers, other, tmp_path, clock):
    """Preview counts new, changed, 2 versions, duplicates; the result equals merge_states of both files."""
    from datetime import timedelta

    octx, ocust = other
    shared = customers.create(CustomerInput(name="张伟", phone="13800138000")).id
    gone = customers.create(CustomerInput(name="李雷")).id
    svc, osvc = _svc(ctx), _svc(octx)
    svc.backup(tmp_path / "mine.crmbak", PASS)
    osvc.merge(tmp_path / "mine.crmbak", PASS)
    clock.value += timedelta(seconds=1)
    _edit(customers, shared, notes="mine")
    customers.delete(gone)
    clock.value += timedelta(seconds=1)
    _edit(ocust, shared, notes="theirs")
    _edit(ocust, gone, needs="wants a quote")  # after the delete: brings 李雷 back
    ocust.create(CustomerInput(name="张 伟", phone="+86 138 0013 8000"))  # a possible duplicate
    ocust.create(CustomerInput(name="韩梅梅"))
    osvc.backup(tmp_path / "theirs.crmbak", PASS)

    reference = merge_states(read_state(sqlite3.connect(ctx.db.path)), read_state(sqlite3.connect(octx.db.path)))
    preview = svc.merge_preview(tmp_path / "theirs.crmbak", PASS)
    c = preview.counts["customer"]
    assert (c.new, c.brought_back, c.conflicting) == (2, 1, 1)
    assert preview.conflicts[0].field == "notes" and preview.conflicts[0].lost_value == "mine"
    assert preview.duplicate_count == 1 and preview.duplicates[0].local_id == shared
    svc.merge_apply(preview)
    customers.invalidate()
    merged = read_state(sqlite3.connect(ctx.db.path))
    assert {t: r for t, r in merged.tables.items() if r} == {t: r for t, r in reference.state.tables.items() if r}
    assert customers.get(shared).notes == "theirs"
    assert customers.search(CustomerQuery(text="hanmeimei"))
    with ctx.db.raw_connection() as conn:
        assert conn.execute("SELECT lost_value FROM conflict").fetchall() == [("mine",)]
        last = conn.execute("SELECT value FROM meta WHERE key='last_stamp'").fetchone()[0]
    top = max(r["stamp"] for r in merged.tables["customer"].values())
    assert last > top
    # re-importing the same file, or our own backup, changes nothing
    again = svc.merge_preview(tmp_path / "theirs.crmbak", PASS)
    assert again.is_empty
    again.discard()
    svc.backup(tmp_path / "own.crmbak", PASS)
    own = svc.merge_preview(tmp_path / "own.crmbak", PASS)
    assert own.is_empty
    own.discard()


def test_older_schema_backup_is_migrated_then_merged(ctx, customers, other, tmp_path):
    """A backup whose database has an older schema version is migrated in a temporary file and merged."""
    octx, ocust = other
    ocust.create(CustomerInput(name="韩梅梅"))
    image = snapshot_database(octx.db.path)
    old = sqlite3.connect(":memory:")
    old.deserialize(image)
    old.execute("PRAGMA user_version = 0")
    data = bf.seal(old.serialize(), PASS, schema_version=0, site_id="old", now=ctx.now(), app_version="0.0",
                   kdf=FAST_KDF)
    (tmp_path / "old.crmbak").write_bytes(data)
    preview = _svc(ctx).merge_preview(tmp_path / "old.crmbak", PASS)
    assert preview.incoming.migrated_from == 0
    assert preview.counts["customer"].new == 1
    _svc(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.count() == 1
    assert not [p for p in Path(ctx.db.path).parent.iterdir() if "incoming" in p.name or "schema0" in p.name]


def test_automatic_local_backups_keep_the_last_n(ctx, customers, clock):
    """Automatic backups are plain SQLite files in backups/, only the newest N are kept."""
    from datetime import timedelta

    customers.create(CustomerInput(name="张伟"))
    svc = _svc(ctx)
    assert svc.auto_backup_due()
    for _ in range(4):
        svc.auto_backup(keep=2)
        clock.value += timedelta(hours=1)
    files = svc.auto_backups()
    assert len(files) == 2
    assert sqlite3.connect(files[-1]).execute("SELECT count(*) FROM customer").fetchone()[0] == 1
    assert not svc.auto_backup_due()
    clock.value += timedelta(days=1)
    assert svc.auto_backup_due()
    assert svc.last_backup_time() is not None


def test_merge_reuses_the_preview_plan_only_while_nothing_changed_locally(ctx, customers, other, tmp_path,
                                                                          monkeypatch):
    """Apply skips re-planning when the local file is untouched, and re-plans after a local edit."""
    import crm_desktop.services.backup.merging as backup_module

    octx, ocust = other
    ocust.create(CustomerInput(name="韩梅梅"))
    _svc(octx).backup(tmp_path / "theirs.crmbak", PASS)
    svc = _svc(ctx)
    calls = []
    real = backup_module.plan_merge
    monkeypatch.setattr(backup_module, "plan_merge", lambda *a, **k: calls.append(1) or real(*a, **k))

    svc.merge_apply(svc.merge_preview(tmp_path / "theirs.crmbak", PASS))
    assert len(calls) == 1

    ocust.create(CustomerInput(name="李雷"))
    _svc(octx).backup(tmp_path / "theirs2.crmbak", PASS)
    preview = svc.merge_preview(tmp_path / "theirs2.crmbak", PASS)
    mine = customers.create(CustomerInput(name="王芳")).id  # committed after the preview
    svc.merge_apply(preview)
    assert len(calls) == 3
    names = {customers.get(i).name for i in customers.search(CustomerQuery())}
    assert {"韩梅梅", "李雷", "王芳"} <= names and customers.get(mine).name == "王芳"


def test_merge_preview_is_plain_data_and_its_token_is_reopened(ctx, customers, other, tmp_path):
    """A preview holds no connection (it pickles); another service of the book applies it from its token."""
    import pickle

    octx, ocust = other
    ocust.create(CustomerInput(name="韩梅梅"))
    _svc(octx).backup(tmp_path / "theirs.crmbak", PASS)
    preview = _svc(ctx).merge_preview(tmp_path / "theirs.crmbak", PASS)
    pickle.dumps(preview)
    assert preview.token is not None and preview.token.is_file()
    assert preview.token.parent == Path(ctx.db.path).parent  # the checked copy lies in the data folder
    result = _svc(ctx).merge_apply(preview)  # a service that never saw the plan plans again under the lock
    assert result.counts["customer"].new == 1
    assert not preview.is_open and not any(Path(ctx.db.path).parent.glob(".crm-incoming-*"))
    customers.invalidate()
    assert customers.search(CustomerQuery(text="韩梅梅"))


def test_a_teammates_never_edited_records_are_copied_as_they_are_and_the_merge_still_equals_the_reference(
        ctx, customers, other, tmp_path, clock):
    """A new customer and new logged contacts never edited are copied without decoding; an edited contact
    and a deleted one are joined row by row; the merged book equals merge_states of both files either way,
    and the copied customer is found by search."""
    from datetime import timedelta

    from crm_desktop.db import merge as merge_db
    from crm_desktop.services.merge import plan_merge
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    octx, ocust = other
    cid = ocust.create(CustomerInput(name="韩梅梅")).id
    timeline = TimelineService(octx)
    logged = [timeline.log_contact(ContactLogInput(customer_id=cid, summary=f"谈过 {i}", occurred_at=octx.now())).id
              for i in range(3)]
    clock.value += timedelta(seconds=1)
    timeline.update(logged[1], ContactLogInput(customer_id=cid, summary="改过", occurred_at=octx.now()))
    timeline.delete(logged[2])
    osvc = _svc(octx)
    osvc.backup(tmp_path / "theirs.crmbak", PASS)
    reference = merge_states(read_state(sqlite3.connect(ctx.db.path)), read_state(sqlite3.connect(octx.db.path)))

    svc = _svc(ctx)
    preview = svc.merge_preview(tmp_path / "theirs.crmbak", PASS)
    assert preview.counts["interaction"].new == 2  # the deleted one is not counted as new
    with ctx.db.bulk() as conn, merge_db.attached(conn, preview.token) as inc:
        plan = plan_merge(conn, inc)
    assert plan.copies["interaction"][1] == [logged[0]]  # only the plain one skips decoding
    assert {r[plan.writes["interaction"][0].index("id")] for r in plan.writes["interaction"][1]} == set(logged[1:])
    assert plan.copies["customer"][1] == [cid] and cid in plan.reindex  # copied, and indexed after the merge
    svc.merge_apply(preview)
    merged = read_state(sqlite3.connect(ctx.db.path))
    assert {t: r for t, r in merged.tables.items() if r} == {t: r for t, r in reference.state.tables.items() if r}
    customers.invalidate()
    assert customers.search(CustomerQuery(text="hmm")) == [cid]  # its pinyin initials: made here
