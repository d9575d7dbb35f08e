"""The sweep's work budget (``evaluations_bound``) is a bound the work never exceeds, and a tight one; a reason
names the limit it was measured against."""

from __future__ import annotations

import pytest

from clustersize.api import size
from clustersize.solve import evaluate, evaluations_bound, solve
from solver.support import build, example_raw, spread

NARROW = spread(700, 690, 710)
"""A range on gpu_w whose corners search as many designs as the typical value."""

# (it_cap_mw, min_nodes, gpu_w, nodes): searches whose evaluations meet the bound exactly. A bisection of
# [0, ceiling] takes bit_length(ceiling) probes at most; solve then designs the answer, the next step and the
# min_nodes count (3 more), evaluate one design; a ranged config adds a search at each corner.
TIGHT = [
    (0.5, 64, 700, None),
    (1, 1_000_000, 700, None),
    (7, 1_000_000, 700, None),
    (5, 64, 700, 10),
    (0.5, 64, NARROW, None),
    (1, 1_000_000, NARROW, None),
    (1, 64, NARROW, 10),
]


@pytest.mark.parametrize(("cap_mw", "min_nodes", "gpu_w", "nodes"), TIGHT)
def test_the_sweep_budget_is_the_worst_case_work_exactly(
    cap_mw: float, min_nodes: int, gpu_w: object, nodes: int | None
) -> None:
    config = build(example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes, node__gpu_w=gpu_w)
    assert evaluations_bound(config, nodes) == size(config, nodes).evaluations


@pytest.mark.parametrize("cap_mw", [0.5, 1, 3, 5, 7, 20])
@pytest.mark.parametrize("min_nodes", [1, 64, 1_000_000])
@pytest.mark.parametrize("gpu_w", [700, NARROW, spread(700, 350, 1_400)])
@pytest.mark.parametrize("nodes", [None, 10])
def test_the_sweep_budget_never_undercounts_the_work(
    cap_mw: float, min_nodes: int, gpu_w: object, nodes: int | None
) -> None:
    config = build(example_raw(), it_cap_mw=cap_mw, min_nodes=min_nodes, node__gpu_w=gpu_w)
    assert size(config, nodes).evaluations <= evaluations_bound(config, nodes)


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
