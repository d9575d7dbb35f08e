"""Sensitivity tables pinned where mutation testing found them loose: JSON keys, units of list items, labels,
the ``--set`` text of each choice, when a combined row exists, and a config with nothing ranged."""

from __future__ import annotations

from typing import Any

import pytest

from clustersize.config import parse_config
from clustersize.errors import ConfigError
from clustersize.sensitivity import implicit_choices, swings
from clustersize.solve import solve
from solver.support import example_raw, planning_raw, spread

BARE = "b200-class-128p"
"""A retired example without a pue: it leaves every implicit choice unvalued."""


def test_swings_as_json_data_names_the_point_answer_and_its_band() -> None:
    config = parse_config(planning_raw())
    result = solve(config)
    data = swings(config).as_dict()
    assert set(data) == {"nodes", "nodes_low", "nodes_high", "rows"}
    assert (data["nodes"], data["nodes_low"], data["nodes_high"]) == (
        result.nodes,
        result.nodes_low,
        result.nodes_high,
    )


def test_swings_of_a_config_without_ranges_is_the_point_answer_alone() -> None:
    config = parse_config(example_raw())
    table = swings(config)
    nodes = solve(config).nodes
    assert (table.nodes, table.nodes_low, table.nodes_high, table.rows) == (nodes, nodes, nodes, ())


def test_a_swing_row_carries_the_inputs_three_values_and_a_list_items_unit() -> None:
    rows = {row.path: row for row in swings(parse_config(planning_raw())).rows}
    storage = rows["extra_loads.0.power_w"]  # a list item's field: its unit is the item field's
    assert (storage.unit, storage.low, storage.typical, storage.high) == ("W", 700, 800, 950)
    gpu = rows["node.gpu_w"]
    assert (gpu.low, gpu.typical, gpu.high) == pytest.approx((630, 700, 770))
    assert rows["pue"].typical == 1.3


def _choices(raw: dict[str, Any], **keywords: Any) -> dict[str, Any]:
    return implicit_choices(raw, **keywords).as_dict()


def test_choice_rows_as_json_data_show_the_share_to_four_places() -> None:
    data = _choices(example_raw(), margin=0.2, nameplate_w=10_200)
    assert set(data) == {"baseline", "rows", "combined"}
    rows = [*data["rows"], data["combined"]]
    for row in rows:
        assert row["share"] == round(row["delta"] / data["baseline"], 4)
        assert isinstance(row["share"], float)
    # the inputs tell four places from five (and from a whole number)
    assert any(round(r["delta"] / data["baseline"], 5) != r["share"] for r in rows)


def test_the_combined_row_exists_from_two_choices_on() -> None:
    one = implicit_choices(example_raw(BARE), margin=0.1)
    assert [r.key for r in one.rows] == ["planning_margin"]
    assert one.combined is None
    assert one.as_dict()["combined"] is None
    two = implicit_choices(example_raw(BARE), margin=0.1, nameplate_w=10_200)
    assert len(two.rows) == 2
    assert two.combined is not None
    assert (two.combined.key, two.combined.label) == ("all", "all of them together")
    assert two.combined.sets == (
        "planning_margin=0.1",
        "node.nameplate_w=10200",
        "power_basis=nameplate",
    )
    combined = two.as_dict()["combined"]
    assert (combined["key"], combined["label"], combined["nodes"]) == (
        "all",
        "all of them together",
        two.combined.nodes,
    )
    assert combined["sets"] == list(two.combined.sets)


def test_a_pue_given_as_a_keyword_overrides_the_configs_own() -> None:
    table = implicit_choices(example_raw(), pue=1.5)  # the example's own pue is 1.3
    (row,) = table.rows
    assert row.label == "the cap is facility power at PUE 1.5"
    assert row.sets == ("cap_basis=facility", "pue=1.5")


def test_the_nameplate_label_groups_thousands() -> None:
    (row,) = implicit_choices(example_raw(BARE), nameplate_w=10_200).rows
    assert row.label == "the node at its nameplate, 10,200 W"
    ranged = implicit_choices(example_raw(BARE), nameplate_w=spread(10_200, 9_800, 10_400))
    assert ranged.rows[0].label == "the node at its nameplate, 10,200 (9,800 to 10,400) W"


def test_other_loads_are_named_in_the_label_and_set_as_compact_json() -> None:
    loads = [
        {"name": "Kühlung", "power_w": 800, "count": 3},
        {"name": "management", "power_w": 400, "per_nodes": 16},
    ]
    (row,) = implicit_choices(example_raw(BARE), extra_loads=loads).rows
    assert row.label == "other loads in the budget: Kühlung, management"
    assert row.sets == (
        'extra_loads=[{"name":"Kühlung","power_w":800,"count":3},'
        '{"name":"management","power_w":400,"per_nodes":16}]',
    )


@pytest.mark.parametrize(
    ("keyword", "value", "message"),
    [
        ("pue", "high", '/pue: must be a number, got "high"'),
        ("nameplate_w", "x", '/node/nameplate_w: must be a number, got "x"'),
        (
            "nameplate_w",
            {"low": "a", "typical": 10_200, "high": 10_400},
            '/node/nameplate_w/low: must be a number, got "a"',
        ),
    ],
)
def test_a_keyword_value_the_config_refuses_is_a_config_error(
    keyword: str, value: Any, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        implicit_choices(example_raw(), **{keyword: value})
    assert caught.value.message == message
