"""Two designs side by side (the calculator's compare view): the key counts and the watts by category of A and
B, and B − A, each formatted by [`fmt`][clustersize.fmt]."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import fmt

COMPARED = (
    "nodes",
    "gpus",
    "switches_total",
    "optics",
    "p_node_total_w",
    "p_switching_w",
    "p_optics_w",
    "p_extra_w",
    "p_total_w",
    "headroom_w",
    "p_facility_w",
)
"""What the compare view shows, in order: counts, then the IT power by category, its total, the headroom under
the cap and the facility power (W)."""


def delta(a: Any, b: Any) -> Any:
    """``b − a`` for two numbers (exact for integers); ``None`` when either is missing or not a number."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))
    return b - a if numbers else None


def deltas(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, str]:
    """B − A for every compared key, signed (``+12``, ``−1,500``, ``0``; ``n/a`` when missing)."""
    return {key: fmt.signed(delta(a.get(key), b.get(key))) for key in COMPARED}
