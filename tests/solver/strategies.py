"""Hypothesis strategies: small random configs a brute-force scan can check exhaustively."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st


@st.composite
def small_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid raw config whose answer is at most a few thousand nodes, with tiny switches so that the
    2-tier and 3-tier limits, rail groups and forced tiers are all reached."""
    leaf_ports = draw(st.integers(2, 24))
    host = draw(st.integers(1, leaf_ports - 1))
    up = draw(st.integers(1, leaf_ports - host))
    ppn = draw(st.integers(1, 2))
    rail = draw(st.booleans()) and host >= ppn
    watts = st.one_of(st.integers(0, 3000), st.floats(0, 3000).map(lambda x: round(x, 3)))
    node = {
        "name": "n",
        "gpus_per_node": draw(st.integers(1, 8)),
        "gpu_w": draw(st.integers(1, 1500)),
        "cpu_w": draw(watts),
        "dram_w": draw(watts),
        "nvme_w": draw(watts),
        "nics_per_node": draw(st.integers(1, 8)),
        "nic_w": draw(watts),
        "node_aux_w": draw(watts),
        "ports_per_nic_to_fabric": ppn,
    }
    fabric: dict[str, Any] = {
        "name": "f",
        "leaf": {"name": "l", "ports": leaf_ports, "power_w": draw(st.integers(1, 3000))},
        "spine": {
            "name": "s",
            "ports": draw(st.integers(2, 24)),
            "power_w": draw(st.integers(1, 3000)),
        },
        "leaf_host_ports": host,
        "leaf_uplink_ports": up,
        "optic_w_per_link_end": draw(st.sampled_from([0, 1.5, 12])),
        "tiers": draw(st.sampled_from(["auto", 2, 3])),
        "rail_optimized": rail,
    }
    if draw(st.booleans()):
        fabric["core"] = {"name": "c", "ports": draw(st.integers(2, 24)), "power_w": 500}
    cap_mw = draw(st.integers(1, 3_000)) / 1000  # 1 kW to 3 MW
    return {"it_cap_mw": cap_mw, "min_nodes": 1, "node": node, "fabric": fabric}


WATT_PATHS = (
    ("node", "gpu_w"),
    ("node", "cpu_w"),
    ("node", "dram_w"),
    ("node", "nvme_w"),
    ("node", "nic_w"),
    ("node", "node_aux_w"),
    ("fabric", "leaf", "power_w"),
    ("fabric", "spine", "power_w"),
    ("fabric", "optic_w_per_link_end"),
)
"""Wattage fields every small config has (``fabric.core.power_w`` and ``node.nameplate_w`` are optional)."""


def _get(raw: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = raw
    for part in path:
        node = node[part]
    return node


def _put(raw: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node: Any = raw
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def ranges_around(draw: st.DrawFn, typical: float, positive: bool) -> dict[str, float]:
    """A ``{low, typical, high}`` range around ``typical`` (low stays > 0 when the field must be positive)."""
    floor = 1 if positive else 0
    low = draw(st.integers(floor, max(floor, int(typical))))
    high = draw(st.integers(int(typical) + 1, int(typical) + 800))
    return {"low": min(low, typical), "typical": typical, "high": high}


@st.composite
def planning_configs(draw: st.DrawFn, max_ranges: int = 4) -> dict[str, Any]:
    """A small config using the planning keys: some wattages (and maybe pue) ranged, a cap basis, a margin,
    a nameplate and extra loads of both kinds; at most ``max_ranges`` ranged inputs (2^k corners)."""
    raw = draw(small_configs())
    ranged = draw(st.lists(st.sampled_from(WATT_PATHS), unique=True, max_size=max_ranges))
    for path in ranged:
        _put(raw, path, draw(ranges_around(_get(raw, path), path[-1] in ("gpu_w", "power_w"))))
    room = max_ranges - len(ranged)
    if draw(st.booleans()):
        pue = draw(st.sampled_from([1, 1.2, 1.25, 1.5]))
        raw["pue"] = (
            {"low": 1, "typical": pue, "high": pue + 0.5} if room and draw(st.booleans()) else pue
        )
        room -= isinstance(raw["pue"], dict)
        raw["cap_basis"] = draw(st.sampled_from(["it", "facility"]))
    raw["planning_margin"] = draw(st.sampled_from([0, 0.05, 0.2, 0.5]))
    if draw(st.booleans()):
        raw["node"]["nameplate_w"] = draw(st.integers(1, 12_000))
        raw["power_basis"] = draw(st.sampled_from(["components", "nameplate"]))
    loads = []
    for i in range(draw(st.integers(0, 2))):
        power: Any = draw(st.integers(1, 2000))
        if room and draw(st.booleans()):
            power, room = draw(ranges_around(power, True)), room - 1
        key, units = draw(
            st.sampled_from([("count", st.integers(1, 5)), ("per_nodes", st.integers(1, 9))])
        )
        loads.append({"name": f"load {i}", "power_w": power, key: draw(units)})
    if loads:
        raw["extra_loads"] = loads
    return raw


def node_power_kw(node: dict[str, Any]) -> Fraction:
    """The node power of a raw node in kW, exactly (the decimal each number is written as)."""
    parts = ("cpu_w", "dram_w", "nvme_w", "node_aux_w")
    w = node["gpus_per_node"] * Fraction(repr(node["gpu_w"])) + node["nics_per_node"] * Fraction(
        repr(node["nic_w"])
    )
    return (w + sum(Fraction(repr(node[p])) for p in parts)) / 1000


@st.composite
def physical_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A ``small_configs`` config with the physical-build keys of issue #11 drawn on top: planes that split
    the host ports evenly, some tiers' optics, racks that hold at least one node, scalable units."""
    raw = draw(small_configs())
    node, fabric = raw["node"], raw["fabric"]
    ports = node["nics_per_node"] * node["ports_per_nic_to_fabric"]
    fabric["planes"] = draw(st.sampled_from([d for d in range(1, ports + 1) if ports % d == 0]))
    tiers = draw(st.sets(st.sampled_from(["host_leaf", "leaf_spine", "spine_core"])))
    if tiers or draw(st.booleans()):
        fabric["optics_by_tier"] = {t: draw(st.sampled_from([0, 0.5, 7, 25.25])) for t in tiers}
    if draw(st.booleans()):
        floor_kw = math.ceil(node_power_kw(node))
        rack: dict[str, Any] = {"max_kw": draw(st.integers(max(floor_kw, 1), floor_kw + 60))}
        if draw(st.booleans()):
            rack["nodes_per_rack"] = draw(st.integers(1, 40))
        if draw(st.booleans()):
            rack["switches_per_rack"] = draw(st.integers(1, 40))
        raw["rack"] = rack
    if draw(st.booleans()):
        raw["scalable_unit_nodes"] = draw(st.integers(1, 64))
    return raw
