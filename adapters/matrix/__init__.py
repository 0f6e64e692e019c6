"""Matrix through matrix-nio: the adapter (sync in, answers out) and the outbox sender,
sharing one client. ``install`` adds both to a runtime when Matrix is configured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.matrix import texts  # noqa: F401  (its sentences, in the catalogue)

if TYPE_CHECKING:
    from adapters.matrix.adapter import MatrixAdapter
    from bot.core.runtime import Runtime


def install(runtime: Runtime) -> MatrixAdapter:
    """Adds the Matrix service and sender; raises ``ConfigError`` on a malformed setting."""
    from adapters.matrix.adapter import MatrixAdapter
    from adapters.matrix.config import MatrixConfig

    adapter = MatrixAdapter(runtime.core, MatrixConfig.from_settings(runtime.core.settings))
    runtime.add_service(adapter)
    runtime.add_sender(adapter.sender)
    return adapter
