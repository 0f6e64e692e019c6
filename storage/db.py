"""The async engine and sessions, on SQLite (embedded default) or PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, SessionTransaction
from sqlmodel import Session as SQLModelSession
from sqlmodel.ext.asyncio.session import AsyncSession


class WriteSession(SQLModelSession):
    """A session for read-modify-write: on SQLite each of its transactions starts with
    ``BEGIN IMMEDIATE`` (see ``Database.session``)."""


@event.listens_for(WriteSession, "after_begin")
def _begin_immediate(
    session: Session, _transaction: SessionTransaction, connection: Connection
) -> None:
    # The sqlite3 driver opens its transaction only at the first INSERT/UPDATE/DELETE, so the
    # reads before it see no lock: two check-then-change requests could both pass the check.
    # Executed first, BEGIN IMMEDIATE takes the write lock before anything is read (the
    # driver then issues no BEGIN of its own); another writer waits on busy_timeout.
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


WRITE_BEHIND = "write-behind"
"""The name of the tasks that write a batch behind the answers (the directory's sightings, the
conversation topics): their CPU is the batch's, which a bench shares out over the answers it
serves rather than charging it to the one that was running when the batch's timer fired."""

POOL_TIMEOUT = 30.0
"""Seconds a session waits for a pooled connection when all are in use (SQLAlchemy's default);
past it the database is ``busy``."""

BUSY_TIMEOUT = 10.0
"""Seconds an SQLite statement waits for another process's write lock before it fails with
"database is locked" (``locked``); bounded so that a member is told the database is busy
instead of waiting a minute (the setting COALITION_DB_BUSY_TIMEOUT changes it)."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a PostgreSQL server to answer a new connection (``?connect_timeout=``
in ``DATABASE_URL`` changes it)."""


def _seconds(value: object) -> float:
    text = value[0] if isinstance(value, tuple) else value
    try:
        seconds = float(str(text))
    except ValueError:
        raise ValueError(f"connect_timeout={text} is not a number of seconds") from None
    if seconds <= 0:
        raise ValueError(f"connect_timeout={text} must be more than 0 seconds")
    return seconds


class Database:
    """One engine per process; ``start`` migrates the schema to the newest revision."""

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        echo: bool = False,
        pool_timeout: float = POOL_TIMEOUT,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> None:
        self.url = make_url(url)
        kwargs: dict[str, Any] = {"echo": echo, "pool_timeout": pool_timeout}
        connect_args: dict[str, Any] = {}
        if self.dialect == "sqlite":
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            connect_args["timeout"] = busy_timeout
        elif self.dialect == "postgresql":
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
            # asyncpg waits 60 s for a host that takes the connection and never answers, so
            # a one-shot `ask` looked hung. libpq's own parameter name sets it in the URL.
            timeout = self.url.query.get("connect_timeout", CONNECT_TIMEOUT)
            self.url = self.url.difference_update_query(["connect_timeout"])
            connect_args["timeout"] = _seconds(timeout)
            # asyncpg prepares every statement, and after five runs PostgreSQL may switch a
            # prepared statement to a generic plan that cannot see its parameters: practices
            # search then walked the newest notes for a rare word (1M notes: 4 ms for the
            # first searches, 110 ms from the sixth on). Planning each run costs < 1 ms.
            settings = {"plan_cache_mode": "force_custom_plan"}
            if schema:
                # A schema of its own per test run, so tests on one server never collide.
                settings["search_path"] = schema
            connect_args["server_settings"] = settings
        self.schema = schema
        self.engine: AsyncEngine = create_async_engine(
            self.url, connect_args=connect_args, **kwargs
        )
        if self.dialect == "sqlite":
            millis = max(1, round(busy_timeout * 1000))

            def pragmas(dbapi_connection: Any, _record: Any) -> None:
                _sqlite_pragmas(dbapi_connection, millis)

            event.listen(self.engine.sync_engine, "connect", pragmas)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._write_sessions = async_sessionmaker(
            self.engine,
            class_=AsyncSession,
            sync_session_class=WriteSession,
            expire_on_commit=False,
        )

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    async def start(self) -> None:
        from storage.migrate import upgrade

        await upgrade(self.engine)

    @asynccontextmanager
    async def session(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        """A session. ``write=True`` for a transaction that reads and then changes what it
        read (check-then-change): on SQLite it holds the database's write lock from its first
        statement (``BEGIN IMMEDIATE``), as ``SELECT ... FOR UPDATE`` holds the rows on
        PostgreSQL, so two such transactions run one after the other. Don't open another
        write session inside one: on SQLite it would wait for the first."""
        async with (self._write_sessions if write else self._sessions)() as session:
            yield session

    async def close(self) -> None:
        await self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, busy_millis: int) -> None:
    # WAL lets readers run beside the one writer; busy_timeout waits instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_millis)}")
    cursor.close()


async def create_schema(url: str, prefix: str) -> str:
    """A new, empty PostgreSQL schema with a unique name (tests and benchmarks work in one
    each, so runs on a shared server never collide); returns its name."""
    import uuid

    from sqlalchemy import text

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = Database(url)
    async with admin.engine.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.close()
    return schema


async def drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import text

    admin = Database(url)
    async with admin.engine.begin() as conn:
        await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    await admin.close()
