"""The structure the README describes, checked: every module seen by the import contracts,
and every command's handler resolvable (the deferred ones included) without calling it.

The layers and the absence of import cycles (``acyclic_siblings``, down to modules) are
import-linter's contracts in pyproject.toml (``lint-imports`` in .ci/run)."""

from __future__ import annotations

import inspect
from pathlib import Path

import grimp

from bot.app.assembly import build_registry
from bot.core.registry import Deferred

PACKAGES = ("bot", "adapters", "storage", "messages")


def test_the_contracts_see_every_module() -> None:
    """import-linter (and the cycle check above) see only packages: a folder of modules without
    ``__init__.py`` is left out without a word. ``storage/migrations`` was, 12 modules, so a
    migration could have imported ``bot`` with every contract kept."""
    root = Path(__file__).resolve().parent.parent
    on_disk = {
        ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        for package in PACKAGES
        for path in (root / package).rglob("*.py")
    }
    assert on_disk - grimp.build_graph(*PACKAGES).modules == set()


def test_every_command_resolves_to_a_coroutine_function() -> None:
    registry = build_registry()
    assert len(registry) >= 15
    deferred = 0
    for command in registry:
        handler = command.handler
        if isinstance(handler, Deferred):
            deferred += 1
            handler = handler.resolve()
        assert inspect.iscoroutinefunction(handler), command.name
    assert deferred >= 1  # the best-practice handlers load on first use
