"""Fabric topology: how many leaves, spines, cores and links a given number of nodes needs.

All counts are exact integers and never decrease as nodes are added, which is what lets
[`clustersize.solve.solve`][clustersize.solve.solve] binary-search the node count.

**Leaves.** ``host_ports = nodes · nics_per_node · ports_per_nic_to_fabric`` and
``leaves = ceil(host_ports / leaf_host_ports)``. With ``rail_optimized`` a rail group holds
``g = floor(leaf_host_ports / ports_per_nic_to_fabric)`` nodes and has one leaf per rail (NIC):
``rail_groups = ceil(nodes / g)`` and ``leaves = rail_groups · nics_per_node``.

**2 tiers.** Each leaf spreads its ``U = leaf_uplink_ports`` uplinks evenly over all ``S`` spines, so ``S`` must
divide ``U`` and every spine needs ``leaves · U / S`` ports. ``S`` is the smallest divisor of ``U`` with
``leaves · U / S ≤ spine.ports``; none exists once ``leaves > spine.ports`` and 2 tiers cannot hold the design.

**3 tiers** (leaf → spine → core, non-blocking above the leaves). A spine uses ``d = floor(spine.ports / 2)`` ports
down and ``d`` up. A pod is ``U`` spines and up to ``d`` leaves, each leaf with one link to each spine of its pod;
pods are whole: ``pods = ceil(leaves / d)``, ``spines = pods · U``. Spine ``j`` of every pod uplinks to core plane
``j``; a plane has ``c`` cores, the smallest divisor of ``d`` with ``pods · d / c ≤ core.ports`` (cores are sized for
whole pods, so every link has a port at both ends); ``cores = U · c``. None exists once ``pods > core.ports``.
Non-blocking: spine↔core links = leaf↔spine links = ``leaves · U``.

**Planes.** With ``fabric.planes = P`` the fabric is ``P`` identical, independent planes. Each node's
``nics_per_node · ports_per_nic_to_fabric`` host ports are split evenly over them (``P`` must divide the
product): with ``g = gcd(ports_per_nic_to_fabric, P)`` every NIC puts ``ports_per_nic_to_fabric / g`` ports in
each of ``g`` planes and the NICs are shared out ``P / g`` ways, so one plane sees
``nics_per_node / (P / g)`` NICs (rails) of ``ports_per_nic_to_fabric / g`` ports. One plane is sized by the
rules above; ``host_ports``, leaves, uplinks, spines, cores and links are that plane's counts × ``P``, while
``pods`` and ``rail_groups`` describe one plane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .model import Config


@dataclass(frozen=True)
class Topology:
    """The switches and links of one fabric design (counts, no power)."""

    tiers: int
    host_ports: int
    leaves: int
    rail_groups: int
    uplinks_total: int
    pods: int
    spines: int
    cores: int
    links_host_leaf: int
    links_leaf_spine: int
    links_spine_core: int
    leaf_ports_used: int
    spine_ports_used: int
    core_ports_used: int
    planes: int = 1

    @property
    def links_total(self) -> int:
        """All links: host↔leaf + leaf↔spine + spine↔core."""
        return self.links_host_leaf + self.links_leaf_spine + self.links_spine_core

    @property
    def switches_total(self) -> int:
        """Leaves + spines + cores."""
        return self.leaves + self.spines + self.cores


def ceil_div(a: int, b: int) -> int:
    """``ceil(a / b)`` for non-negative integers, exactly."""
    return -(-a // b)


def smallest_divisor_at_least(n: int, floor: int) -> int | None:
    """The smallest divisor of ``n`` that is ``>= floor``, or None when ``floor > n``."""
    if floor > n:
        return None
    best = n
    i = 1
    while i * i <= n:
        if n % i == 0:
            for d in (i, n // i):
                if floor <= d < best:
                    best = d
        i += 1
    return best


def leaves_for(config: Config, nodes: int) -> tuple[int, int]:
    """``(leaves, rail_groups)`` for ``nodes`` nodes; rail_groups is 0 unless ``rail_optimized``."""
    node, fab = config.node, config.fabric
    if fab.rail_optimized:
        per_group = fab.leaf_host_ports // node.ports_per_nic_to_fabric
        groups = ceil_div(nodes, per_group)
        return groups * node.nics_per_node, groups
    host_ports = nodes * node.nics_per_node * node.ports_per_nic_to_fabric
    return ceil_div(host_ports, fab.leaf_host_ports), 0


def max_leaves_two_tier(config: Config) -> int:
    """Most leaves 2 tiers hold: one per spine port (every leaf needs a port on every spine)."""
    return config.fabric.spine.ports


def pod_shape(config: Config) -> tuple[int, int]:
    """``(pods, leaves_per_pod)`` at most in 3 tiers: one pod per core port, ``d = spine.ports // 2`` leaves a pod."""
    return config.fabric.core_switch.ports, config.fabric.spine.ports // 2


def max_nodes_fabric(config: Config) -> int:
    """An upper bound on the nodes any allowed tier count can hold (``design`` is None above it)."""
    if config.fabric.planes > 1:
        return max_nodes_fabric(plane_view(config))
    node, fab = config.node, config.fabric
    max_pods, per_pod = pod_shape(config)
    leaves = {2: max_leaves_two_tier(config), 3: max_pods * per_pod}
    most = leaves[fab.tiers] if fab.tiers in (2, 3) else max(leaves.values())
    if fab.rail_optimized:
        per_group = fab.leaf_host_ports // node.ports_per_nic_to_fabric
        return (most // node.nics_per_node) * per_group
    return most * fab.leaf_host_ports // (node.nics_per_node * node.ports_per_nic_to_fabric)


def two_tier(config: Config, nodes: int) -> Topology | None:
    """The 2-tier design for ``nodes`` nodes, or None when 2 tiers cannot hold it."""
    fab = config.fabric
    leaves, groups = leaves_for(config, nodes)
    up = fab.leaf_uplink_ports
    if leaves > max_leaves_two_tier(config):
        return None
    # S divides U and leaves·U/S <= spine.ports  <=>  S >= leaves·U / spine.ports
    spines = smallest_divisor_at_least(up, ceil_div(leaves * up, fab.spine.ports))
    if spines is None:  # pragma: no cover - leaves <= spine.ports guarantees S = U works
        return None
    return _topology(
        config, nodes, leaves, groups, tiers=2, pods=1, spines=spines, cores=0,
        spine_ports_used=leaves * up // spines, core_ports_used=0,
    )  # fmt: skip


def three_tier(config: Config, nodes: int) -> Topology | None:
    """The 3-tier design for ``nodes`` nodes, or None when 3 tiers cannot hold it."""
    max_pods, down = pod_shape(config)
    leaves, groups = leaves_for(config, nodes)
    up = config.fabric.leaf_uplink_ports
    pods = ceil_div(leaves, down)
    if pods > max_pods:
        return None
    per_plane = smallest_divisor_at_least(down, ceil_div(pods * down, max_pods))
    if per_plane is None:  # pragma: no cover - pods <= core.ports guarantees c = d works
        return None
    return _topology(
        config, nodes, leaves, groups, tiers=3, pods=pods, spines=pods * up, cores=up * per_plane,
        spine_ports_used=2 * min(down, leaves), core_ports_used=pods * down // per_plane,
    )  # fmt: skip


def _topology(
    config: Config,
    nodes: int,
    leaves: int,
    groups: int,
    *,
    tiers: int,
    pods: int,
    spines: int,
    cores: int,
    spine_ports_used: int,
    core_ports_used: int,
) -> Topology:
    """Assemble a design: links follow from the leaves (spine↔core links equal leaf↔spine links in 3 tiers)."""
    up = config.fabric.leaf_uplink_ports
    host_ports = nodes * config.node.nics_per_node * config.node.ports_per_nic_to_fabric
    return Topology(
        tiers=tiers,
        host_ports=host_ports,
        leaves=leaves,
        rail_groups=groups,
        uplinks_total=leaves * up,
        pods=pods,
        spines=spines,
        cores=cores,
        links_host_leaf=host_ports,
        links_leaf_spine=leaves * up,
        links_spine_core=leaves * up if tiers == 3 else 0,
        leaf_ports_used=config.fabric.leaf_host_ports + up,
        spine_ports_used=spine_ports_used,
        core_ports_used=core_ports_used,
    )


def design(config: Config, nodes: int) -> Topology | None:
    """The fabric for ``nodes`` nodes under ``fabric.tiers``: auto takes 2 tiers while they hold, else 3."""
    if config.fabric.planes > 1:
        return across_planes(config, nodes)
    tiers = config.fabric.tiers
    if tiers == 2:
        return two_tier(config, nodes)
    if tiers == 3:
        return three_tier(config, nodes)
    return two_tier(config, nodes) or three_tier(config, nodes)


# --- planes (#11) ---------------------------------------------------------------------------------------------


def plane_split(nics: int, ports_per_nic: int, planes: int) -> tuple[int, int] | None:
    """``(nics, ports_per_nic)`` one plane sees, or None when ``planes`` does not divide the host ports.

    Ports of a NIC are split over planes first (``g = gcd(ports_per_nic, planes)`` planes per NIC), then
    NICs are shared out ``planes / g`` ways.
    """
    if (nics * ports_per_nic) % planes:
        return None
    g = math.gcd(ports_per_nic, planes)
    return nics // (planes // g), ports_per_nic // g


def plane_view(config: Config) -> Config:
    """The config of one plane, for its topology: one plane's share of each node's NICs and ports, and
    ``planes = 1`` (its node power is not the node's)."""
    node, fab = config.node, config.fabric
    split = plane_split(node.nics_per_node, node.ports_per_nic_to_fabric, fab.planes)
    if split is None:  # pragma: no cover - config validation refuses it
        raise ValueError("fabric.planes must divide each node's host ports")
    nics, ports = split
    return replace(
        config,
        node=replace(node, nics_per_node=nics, ports_per_nic_to_fabric=ports),
        fabric=replace(fab, planes=1),
    )


def across_planes(config: Config, nodes: int) -> Topology | None:
    """All planes of ``nodes`` nodes: one plane's design with its counts × planes (None if a plane cannot
    hold them)."""
    plane = design(plane_view(config), nodes)
    if plane is None:
        return None
    p = config.fabric.planes
    return replace(
        plane,
        host_ports=plane.host_ports * p,
        leaves=plane.leaves * p,
        uplinks_total=plane.uplinks_total * p,
        spines=plane.spines * p,
        cores=plane.cores * p,
        links_host_leaf=plane.links_host_leaf * p,
        links_leaf_spine=plane.links_leaf_spine * p,
        links_spine_core=plane.links_spine_core * p,
        planes=p,
    )
