"""The CLI report line by line for the shapes a result can take: the planning chain, bands, infeasible designs,
a fabric split into planes, racks and scalable units (issue #16: pins what the golden reports do not reach)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from clustersize.api import size
from clustersize.config import parse_config
from clustersize.report import budget_chain, physical_lines, render
from clustersize.result import Result
from solver.support import build, example_raw, planning_raw, spread


def _lines(result: Result) -> list[str]:
    return render(result, "test").splitlines()


def _line(result: Result, start: str) -> str:
    found = [line for line in _lines(result) if line.startswith(start)]
    assert len(found) == 1, found
    return found[0]


def test_budget_chain_shows_facility_cap_then_it_cap_then_budget() -> None:
    assert budget_chain(size(parse_config(planning_raw()))) == [
        "cap           5,000,000 W (5.000 MW)   facility power (cap_basis facility)",
        "  IT cap      3,846,154 W (3.846 MW)   cap / PUE 1.3",
        "  IT budget   3,461,538 W (3.462 MW)   IT cap x (1 - 0.1 planning margin)",
    ]


@pytest.mark.parametrize(
    ("basis", "each"),
    [
        ("nameplate", "10,200 W each: nameplate; components 8,550 W"),
        ("components", "8,550 W each: components; nameplate 10,200 W"),
    ],
)
def test_node_line_names_the_basis_used_and_shows_the_other(basis: str, each: str) -> None:
    result = size(build(planning_raw(), power_basis=basis))
    assert _line(result, "node ") == (
        f"node          placeholder 8-GPU 700 W node  ({each}, nameplate / components 1.193)"
    )


@pytest.mark.parametrize(
    ("nodes", "fit"),
    [(200, "fits at every corner"), (300, "fits at some corners"), (400, "fits at no corner")],
)
def test_fixed_size_with_a_band_says_at_how_many_corners_it_fits(nodes: int, fit: str) -> None:
    result = size(parse_config(planning_raw()), nodes)
    assert _line(result, "nodes ") == f"nodes         {nodes}   (band 256-330; {fit}; min_nodes 64)"


@pytest.mark.parametrize(
    ("ranged", "shown"),
    [
        ({"pue": spread(1.3, 1.2, 1.5)}, "1 input: pue"),
        (
            {"pue": spread(1.3, 1.2, 1.5), "node__gpu_w": spread(700, 650, 750)},
            "2 inputs: node.gpu_w, pue",
        ),
    ],
)
def test_band_counts_the_ranged_inputs_in_the_singular_and_plural(
    ranged: dict[str, Any], shown: str
) -> None:
    lines = _lines(size(build(example_raw(), **ranged)))
    ranged_line = next(line for line in lines if line.startswith("  ranged"))
    assert ranged_line == f"  ranged      {shown} (the point answer uses typical)"


def test_band_gives_gpus_beside_nodes_when_nodes_fit() -> None:
    result = size(parse_config(planning_raw()))
    assert _line(result, "band ") == (
        "band          256-330 nodes, 2,048-2,640 GPUs: from every ranged input at high to every one at low"
    )


def test_infeasible_with_nothing_built_shows_extra_loads_and_budget_shortfall() -> None:
    result = size(build(planning_raw(), it_cap_mw=0.01))
    lines = _lines(result)
    assert "band          0-0 nodes: from every ranged input at high to every one at low" in lines
    start = lines.index("power")
    assert lines[start - 1 : start + 7] == [
        "",
        "power",
        "  extra loads                         11,200 W  161.78 % of budget",
        "    storage servers: 12 x 800 W = 9,600 W",
        "    management servers: 4 x 400 W = 1,600 W",
        "    in-band Ethernet: 0 x 350 W = 0 W",
        "    out-of-band Ethernet: 0 x 150 W = 0 W",
        "shortfall     719,353 W more IT budget needed",
    ]
    assert not any(line.startswith("fabric ") and "tiers" in line for line in lines)


def test_shortfall_against_the_plain_it_cap_says_cap() -> None:
    result = size(build(example_raw(), it_cap_mw=0.01))
    assert _line(result, "shortfall") == "shortfall     " + (
        f"{result.shortfall_w:,.0f} W more cap needed"
    )


@pytest.mark.parametrize(
    ("cap_basis", "role"), [("facility", "the cap's basis"), ("it", "not part of the solve")]
)
def test_facility_power_says_whether_it_is_the_caps_basis(cap_basis: str, role: str) -> None:
    result = size(build(example_raw(), cap_basis=cap_basis))
    assert _line(result, "  facility").endswith(f"(PUE 1.3; {role})")


def test_a_missing_power_prints_na_without_a_share() -> None:
    result = dataclasses.replace(size(parse_config(example_raw())), p_optics_w=None)
    assert f"  optics      {'n/a':>32}  " in _lines(result)


def test_nodes_line_needs_both_band_ends() -> None:
    result = dataclasses.replace(size(parse_config(planning_raw())), nodes_high=None)
    assert _line(result, "nodes ") == "nodes         287   (min_nodes 64)"
    assert not any(line.startswith("band ") for line in _lines(result))


def _physical(**extra: Any) -> dict[str, Any]:
    raw = example_raw()
    raw["fabric"]["planes"] = 2
    raw["rack"] = {"max_kw": 40}
    raw["scalable_unit_nodes"] = 32
    raw.update(extra)
    return raw


def test_physical_build_lists_planes_optics_racks_and_units() -> None:
    assert physical_lines(size(parse_config(_physical()))) == [
        "",
        "planes        2   (each: 64 leaves, 32 spines, 0 cores, 2,048 host-leaf links)",
        "optics        by tier (link ends, power)",
        "  host-leaf          8,192                          98,304 W",
        "  leaf-spine         8,192                          98,304 W",
        "racks         128 compute + 12 network, 4 nodes a rack, 34.2 kW a full rack",
        "units         16 whole scalable units; 0 nodes beyond them",
    ]


def test_racks_without_a_built_design_give_only_the_rack_fill() -> None:
    result = size(parse_config(_physical(it_cap_mw=0.01)))
    assert "racks         4 nodes a rack, 34.2 kW a full rack" in _lines(result)
