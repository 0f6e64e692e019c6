"""Running a coroutine without an event loop when it never needs one.

``import asyncio`` costs a fresh process 30-45 ms on this machine (it brings ssl, socket,
subprocess and concurrent.futures), a third of ``coalition-bot ask "paragraph 3e"``. A look-up
in the Code awaits nothing that waits: every coroutine on its path returns at its first step.
``run`` drives such a coroutine by hand, and falls back to ``asyncio.run`` for one that does
need the loop (the database, a thread, a sleep), which it recognises before that work starts:

- Nothing can wait on a loop without importing asyncio (our modules import it, or a library
  that imports it, inside the function that needs it). While the coroutine is driven by hand
  an import of asyncio raises ``NeedsLoop`` at that import statement, before any use. It is a
  ``BaseException``, so the ``except Exception`` that keeps a stack trace out of a chat
  (``Core.handle``) does not swallow it; the half-run coroutine is closed (its ``finally``
  blocks run) and a fresh one is run on a loop.
- A coroutine that suspends (yields) without asyncio is closed and run on a loop the same way.
- Once asyncio is imported the hand drive is skipped: ``asyncio.run`` at once.

So a coroutine passed here may be started twice: ``make`` must build a fresh one each time, and
whatever it does before it first imports asyncio must have no effect outside the objects it
builds itself (``ask`` builds its core inside, and prints and saves files after ``run``).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Coroutine
from importlib.machinery import ModuleSpec
from typing import Any, TypeVar

T = TypeVar("T")


class NeedsLoop(BaseException):
    """Raised at the import of asyncio while a coroutine is driven without a loop."""


class _NoAsyncio:
    """A meta path finder that refuses asyncio (and its submodules) by raising."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name == "asyncio" or name.startswith("asyncio."):
            raise NeedsLoop(name)
        return None


def run(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """The result of ``make()``'s coroutine: by hand if it never needs a loop, else on one."""
    if "asyncio" not in sys.modules:
        guard = _NoAsyncio()
        sys.meta_path.insert(0, guard)
        coroutine = make()
        try:
            coroutine.send(None)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        except NeedsLoop:
            pass
        else:  # it suspended on something of its own: only a loop can resume it
            with contextlib.suppress(NeedsLoop):  # its clean-up wanting the loop as well
                coroutine.close()
        finally:
            sys.meta_path.remove(guard)
    import asyncio

    return asyncio.run(make())
