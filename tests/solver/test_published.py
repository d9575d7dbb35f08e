"""Published NVIDIA reference architectures, reproduced exactly through the physical-build keys (issue #11).

Sources (NVIDIA's stored pages, read 2026-11-30):

* DGX B300 Spectrum-X SuperPOD, Table 3: a scalable unit (SU) is 64 nodes of 8 GPUs; each GPU has 2 × 400GbE,
  one on each of two independent planes. Rows: SUs, nodes, GPUs, leaves, spines, node-leaf and leaf-spine
  cables.
  https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300/latest/dgx-superpod-architecture.html
* DGX B300 (XDR) rack: "four DGX B300 fit within a single rack. The rack-level power consumption per rack is
  ~56kW".
  https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300-xdr/latest/dgx-superpod-architecture.html
* DGX B200: 14.3 kW max per system; B200 SuperPOD "power consumption per rack exceeds 25 kW".
  https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html
* H100/B200 SuperPOD Table 4 (the same 64-port NDR compute fabric): 1-4 SUs of 31/63/95/127 nodes on
  8/16/24/32 leaves and 4/8/16/16 spines with 256/512/768/1,024 spine-leaf cables.
* GB200 NVL72: an SU is 8 racks of 72 GPUs at 1.2 MW.

Modelling that reproduces Table 3 exactly: the ConnectX-8 800G port of each GPU's NIC is split into 2 × 400G,
one per plane (``nics_per_node = 8``, ``ports_per_nic_to_fabric = 2``, ``planes = 2``), on SN5600 switches used
as 128 × 400G (64 host ports, 64 uplinks), rail-optimized. Table 3's leaves and spines are totals over both
planes; its cables equal one plane's links (equally: the 800G twin-port cables that carry both planes).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clustersize.config import parse_config
from clustersize.solve import evaluate, node_power_w, solve
from solver.support import build, example_raw, with_values

B300_NODE = {
    "name": "DGX B300 class (node power chosen so that 4 nodes draw the published ~56 kW rack)",
    "gpus_per_node": 8,
    "gpu_w": 1100,
    "cpu_w": 1000,
    "dram_w": 500,
    "nvme_w": 300,
    "nics_per_node": 8,
    "nic_w": 50,
    "node_aux_w": 3000,
    "ports_per_nic_to_fabric": 2,
}
SN5600_400G = {"name": "SN5600 as 128 x 400GbE", "ports": 128, "power_w": 2200}
B300_SPECTRUM_X: dict[str, Any] = {
    "it_cap_mw": 100,
    "min_nodes": 64,
    "node": B300_NODE,
    "fabric": {
        "name": "Spectrum-X, two 400G planes",
        "leaf": SN5600_400G,
        "spine": SN5600_400G,
        "leaf_host_ports": 64,
        "leaf_uplink_ports": 64,
        "optic_w_per_link_end": 12,
        "rail_optimized": True,
        "planes": 2,
    },
}

# (SUs, nodes, GPUs, leaves, spines, node-leaf cables, leaf-spine cables)
B300_TABLE_3 = [
    (1, 64, 512, 16, 8, 512, 512),
    (2, 128, 1024, 32, 16, 1024, 1024),
    (4, 256, 2048, 64, 32, 2048, 2048),
    (8, 512, 4096, 128, 64, 4096, 4096),
    (16, 1024, 8192, 256, 128, 8192, 8192),
]
# (SUs, nodes, leaves, spines, spine-leaf cables)
H100_B200_TABLE_4 = [
    (1, 31, 8, 4, 256),
    (2, 63, 16, 8, 512),
    (3, 95, 24, 16, 768),
    (4, 127, 32, 16, 1024),
]


@pytest.mark.parametrize("rail_optimized", [True, False])
@pytest.mark.parametrize(("sus", "nodes", "gpus", "leaves", "spines", "host", "up"), B300_TABLE_3)
def test_b300_spectrum_x_table_3_two_planes(
    sus: int,
    nodes: int,
    gpus: int,
    leaves: int,
    spines: int,
    host: int,
    up: int,
    rail_optimized: bool,
) -> None:
    config = parse_config(
        with_values(B300_SPECTRUM_X, fabric__rail_optimized=rail_optimized, scalable_unit_nodes=64)
    )
    r = evaluate(config, nodes)
    assert r.status == "ok"
    assert (r.gpus, r.tiers, r.planes, r.cores) == (gpus, 2, 2, 0)
    assert (r.leaves, r.spines, r.switches_total) == (leaves, spines, leaves + spines)
    assert (r.links_host_leaf_per_plane, r.links_leaf_spine_per_plane) == (host, up)
    assert (r.links_host_leaf, r.links_leaf_spine) == (2 * host, 2 * up)  # 400G links, both planes
    assert (r.scalable_units, r.unit_spare_nodes, r.unit_note) == (sus, 0, None)


def test_b300_as_one_fabric_needs_three_tiers() -> None:
    """The issue's contrast: one plane of 16 host ports a node answers 3 tiers and 256/256/128 switches."""
    r = evaluate(parse_config(with_values(B300_SPECTRUM_X, fabric__planes=1)), 1024)
    assert (r.tiers, r.leaves, r.spines, r.cores) == (3, 256, 256, 128)


def test_b300_two_tiers_hold_exactly_16_units() -> None:
    config = parse_config(with_values(B300_SPECTRUM_X, fabric__tiers=2, scalable_unit_nodes=64))
    r = solve(config)
    assert (r.nodes, r.scalable_units, r.binding_constraint) == (1024, 16, "fabric")
    assert (r.leaves, r.spines) == (256, 128)


def test_b300_table_3_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "b300.json"
    path.write_text(json.dumps(B300_SPECTRUM_X), encoding="utf-8")
    for sus, nodes, gpus, leaves, spines, host, up in B300_TABLE_3:
        proc = subprocess.run(
            [sys.executable, "-m", "clustersize", "--config", str(path), "--nodes", str(nodes), "--json",
             "--set", "rack.max_kw=56", "--set", "scalable_unit_nodes=64"],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        r = json.loads(proc.stdout)
        got = (r["scalable_units"], r["gpus"], r["leaves"], r["spines"])
        assert got == (sus, gpus, leaves, spines)
        assert (r["links_host_leaf_per_plane"], r["links_leaf_spine_per_plane"]) == (host, up)
        assert (r["nodes_per_rack"], r["racks_compute"], r["rack_kw"]) == (4, nodes // 4, 56)


def test_b300_four_nodes_a_rack_at_the_published_56_kw() -> None:
    assert node_power_w(parse_config(B300_SPECTRUM_X).node) == 56_000 / 4
    r = evaluate(parse_config(with_values(B300_SPECTRUM_X, rack={"max_kw": 56})), 1024)
    assert (r.nodes_per_rack, r.racks_compute, r.rack_kw) == (4, 256, 56)
    assert r.racks_network == 384 // 16  # 256 leaves + 128 spines, 16 a network rack
    short = evaluate(parse_config(with_values(B300_SPECTRUM_X, rack={"max_kw": 55.999})), 1024)
    assert (short.nodes_per_rack, short.racks_compute) == (3, 342)
    roomy = with_values(B300_SPECTRUM_X, rack={"max_kw": 100, "nodes_per_rack": 4})
    assert evaluate(parse_config(roomy), 1024).nodes_per_rack == 4  # space, not power, binds


def test_dgx_b200_racks_exceed_25_kw() -> None:
    """14.3 kW a DGX B200: two fit a 30 kW rack, which then draws 28.6 kW (over the published 25 kW)."""
    node = dict(B300_NODE, name="DGX B200 class", gpu_w=1000, cpu_w=1700, node_aux_w=3400)
    config = build(with_values(B300_SPECTRUM_X, node=node), rack={"max_kw": 30})
    assert node_power_w(config.node) == 14_300
    r = evaluate(config, 128)
    assert (r.nodes_per_rack, r.racks_compute, r.rack_kw) == (2, 64, 28.6)
    assert r.rack_kw > 25  # type: ignore[operator]


@pytest.mark.parametrize(("sus", "nodes", "leaves", "spines", "cables"), H100_B200_TABLE_4)
def test_h100_b200_table_4_keeps_reproducing_with_one_plane(
    sus: int, nodes: int, leaves: int, spines: int, cables: int
) -> None:
    raw = example_raw("h100-class-64p-400g")
    for spelled in (raw, with_values(raw, fabric__planes=1)):
        r = evaluate(parse_config(spelled), nodes)
        assert (r.leaves, r.spines, r.links_leaf_spine, r.tiers) == (leaves, spines, cables, 2)
        assert r.leaves_per_plane == leaves
    assert sus == (nodes + 1) // 32  # an SU is 32 rail-group slots less one node (UFM)


def test_gb200_nvl72_units_of_8_racks_at_1_2_mw() -> None:
    """5 MW holds floor(5 / 1.2) = 4 NVL72 units of 8 racks: 32 racks, 2,304 GPUs; without units the
    rack-scale preset counts partial units too."""
    raw = example_raw("rack-scale-class")
    units = solve(build(raw, scalable_unit_nodes=8, rack={"max_kw": 132}))
    assert (units.nodes, units.scalable_units, units.gpus) == (5 * 10 // 12 * 8, 5 * 10 // 12, 2304)
    assert (units.nodes_per_rack, units.racks_compute) == (1, 32)
    assert units.p_total_w is not None
    assert units.p_total_w <= 4 * 1_200_000
    loose = solve(build(raw))
    assert loose.nodes > units.nodes
    assert units.unit_spare_nodes == loose.nodes - units.nodes
