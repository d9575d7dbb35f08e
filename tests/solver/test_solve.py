"""The solver: INV-001 (cap respected) and INV-004 (the answer is the maximum), exactly and fast."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize import examples, load_config_text
from clustersize.config import parse_config
from clustersize.model import Config
from clustersize.solve import (
    cap_w,
    evaluate,
    exact,
    max_nodes,
    node_power_w,
    power,
    solve,
)
from clustersize.topology import design
from solver.strategies import small_configs
from solver.support import build, example_raw, with_values


def fits(config: Config, n: int) -> bool:
    topo = design(config, n)
    return topo is not None and power(config, n, topo).total <= cap_w(config)


def brute_force_max(config: Config) -> int:
    """The largest n that fits, by scanning every n up to where nodes alone exceed the cap."""
    best = 0
    limit = int(cap_w(config) // node_power_w(config.node)) + 1
    for n in range(1, limit + 1):
        if fits(config, n):
            best = n
    return best


def total_w(config: Config, n: int) -> Fraction:
    topo = design(config, n)
    assert topo is not None
    return power(config, n, topo).total


def with_cap_w(raw: dict[str, Any], watts: Fraction) -> Config:
    """A config whose cap is exactly ``watts`` W, written as a decimal MW figure."""
    return build(raw, it_cap_mw=float(Decimal(int(watts)) / Decimal(1_000_000)))


def test_node_power_is_the_sum_of_its_parts() -> None:
    config = build(example_raw())
    assert node_power_w(config.node) == 8 * 700 + 700 + 300 + 150 + 8 * 25 + 1600


def test_exact_reads_floats_as_the_decimal_written() -> None:
    assert exact(0.1) == Fraction(1, 10)
    assert exact(4.999999) * 1_000_000 == 4_999_999
    assert exact(7) == 7


@pytest.mark.parametrize("name", examples.names())
def test_inv_001_every_bundled_answer_fits_under_the_cap(name: str) -> None:
    result = solve(load_config_text(examples.text(name)))
    assert result.status == "ok"
    assert result.p_total_w is not None
    assert result.p_total_w <= result.it_cap_w
    assert result.headroom_w == result.it_cap_w - result.p_total_w
    assert "INV-001" in result.invariants_checked


@settings(max_examples=120, deadline=None)
@given(raw=small_configs())
def test_inv_001_random_answers_fit_under_the_cap(raw: dict[str, Any]) -> None:
    config = parse_config(raw)
    result = solve(config)
    if result.nodes:
        assert total_w(config, result.nodes) <= cap_w(config)


@settings(max_examples=120, deadline=None)
@given(raw=small_configs())
def test_inv_004_answer_equals_brute_force_scan(raw: dict[str, Any]) -> None:
    config = parse_config(raw)
    n, _ = max_nodes(config)
    assert n == brute_force_max(config)
    assert not fits(config, n + 1)
    if n:
        assert fits(config, n)


@pytest.mark.parametrize("name", examples.names())
def test_inv_004_thresholds_at_one_watt_under_and_over(name: str) -> None:
    raw = example_raw(name)
    # a preset sized in whole scalable units answers one unit more
    step = raw.get("scalable_unit_nodes", 1)
    n = solve(load_config_text(examples.text(name))).nodes
    threshold = total_w(parse_config(raw), n + step)  # the cap at which n + step nodes first fit
    assert threshold.denominator == 1
    assert solve(with_cap_w(raw, threshold)).nodes == n + step  # exactly at the threshold
    assert solve(with_cap_w(raw, threshold - 1)).nodes == n  # one watt under
    assert solve(with_cap_w(raw, threshold + 1)).nodes == n + step  # one watt over


def test_inv_004_threshold_at_the_two_to_three_tier_step() -> None:
    # 256 nodes is the 2-tier limit of the reference fabric; node 257 needs the third tier.
    raw = example_raw()
    at_256, at_257 = total_w(parse_config(raw), 256), total_w(parse_config(raw), 257)
    assert at_257 - at_256 > 8550  # the third tier costs far more than one node
    assert solve(with_cap_w(raw, at_257 - 1)).nodes == 256
    assert solve(with_cap_w(raw, at_257)).nodes == 257


@settings(max_examples=100, deadline=None)
@given(raw=small_configs(), extra=st.integers(1, 500_000))
def test_a_higher_cap_never_gives_fewer_nodes(raw: dict[str, Any], extra: int) -> None:
    low = parse_config(raw)
    high = parse_config(with_values(raw, it_cap_mw=raw["it_cap_mw"] + extra / 1_000_000))
    assert solve(high).nodes >= solve(low).nodes


def test_search_uses_logarithmic_evaluations_from_one_node_to_a_gigawatt() -> None:
    one_node = build(example_raw(), it_cap_mw=0.0126, min_nodes=1)
    campus = build(
        example_raw(),
        it_cap_mw=1000,
        fabric__leaf__ports=128,
        fabric__spine__ports=128,
        fabric__leaf_host_ports=64,
        fabric__leaf_uplink_ports=64,
        fabric__core={"name": "512-port core", "ports": 512, "power_w": 9000},
    )
    small, big = solve(one_node), solve(campus)
    assert small.nodes == 1
    assert big.nodes > 100_000
    assert big.tiers == 3
    assert big.binding_constraint == "power"
    assert big.evaluations <= 2 * (big.nodes.bit_length() + 2)
    assert brute_force_max(one_node) == 1


def test_a_gigawatt_on_small_switches_is_bound_by_the_fabric() -> None:
    result = solve(build(example_raw(), it_cap_mw=1000))
    assert result.binding_constraint == "fabric"
    assert result.nodes == 64 * 32 * 32 // 8
    assert result.p_total_w is not None
    assert result.p_total_w < result.it_cap_w


def test_reference_case_is_bound_by_power() -> None:
    result = solve(build(example_raw()))
    assert result.binding_constraint == "power"
    assert result.nodes > 256  # beyond what 2 tiers can hold
    assert result.tiers == 3
    assert result.gpus_per_mw == result.gpus / 5


def test_forcing_two_tiers_makes_the_fabric_bind() -> None:
    result = solve(build(example_raw(), fabric__tiers=2))
    assert result.nodes == 256
    assert result.binding_constraint == "fabric"


def test_min_nodes_above_the_answer_is_infeasible_with_the_shortfall() -> None:
    config = build(example_raw(), min_nodes=600)
    result = solve(config)
    assert result.status == "infeasible"
    assert result.binding_constraint == "power"
    assert result.shortfall_w == total_w(config, 600) - cap_w(config)


def test_nothing_fits_under_a_tiny_cap() -> None:
    result = solve(build(example_raw(), it_cap_mw=0.001, min_nodes=1))
    assert result.nodes == 0
    assert result.status == "infeasible"
    assert result.p_total_w is None
    assert result.headroom_w == 1000


def test_pue_reports_facility_power_and_never_changes_the_solve() -> None:
    raw = example_raw()
    base = solve(build(raw, pue=1.0))
    heavy = solve(build(raw, pue=2.0))
    assert base.nodes == heavy.nodes
    assert heavy.p_facility_w == 2 * heavy.p_total_w  # type: ignore[operator]


def test_evaluate_reports_whether_n_nodes_fit() -> None:
    config = build(example_raw())
    n = solve(config).nodes
    assert evaluate(config, n).status == "ok"
    over = evaluate(config, n + 1)
    assert over.status == "infeasible"
    assert over.binding_constraint == "power"
    assert over.shortfall_w == total_w(config, n + 1) - cap_w(config)


def test_evaluate_beyond_the_fabric_says_fabric() -> None:
    over = evaluate(build(example_raw(), fabric__tiers=2), 300)
    assert over.binding_constraint == "fabric"
    assert over.leaves is None


@pytest.mark.parametrize("bad", [0, -3, True, 2.0])
def test_evaluate_rejects_non_positive_node_counts(bad: Any) -> None:
    with pytest.raises(ValueError, match="nodes must be"):
        evaluate(build(example_raw()), bad)


def test_power_breakdown_adds_up() -> None:
    r = solve(build(example_raw()))
    assert r.p_total_w == r.p_node_total_w + r.p_switching_w + r.p_optics_w  # type: ignore[operator]
    assert r.p_switching_w == r.p_leaf_w + r.p_spine_w + r.p_core_w  # type: ignore[operator]
    assert r.optics == 2 * r.links_total  # type: ignore[operator]
    assert r.p_optics_w == r.optics * 12  # type: ignore[operator]
