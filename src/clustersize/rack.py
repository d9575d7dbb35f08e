"""Racks: how many nodes a rack holds, how many compute and network racks a design fills, and a full rack's power.

Racks are derived from a design; they never change the solve.

* ``nodes_per_rack = min(rack.nodes_per_rack, floor(max_kw · 1000 / p_node_w))`` (the space limit, when given,
  and the power limit)
* ``racks_compute = ceil(nodes / nodes_per_rack)``
* ``racks_network = ceil(switches_total / switches_per_rack)`` (the switches of all planes together)
* ``rack_kw = nodes_per_rack · p_node_w / 1000``: the nodes of one full compute rack (their optics are counted
  with the optics, not here)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .model import Rack
from .topology import ceil_div

W_PER_KW = 1000


@dataclass(frozen=True)
class RackPlan:
    """The racks of one design (counts; ``rack_w`` in W, exact)."""

    nodes_per_rack: int
    racks_compute: int
    racks_network: int
    rack_w: Fraction


def power_fits_nodes(max_kw: Fraction, p_node_w: Fraction) -> int:
    """How many nodes of ``p_node_w`` W a rack of ``max_kw`` kW can power: ``floor(max_kw · 1000 / p_node_w)``."""
    return int(max_kw * W_PER_KW // p_node_w)


def nodes_per_rack(rack: Rack, max_kw: Fraction, p_node_w: Fraction) -> int:
    """The smaller of the space limit (when given) and the power limit; ``max_kw`` is ``rack.max_kw`` exactly."""
    by_power = power_fits_nodes(max_kw, p_node_w)
    return by_power if rack.nodes_per_rack is None else min(rack.nodes_per_rack, by_power)


def plan(rack: Rack, max_kw: Fraction, p_node_w: Fraction, nodes: int, switches: int) -> RackPlan:
    """The racks of ``nodes`` nodes and ``switches`` fabric switches (every count non-decreasing in both)."""
    per_rack = nodes_per_rack(rack, max_kw, p_node_w)
    return RackPlan(
        nodes_per_rack=per_rack,
        racks_compute=ceil_div(nodes, per_rack),
        racks_network=ceil_div(switches, rack.switches_per_rack),
        rack_w=per_rack * p_node_w,
    )
