"""The fabric rules: even spine spread, whole pods, rail groups, and counts that never shrink."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize.config import parse_config
from clustersize.topology import (
    design,
    leaves_for,
    smallest_divisor_at_least,
    three_tier,
    two_tier,
)
from solver.strategies import Designed, designs, small_configs
from solver.support import build, example_raw


def test_smallest_divisor_at_least() -> None:
    assert smallest_divisor_at_least(32, 0) == 1
    assert smallest_divisor_at_least(32, 3) == 4
    assert smallest_divisor_at_least(32, 17) == 32
    assert smallest_divisor_at_least(12, 5) == 6
    assert smallest_divisor_at_least(12, 13) is None


def test_two_tier_spines_divide_the_leaf_uplinks_and_have_the_ports() -> None:
    # 24 leaves x 32 uplinks = 768 uplinks on 64-port spines: the naive ceil(768/64) = 12 spines does not
    # divide 32, so a leaf cannot spread its uplinks evenly; the even-spread answer is 16 spines of 48 ports.
    config = build(example_raw())
    topo = two_tier(config, 24 * 32 // 8)
    assert topo is not None
    assert topo.leaves == 24
    assert math.ceil(topo.uplinks_total / 64) == 12
    assert topo.spines == 16
    assert 32 % topo.spines == 0
    assert topo.spine_ports_used == 24 * (32 // 16) <= 64


def test_two_tier_holds_at_most_one_leaf_per_spine_port() -> None:
    # 8 rails x 400G on 64-port switches: 64 leaves x 32 host ports = 2,048 host ports, 256 nodes.
    config = build(example_raw(), fabric__tiers=2)
    top = two_tier(config, 256)
    assert top is not None
    assert top.host_ports == 2048
    assert top.spines == 32
    assert two_tier(config, 257) is None
    assert design(config, 257) is None


def test_auto_takes_three_tiers_only_when_two_cannot_hold() -> None:
    config = build(example_raw())
    small = design(config, 256)
    big = design(config, 257)
    assert small is not None
    assert big is not None
    assert (small.tiers, big.tiers) == (2, 3)


def test_three_tier_pods_are_whole_and_cores_take_every_spine_uplink() -> None:
    config = build(example_raw(), fabric__tiers=3)
    topo = three_tier(config, 495)  # 3,960 host ports -> 124 leaves -> 4 pods of up to 32 leaves
    assert topo is not None
    assert (topo.leaves, topo.pods, topo.spines) == (124, 4, 4 * 32)
    assert (
        topo.cores == 64
    )  # 32 planes x 2 cores: 4 pods x 32 uplinks = 128 per plane on 64-port cores
    assert topo.links_spine_core == topo.links_leaf_spine == 124 * 32
    assert topo.core_ports_used <= 64
    assert topo.spine_ports_used <= 64


def test_three_tier_limit_is_core_radix_pods() -> None:
    config = build(example_raw(), fabric__tiers=3)
    most = 64 * 32 * 32 // 8  # 64 pods x 32 leaves x 32 host ports / 8 ports per node
    assert three_tier(config, most) is not None
    assert three_tier(config, most + 1) is None


def test_rail_optimized_leaves_come_in_whole_rail_groups() -> None:
    config = build(example_raw(), fabric__rail_optimized=True)
    assert leaves_for(config, 1) == (8, 1)  # one leaf per rail even for one node
    assert leaves_for(config, 32) == (8, 1)
    assert leaves_for(config, 33) == (16, 2)
    plain = build(example_raw())
    assert leaves_for(plain, 1) == (1, 0)


def test_passive_copper_and_diskless_nodes_are_allowed() -> None:
    config = build(example_raw(), fabric__optic_w_per_link_end=0, node__nvme_w=0)
    assert design(config, 10) is not None


@settings(max_examples=150, deadline=None)
@given(raw=small_configs(), n=st.integers(1, 3000))
def test_counts_never_decrease_as_nodes_are_added(raw: dict[str, Any], n: int) -> None:
    config = parse_config(raw)
    a, b = design(config, n), design(config, n + 1)
    if a is None:
        assert b is None  # once the fabric cannot hold n nodes, it cannot hold n + 1
        return
    if b is None:
        return
    for name in ("leaves", "spines", "cores", "links_total", "host_ports"):
        assert getattr(b, name) >= getattr(a, name), name


@settings(max_examples=150, deadline=None)
@given(d=designs(small_configs(), most=3000))
def test_inv_002_no_switch_uses_more_ports_than_it_has(d: Designed) -> None:
    topo, fab = d.topo, d.config.fabric  # a fabric that holds d.n nodes
    assert topo.leaf_ports_used <= fab.leaf.ports
    assert topo.spine_ports_used <= fab.spine.ports
    assert topo.core_ports_used <= fab.core_switch.ports
    if topo.tiers == 2:
        assert fab.leaf_uplink_ports % topo.spines == 0
        assert topo.leaves * (fab.leaf_uplink_ports // topo.spines) <= fab.spine.ports
    else:
        assert topo.pods * (fab.spine.ports // 2) >= topo.leaves
        assert topo.links_spine_core == topo.links_leaf_spine
