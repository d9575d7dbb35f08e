"""The real-system presets reproduce what NVIDIA publishes: node maximum, rack and scalable-unit power, switch
radix, through the CLI. The published figures are typed here from the sources (the ledger quotes them), so the
tests do not just compare the ledger with itself.

Sources (stored copies read 2026-11-30):

* DGX B200 user guide: "14.3 kW max." for the system (six 3.3 kW supplies).
* DGX H100: "Maximum input specification for the system is 10.2 kW" (secondary: unanswered.io, citing NVIDIA's
  user guide, which could not be read).
* DGX SuperPOD B300 (XDR): "four DGX B300 fit within a single rack. The rack-level power consumption per rack
  is ~56kW"; Table 3 implies 144-port switches (72 node links + 72 spine links a leaf).
* NVIDIA Domain Power Service registry: the DGX_GB200 compute tray "maxLoadWatts: 6667", 18 trays a rack
  (DGX GB200 user guide); DGX SuperPOD GB200: "Each SU requires a Thermal Design Power (TDP) of 1.2 Megawatts"
  for "a single SU (8 DGX GB200 rack systems)".
* QM97X0 manual: "Each OSFP port consists of 2 logical InfiniBand ports", 32 cages (64 ports); twin-port
  800G (2 x 400G) transceivers: 15 W multimode, 17 W single mode.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from typing import Any

import pytest

from clustersize import examples

PRESETS = ("dgx-h100", "dgx-b200", "dgx-b300", "gb200-nvl72")
NODE_MAX_W = {
    "dgx-h100": 10_200,
    "dgx-b200": 14_300,
    "dgx-b300": 56_000 // 4,
    "gb200-nvl72": 18 * 6_667,
}
RADIX = {"dgx-h100": 64, "dgx-b200": 64, "dgx-b300": 144, "gb200-nvl72": 64}


def cli(*args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *args, "--json"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text(name))
    return data


def typical(v: Any) -> Any:
    return v["typical"] if isinstance(v, dict) else v


def test_the_presets_are_bundled_and_the_reference_stays_the_default() -> None:
    assert examples.names() == ["reference-5mw", *sorted(PRESETS)]
    assert cli()["nodes"] == 495  # the plan's baseline keeps its pinned answer


@pytest.mark.parametrize("name", PRESETS)
def test_node_power_is_the_published_maximum(name: str) -> None:
    """Not 12 to 17 % under it, as the retired class presets were: the node draws the vendor's total."""
    r = cli("--preset", name)
    assert r["p_node_w"] == NODE_MAX_W[name]
    assert raw(name)["power_basis"] == "nameplate"


@pytest.mark.parametrize("name", PRESETS)
def test_components_sum_to_the_published_maximum(name: str) -> None:
    """The component fields are filled and add up to the same total (node_aux_w is the remainder)."""
    r = cli("--preset", name, "--set", "power_basis=components")
    assert r["p_node_w"] == NODE_MAX_W[name]
    node = raw(name)["node"]
    assert all(
        typical(node[k]) >= 0 for k in ("gpu_w", "cpu_w", "dram_w", "nvme_w", "nic_w", "node_aux_w")
    )


@pytest.mark.parametrize("name", PRESETS)
def test_switch_radix_is_the_published_one(name: str) -> None:
    fabric = raw(name)["fabric"]
    assert fabric["leaf"]["ports"] == fabric["spine"]["ports"] == RADIX[name]
    assert fabric["leaf_host_ports"] + fabric["leaf_uplink_ports"] == RADIX[name]


def test_dgx_b300_four_systems_draw_the_published_rack() -> None:
    r = cli("--preset", "dgx-b300")
    assert 4 * r["p_node_w"] == 56_000
    assert (r["nodes_per_rack"], r["rack_kw"]) == (4, 56)
    assert r["racks_compute"] == r["nodes"] // 4


@pytest.mark.parametrize(
    ("name", "unit"), [("dgx-h100", 32), ("dgx-b200", 32), ("dgx-b300", 72), ("gb200-nvl72", 8)]
)
def test_answers_are_whole_published_scalable_units(name: str, unit: int) -> None:
    """SuperPOD units: 32 DGX H100 / B200, 72 DGX B300 (XDR), 8 GB200 NVL72 racks."""
    r = cli("--preset", name)
    assert raw(name)["scalable_unit_nodes"] == unit
    assert r["nodes"] == r["scalable_units"] * unit


def test_gb200_scalable_unit_draws_its_published_1_2_mw() -> None:
    """8 racks: 18 trays of 6,667 W each, the compute fabric, and the unit's overhead as one extra load."""
    r = cli("--preset", "gb200-nvl72", "--nodes", "8")
    assert r["p_total_w"] == 1_200_000
    assert r["gpus"] == 8 * 72
    load = raw("gb200-nvl72")["extra_loads"][0]
    assert load["per_nodes"] == 8  # one overhead per scalable unit of 8 racks (a node is a rack)
    assert r["p_extra_w"] == load["power_w"]
    assert cli("--preset", "gb200-nvl72", "--nodes", "9")["p_extra_w"] == 2 * load["power_w"]


@pytest.mark.parametrize("name", ["dgx-h100", "dgx-b200", "gb200-nvl72"])
def test_400g_optics_are_half_a_twin_port_module(name: str) -> None:
    optic = raw(name)["fabric"]["optic_w_per_link_end"]
    assert (Fraction(optic["low"]), Fraction(optic["high"])) == (Fraction(15, 2), Fraction(17, 2))


@pytest.mark.parametrize("name", PRESETS)
def test_switch_power_is_without_optics(name: str) -> None:
    """Optics are counted per link end, so a switch's own power is its passive-cable figure, far under the
    1.7 kW a 64-port NDR switch draws with active optics in every cage."""
    leaf = raw(name)["fabric"]["leaf"]
    if leaf["ports"] == 64:
        assert typical(leaf["power_w"]) < 1_720 - 32 * 17 < 1_720


def test_gb200_uses_ndr_networking_not_another_generation() -> None:
    """A GB200 compute tray has 4 ConnectX-7 400G NICs: NDR 400G, 64-port switches, not 800G / 128-port."""
    node, fabric = raw("gb200-nvl72")["node"], raw("gb200-nvl72")["fabric"]
    assert (node["gpus_per_node"], node["nics_per_node"], node["ports_per_nic_to_fabric"]) == (
        72,
        72,
        1,
    )
    assert fabric["leaf"]["ports"] == 64
    assert "400G" in fabric["name"]
