"""The fabric's capacity bound is the capacity itself, and a plane count that cannot split the host ports is
refused with the port count it must divide."""

from __future__ import annotations

import pytest

from clustersize.errors import ConfigError
from clustersize.model import Config
from clustersize.topology import design, max_nodes_fabric
from solver.support import build, example_raw


def refused(**paths: object) -> ConfigError:
    """The error building the reference config with ``paths`` replaced raises."""
    with pytest.raises(ConfigError) as caught:
        build(example_raw(), **paths)
    return caught.value


def small_fabric(spine_ports: int, core_ports: int, tiers: int | str) -> Config:
    """One single-port NIC a node on 8-port leaves (4 down, 4 up): capacity is leaves x 4 nodes."""
    return build(
        example_raw(),
        node__nics_per_node=1,
        fabric__leaf__ports=8,
        fabric__leaf_host_ports=4,
        fabric__leaf_uplink_ports=4,
        fabric__spine__ports=spine_ports,
        fabric__core={"name": "core", "ports": core_ports, "power_w": 100},
        fabric__tiers=tiers,
    )


@pytest.mark.parametrize(
    ("spine_ports", "core_ports", "tiers", "capacity"),
    [
        # 3 tiers: core ports x (spine ports // 2) leaves, fewer than 2 tiers' 9 when the spine radix is odd
        (9, 2, 3, 32),
        (9, 3, 3, 48),
        (7, 2, 3, 24),
        (9, 2, 2, 36),  # 2 tiers: one leaf per spine port
        (9, 2, "auto", 36),  # the larger of the two
        (64, 2, "auto", 256),
    ],
)
def test_the_fabric_bound_is_the_largest_count_the_tier_count_can_build(
    spine_ports: int, core_ports: int, tiers: int | str, capacity: int
) -> None:
    config = small_fabric(spine_ports, core_ports, tiers)
    assert max_nodes_fabric(config) == capacity
    assert design(config, capacity) is not None
    assert design(config, capacity + 1) is None


@pytest.mark.parametrize(("nics", "ports", "planes"), [(8, 1, 3), (3, 2, 4), (1, 1, 2)])
def test_planes_that_do_not_divide_the_host_ports_are_refused_naming_the_count(
    nics: int, ports: int, planes: int
) -> None:
    error = refused(
        node__nics_per_node=nics, node__ports_per_nic_to_fabric=ports, fabric__planes=planes
    )
    assert (error.path, error.got) == ("/fabric/planes", planes)
    assert error.rule == (
        "must divide each node's host ports (nics_per_node × ports_per_nic_to_fabric = "
        f"{nics * ports})"
    )


@pytest.mark.parametrize("max_kw", [5, 8.5])
def test_a_rack_below_one_node_is_refused_showing_the_value(max_kw: float) -> None:
    error = refused(rack={"max_kw": max_kw})
    assert (error.path, error.got) == ("/rack/max_kw", max_kw)
    assert str(error) == (
        "/rack/max_kw: must be at least the power of one node (8.55 kW) so a rack holds a node, "
        f"got {max_kw:g}"
    )


@pytest.mark.parametrize(
    ("planes", "ports", "host", "message"),
    [
        (
            2,
            4,
            1,
            "/fabric/leaf_host_ports: with rail_optimized, must be >= the ports one NIC cables to one plane (2) "
            "so a leaf can take one NIC, got 1",
        ),
        (
            1,
            4,
            2,
            "/fabric/leaf_host_ports: with rail_optimized, must be >= /node/ports_per_nic_to_fabric (4) "
            "so a leaf can take one NIC, got 2",
        ),
    ],
)
def test_a_rail_leaf_must_take_one_nic_of_its_plane(
    planes: int, ports: int, host: int, message: str
) -> None:
    error = refused(
        fabric__rail_optimized=True,
        fabric__planes=planes,
        node__ports_per_nic_to_fabric=ports,
        fabric__leaf_host_ports=host,
        fabric__leaf_uplink_ports=host,
    )
    assert str(error) == message
