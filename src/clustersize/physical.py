"""The physical build of a design (issue #11): planes, optics per tier, racks and scalable units.

Every number here is derived from a design the solver already chose; nothing here changes the solve except
[`whole_units`][clustersize.physical.whole_units], which rounds the answer down to whole scalable units:

* ``scalable_units = floor(nodes / SU)`` and ``unit_spare_nodes = x − scalable_units · SU``, where ``x`` is the
  most nodes that fit (max_nodes: the nodes left out to keep whole units) or ``--nodes N`` (fixed_nodes: the
  nodes of a partial unit)
* per-plane counts are totals / ``planes``; optics per tier as in [`clustersize.optics`][clustersize.optics];
  racks as in [`clustersize.rack`][clustersize.rack]

It also holds the physical-build config rules ([`check_config`][clustersize.physical.check_config]): planes
divide each node's host ports, and a rack powers at least one node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import rack
from .errors import ConfigError
from .model import Config
from .optics import TIERS, ends
from .power import exact, p_node_w, watts_or_none
from .topology import Topology, ceil_div, plane_split, plane_view

if TYPE_CHECKING:
    from .power import Power

PER_PLANE = {
    "leaves_per_plane": "leaves",
    "spines_per_plane": "spines",
    "cores_per_plane": "cores",
    "switches_per_plane": "switches_total",
    **{f"links_{tier}_per_plane": f"links_{tier}" for tier in TIERS},
}
"""Per-plane result fields and the total each divides by ``planes``."""


def whole_units(config: Config, nodes: int) -> int:
    """The largest whole number of scalable units not above ``nodes`` (``nodes`` without units)."""
    su = config.scalable_unit_nodes
    return nodes if su is None else nodes // su * su


def units_needed(config: Config, nodes: int) -> int:
    """The fewest whole scalable units' nodes that hold ``nodes`` nodes (``nodes`` without units)."""
    su = config.scalable_unit_nodes
    return nodes if su is None else ceil_div(nodes, su) * su


def in_each_plane(config: Config) -> str:
    """`` in each of P planes`` for a multi-plane fabric (fabric limits are per plane), else nothing."""
    planes = config.fabric.planes
    return f" in each of {planes} planes" if planes > 1 else ""


def physical_fields(
    config: Config, nodes: int, topo: Topology | None, pw: Power | None, fitted: int | None
) -> dict[str, Any]:
    """The result fields of the physical build, by name (see [`Result`][clustersize.result.Result]).

    ``fitted`` is the most nodes that fit before rounding to whole units (max_nodes), or None (fixed_nodes).
    """
    planes = config.fabric.planes
    out: dict[str, Any] = {"planes": planes}
    for key, name in PER_PLANE.items():
        out[key] = getattr(topo, name) // planes if topo is not None else None
    counts = ends(topo) if topo is not None else (None, None, None)
    tier_w = pw.optics_by_tier if pw is not None else (None, None, None)
    out.update({f"optics_{tier}": n for tier, n in zip(TIERS, counts, strict=True)})
    out.update(
        {f"p_optics_{tier}_w": watts_or_none(w) for tier, w in zip(TIERS, tier_w, strict=True)}
    )
    out.update(_racks(config, nodes, topo))
    out.update(_units(config, nodes, fitted))
    return out


def _racks(config: Config, nodes: int, topo: Topology | None) -> dict[str, Any]:
    keys = ("nodes_per_rack", "racks_compute", "racks_network", "rack_kw")
    if config.rack is None:
        return dict.fromkeys(keys)
    p_node = p_node_w(config)
    max_kw = exact(config.rack.max_kw)
    per_rack = rack.nodes_per_rack(config.rack, max_kw, p_node)
    built = rack.plan(config.rack, max_kw, p_node, nodes, topo.switches_total) if topo else None
    return {
        "nodes_per_rack": per_rack,
        "racks_compute": built.racks_compute if built else None,
        "racks_network": built.racks_network if built else None,
        "rack_kw": watts_or_none(per_rack * p_node / rack.W_PER_KW),
    }


def _units(config: Config, nodes: int, fitted: int | None) -> dict[str, Any]:
    su = config.scalable_unit_nodes
    if su is None:
        return {"scalable_units": None, "unit_spare_nodes": None, "unit_note": None}
    counted = nodes if fitted is None else fitted
    units = counted // su
    spare = counted - units * su
    note = None
    if spare and fitted is None:
        note = (
            f"{nodes:,} nodes is not a whole number of {su:,}-node scalable units: {units:,} "
            f"unit{'' if units == 1 else 's'} and {spare:,} nodes of a partial unit"
        )
    elif spare:
        note = (
            f"rounded down to {units:,} whole scalable units of {su:,} nodes; {spare:,} more nodes "
            "would fit in a partial unit"
        )
    return {"scalable_units": units, "unit_spare_nodes": spare, "unit_note": note}


# --- config rules (called by clustersize.config) ---------------------------------------------------------------


def check_config(config: Config) -> None:
    """The physical-build rules across fields: planes split each node's host ports evenly, and a rack powers at
    least one node. Raises [`ConfigError`][clustersize.errors.ConfigError] naming the field."""
    node, planes = config.node, config.fabric.planes
    if plane_split(node.nics_per_node, node.ports_per_nic_to_fabric, planes) is None:
        ports = node.nics_per_node * node.ports_per_nic_to_fabric
        raise ConfigError(
            "/fabric/planes",
            f"must divide each node's host ports (nics_per_node × ports_per_nic_to_fabric = {ports})",
            planes,
        )
    if config.rack is None:
        return

    p_node = p_node_w(config)
    if rack.power_fits_nodes(exact(config.rack.max_kw), p_node) < 1:
        raise ConfigError(
            "/rack/max_kw",
            f"must be at least the power of one node ({float(p_node) / 1000:g} kW) so a rack holds a node",
            config.rack.max_kw,
        )


def plane_ports(config: Config) -> int:
    """Fabric ports one NIC cables to one plane (``ports_per_nic_to_fabric`` with one plane)."""
    return plane_view(config).node.ports_per_nic_to_fabric
