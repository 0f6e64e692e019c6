"""The structure the README describes, checked: no import cycle between modules, and every
command's handler resolvable (the deferred ones included) without calling it.

The layers themselves are import-linter's contracts in pyproject.toml (``lint-imports`` in
.ci/run)."""

from __future__ import annotations

import inspect
from pathlib import Path

import grimp

from bot.app.assembly import build_registry
from bot.core.registry import Deferred

PACKAGES = ("bot", "adapters", "storage", "messages")


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), as sorted lists."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                m = stack.pop()
                on_stack.discard(m)
                group.append(m)
                if m == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_back() -> None:
    # type-checking imports count too: a cycle hidden behind TYPE_CHECKING is still one to read
    graph = grimp.build_graph(*PACKAGES)
    assert _cycles(graph) == []


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


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for a, b in (("x.a", "x.b"), ("x.b", "x.c"), ("x.c", "x.a"), ("x.c", "x.d")):
        graph.add_import(importer=a, imported=b)
    assert _cycles(graph) == [["x.a", "x.b", "x.c"]]


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
