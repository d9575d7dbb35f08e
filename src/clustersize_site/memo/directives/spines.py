"""The spine formula (design decisions): the plan's naive spine count against the solver's even spread."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from clustersize import fmt

from ..data import Scenario
from ..registry import Context, directive
from ..render import table

ROLE = "naive_spines"
"""The scenario role whose ``{{= naive.FIELD }}`` values the page quotes (``[roles]`` in scenarios.toml)."""


def naive_values(sc: Scenario) -> dict[str, str]:
    """The naive count \\(\\lceil L\\,U / R_\\text{spine} \\rceil\\) and the solver's count for one scenario,
    printed: leaves, uplinks, spines, uplinks per spine and ports used per spine."""
    r = sc.result
    up, ports = sc.config.fabric.leaf_uplink_ports, sc.config.fabric.spine.ports
    naive = math.ceil(r["leaves"] * up / ports)
    lo, hi = up // naive, math.ceil(up / naive)
    n = fmt.number
    return {
        "leaves": n(r["leaves"]),
        "uplinks": n(r["uplinks_total"]),
        "leaf_uplinks": n(up),
        "spine_ports": n(ports),
        "spines": n(naive),
        "solver_spines": n(r["spines"]),
        "per_spine_naive": n(lo) if lo == hi else f"{n(lo)} or {n(hi)} (uneven)",
        "per_spine_solver": n(up // r["spines"]),
        "ports_naive": f"{n(r['leaves'] * lo)} to {n(r['leaves'] * hi)}"
        if lo != hi
        else n(r["leaves"] * lo),
        "ports_solver": n(r["leaves"] * up // r["spines"]),
    }


@directive("naive-spines")
def naive_spines(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """The naive and the solver's spine count side by side for one scenario."""
    nv = naive_values(ctx.scenario(name))
    return table(
        ["", "Spines", "Uplinks from each leaf to each spine", "Ports used per spine"],
        [
            (
                "Naive: \\(\\lceil L\\,U / R_\\text{spine} \\rceil\\)",
                nv["spines"],
                nv["per_spine_naive"],
                nv["ports_naive"],
            ),
            (
                "Solver: smallest divisor \\(S\\) of \\(U\\)",
                nv["solver_spines"],
                nv["per_spine_solver"],
                nv["ports_solver"],
            ),
        ],
        "lrrr",
    )
