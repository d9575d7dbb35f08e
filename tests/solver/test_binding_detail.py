"""The one sentence on the binding constraint, down to fractions of a watt, and a design exactly at the cap."""

from __future__ import annotations

import pytest

from clustersize.solve import evaluate, solve
from solver.support import build, example_raw

# The reference node draws 8,550 W; 495 nodes with their fabric draw exactly 4,991,754 W.
TOTAL_495 = 4_991_754


@pytest.mark.parametrize(
    ("cap_mw", "detail"),
    [
        (4.9917535, "495 nodes need 4,991,754 W, 0.500 W over the 4,991,754 W cap."),
        (4.991749, "495 nodes need 4,991,754 W, 5 W over the 4,991,749 W cap."),
        (4.99165375, "495 nodes need 4,991,754 W, 100 W over the 4,991,654 W cap."),
        (4.9916541, "495 nodes need 4,991,754 W, 99.900 W over the 4,991,654 W cap."),
        (4.9, "495 nodes need 4,991,754 W, 91,754 W over the 4,900,000 W cap."),
    ],
)
def test_watts_over_the_cap_are_shown_to_the_milliwatt_below_100_w(
    cap_mw: float, detail: str
) -> None:
    result = evaluate(build(example_raw(), it_cap_mw=cap_mw), 495)
    assert (result.status, result.binding_constraint) == ("infeasible", "power")
    assert result.binding_detail == detail
    assert result.p_total_w == TOTAL_495


def test_a_design_exactly_at_the_cap_fits() -> None:
    config = build(example_raw(), it_cap_mw=TOTAL_495 / 1e6)
    fixed = evaluate(config, 495)
    assert (fixed.status, fixed.headroom_w, fixed.binding_constraint) == ("ok", 0, None)
    assert fixed.binding_detail == "495 nodes fit the cap and the fabric."
    best = solve(config)
    assert (best.nodes, best.headroom_w) == (495, 0)
    assert best.binding_detail == "496 nodes need 5,000,496 W, 8,742 W over the 4,991,754 W cap."
