"""The sweep's work budget (``evaluations_bound``) is a bound the search never exceeds, and a tight one."""

from __future__ import annotations

import pytest

from clustersize.api import size
from clustersize.solve import evaluate, evaluations_bound, solve
from solver.support import build, example_raw, spread

# (it_cap_mw, min_nodes): one search on the reference node whose evaluations meet the bound exactly (a binary
# search of bit_length(ceiling) probes, then the design found, the next step and the min_nodes design).
TIGHT = [(0.5, 64), (1, 1_000_000), (2, 1_000_000), (7, 1_000_000)]


@pytest.mark.parametrize(("cap_mw", "min_nodes"), TIGHT)
def test_the_sweep_budget_of_one_search_is_its_worst_case_exactly(
    cap_mw: float, min_nodes: int
) -> None:
    config = build(example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes)
    assert evaluations_bound(config) == size(config).evaluations


@pytest.mark.parametrize("cap_mw", [0.5, 1, 3, 5, 7, 20])
@pytest.mark.parametrize("min_nodes", [1, 64, 1_000_000])
@pytest.mark.parametrize("ranged", [False, True])
def test_the_sweep_budget_never_undercounts_the_search(
    cap_mw: float, min_nodes: int, ranged: bool
) -> None:
    gpu_w = spread(700, 350, 1_400) if ranged else 700
    config = build(example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes, node__gpu_w=gpu_w)
    assert size(config).evaluations <= evaluations_bound(config)


@pytest.mark.parametrize(("cap_mw", "min_nodes"), TIGHT)
def test_a_ranged_config_is_budgeted_three_searches_no_more(cap_mw: float, min_nodes: int) -> None:
    """Typical, all-high and all-low corners: within one search's budget of the work actually done."""
    plain = build(example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes)
    ranged = build(
        example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes, node__gpu_w=spread(700, 690, 710)
    )
    one = evaluations_bound(plain)
    assert evaluations_bound(ranged) == 3 * one
    assert evaluations_bound(ranged) - size(ranged).evaluations < one


@pytest.mark.parametrize(
    ("sets", "best", "fits_10", "over_500"),
    [
        (
            {},
            "496 nodes need 5,000,496 W, 496 W over the 5,000,000 W cap.",
            "10 nodes fit the cap and the fabric.",
            "500 nodes need 5,038,500 W, 38,500 W over the 5,000,000 W cap.",
        ),
        (
            {"cap_basis": "facility"},
            "380 nodes need 3,850,380 W, 4,226 W over the 3,846,154 W IT budget.",
            "10 nodes fit the IT budget and the fabric.",
            "500 nodes need 5,038,500 W, 1,192,346 W over the 3,846,154 W IT budget.",
        ),
        (
            {"planning_margin": 0.1},
            "444 nodes need 4,506,444 W, 6,444 W over the 4,500,000 W IT budget.",
            "10 nodes fit the IT budget and the fabric.",
            "500 nodes need 5,038,500 W, 538,500 W over the 4,500,000 W IT budget.",
        ),
    ],
)
def test_the_reason_names_the_limit_the_cap_or_the_it_budget_derived_from_it(
    sets: dict[str, object], best: str, fits_10: str, over_500: str
) -> None:
    """The cap as given is "the cap"; after a PUE or a planning margin it is "the IT budget"."""
    config = build(example_raw(), **sets)
    assert solve(config).binding_detail == best
    assert evaluate(config, 10).binding_detail == fits_10
    assert evaluate(config, 500).binding_detail == over_500
