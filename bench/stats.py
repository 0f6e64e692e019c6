"""The one percentile every benchmark reports, so a p99 in one table means what it means in
the next (there were seven copies, in two definitions)."""

from __future__ import annotations

from collections.abc import Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The sample at rank ``q`` (0-1) of the sorted samples, ``floor(q * n)``, capped at the
    largest: for 200 samples p99 is the 199th, so a p99 never hides the second-worst."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
