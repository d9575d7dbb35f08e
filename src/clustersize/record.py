"""From a solved design to its [`Result`][clustersize.result.Result]: every output value is computed here, once."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._version import __version__
from .model import Config, Range
from .physical import physical_fields
from .power import (
    Power,
    budget_w,
    cap_w,
    exact,
    it_cap_w,
    nameplate_w,
    node_power_w,
    num,
    p_node_w,
    units,
    watts,
    watts_or_none,
)
from .result import Result
from .topology import Topology


@dataclass(frozen=True)
class Outcome:
    """What the search concluded about one design, before it becomes a [`Result`][clustersize.result.Result]."""

    mode: str
    status: str
    binding: str | None
    detail: str
    shortfall: Fraction | None
    fitted: int | None = None
    """max_nodes only: the largest count that fits before rounding down to whole scalable units."""


@dataclass(frozen=True)
class Band:
    """The node counts over the ranged inputs: ``low`` with all of them high, ``high`` with all of them low."""

    paths: tuple[str, ...]
    low: int
    high: int
    evaluations: int

    def fit(self, nodes: int) -> str:
        """At how many low/high corners ``nodes`` nodes fit: ``every``, ``some`` or ``none``.

        Fitting is monotone in the node count at each corner, so ``nodes`` fits at the all-high corner exactly
        when ``nodes ≤ low`` (then at every corner), and at the all-low corner exactly when ``nodes ≤ high``.
        """
        return "every" if nodes <= self.low else "some" if nodes <= self.high else "none"


# Result fields copied from the Topology of the design, under the same name.
_TOPOLOGY_KEYS = (
    "tiers", "host_ports", "leaves", "rail_groups", "uplinks_total", "pods", "spines", "cores",
    "switches_total", "links_host_leaf", "links_leaf_spine", "links_spine_core", "links_total",
)  # fmt: skip


def extra_rows(config: Config, nodes: int) -> list[dict[str, Any]]:
    """Each extra load as sized for ``nodes`` compute nodes: ``{name, count, power_w, total_w}``."""
    rows = []
    for load in config.extra_loads:
        count, each = units(load, nodes), num(load.power_w)
        rows.append(
            {
                "name": load.name,
                "count": count,
                "power_w": watts(each),
                "total_w": watts(count * each),
            }
        )
    return rows


def _node_bases(config: Config) -> dict[str, Any]:
    """Both node powers and their ratio when the nameplate is known; nulls otherwise."""
    plate = nameplate_w(config.node)
    if plate is None:
        return dict.fromkeys(
            ("p_node_components_w", "p_node_nameplate_w", "p_node_nameplate_ratio")
        )
    parts = node_power_w(config.node)
    return {
        "p_node_components_w": watts(parts),
        "p_node_nameplate_w": watts(plate),
        "p_node_nameplate_ratio": round(float(plate / parts), 3),
    }


def _planning(
    config: Config, nodes: int, spread: Band | None, mode: str, budget: Fraction
) -> dict[str, Any]:
    """The planning-grade fields: budget chain, extra loads, node power bases, band."""
    extra = sum((units(x, nodes) * num(x.power_w) for x in config.extra_loads), Fraction(0))
    return {
        "cap_basis": config.cap_basis,
        "planning_margin": config.planning_margin,
        "power_basis": config.power_basis,
        "it_cap_after_pue_w": watts(it_cap_w(config)),
        "it_budget_w": watts(budget),
        "p_extra_w": watts(extra),
        "extra_loads": extra_rows(config, nodes),
        **_node_bases(config),
        "ranged_inputs": list(spread.paths) if spread else [],
        "nodes_low": spread.low if spread else None,
        "nodes_high": spread.high if spread else None,
        "band_fit": spread.fit(nodes) if spread and mode == "fixed_nodes" else None,
    }


def build_result(
    config: Config,
    nodes: int,
    topo: Topology | None,
    pw: Power | None,
    outcome: Outcome,
    evaluations: int,
    checked: list[str],
    spread: Band | None = None,
) -> Result:
    """The [`Result`][clustersize.result.Result] of one design (``spread``: the band when inputs are ranged)."""
    budget = budget_w(config)
    gpus = nodes * config.node.gpus_per_node
    fab = config.fabric
    t, p = topo, pw  # both None when there is no design (0 nodes, or nodes the fabric cannot hold)
    counts: dict[str, Any] = {key: (getattr(t, key) if t else None) for key in _TOPOLOGY_KEYS}
    planning = _planning(config, nodes, spread, outcome.mode, budget)
    idle = budget - sum(
        (x.count * num(x.power_w) for x in config.extra_loads if x.count), Fraction(0)
    )
    return Result(
        tool="clustersize",
        version=__version__,
        mode=outcome.mode,
        status=outcome.status,
        node_name=config.node.name,
        fabric_name=fab.name,
        it_cap_w=watts(cap_w(config)),
        min_nodes=config.min_nodes,
        nodes=nodes,
        gpus=gpus,
        gpus_per_mw=round(float(Fraction(gpus) / exact(config.it_cap_mw)), 3),
        p_node_w=watts(p_node_w(config)),
        rail_optimized=fab.rail_optimized,
        oversubscription=round(fab.leaf_host_ports / fab.leaf_uplink_ports, 3),
        optics=2 * t.links_total if t else None,
        p_node_total_w=watts_or_none(p.nodes) if p else None,
        p_leaf_w=watts_or_none(p.leaf) if p else None,
        p_spine_w=watts_or_none(p.spine) if p else None,
        p_core_w=watts_or_none(p.core) if p else None,
        p_switching_w=watts_or_none(p.switching) if p else None,
        p_optics_w=watts_or_none(p.optics) if p else None,
        p_total_w=watts_or_none(p.total) if p else None,
        headroom_w=watts(budget - p.total) if p else (watts(idle) if nodes == 0 else None),
        pue=config.pue.typical if isinstance(config.pue, Range) else config.pue,
        p_facility_w=watts(p.total * num(config.pue)) if p and config.pue is not None else None,
        binding_constraint=outcome.binding,
        binding_detail=outcome.detail,
        shortfall_w=watts_or_none(outcome.shortfall),
        evaluations=evaluations,
        invariants_checked=checked,
        **counts,
        **planning,
        **physical_fields(config, nodes, t, p, outcome.fitted),
    )
