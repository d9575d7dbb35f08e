"""INV-006: the band of ranged inputs holds the node count of every low/high corner, exactly, from 3 solves.

Brute force: every combination of low/high ends of every ranged input is solved and checked for maximality
with an independent ``fits``; the band must be exactly their minimum and maximum.
"""

from __future__ import annotations

import copy
import itertools
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize.config import parse_config
from clustersize.errors import InvariantError
from clustersize.model import Config
from clustersize.power import budget_w, p_node_w, power
from clustersize.ranges import Corner, at_choices, at_corner, ranged_paths
from clustersize.record import Band
from clustersize.solve import _check_invariants, evaluate, max_nodes, solve
from clustersize.topology import design
from solver.strategies import planning_configs
from solver.support import build, example_raw


def fits(config: Config, n: int) -> bool:
    """Whether n nodes fit, straight from the definitions (no search)."""
    topo = design(config, n)
    return topo is not None and power(config, n, topo).total <= budget_w(config)


def corners(config: Config) -> list[Config]:
    """The plain config at every combination of low/high ends of its ranged inputs."""
    paths = ranged_paths(config)
    ends: tuple[Corner, Corner] = ("low", "high")
    return [
        at_choices(config, dict(zip(paths, combo, strict=True)))
        for combo in itertools.product(ends, repeat=len(paths))
    ]


def corner_answers(config: Config) -> list[int]:
    answers = []
    for plain in corners(config):
        n, _ = max_nodes(plain)
        assert not fits(plain, n + 1)
        assert n == 0 or fits(plain, n)
        answers.append(n)
    return answers


@settings(max_examples=250, deadline=None)
@given(raw=planning_configs())
def test_inv_006_band_is_the_min_and_max_over_every_corner(raw: dict[str, Any]) -> None:
    config = parse_config(raw)
    result = solve(config)
    answers = corner_answers(config)
    if not ranged_paths(config):
        assert result.nodes_low is None
        assert result.nodes_high is None
        assert answers == [result.nodes]
        return
    assert result.nodes_low == min(answers)
    assert result.nodes_high == max(answers)
    assert result.nodes_low <= result.nodes <= result.nodes_high
    assert "INV-006" in result.invariants_checked
    assert result.ranged_inputs == ranged_paths(config)


@settings(max_examples=80, deadline=None)
@given(raw=planning_configs(), pick=st.integers(0, 10**6))
def test_inv_006_band_fit_counts_the_corners_where_n_fits(raw: dict[str, Any], pick: int) -> None:
    config = parse_config(raw)
    answers = corner_answers(config)
    n = 1 + pick % (max(answers) + 2)
    result = evaluate(config, n)
    fitting = sum(fits(plain, n) for plain in corners(config))
    if result.band_fit is None:
        assert not ranged_paths(config)
        return
    expected = "every" if fitting == len(answers) else "some" if fitting else "none"
    assert result.band_fit == expected
    assert result.status == ("ok" if fits(config, n) else "infeasible")  # the typical point decides


@settings(max_examples=80, deadline=None)
@given(raw=planning_configs(max_ranges=0))
def test_inv_004_planning_answer_equals_a_brute_force_scan(raw: dict[str, Any]) -> None:
    """Extra loads per N nodes, nameplate power, the facility basis and the margin keep "fits" monotone."""
    config = parse_config(raw)
    limit = int(budget_w(config) // p_node_w(config)) + 1
    if limit > 20_000:
        return
    best = max((n for n in range(1, limit + 1) if fits(config, n)), default=0)
    assert max_nodes(config)[0] == best


def _bump(raw: dict[str, Any], path: tuple[str, ...], extra: Fraction) -> dict[str, Any]:
    """``raw`` with the (plain or typical) value at ``path`` raised by ``extra`` (a range keeps high >= typical)."""
    out = copy.deepcopy(raw)
    node: Any = out
    for part in path[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    value = node[path[-1]]
    if isinstance(value, dict):
        value["typical"] = float(value["typical"] + extra)
        value["high"] = max(value["high"], value["typical"])
    else:
        node[path[-1]] = float(value + extra)
    return out


def wattage_paths(raw: dict[str, Any]) -> list[tuple[str, ...]]:
    paths = [("node", k) for k in raw["node"] if k.endswith("_w")]
    paths += [("fabric", s, "power_w") for s in ("leaf", "spine", "core") if s in raw["fabric"]]
    paths += [("fabric", "optic_w_per_link_end")]
    paths += [("extra_loads", str(i), "power_w") for i in range(len(raw.get("extra_loads", [])))]
    return paths + ([("pue",)] if "pue" in raw else [])


@settings(max_examples=150, deadline=None)
@given(raw=planning_configs(), choice=st.integers(0, 100), extra=st.integers(1, 3000))
def test_raising_any_wattage_or_pue_never_raises_the_node_count(
    raw: dict[str, Any], choice: int, extra: int
) -> None:
    paths = wattage_paths(raw)
    path = paths[choice % len(paths)]
    step = Fraction(extra, 1000) if path == ("pue",) else Fraction(extra, 10)
    bumped = _bump(raw, path, step)
    before = solve(parse_config(raw))
    after = solve(parse_config(bumped))
    assert after.nodes <= before.nodes
    if before.nodes_low is not None and after.nodes_low is not None:
        assert after.nodes_low <= before.nodes_low


def test_pue_moves_the_answer_only_on_the_facility_basis() -> None:
    raw = example_raw()
    it = [solve(build(raw, pue=p)).nodes for p in (1.1, 1.3, 1.6)]
    facility = [solve(build(raw, pue=p, cap_basis="facility")).nodes for p in (1.1, 1.3, 1.6)]
    assert len(set(it)) == 1
    assert facility == sorted(facility, reverse=True)
    assert len(set(facility)) == 3


def test_the_band_costs_three_solves() -> None:
    raw = example_raw()
    every = {"low": 1, "typical": 2, "high": 3}
    ranged = build(raw, node__gpu_w={"low": 650, "typical": 700, "high": 760}, node__cpu_w=every)
    plain = build(raw, node__gpu_w=700, node__cpu_w=2)
    result, point = solve(ranged), solve(plain)
    assert result.nodes == point.nodes
    corner_evaluations = (
        max_nodes(at_corner(ranged, "high"))[1] + max_nodes(at_corner(ranged, "low"))[1]
    )
    assert result.evaluations == point.evaluations + corner_evaluations


def test_inv_006_runtime_check_refuses_an_answer_outside_its_band() -> None:
    config = build(example_raw())
    n = solve(config).nodes
    outside = Band(("node.gpu_w",), n + 1, n + 5, 0)
    with pytest.raises(InvariantError, match="INV-006"):
        _check_invariants(config, n, None, None, next_fits=False, spread=outside)
    inverted = Band(("node.gpu_w",), n + 5, n + 1, 0)
    with pytest.raises(InvariantError, match="INV-006"):
        _check_invariants(config, 3, None, None, next_fits=None, spread=inverted)
