"""Number-theory edges of the fabric helpers, checked against brute force.

A divisor search that skips the square root of a perfect square, or a ceiling that is off by one on exact
multiples, passes tests that only use "nice" numbers yet changes real answers. These tests sweep every small
value (1, primes, perfect squares, switch radixes) and pin one real consequence.
"""

from __future__ import annotations

import pytest

from clustersize.solve import evaluate
from clustersize.topology import ceil_div, design, smallest_divisor_at_least, two_tier
from solver.support import build, example_raw

PRIMES = (2, 3, 5, 7, 11, 13, 31, 61, 127)
SQUARES = (1, 4, 9, 16, 25, 36, 49, 64, 100, 121, 144)
RADIXES = (32, 48, 64, 128, 256)
EDGES = sorted({*PRIMES, *SQUARES, *RADIXES, *range(1, 41)})


def brute_ceil(a: int, b: int) -> int:
    """The least k with k·b ≥ a."""
    k = 0
    while k * b < a:
        k += 1
    return k


def brute_divisor(n: int, floor: int) -> int | None:
    """The least divisor of n that is ≥ floor, by trying every candidate."""
    return next((d for d in range(1, n + 1) if n % d == 0 and d >= floor), None)


@pytest.mark.parametrize("b", EDGES)
def test_ceil_div_matches_brute_force(b: int) -> None:
    for a in range(0, 3 * b + 2):
        assert ceil_div(a, b) == brute_ceil(a, b), (a, b)


def test_ceil_div_is_exact_on_large_numbers() -> None:
    big = 10**30 + 7  # far beyond float precision: a float ceiling would be off here
    assert ceil_div(big * 3, 3) == big
    assert ceil_div(big * 3 + 1, 3) == big + 1


@pytest.mark.parametrize("n", EDGES)
def test_smallest_divisor_at_least_matches_brute_force(n: int) -> None:
    for floor in range(-1, n + 3):
        assert smallest_divisor_at_least(n, floor) == brute_divisor(n, floor), (n, floor)


@pytest.mark.parametrize("n", SQUARES[2:])
def test_the_square_root_of_a_perfect_square_is_found(n: int) -> None:
    root = round(n**0.5)
    assert smallest_divisor_at_least(n, root) == root
    assert smallest_divisor_at_least(n, root - 1) == root  # root - 1 > 1 never divides root²


@pytest.mark.parametrize("p", PRIMES)
def test_a_prime_has_only_one_and_itself(p: int) -> None:
    assert smallest_divisor_at_least(p, 1) == 1
    assert smallest_divisor_at_least(p, 2) == p
    assert smallest_divisor_at_least(p, p) == p
    assert smallest_divisor_at_least(p, p + 1) is None


def test_one_is_its_only_divisor() -> None:
    assert [smallest_divisor_at_least(1, f) for f in (0, 1, 2)] == [1, 1, None]


def test_a_16_uplink_leaf_gets_4_spines_not_8() -> None:
    """12 leaves x 16 uplinks on 64-port spines need at least 3 spines; 4 divides 16, so 4 spines of 48 ports.

    A divisor search that skipped 4 = sqrt(16) would answer 8 spines: 4 more switches, 6 kW more.
    """
    config = build(example_raw(), fabric__leaf_host_ports=48, fabric__leaf_uplink_ports=16)
    nodes = 72  # 576 host ports on 48-port leaves: 12 leaves
    topo = two_tier(config, nodes)
    assert topo is not None
    assert (topo.leaves, topo.spines, topo.spine_ports_used) == (12, 4, 48)
    result = evaluate(config, nodes)
    assert result.spines == 4
    assert result.p_spine_w == 4 * 1500


@pytest.mark.parametrize(
    ("leaves", "spines"),
    [(1, 1), (4, 1), (5, 2), (8, 2), (9, 4), (16, 4), (17, 8), (32, 8), (33, 16), (64, 16)],
)
def test_spines_for_16_uplinks_on_64_ports(leaves: int, spines: int) -> None:
    """Spines are the least divisor of 16 with leaves·16/spines ≤ 64, at every step of the leaf count."""
    config = build(example_raw(), fabric__leaf_host_ports=48, fabric__leaf_uplink_ports=16)
    topo = two_tier(config, leaves * 6)  # 6 nodes fill a 48-port leaf exactly
    assert topo is not None
    assert topo.leaves == leaves
    assert topo.spines == spines
    assert topo.spine_ports_used == leaves * 16 // spines <= 64


def test_port_use_of_each_tier_is_exact() -> None:
    """INV-002 compares these with the radix, so they must be the real counts, not just small enough."""
    config = build(example_raw())
    big = design(config, 495)  # 124 leaves: 3 tiers, 4 pods of 32 leaves, 2 cores per plane
    assert big is not None
    assert (big.tiers, big.pods, big.cores) == (3, 4, 64)
    assert (big.leaf_ports_used, big.spine_ports_used, big.core_ports_used) == (64, 64, 64)
    small = build(example_raw(), fabric__tiers=3)
    few = design(small, 40)  # 10 leaves in one pod: each spine uses 10 down + 10 up
    assert few is not None
    assert (few.tiers, few.leaves, few.pods, few.cores) == (3, 10, 1, 32)
    assert (few.spine_ports_used, few.core_ports_used) == (20, 32)
    two = design(config, 40)
    assert two is not None
    assert (two.tiers, two.spine_ports_used, two.core_ports_used) == (2, 40, 0)
    assert type(two.spine_ports_used) is int
    assert type(big.core_ports_used) is int
