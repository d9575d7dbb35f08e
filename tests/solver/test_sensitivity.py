"""Sensitivity: one input at a time over its range, and the implicit planning choices, each row reproducible."""

from __future__ import annotations

from typing import Any

from clustersize.config import parse_config
from clustersize.ranges import at_choices
from clustersize.sensitivity import NEUTRAL, implicit_choices, swings
from clustersize.solve import max_nodes, solve
from clustersize.whatif import apply_set
from solver.support import build, example_raw, planning_raw, spread


def nodes_with(raw: dict[str, Any], sets: tuple[str, ...]) -> int:
    for s in sets:
        raw = apply_set(raw, s)
    return solve(parse_config(raw)).nodes


def test_swings_move_one_input_at_a_time_and_sort_by_swing() -> None:
    config = parse_config(planning_raw())
    table = swings(config)
    result = solve(config)
    assert (table.nodes, table.nodes_low, table.nodes_high) == (
        result.nodes,
        result.nodes_low,
        result.nodes_high,
    )
    assert [row.path for row in table.rows] == sorted(
        result.ranged_inputs, key=lambda p: -next(r.swing for r in table.rows if r.path == p)
    )
    for row in table.rows:
        assert row.nodes_at_low == max_nodes(at_choices(config, {row.path: "low"}))[0]
        assert row.nodes_at_high == max_nodes(at_choices(config, {row.path: "high"}))[0]
        assert table.nodes_low <= row.nodes_at_high <= row.nodes_at_low <= table.nodes_high
    swings_ = [row.swing for row in table.rows]
    assert swings_ == sorted(swings_, reverse=True)
    assert swings_[0] > 0


def test_swings_report_units_and_ends() -> None:
    config = build(
        example_raw(),
        node__gpu_w=spread(700, 650, 750),
        cap_basis="facility",
        pue=spread(1.3, 1.2, 1.5),
    )
    rows = {row.path: row for row in swings(config).rows}
    assert (rows["node.gpu_w"].unit, rows["node.gpu_w"].low, rows["node.gpu_w"].high) == (
        "W",
        650,
        750,
    )
    assert rows["pue"].unit == ""
    assert (
        rows["pue"].swing > rows["node.gpu_w"].swing
    )  # PUE over 1.2..1.5 outweighs ±50 W a GPU here


def test_an_input_the_solve_ignores_swings_nothing() -> None:
    config = build(example_raw(), pue=spread(1.3, 1.2, 1.5))  # IT basis: pue only reports
    (row,) = swings(config).rows
    assert row.swing == 0


def test_implicit_choices_each_alone_and_together_on_the_neutral_baseline() -> None:
    raw = example_raw()
    loads = [{"name": "storage, management, networks", "power_w": 450, "per_nodes": 1}]
    table = implicit_choices(raw, margin=0.2, nameplate_w=10_200, extra_loads=loads)
    assert table.baseline == solve(parse_config(raw)).nodes == nodes_with(raw, NEUTRAL)
    assert {row.key for row in table.rows} == {
        "cap_basis",
        "planning_margin",
        "power_basis",
        "extra_loads",
    }
    for row in table.rows:
        assert row.nodes == nodes_with(raw, (*NEUTRAL, *row.sets))
        assert row.delta == row.nodes - table.baseline < 0
        assert row.share == row.delta / table.baseline
    assert [row.delta for row in table.rows] == sorted(row.delta for row in table.rows)
    assert table.combined is not None
    assert table.combined.nodes < min(row.nodes for row in table.rows)
    assert "PUE 1.3" in next(
        r.label for r in table.rows if r.key == "cap_basis"
    )  # the config's own pue


def test_implicit_choices_take_the_configs_own_values_and_reset_them_for_the_baseline() -> None:
    raw = planning_raw()
    table = implicit_choices(raw)
    assert table.baseline == nodes_with(raw, NEUTRAL)
    assert table.baseline > solve(parse_config(raw)).nodes
    assert {row.key for row in table.rows} == {
        "cap_basis",
        "planning_margin",
        "power_basis",
        "extra_loads",
    }
    assert table.combined is not None
    assert (
        table.combined.nodes == solve(parse_config(raw)).nodes
    )  # all the config's choices together
    facility = next(r for r in table.rows if r.key == "cap_basis")
    assert "1.3 (1.2 to 1.5)" in facility.label


def test_a_bare_config_without_a_pue_has_no_choice_it_cannot_value() -> None:
    table = implicit_choices(example_raw("b200-class-128p"))
    assert table.rows == ()
    assert table.combined is None


def test_tables_as_json_data() -> None:
    import json

    table = swings(parse_config(planning_raw())).as_dict()
    assert json.loads(json.dumps(table)) == table
    assert [r["swing"] for r in table["rows"]] == sorted(
        (r["swing"] for r in table["rows"]), reverse=True
    )
    choices = implicit_choices(planning_raw()).as_dict()
    assert json.loads(json.dumps(choices)) == choices
    assert all(r["delta"] == r["nodes"] - choices["baseline"] for r in choices["rows"])
