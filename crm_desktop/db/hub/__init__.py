"""The team hub on PostgreSQL: its own tables and row-level security (:mod:`.schema`), the administrator's
commands (:mod:`.admin`), connecting (:mod:`.connect`), the hub's queries of a sync (:mod:`.rows`) and the
book's side of it (:mod:`.book`).  The sync's logic is :mod:`crm_desktop.services.hub`."""
