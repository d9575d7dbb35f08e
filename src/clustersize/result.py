"""The result of a sizing: one flat record whose field order is the JSON key order.

Each field's unit, meaning and label are declared with it; [`RESULT_FIELDS`][clustersize.result.RESULT_FIELDS] exposes them to the docs and the
calculator. Watts are exact: integers when the arithmetic is whole, else the nearest float.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def out(unit: str, doc: str, *, label: str) -> Any:
    """Declare one result field with its unit, meaning and the short label pages show it under."""
    return field(metadata={"unit": unit, "doc": doc, "label": label})


Watts = int | float


@dataclass(frozen=True)
class Result:
    """Everything clustersize reports about one design."""

    tool: str = out("", 'Always "clustersize".', label="Tool")
    version: str = out("", "clustersize version that produced this result.", label="Version")
    mode: str = out(
        "",
        '"max_nodes": the largest cluster under the cap; "fixed_nodes": exactly --nodes N.',
        label="Mode",
    )
    status: str = out(
        "",
        '"ok" when the design fits cap, fabric and min_nodes; else "infeasible".',
        label="Status",
    )
    node_name: str = out("", "Node model name from the config.", label="Node model")
    fabric_name: str = out("", "Fabric name from the config.", label="Fabric")
    it_cap_w: Watts = out(
        "W",
        "The cap as given = it_cap_mw × 1,000,000: IT power, or facility power when cap_basis is "
        '"facility" (then see it_cap_after_pue_w and it_budget_w).',
        label="Cap",
    )
    min_nodes: int = out(
        "nodes", "Smallest useful cluster, from the config.", label="Minimum nodes"
    )
    nodes: int = out("nodes", "Compute nodes in the design.", label="Nodes")
    gpus: int = out("GPUs", "nodes × gpus_per_node.", label="GPUs")
    gpus_per_mw: float = out(
        "GPUs/MW",
        'gpus / it_cap_mw: GPUs per MW of the cap as given (facility MW when cap_basis is "facility"; '
        "not per MW drawn).",
        label="GPUs per MW of cap",
    )
    p_node_w: Watts = out(
        "W",
        "Power of one node on the power_basis the solve used: its components (GPUs, CPUs, DRAM, NVMe, NICs, "
        "aux), or its nameplate.",
        label="Power per node",
    )
    tiers: int | None = out(
        "",
        "Switch tiers in the fabric: 2 (leaf/spine) or 3 (leaf/spine/core).",
        label="Switch tiers",
    )
    rail_optimized: bool = out(
        "", "Leaves rounded up to whole rail groups.", label="Rail-optimized"
    )
    oversubscription: float = out(
        "ratio",
        "leaf_host_ports / leaf_uplink_ports (1.0 is non-blocking).",
        label="Oversubscription",
    )
    host_ports: int | None = out(
        "ports", "nodes × nics_per_node × ports_per_nic_to_fabric.", label="Host ports"
    )
    leaves: int | None = out("switches", "Leaf switches.", label="Leaf switches")
    rail_groups: int | None = out(
        "groups", "Rail groups (0 unless rail_optimized).", label="Rail groups"
    )
    uplinks_total: int | None = out("links", "leaves × leaf_uplink_ports.", label="Leaf uplinks")
    pods: int | None = out("pods", "Pods of the 3-tier fabric (1 for 2 tiers).", label="Pods")
    spines: int | None = out("switches", "Spine switches.", label="Spine switches")
    cores: int | None = out("switches", "Core switches (0 for 2 tiers).", label="Core switches")
    switches_total: int | None = out("switches", "leaves + spines + cores.", label="Switches")
    links_host_leaf: int | None = out(
        "links", "Host↔leaf links (= host_ports).", label="Host–leaf links"
    )
    links_leaf_spine: int | None = out(
        "links", "Leaf↔spine links (= uplinks_total).", label="Leaf–spine links"
    )
    links_spine_core: int | None = out(
        "links", "Spine↔core links (0 for 2 tiers).", label="Spine–core links"
    )
    links_total: int | None = out("links", "All links.", label="Links")
    optics: int | None = out(
        "link ends",
        "2 × links_total: a transceiver (or passive cable end) at each link end.",
        label="Optics (link ends)",
    )
    p_node_total_w: Watts | None = out("W", "nodes × p_node_w.", label="Compute nodes")
    p_leaf_w: Watts | None = out("W", "leaves × leaf.power_w.", label="Leaf switches")
    p_spine_w: Watts | None = out("W", "spines × spine.power_w.", label="Spine switches")
    p_core_w: Watts | None = out("W", "cores × core.power_w.", label="Core switches")
    p_switching_w: Watts | None = out("W", "p_leaf_w + p_spine_w + p_core_w.", label="Switches")
    p_optics_w: Watts | None = out("W", "optics × optic_w_per_link_end.", label="Optics")
    p_total_w: Watts | None = out(
        "W",
        "p_node_total_w + p_switching_w + p_optics_w + p_extra_w: total IT power.",
        label="Total IT power",
    )
    headroom_w: Watts | None = out(
        "W", "it_budget_w − p_total_w (negative when over the budget).", label="Headroom"
    )
    pue: float | None = out("", "PUE from the config, or null.", label="PUE")
    p_facility_w: Watts | None = out(
        "W",
        'p_total_w × pue, or null without pue (changes the solve only when cap_basis is "facility").',
        label="Facility power (× PUE)",
    )
    binding_constraint: str | None = out(
        "",
        '"power" (the IT budget) or "fabric": what stops one more node (max_nodes), or what N breaks '
        "(fixed_nodes); else null.",
        label="Binding constraint",
    )
    binding_detail: str = out("", "One sentence on the binding constraint.", label="Why")
    shortfall_w: Watts | None = out(
        "W",
        "When infeasible for power: watts more the IT budget would need for min_nodes (or N) nodes; else null.",
        label="Shortfall",
    )
    evaluations: int = out(
        "",
        "Designs the solver evaluated to reach this answer (with ranged inputs, the band's two searches too).",
        label="Designs evaluated",
    )
    invariants_checked: list[str] = out(
        "", "Invariants checked on this result at run time.", label="Invariants checked"
    )
    cap_basis: str = out(
        "", '"it" or "facility": what it_cap_w is, from the config.', label="Cap basis"
    )
    planning_margin: float = out(
        "fraction", "Share of the IT cap held back, from the config.", label="Planning margin"
    )
    power_basis: str = out(
        "",
        '"components" or "nameplate": what p_node_w is, from the config.',
        label="Node power basis",
    )
    it_cap_after_pue_w: Watts = out(
        "W",
        'The cap as IT power: it_cap_w / pue when cap_basis is "facility", else it_cap_w.',
        label="IT cap",
    )
    it_budget_w: Watts = out(
        "W",
        "it_cap_after_pue_w × (1 − planning_margin): the IT watts the design must fit.",
        label="IT budget",
    )
    p_extra_w: Watts = out("W", "Sum of extra_loads total_w (0 when none).", label="Extra loads")
    extra_loads: list[dict[str, Any]] = out(
        "",
        "Each extra load as sized for this design: {name, count, power_w, total_w}; [] when none.",
        label="Extra loads, line by line",
    )
    p_node_components_w: Watts | None = out(
        "W",
        "Sum of the node's component fields, when node.nameplate_w is given; else null.",
        label="Node power, components",
    )
    p_node_nameplate_w: Watts | None = out(
        "W", "node.nameplate_w, when given; else null.", label="Node power, nameplate"
    )
    p_node_nameplate_ratio: float | None = out(
        "×",
        "p_node_nameplate_w / p_node_components_w (3 decimals), when nameplate_w is given; else null.",
        label="Nameplate / components",
    )
    ranged_inputs: list[str] = out(
        "",
        "Dotted paths of the inputs given as {low, typical, high} ranges; [] when none.",
        label="Ranged inputs",
    )
    nodes_low: int | None = out(
        "nodes",
        "With ranged inputs: the node count with every ranged input at high (the band's lower end); else null.",
        label="Nodes, band low",
    )
    nodes_high: int | None = out(
        "nodes",
        "With ranged inputs: the node count with every ranged input at low (the band's upper end); else null.",
        label="Nodes, band high",
    )
    band_fit: str | None = out(
        "",
        'With ranged inputs and --nodes N: at how many low/high corners N fits: "every", "some" or "none"; '
        "else null.",
        label="Fits across the band",
    )
    # physical build (#11): planes, optics per tier, racks, scalable units
    planes: int = out(
        "planes",
        "fabric.planes: identical, independent planes. leaves, spines, cores, switches_total, host_ports, "
        "uplinks_total, links and optics are totals over all planes; pods and rail_groups describe one plane.",
        label="Fabric planes",
    )
    leaves_per_plane: int | None = out("switches", "leaves / planes.", label="Leaves per plane")
    spines_per_plane: int | None = out("switches", "spines / planes.", label="Spines per plane")
    cores_per_plane: int | None = out("switches", "cores / planes.", label="Cores per plane")
    switches_per_plane: int | None = out(
        "switches", "switches_total / planes.", label="Switches per plane"
    )
    links_host_leaf_per_plane: int | None = out(
        "links", "links_host_leaf / planes.", label="Host–leaf links per plane"
    )
    links_leaf_spine_per_plane: int | None = out(
        "links", "links_leaf_spine / planes.", label="Leaf–spine links per plane"
    )
    links_spine_core_per_plane: int | None = out(
        "links", "links_spine_core / planes.", label="Spine–core links per plane"
    )
    optics_host_leaf: int | None = out(
        "link ends", "2 × links_host_leaf.", label="Host–leaf optics"
    )
    optics_leaf_spine: int | None = out(
        "link ends", "2 × links_leaf_spine.", label="Leaf–spine optics"
    )
    optics_spine_core: int | None = out(
        "link ends", "2 × links_spine_core.", label="Spine–core optics"
    )
    p_optics_host_leaf_w: Watts | None = out(
        "W",
        "optics_host_leaf × W per link end (optics_by_tier.host_leaf, else optic_w_per_link_end).",
        label="Host–leaf optics power",
    )
    p_optics_leaf_spine_w: Watts | None = out(
        "W",
        "optics_leaf_spine × W per link end (optics_by_tier.leaf_spine, else optic_w_per_link_end).",
        label="Leaf–spine optics power",
    )
    p_optics_spine_core_w: Watts | None = out(
        "W",
        "optics_spine_core × W per link end (optics_by_tier.spine_core, else optic_w_per_link_end). "
        "The three add up to p_optics_w.",
        label="Spine–core optics power",
    )
    nodes_per_rack: int | None = out(
        "nodes",
        "min(rack.nodes_per_rack, floor(rack.max_kw × 1000 / p_node_w)); null without rack.",
        label="Nodes per rack",
    )
    racks_compute: int | None = out(
        "racks", "ceil(nodes / nodes_per_rack); null without rack.", label="Compute racks"
    )
    racks_network: int | None = out(
        "racks",
        "ceil(switches_total / rack.switches_per_rack), all planes together; null without rack.",
        label="Network racks",
    )
    rack_kw: Watts | None = out(
        "kW",
        "nodes_per_rack × p_node_w / 1000: the nodes of one full compute rack (their optics are in "
        "p_optics_w); null without rack. Never changes the solve.",
        label="Power per compute rack",
    )
    scalable_units: int | None = out(
        "units",
        "Whole scalable units: floor(nodes / scalable_unit_nodes) (max_nodes: the answer is a whole number "
        "of them); null without scalable_unit_nodes.",
        label="Scalable units",
    )
    unit_spare_nodes: int | None = out(
        "nodes",
        "Nodes beyond whole units: max_nodes, nodes that fit but would only fill a partial unit; "
        "fixed_nodes, the nodes of N in a partial unit. Null without scalable_unit_nodes.",
        label="Nodes beyond whole units",
    )
    unit_note: str | None = out(
        "",
        "One sentence when the nodes are not a whole number of scalable units; else null.",
        label="Scalable-unit note",
    )


RESULT_FIELDS: tuple[tuple[str, str, str], ...] = tuple(
    (f.name, f.metadata["unit"], f.metadata["doc"]) for f in fields(Result)
)
"""``(key, unit, meaning)`` of every result field, in JSON key order."""

RESULT_LABELS: dict[str, str] = {f.name: f.metadata["label"] for f in fields(Result)}
"""The short label of every result field (``"p_total_w"`` → ``"Total IT power"``), in JSON key order."""

RESULT_UNITS: dict[str, str] = {f.name: f.metadata["unit"] for f in fields(Result)}
"""The unit of every result field (``"p_total_w"`` → ``"W"``, ``""`` for none), in JSON key order."""
