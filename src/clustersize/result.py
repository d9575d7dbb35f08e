"""The result of a sizing: one flat record whose field order is the JSON key order.

Each field's unit and meaning live in its metadata; [`RESULT_FIELDS`][clustersize.result.RESULT_FIELDS] exposes them to the docs and the
calculator. Watts are exact: integers when the arithmetic is whole, else the nearest float.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def out(unit: str, doc: str) -> Any:
    """Declare one result field with its unit and meaning."""
    return field(metadata={"unit": unit, "doc": doc})


Watts = int | float


@dataclass(frozen=True)
class Result:
    """Everything clustersize reports about one design."""

    tool: str = out("", 'Always "clustersize".')
    version: str = out("", "clustersize version that produced this result.")
    mode: str = out(
        "", '"max_nodes": the largest cluster under the cap; "fixed_nodes": exactly --nodes N.'
    )
    status: str = out("", '"ok" when the design fits cap, fabric and min_nodes; else "infeasible".')
    node_name: str = out("", "Node model name from the config.")
    fabric_name: str = out("", "Fabric name from the config.")
    it_cap_w: Watts = out("W", "IT power cap = it_cap_mw × 1,000,000.")
    min_nodes: int = out("nodes", "Smallest useful cluster, from the config.")
    nodes: int = out("nodes", "Compute nodes in the design.")
    gpus: int = out("GPUs", "nodes × gpus_per_node.")
    gpus_per_mw: float = out(
        "GPUs/MW", "gpus / it_cap_mw: GPUs per MW of the IT cap (not of the power drawn)."
    )
    p_node_w: Watts = out("W", "Power of one node (GPUs, CPUs, DRAM, NVMe, NICs, aux).")
    tiers: int | None = out(
        "", "Switch tiers in the fabric: 2 (leaf/spine) or 3 (leaf/spine/core)."
    )
    rail_optimized: bool = out("", "Leaves rounded up to whole rail groups.")
    oversubscription: float = out(
        "ratio", "leaf_host_ports / leaf_uplink_ports (1.0 is non-blocking)."
    )
    host_ports: int | None = out("ports", "nodes × nics_per_node × ports_per_nic_to_fabric.")
    leaves: int | None = out("switches", "Leaf switches.")
    rail_groups: int | None = out("groups", "Rail groups (0 unless rail_optimized).")
    uplinks_total: int | None = out("links", "leaves × leaf_uplink_ports.")
    pods: int | None = out("pods", "Pods of the 3-tier fabric (1 for 2 tiers).")
    spines: int | None = out("switches", "Spine switches.")
    cores: int | None = out("switches", "Core switches (0 for 2 tiers).")
    switches_total: int | None = out("switches", "leaves + spines + cores.")
    links_host_leaf: int | None = out("links", "Host↔leaf links (= host_ports).")
    links_leaf_spine: int | None = out("links", "Leaf↔spine links (= uplinks_total).")
    links_spine_core: int | None = out("links", "Spine↔core links (0 for 2 tiers).")
    links_total: int | None = out("links", "All links.")
    optics: int | None = out(
        "link ends", "2 × links_total: a transceiver (or passive cable end) at each link end."
    )
    p_node_total_w: Watts | None = out("W", "nodes × p_node_w.")
    p_leaf_w: Watts | None = out("W", "leaves × leaf.power_w.")
    p_spine_w: Watts | None = out("W", "spines × spine.power_w.")
    p_core_w: Watts | None = out("W", "cores × core.power_w.")
    p_switching_w: Watts | None = out("W", "p_leaf_w + p_spine_w + p_core_w.")
    p_optics_w: Watts | None = out("W", "optics × optic_w_per_link_end.")
    p_total_w: Watts | None = out(
        "W", "p_node_total_w + p_switching_w + p_optics_w: total IT power."
    )
    headroom_w: Watts | None = out("W", "it_cap_w − p_total_w (negative when over the cap).")
    pue: float | None = out("", "PUE from the config, or null.")
    p_facility_w: Watts | None = out(
        "W", "p_total_w × pue, or null without pue. Never changes the solve."
    )
    binding_constraint: str | None = out(
        "",
        '"power" or "fabric": what stops one more node (max_nodes), or what N breaks (fixed_nodes); else null.',
    )
    binding_detail: str = out("", "One sentence on the binding constraint.")
    shortfall_w: Watts | None = out(
        "W",
        "When infeasible for power: watts more the cap would need for min_nodes (or N) nodes; else null.",
    )
    evaluations: int = out("", "Designs the solver evaluated to reach this answer.")
    invariants_checked: list[str] = out("", "Invariants checked on this result at run time.")


RESULT_FIELDS: tuple[tuple[str, str, str], ...] = tuple(
    (f.name, f.metadata["unit"], f.metadata["doc"]) for f in fields(Result)
)
"""``(key, unit, meaning)`` of every result field, in JSON key order."""
