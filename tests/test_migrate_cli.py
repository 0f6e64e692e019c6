"""``coalition-bot migrate`` through the CLI: what it applies, ``--check`` for a deploy script
(0 current, 3 not, one line either way), ``--to`` to revert before a rollback, and a schema
newer than the release named as such."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.migrate import head, history
from tests.conftest import migrated_sqlite
from tests.test_database_errors import run

HEAD, LAST = head(), history()[-1][1]  # as another branch's migration moves them


def _cli(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    done = run(["migrate", *args], tmp_path, COALITION_DATA_DIR=str(tmp_path / "data"))
    return done.returncode, done.stdout, done.stderr


def _at_head(tmp_path: Path) -> None:
    """The data folder's database at the newest revision, as ``migrate`` leaves it (a copy of
    the one the migrations wrote once for the worker: test_check_then_migrate_then_check runs
    them through the CLI)."""
    migrated_sqlite(tmp_path / "data" / "coalition.db")
    assert _revision(tmp_path) == HEAD


def _revision(tmp_path: Path) -> str:
    with sqlite3.connect(tmp_path / "data" / "coalition.db") as db:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_check_then_migrate_then_check(tmp_path: Path) -> None:
    code, out, _ = _cli(tmp_path, "--check")
    assert code == 3
    assert out.splitlines() == [
        f"schema at revision empty, this release needs {HEAD}: {len(history())} migration(s) "
        "to apply (coalition-bot migrate)"
    ]
    code, out, err = _cli(tmp_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "applied 0001_core"
    assert lines[-2:] == [f"applied {LAST}", f"schema at revision {HEAD}"]
    assert len(lines) == len(history()) + 1
    assert _revision(tmp_path) == HEAD
    assert _cli(tmp_path, "--check")[:2] == (0, f"schema current (revision {HEAD})\n")
    assert _cli(tmp_path)[:2] == (0, f"schema current (revision {HEAD}): nothing to apply\n")


def test_revert_for_a_rollback_then_upgrade_again(tmp_path: Path) -> None:
    _at_head(tmp_path)
    code, out, err = _cli(tmp_path, "--to", "0011")
    assert code == 0, err
    later = [name for rev, name in history() if rev > "0011"]
    assert out.splitlines() == [
        *(f"reverted {name}" for name in reversed(later)),
        "schema at revision 0011",
    ]
    assert _revision(tmp_path) == "0011"
    assert _cli(tmp_path, "--check")[0] == 3
    assert _cli(tmp_path)[1].splitlines() == [
        *(f"applied {name}" for name in later),
        f"schema at revision {HEAD}",
    ]
    code, _, err = _cli(tmp_path, "--to", "9999")
    assert code == 2
    assert err.startswith("coalition-bot: no revision 9999; known: 0001, ")


def test_a_schema_newer_than_the_release_is_named(tmp_path: Path) -> None:
    _at_head(tmp_path)
    with sqlite3.connect(tmp_path / "data" / "coalition.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    for args in ((), ("--check",)):
        code, out, err = _cli(tmp_path, *args)
        assert code == 3
        assert out == ""
        assert err.startswith("coalition-bot: the schema is at revision 0099, newer than")
        assert len(err.splitlines()) == 1
