"""The migrations. A package so that the import contract (lint-imports) holds them to storage's
layer: before, it analysed 134 of the 146 modules and a migration could import bot/ unseen.
Alembic does not load ``__init__.py`` as a revision."""
