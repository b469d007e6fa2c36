"""The command line: help, demo, check, and one-sentence errors."""

import sqlite3

from crm_desktop.cli import main


def test_help_lists_commands(capsys):
    """--help names the subcommands."""
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert "demo" in out and "check" in out


def test_demo_without_gui_then_check(tmp_path, capsys):
    """demo --no-gui writes a book that check finds healthy."""
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--customers", "50", "--seed", "3", "--db", str(path), "--no-gui"]) == 0
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "integrity: ok" in out and "customer: 50" in out and out.rstrip().endswith("OK")


def test_check_refuses_a_foreign_file_with_one_sentence(tmp_path, capsys):
    """Another program's SQLite file: one sentence on stderr, exit status 2, file untouched."""
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert main(["check", "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "another application" in err and "\n" not in err
    assert path.read_bytes() == before
