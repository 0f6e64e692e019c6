"""Alembic's environment. A package so that the import contract (lint-imports) sees it."""
