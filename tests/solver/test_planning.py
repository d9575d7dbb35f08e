"""The planning-grade power model: the budget chain, node power bases, extra loads and ranges, against the
arithmetic and maximality (N fits, N + 1 does not)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest

from clustersize.config import parse_config
from clustersize.model import Config
from clustersize.power import budget_w, exact, node_power_w, num
from clustersize.ranges import at_corner
from clustersize.result import RESULT_FIELDS
from clustersize.solve import evaluate, solve
from solver.support import build, example_raw, planning_raw, spread

CAP = 5_000_000


def assert_maximal(config: Config) -> int:
    """The answer fits under the IT budget, and one more node does not (the typical point)."""
    result = solve(config)
    n = result.nodes
    assert result.p_total_w is not None
    assert result.p_total_w <= result.it_budget_w
    assert result.headroom_w == pytest.approx(result.it_budget_w - result.p_total_w)
    assert evaluate(config, n).status == "ok"
    assert evaluate(config, n + 1).status == "infeasible"
    return n


def test_an_old_config_reports_the_cap_as_its_budget() -> None:
    r = solve(build(example_raw()))
    assert (r.it_cap_w, r.it_cap_after_pue_w, r.it_budget_w) == (CAP, CAP, CAP)
    assert (r.cap_basis, r.planning_margin, r.power_basis) == ("it", 0, "components")
    assert (r.p_extra_w, r.extra_loads, r.ranged_inputs) == (0, [], [])
    assert (r.p_node_components_w, r.p_node_nameplate_w, r.p_node_nameplate_ratio) == (None,) * 3
    assert (r.nodes_low, r.nodes_high, r.band_fit) == (None, None, None)


@pytest.mark.parametrize("pue", [1.3, 1.1, 2])
def test_facility_basis_divides_the_cap_by_pue_exactly(pue: float) -> None:
    config = build(example_raw(), cap_basis="facility", pue=pue)
    r = solve(config)
    assert Fraction(r.it_cap_after_pue_w) == pytest.approx(Fraction(CAP) / exact(pue))
    assert budget_w(config) == Fraction(CAP) / exact(pue)
    assert r.it_cap_w == CAP  # the cap as given
    assert r.p_facility_w is not None
    assert r.p_facility_w <= CAP
    assert assert_maximal(config) < solve(build(example_raw())).nodes


@pytest.mark.parametrize("margin", [0.05, 0.2, 0.5])
def test_planning_margin_holds_back_a_share_of_the_it_cap(margin: float) -> None:
    config = build(example_raw(), planning_margin=margin)
    assert budget_w(config) == CAP * (1 - exact(margin))
    assert solve(config).it_budget_w == CAP * (1 - exact(margin))
    assert_maximal(config)


def test_margin_and_facility_basis_chain() -> None:
    config = build(example_raw(), cap_basis="facility", pue=1.25, planning_margin=0.2)
    assert budget_w(config) == Fraction(CAP) / Fraction(5, 4) * Fraction(4, 5)
    assert solve(config).it_budget_w == 3_200_000
    assert_maximal(config)


def test_nameplate_basis_uses_the_nameplate_and_reports_both() -> None:
    components = node_power_w(build(example_raw()).node)
    config = build(example_raw(), power_basis="nameplate", node__nameplate_w=10_200)
    r = solve(config)
    assert r.p_node_w == r.p_node_nameplate_w == 10_200
    assert r.p_node_components_w == components
    assert r.p_node_nameplate_ratio == round(10_200 / float(components), 3)
    assert r.p_node_total_w == r.nodes * 10_200
    assert_maximal(config)


def test_a_nameplate_on_the_components_basis_is_reported_not_used() -> None:
    base = solve(build(example_raw()))
    r = solve(build(example_raw(), node__nameplate_w=10_200))
    assert r.nodes == base.nodes
    assert r.p_node_w == base.p_node_w == r.p_node_components_w
    assert r.p_node_nameplate_w == 10_200


def test_extra_loads_are_sized_and_count_in_the_total() -> None:
    loads = [
        {"name": "storage", "power_w": 800, "count": 12},
        {"name": "out-of-band", "power_w": 150.5, "per_nodes": 48},
    ]
    config = build(example_raw(), extra_loads=loads)
    r = solve(config)
    oob = math.ceil(r.nodes / 48)
    assert r.extra_loads == [
        {"name": "storage", "count": 12, "power_w": 800, "total_w": 9_600},
        {"name": "out-of-band", "count": oob, "power_w": 150.5, "total_w": oob * 150.5},
    ]
    assert r.p_extra_w == 9_600 + oob * 150.5
    assert r.p_total_w == r.p_node_total_w + r.p_switching_w + r.p_optics_w + r.p_extra_w  # type: ignore[operator]
    assert_maximal(config)


def test_fixed_extra_loads_over_the_budget_leave_no_room() -> None:
    config = build(
        example_raw(), min_nodes=1, extra_loads=[{"name": "x", "power_w": 600_000, "count": 10}]
    )
    r = solve(config)
    assert (r.nodes, r.status, r.p_total_w) == (0, "infeasible", None)
    assert r.p_extra_w == 6_000_000
    assert r.headroom_w == CAP - 6_000_000


def test_a_ranged_config_answers_at_typical_and_bands_at_the_ends() -> None:
    config = parse_config(planning_raw())
    r = solve(config)
    typical = solve(parse_config(_typical(planning_raw())))
    assert r.nodes == typical.nodes
    assert r.p_total_w == typical.p_total_w
    assert r.nodes_low == solve(at_corner(config, "high")).nodes
    assert r.nodes_high == solve(at_corner(config, "low")).nodes
    assert r.nodes_low is not None
    assert r.nodes_high is not None
    assert r.nodes_low < r.nodes < r.nodes_high
    assert r.pue == 1.3
    assert r.p_node_w == 10_200
    assert "pue" in r.ranged_inputs
    assert "extra_loads.2.power_w" in r.ranged_inputs
    assert_maximal(config)


def _typical(value: Any) -> Any:
    """Every range in raw JSON replaced by its typical value."""
    if isinstance(value, list):
        return [_typical(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"low", "typical", "high"}:
            return value["typical"]
        return {k: _typical(v) for k, v in value.items()}
    return value


def test_fixed_nodes_with_ranges_reports_band_fit() -> None:
    config = parse_config(planning_raw())
    r = solve(config)
    assert r.nodes_low is not None
    assert r.nodes_high is not None
    assert evaluate(config, r.nodes_low).band_fit == "every"
    assert evaluate(config, r.nodes_low + 1).band_fit == "some"
    assert evaluate(config, r.nodes_high).band_fit == "some"
    assert evaluate(config, r.nodes_high + 1).band_fit == "none"
    assert evaluate(config, r.nodes_high).status == "infeasible"  # the typical point decides
    assert r.band_fit is None  # max_nodes mode


def test_ranges_read_the_decimal_written() -> None:
    config = build(example_raw(), node__gpu_w=spread(700.1, 700.05, 700.2))
    assert num(config.node.gpu_w) == Fraction("700.1")


def test_every_new_result_key_comes_after_every_old_one() -> None:
    keys = [k for k, _, _ in RESULT_FIELDS]
    assert keys.index("cap_basis") == keys.index("invariants_checked") + 1
    # the physical-build keys (issue #11) follow the planning keys
    assert keys.index("planes") == keys.index("band_fit") + 1
    assert keys[-1] == "unit_note"
