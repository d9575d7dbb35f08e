"""The physical build (issue #11): fabric planes, optics per tier, racks and scalable units.

Each rule is checked against the equation its docstring states (``clustersize.topology`` for planes,
``clustersize.optics``, ``clustersize.rack``, ``clustersize.physical``), on random configs and on NVIDIA's
published reference architectures.
"""

from __future__ import annotations

import copy
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize import ConfigError, examples
from clustersize.config import config_paths, parse_config
from clustersize.output import result_to_dict
from clustersize.solve import cap_w, evaluate, exact, node_power_w, power, solve
from clustersize.topology import design, plane_split
from solver.strategies import node_power_kw, physical_configs, small_configs
from solver.support import RETIRED, build, example_raw, with_values
from solver.test_solve import brute_force_max

COUNTS = ("host_ports", "leaves", "uplinks_total", "spines", "cores", "switches_total")
LINKS = ("links_host_leaf", "links_leaf_spine", "links_spine_core")


def one_plane_raw(raw: dict[str, Any]) -> dict[str, Any]:
    """The config of one plane, by the topology docstring: ``g = gcd(ports_per_nic, P)``; a plane sees
    ``nics / (P / g)`` NICs of ``ports_per_nic / g`` ports."""
    out = copy.deepcopy(raw)
    planes = out["fabric"].pop("planes", 1)
    node = out["node"]
    g = math.gcd(node["ports_per_nic_to_fabric"], planes)
    node["nics_per_node"] //= planes // g
    node["ports_per_nic_to_fabric"] //= g
    return out


# --- planes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nics", "ports", "planes", "want"),
    [(8, 2, 2, (8, 1)), (8, 1, 2, (4, 1)), (8, 4, 2, (8, 2)), (3, 2, 6, (1, 1)), (8, 1, 3, None)],
)
def test_plane_split_shares_ports_first_then_nics(
    nics: int, ports: int, planes: int, want: tuple[int, int] | None
) -> None:
    assert plane_split(nics, ports, planes) == want
    if want is not None:
        assert want[0] * want[1] * planes == nics * ports


@settings(max_examples=150, deadline=None)
@given(raw=physical_configs(), n=st.integers(1, 3000))
def test_every_plane_is_sized_alone_and_counts_are_totals(raw: dict[str, Any], n: int) -> None:
    planes = raw["fabric"]["planes"]
    whole, one = design(parse_config(raw), n), design(parse_config(one_plane_raw(raw)), n)
    assert (whole is None) == (one is None)
    if whole is None or one is None:
        return
    for name in (*COUNTS, *LINKS):
        assert getattr(whole, name) == planes * getattr(one, name), name
    assert (whole.tiers, whole.pods, whole.rail_groups) == (one.tiers, one.pods, one.rail_groups)
    assert whole.planes == planes


@settings(max_examples=100, deadline=None)
@given(raw=small_configs())
def test_one_plane_and_default_optics_are_exactly_today(raw: dict[str, Any]) -> None:
    today = result_to_dict(solve(parse_config(raw)))
    fabric = raw["fabric"]
    w = fabric["optic_w_per_link_end"]
    spelled = with_values(
        raw,
        fabric__planes=1,
        fabric__optics_by_tier={"host_leaf": w, "leaf_spine": w, "spine_core": w},
    )
    assert result_to_dict(solve(parse_config(spelled))) == today
    assert today["planes"] == 1
    assert today["leaves_per_plane"] == today["leaves"]
    assert today["nodes_per_rack"] is None
    assert today["scalable_units"] is None


def test_planes_must_split_the_host_ports_evenly() -> None:
    with pytest.raises(ConfigError, match=r"^/fabric/planes: must divide each node's host ports"):
        build(example_raw(), fabric__planes=3)  # 8 NICs x 1 port
    assert build(example_raw(), fabric__planes=8).fabric.planes == 8


def test_rail_rule_reads_the_ports_one_nic_cables_to_one_plane() -> None:
    raw = example_raw()
    two_ports = with_values(raw, node__ports_per_nic_to_fabric=2, fabric__rail_optimized=True)
    with pytest.raises(ConfigError, match=r"^/fabric/leaf_host_ports: with rail_optimized"):
        build(two_ports, fabric__leaf_host_ports=1, fabric__leaf_uplink_ports=1)
    config = build(
        two_ports, fabric__leaf_host_ports=1, fabric__leaf_uplink_ports=1, fabric__planes=2
    )
    assert config.fabric.planes == 2


# --- optics per tier ------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(raw=physical_configs(), n=st.integers(1, 2000))
def test_optics_power_is_the_sum_over_tiers(raw: dict[str, Any], n: int) -> None:
    config = parse_config(raw)
    topo = design(config, n)
    if topo is None:
        return
    by_tier = raw["fabric"].get("optics_by_tier") or {}
    fallback = raw["fabric"]["optic_w_per_link_end"]
    want = sum(
        2 * getattr(topo, f"links_{t}") * exact(by_tier.get(t, fallback))
        for t in ("host_leaf", "leaf_spine", "spine_core")
    )
    pw = power(config, n, topo)
    assert pw.optics == want == sum(pw.optics_by_tier)
    result = result_to_dict(evaluate(config, n))
    for tier, tier_w in zip(
        ("host_leaf", "leaf_spine", "spine_core"), pw.optics_by_tier, strict=True
    ):
        assert result[f"optics_{tier}"] == 2 * result[f"links_{tier}"]
        assert result[f"p_optics_{tier}_w"] == (
            int(tier_w) if tier_w.denominator == 1 else float(tier_w)
        )


def test_copper_host_links_cost_nothing_and_the_rest_keep_the_default() -> None:
    config = build(example_raw(), fabric__optics_by_tier={"host_leaf": 0})
    result = solve(config)
    assert result.p_optics_host_leaf_w == 0
    assert result.optics_host_leaf == 2 * result.links_host_leaf  # type: ignore[operator]
    assert result.p_optics_leaf_spine_w == 12 * result.optics_leaf_spine  # type: ignore[operator]
    assert result.nodes > solve(build(example_raw())).nodes  # the saved watts buy nodes


# --- racks ----------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(raw=physical_configs(), n=st.integers(1, 2000))
def test_racks_follow_their_equations(raw: dict[str, Any], n: int) -> None:
    if "rack" not in raw:
        raw["rack"] = {"max_kw": math.ceil(node_power_kw(raw["node"])) + 5}
    config = parse_config(raw)
    result = evaluate(config, n)
    rack = raw["rack"]
    p_node = node_power_w(config.node)
    by_power = int(exact(rack["max_kw"]) * 1000 // p_node)
    per_rack = min(rack.get("nodes_per_rack", by_power), by_power)
    assert result.nodes_per_rack == per_rack >= 1
    assert Fraction(repr(result.rack_kw)) == per_rack * p_node / 1000
    if result.switches_total is None:
        assert result.racks_compute is None
        return
    assert result.racks_compute == -(-n // per_rack)
    assert result.racks_network == -(-result.switches_total // rack.get("switches_per_rack", 16))


def test_a_node_over_the_rack_power_is_refused() -> None:
    with pytest.raises(
        ConfigError, match=r"^/rack/max_kw: must be at least the power of one node \(8.55 kW\)"
    ):
        build(example_raw(), rack={"max_kw": 8.549})
    assert build(example_raw(), rack={"max_kw": 8.55}).rack is not None


def test_racks_never_change_the_solve() -> None:
    plain = result_to_dict(solve(build(example_raw())))
    racked = result_to_dict(solve(build(example_raw(), rack={"max_kw": 40, "nodes_per_rack": 4})))
    rack_keys = {"nodes_per_rack", "racks_compute", "racks_network", "rack_kw"}
    assert {k: v for k, v in racked.items() if k not in rack_keys} == {
        k: v for k, v in plain.items() if k not in rack_keys
    }
    assert (racked["nodes_per_rack"], racked["rack_kw"]) == (4, 34.2)


# --- scalable units -------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(raw=physical_configs(), su=st.integers(1, 40))
def test_inv_004_the_answer_is_the_most_whole_units_that_fit(raw: dict[str, Any], su: int) -> None:
    raw["scalable_unit_nodes"] = su
    config = parse_config(raw)
    most = brute_force_max(config)
    result = solve(config)
    assert result.nodes == most // su * su
    assert result.scalable_units == most // su
    assert result.unit_spare_nodes == most - result.nodes
    assert (result.unit_note is None) == (result.unit_spare_nodes == 0)
    if result.status == "ok":
        assert "INV-004" in result.invariants_checked


@settings(max_examples=100, deadline=None)
@given(raw=physical_configs())
def test_inv_001_physical_answers_fit_under_the_cap(raw: dict[str, Any]) -> None:
    config = parse_config(raw)
    result = solve(config)
    if result.nodes:
        topo = design(config, result.nodes)
        assert topo is not None
        assert power(config, result.nodes, topo).total <= cap_w(config)


def test_fixed_nodes_off_a_unit_boundary_get_a_note_not_an_error() -> None:
    config = build(example_raw(), scalable_unit_nodes=64)
    result = evaluate(config, 400)
    assert result.status == "ok"
    assert (result.scalable_units, result.unit_spare_nodes) == (6, 16)
    assert result.unit_note == (
        "400 nodes is not a whole number of 64-node scalable units: 6 units and 16 nodes of a partial unit"
    )
    whole = evaluate(config, 384)
    assert (whole.scalable_units, whole.unit_spare_nodes, whole.unit_note) == (6, 0, None)


def test_min_nodes_counts_whole_units() -> None:
    result = solve(build(example_raw(), scalable_unit_nodes=1000, min_nodes=1))
    assert result.status == "infeasible"
    assert result.nodes == 0
    assert result.scalable_units == 0
    assert result.unit_spare_nodes == solve(build(example_raw())).nodes
    assert "1,000 nodes need" in result.binding_detail


# --- every count grows with the nodes (the binary search relies on it) -----------------------------------------

GROWING = (
    "host_ports", "leaves", "uplinks_total", "spines", "cores", "switches_total", "links_total", "optics",
    "leaves_per_plane", "spines_per_plane", "cores_per_plane", "switches_per_plane",
    "links_host_leaf_per_plane", "links_leaf_spine_per_plane", "links_spine_core_per_plane",
    "optics_host_leaf", "optics_leaf_spine", "optics_spine_core", "racks_compute", "racks_network",
    "p_optics_host_leaf_w", "p_optics_leaf_spine_w", "p_optics_spine_core_w", "p_total_w",
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(raw=physical_configs(), n=st.integers(1, 2000))
def test_every_count_is_non_decreasing_in_nodes(raw: dict[str, Any], n: int) -> None:
    config = parse_config(raw)
    a, b = evaluate(config, n), evaluate(config, n + 1)
    if a.leaves is None:
        assert b.leaves is None
        return
    if b.leaves is None:
        return
    for key in GROWING:
        before, after = getattr(a, key), getattr(b, key)
        if before is not None:
            assert after >= before, key


# --- the model declares the keys --------------------------------------------------------------------------------


def test_the_new_keys_are_declared_in_the_model() -> None:
    paths = config_paths()
    for key in (
        "fabric.planes",
        "fabric.optics_by_tier.host_leaf",
        "fabric.optics_by_tier.leaf_spine",
        "fabric.optics_by_tier.spine_core",
        "rack.max_kw",
        "rack.nodes_per_rack",
        "rack.switches_per_rack",
        "scalable_unit_nodes",
    ):
        assert key in paths, key


@pytest.mark.parametrize("name", examples.names())
def test_bundled_examples_use_one_plane(name: str) -> None:
    config = parse_config(example_raw(name))
    assert config.fabric.planes == 1


@pytest.mark.parametrize("name", [examples.DEFAULT, *(p.stem for p in RETIRED.glob("*.json"))])
def test_the_examples_from_before_the_physical_build_use_none_of_its_keys(name: str) -> None:
    """The reference and the retired class examples predate #11; the DGX presets of #12 use its racks and units
    on purpose (tests/docs/test_presets.py)."""
    config = parse_config(example_raw(name))
    assert config.fabric.planes == 1
    assert config.rack is None
    assert config.scalable_unit_nodes is None
