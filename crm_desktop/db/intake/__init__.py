"""Reading a backup's database as untrusted data: what restore and merge see of a teammate's file.

Whoever knows the team passphrase can make a backup, so a correctly encrypted
file is *authenticated*, not *trusted*: it may come from a teammate who left,
or from a buggy or older copy of the app.  :func:`take_in` therefore never
adopts anything of the file's schema.  It writes a **fresh database made from
the app's own schema** (what the migrations produce, :func:`~crm_desktop.db.intake.schema.schema_image`) and
copies into it, by column name, the rows of the tables the app knows.  Then,
on that copy:

* every index is rebuilt from the rows (a crafted file can hold index entries
  that do not match its rows);
* every value is checked for its type, length, form and vocabulary
  (:func:`~crm_desktop.db.intake.rules.value_checks`): ids, stamps (``WWWWWWWWWWWWW-CCCCC-SITE``, see
  :mod:`crm_desktop.db.stamps`), ``field_stamps`` (a JSON object of stamps
  keyed by the table's own columns), timestamps and dates that parse, 0/1
  flags, amounts that fit, texts that are valid UTF-8 without NUL characters;
* every reference (foreign keys, and the contact/complaint a logged contact
  names) must point at a row of the file;
* stamps later than the backup says it was made are lowered to that time
  (:func:`crm_desktop.db.stamps.clamp_table`), and counted per site for the
  preview: a stamp from the far future would otherwise win every merge forever.

Modules: :mod:`.take` (the steps), :mod:`.schema` (the app's schema, the
file's revision), :mod:`.copy` (copying by column name), :mod:`.rules` (the
checks), :mod:`.report`, :mod:`.errors`.

A file that breaks any rule is refused with one sentence naming the kind of
record and the column; nothing of it reaches the book.  Triggers, views, extra
tables, extra indexes and extra columns are never copied or run: they are
listed in :attr:`IntakeReport.ignored` so the preview can say so.  The file
is read with ``trusted_schema=OFF`` in SQLite's defensive mode, and a name is
only read once ``sqlite_master`` shows it is a plain table (reading a virtual
table runs its module's code).

What is not copied: ``meta``, ``conflict`` and ``change_batch`` (local to
each laptop), the dashboard's cached figures (derived: neither read nor listed as ignored,
the app recomputes them) and the search index (derived data; restore copies the file's
only after checking it, and the service rebuilds it when a sample disagrees).
"""

from __future__ import annotations

from crm_desktop.db.intake.errors import (
    BadValuesError,
    BrokenReferenceError,
    BrokenRulesError,
    DamagedDataError,
    IntakeError,
    MissingColumnError,
    NoUsableTableError,
    UnknownRevisionError,
    UnpackFailedError,
)
from crm_desktop.db.intake.report import IntakeReport, clean_label
from crm_desktop.db.intake.rules import (
    ENUM_COLUMNS,
    EXTRA_REFERENCES,
    MAX_AMOUNT,
    MAX_TEXT,
    check_values,
    date_ok_sql,
    timestamp_ok_sql,
    value_checks,
)
from crm_desktop.db.intake.schema import (
    DERIVED_TABLES,
    HEAD_REVISION,
    KNOWN_REVISIONS,
    LOCAL_TABLES,
    MAX_SCHEMA_OBJECTS,
    SEARCH_TABLES,
    SYNCED,
    TAKEN,
    app_schema,
    head_schema,
    mark_rollback_journal,
    read_revision,
    schema_image,
)
from crm_desktop.db.intake.take import Progress, take_in

__all__ = [
    "BadValuesError", "BrokenReferenceError", "BrokenRulesError", "DamagedDataError", "IntakeError",
    "MissingColumnError", "NoUsableTableError", "UnknownRevisionError", "UnpackFailedError",
    "IntakeReport", "clean_label", "ENUM_COLUMNS", "EXTRA_REFERENCES", "MAX_AMOUNT", "MAX_TEXT", "check_values",
    "date_ok_sql", "timestamp_ok_sql", "value_checks", "DERIVED_TABLES", "HEAD_REVISION", "KNOWN_REVISIONS",
    "LOCAL_TABLES",
    "MAX_SCHEMA_OBJECTS", "SEARCH_TABLES", "SYNCED", "TAKEN", "app_schema", "head_schema",
    "mark_rollback_journal", "read_revision", "schema_image", "Progress", "take_in",
]
