"""``INSERT ... ON CONFLICT`` for the two dialects we run on; both spell it the same way."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite


def insert(dialect: str, table: Any) -> Any:
    """An insert statement that has ``on_conflict_do_nothing`` / ``on_conflict_do_update``."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
