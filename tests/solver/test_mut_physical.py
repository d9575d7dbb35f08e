"""The fabric's limits are per plane, and the reason a fabric-bound answer gives says so."""

from __future__ import annotations

import pytest

from clustersize import examples
from clustersize.api import prepare, size


@pytest.mark.parametrize(
    ("planes", "detail"),
    [
        (1, "257 nodes need more ports than the fabric has: 2 tiers hold at most 64 leaves"),
        (
            2,
            "513 nodes need more ports than the fabric has in each of 2 planes: 2 tiers hold at most 64 leaves",
        ),
    ],
)
def test_a_fabric_bound_reason_names_the_planes(planes: int, detail: str) -> None:
    sets = ["fabric.tiers=2", "it_cap_mw=100", f"fabric.planes={planes}"]
    _, config = prepare(examples.text(), sets)
    result = size(config)
    assert (result.binding_constraint, result.planes) == ("fabric", planes)
    assert result.binding_detail.startswith(detail)
