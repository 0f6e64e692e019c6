"""What a database error means, told from the error's type and code, never from its message.

``fault(error)`` walks the error and what caused it (``__cause__``, ``__context__`` and a
SQLAlchemy ``DBAPIError``'s ``orig``) and names the first thing it recognises:

- ``Fault.LOCKED``: another connection (another process, usually) held SQLite's write lock for
  the whole busy timeout: ``sqlite3.Error.sqlite_errorcode`` is ``SQLITE_BUSY`` or
  ``SQLITE_LOCKED`` (the primary code, the low byte of an extended one).
- ``Fault.BUSY``: the database is there but did not serve in time because of load: every
  pooled connection stayed in use for the pool's whole wait (SQLAlchemy's pool
  ``TimeoutError``), or PostgreSQL said so by SQLSTATE (too many connections, a lock not
  available, a deadlock or serialization failure, a statement cancelled by its timeout).
- ``Fault.UNAVAILABLE``: the server is not (yet) there: a refused, reset or timed-out
  connection (an ``OSError`` of the network, not of a file), a connection SQLAlchemy found
  invalidated, or a SQLSTATE of class 08 (connection exception) or an operator's shutdown or
  start-up (57P01, 57P02, 57P03).
- ``Fault.INTEGRITY``: a constraint refused the change (SQLSTATE class 23, ``SQLITE_CONSTRAINT``,
  SQLAlchemy's ``IntegrityError``).

``None`` for anything else (a bug, a wrong password, a missing database): callers log those
with their traceback. Nothing is imported here: the drivers' and SQLAlchemy's classes are
looked up in ``sys.modules`` (an error of a module never loaded cannot exist), so the
commands that need no database stay light.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator


class Fault(enum.Enum):
    LOCKED = "locked"
    BUSY = "busy"
    UNAVAILABLE = "unavailable"
    INTEGRITY = "integrity"


# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CONSTRAINT = 19

# PostgreSQL's SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_BUSY_STATES = {
    "53300",  # too_many_connections
    "55P03",  # lock_not_available
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "57014",  # query_canceled (statement_timeout)
}
_UNAVAILABLE_STATES = {
    "57P01",  # admin_shutdown
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now (the database system is starting up)
}


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        e = todo.pop(0)
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        orig = getattr(e, "orig", None)  # SQLAlchemy's DBAPIError: the driver's error
        for nxt in (orig, e.__cause__, e.__context__):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def _sqlstate(e: BaseException) -> str | None:
    # asyncpg's errors carry ``sqlstate``; SQLAlchemy's asyncpg adapter copies it as
    # ``sqlstate`` and ``pgcode`` (psycopg's name).
    code = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
    return code if isinstance(code, str) and len(code) == 5 else None


def _one(e: BaseException) -> Fault | None:
    sqlite3 = sys.modules.get("sqlite3")  # not loaded: no SQLite error can exist
    if sqlite3 is not None and isinstance(e, sqlite3.Error):
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(code, int):
            primary = code & 0xFF
            if primary in (SQLITE_BUSY, SQLITE_LOCKED):
                return Fault.LOCKED
            if primary == SQLITE_CONSTRAINT:
                return Fault.INTEGRITY
        return None
    state = _sqlstate(e)
    if state is not None:
        if state in _BUSY_STATES:
            return Fault.BUSY
        if state in _UNAVAILABLE_STATES or state.startswith("08"):
            return Fault.UNAVAILABLE
        if state.startswith("23"):
            return Fault.INTEGRITY
        return None
    if isinstance(e, ConnectionError | TimeoutError):
        return Fault.UNAVAILABLE
    if isinstance(e, OSError) and e.filename is None:  # a socket's, not a file's
        return Fault.UNAVAILABLE
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is not None:
        if isinstance(e, exc.TimeoutError):  # the pool's wait for a connection
            return Fault.BUSY
        if isinstance(e, exc.DBAPIError) and e.connection_invalidated:
            return Fault.UNAVAILABLE
        if isinstance(e, exc.IntegrityError):
            return Fault.INTEGRITY
    return None


def fault(error: BaseException) -> Fault | None:
    """The first recognised fault in ``error`` and its causes, or ``None``."""
    for e in _chain(error):
        found = _one(e)
        if found is not None:
            return found
    return None


def busy(error: BaseException) -> bool:
    """The database is there but did not serve in time (load, or SQLite's write lock held by
    another process): expected under overload, so callers answer "busy, try again" and log
    one line without a traceback."""
    return fault(error) in (Fault.BUSY, Fault.LOCKED)


def locked(error: BaseException) -> bool:
    """Another connection held SQLite's write lock for the whole busy timeout: the member is
    told another process is writing, not that the bot is overloaded."""
    return fault(error) is Fault.LOCKED


def unavailable(error: BaseException) -> bool:
    """The database server is not (yet) there: worth waiting for, unlike a wrong password."""
    return fault(error) is Fault.UNAVAILABLE


def transient(error: BaseException) -> bool:
    """Busy or unavailable: a later try may succeed, so one line is logged, not a traceback."""
    return fault(error) in (Fault.BUSY, Fault.LOCKED, Fault.UNAVAILABLE)
