"""The bill of materials row by row for a design using every kind of row: two planes, a passive copper tier
next to a transceiver tier, racks and other loads; and the racks' own numbers (``rack.plan``)."""

from __future__ import annotations

import csv
import dataclasses
import io
from fractions import Fraction
from typing import Any

import pytest

from clustersize import bom, rack
from clustersize.config import parse_config
from clustersize.model import Config, Rack
from clustersize.result import Result
from clustersize.solve import solve
from clustersize.topology import plane_view
from solver.support import example_raw


def _design() -> tuple[Config, Result]:
    raw: dict[str, Any] = example_raw()  # 8 single-port NICs a node: two planes of 4
    raw["fabric"]["planes"] = 2
    raw["fabric"]["optics_by_tier"] = {"host_leaf": 0}  # passive copper to the hosts
    raw["rack"] = {"max_kw": 40, "switches_per_rack": 10}
    raw["extra_loads"] = [
        {"name": "storage", "power_w": 800, "count": 3},
        {"name": "management", "power_w": 400, "count": 2},
    ]
    config = parse_config(raw)
    return config, solve(config)


def test_every_row_names_its_model_plane_and_note() -> None:
    config, result = _design()
    node, switch = config.node.name, config.fabric.leaf.name
    hl, ls = "host-leaf", "leaf-spine"
    rack_note = f"up to {result.nodes_per_rack:,} nodes, {result.rack_kw} kW a full rack"
    expected = [
        ("compute_node", node, None, ""),
        ("leaf_switch", switch, 1, ""),
        ("leaf_switch", switch, 2, ""),
        ("spine_switch", switch, 1, ""),
        ("spine_switch", switch, 2, ""),
        ("optic_host_leaf", "passive copper (0 W)", 1, f"{hl} link ends"),
        ("optic_host_leaf", "passive copper (0 W)", 2, f"{hl} link ends"),
        ("optic_leaf_spine", "transceiver", 1, f"{ls} link ends"),
        ("optic_leaf_spine", "transceiver", 2, f"{ls} link ends"),
        ("link_host_leaf", "cable", 1, f"{hl} links (power in the optics)"),
        ("link_host_leaf", "cable", 2, f"{hl} links (power in the optics)"),
        ("link_leaf_spine", "cable", 1, f"{ls} links (power in the optics)"),
        ("link_leaf_spine", "cable", 2, f"{ls} links (power in the optics)"),
        ("compute_rack", "compute rack", None, rack_note),
        ("network_rack", "network rack", None, "up to 10 switches"),
        ("extra_load", "storage", None, ""),
        ("extra_load", "management", None, ""),
    ]
    got = [(r.item, r.model, r.plane, r.note) for r in bom.rows(result, config)]
    assert got == expected


def test_row_counts_follow_the_result_per_plane() -> None:
    config, result = _design()
    counts = {(r.item, r.plane): r.count for r in bom.rows(result, config)}
    for p in (1, 2):
        assert counts["leaf_switch", p] == result.leaves_per_plane
        assert counts["link_host_leaf", p] == result.links_host_leaf_per_plane
        assert counts["optic_host_leaf", p] == 2 * result.links_host_leaf_per_plane
    assert counts["compute_rack", None] == result.racks_compute
    assert counts["network_rack", None] == result.racks_network


def test_the_csv_leaves_the_plane_empty_off_the_fabric_and_ends_lines_with_crlf() -> None:
    config, result = _design()
    rows = bom.rows(result, config)
    assert rows[0].cells()[5] == ""  # the compute node belongs to no plane
    assert rows[1].cells()[5] == 1
    text = bom.csv_text(rows)
    assert text.startswith("item,model,count,unit_w,total_w,plane,note\r\n")
    assert text.count("\r\n") == len(rows) + 1
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[1] == [
        "compute_node",
        config.node.name,
        str(result.nodes),
        "8550",
        "4377600",
        "",
        "",
    ]
    assert parsed[-2:] == [
        ["extra_load", "storage", "3", "800", "2400", "", ""],
        ["extra_load", "management", "2", "400", "800", "", ""],
    ]


def test_rack_plan_holds_the_nodes_one_rack_can_power() -> None:
    plan = rack.plan(Rack(max_kw=40), Fraction(40), Fraction(8550), nodes=10, switches=17)
    assert plan == rack.RackPlan(
        nodes_per_rack=4, racks_compute=3, racks_network=2, rack_w=Fraction(34_200)
    )


def test_plane_view_refuses_planes_that_do_not_divide_the_host_ports() -> None:
    config, _ = _design()
    three = dataclasses.replace(
        config, fabric=dataclasses.replace(config.fabric, planes=3)
    )  # 8 host ports a node
    with pytest.raises(ValueError, match=r"^fabric\.planes must divide each node's host ports$"):
        plane_view(three)
