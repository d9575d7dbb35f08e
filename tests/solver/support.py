"""Helpers for the solver tests: configs as plain data, built and varied cheaply."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from clustersize import examples
from clustersize.config import parse_config
from clustersize.model import Config

RETIRED = Path(__file__).parent / "retired"
"""Configs that were bundled examples once (the ``*-class`` presets, retired by issue #12 for the DGX presets),
kept byte for byte so the tests written against them keep their inputs and answers."""


def example_text(name: str = examples.DEFAULT) -> str:
    """A bundled example's JSON text, or a retired example's from ``RETIRED``."""
    path = RETIRED / f"{name}.json"
    return path.read_text(encoding="utf-8") if path.is_file() else examples.text(name)


def example_raw(name: str = examples.DEFAULT) -> dict[str, Any]:
    """A bundled (or retired) example as plain JSON data."""
    raw: dict[str, Any] = json.loads(example_text(name))
    return raw


def with_values(raw: dict[str, Any], **paths: Any) -> dict[str, Any]:
    """A copy of ``raw`` with dotted paths (``node__gpu_w`` spelling) replaced."""
    out = copy.deepcopy(raw)
    for dotted, value in paths.items():
        *parents, leaf = dotted.split("__")
        node = out
        for p in parents:
            node = node[p]
        node[leaf] = value
    return out


def build(raw: dict[str, Any], **paths: Any) -> Config:
    """A validated config from ``raw`` with replacements."""
    return parse_config(with_values(raw, **paths))


def spread(typical: float, low: float, high: float) -> dict[str, float]:
    """A ``{low, typical, high}`` range."""
    return {"low": low, "typical": typical, "high": high}


def planning_raw(name: str = examples.DEFAULT) -> dict[str, Any]:
    """A bundled example using every planning key: facility basis, a margin, the nameplate basis, extra loads
    of both kinds, and a range on every wattage field and on pue (±10 %, pue 1.2 to 1.5)."""
    raw = example_raw(name)
    node, fab = raw["node"], raw["fabric"]
    for key in ("gpu_w", "cpu_w", "dram_w", "nvme_w", "nic_w", "node_aux_w"):
        node[key] = spread(node[key], node[key] * 0.9, node[key] * 1.1)
    node["nameplate_w"] = spread(10_200, 9_800, 10_400)
    for switch in ("leaf", "spine"):
        w = fab[switch]["power_w"]
        fab[switch]["power_w"] = spread(w, w * 0.9, w * 1.1)
    fab["core"] = {
        "name": "core",
        "ports": fab["spine"]["ports"],
        "power_w": spread(1500, 1400, 1700),
    }
    fab["optic_w_per_link_end"] = spread(12, 10, 15)
    raw.update(
        cap_basis="facility",
        pue=spread(1.3, 1.2, 1.5),
        planning_margin=0.1,
        power_basis="nameplate",
        extra_loads=[
            {"name": "storage servers", "power_w": spread(800, 700, 950), "count": 12},
            {"name": "management servers", "power_w": 400, "count": 4},
            {"name": "in-band Ethernet", "power_w": spread(350, 300, 400), "per_nodes": 16},
            {"name": "out-of-band Ethernet", "power_w": 150, "per_nodes": 48},
        ],
    )
    return raw


def wide_fabric_raw() -> dict[str, Any]:
    """The reference config on the widest fabric (4,096-port switches) with almost weightless nodes: its search
    spans the whole fabric, 35 evaluations a solved point."""
    raw = example_raw()
    raw["node"].update(gpu_w=1e-300, cpu_w=0, dram_w=0, nvme_w=0, nic_w=0, node_aux_w=0)
    raw["fabric"].update(leaf_host_ports=2048, leaf_uplink_ports=2048)
    for switch in ("leaf", "spine"):
        raw["fabric"][switch]["ports"] = 4096
    return raw
