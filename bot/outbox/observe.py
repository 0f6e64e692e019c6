"""What the delivery worker tells the outside world about each attempt: the seam the metrics
(``bot.app.metrics``) hang on, so the worker knows nothing of Prometheus and a test can watch
outcomes without reading logs.

An observer is called once per attempt that reached a platform's sender (or timed out in it),
with the platform, the outcome and the seconds the send took. It runs inline on the worker's
loop, so it must be quick and must not raise; a failing observer is logged and ignored.
"""

from __future__ import annotations

import logging
from typing import Literal, Protocol

log = logging.getLogger(__name__)

Outcome = Literal["sent", "retry", "timeout", "rejected", "gone", "moved", "error"]
OUTCOMES: tuple[Outcome, ...] = ("sent", "retry", "timeout", "rejected", "gone", "moved", "error")


class DeliveryObserver(Protocol):
    def delivered(self, platform: str, outcome: Outcome, seconds: float) -> None:
        """One attempt finished with ``outcome`` after ``seconds`` in the sender."""
        ...


class Observers:
    """The worker's observers; ``notify`` never lets one of them break a delivery."""

    def __init__(self) -> None:
        self._observers: list[DeliveryObserver] = []

    def add(self, observer: DeliveryObserver) -> None:
        self._observers.append(observer)

    def notify(self, platform: str, outcome: Outcome, seconds: float) -> None:
        for observer in self._observers:
            try:
                observer.delivered(platform, outcome, seconds)
            except Exception:
                log.exception("a delivery observer failed; ignoring it")
