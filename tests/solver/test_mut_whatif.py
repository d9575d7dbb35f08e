"""`--set PATH=VALUE` what-ifs: how a path is checked against the model and applied to a raw config.

A list index must be a plain ASCII number, a misspelt key is answered with the whole dotted path it probably meant,
a range part needs a range there (also inside a list item), a value that is not an object on the way is named by its
own JSON pointer, and an absent ``fabric.core`` starts from a deep copy of ``fabric.spine``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from clustersize import api
from clustersize.config import set_path
from clustersize.errors import ConfigError
from clustersize.whatif import check_path
from solver.support import example_raw

RANGE = {"low": 200, "typical": 250, "high": 300}


def refusal(raw: dict[str, Any], path: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        set_path(raw, path, 1)
    return caught.value


def with_loads(power_w: object) -> dict[str, Any]:
    raw = example_raw()
    raw["extra_loads"] = [{"name": "storage", "power_w": power_w, "count": 2}]
    return raw


@pytest.mark.parametrize("index", ["x", "-1", "1e0", "\u0663", " 0"])
def test_a_list_index_that_is_not_a_plain_number_is_named_with_its_pointer(index: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_path(f"extra_loads.{index}.power_w")
    err = caught.value
    assert (err.path, err.rule, err.got) == (
        f"/extra_loads/{index}",
        "must be a list index (0, 1, 2 ...)",
        index,
    )
    assert (
        err.message
        == f"/extra_loads/{index}: must be a list index (0, 1, 2 ...), got {json.dumps(index, ensure_ascii=False)}"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "extra_loads.0.powr_w",
            '/extra_loads/0/powr_w: unknown key; did you mean "extra_loads.0.power_w"?',
        ),
        (
            "extra_loads.12.power_w.hihg",
            '/extra_loads/12/power_w/hihg: unknown key; did you mean "extra_loads.12.power_w.high"? '
            "(a range has low, typical, high)",
        ),
        (
            "node.gpu_w.typcal",
            '/node/gpu_w/typcal: unknown key; did you mean "node.gpu_w.typical"? (a range has low, typical, high)',
        ),
        ("node.gpu_w.high.x", "/node/gpu_w/high/x: unknown key"),
    ],
)
def test_a_misspelt_path_suggests_the_whole_dotted_path(path: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_path(path)
    assert caught.value.message == expected


def test_a_range_part_inside_a_list_item_sets_that_items_range() -> None:
    raw = with_loads(dict(RANGE))
    out = set_path(raw, "extra_loads.0.power_w.high", 400)
    assert out["extra_loads"] == [
        {"name": "storage", "power_w": {"low": 200, "typical": 250, "high": 400}, "count": 2}
    ]
    assert raw["extra_loads"][0]["power_w"] == RANGE  # the input is not touched


def test_a_range_part_inside_a_list_item_needs_a_range_there() -> None:
    err = refusal(with_loads(250), "extra_loads.0.power_w.high")
    assert err.message == (
        "/extra_loads/0/power_w: is a plain number, not a range: set the whole range first, "
        'e.g. {"low": …, "typical": …, "high": …}, got 250'
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("fabric.leaf.ports", "/fabric/leaf: must be an object, got 5"),
        ("fabric.leaf.power_w.high", "/fabric/leaf: must be an object, got 5"),
        (
            "fabric.optics_by_tier.leaf_spine.low",
            "/fabric/optics_by_tier: must be an object, got 5",
        ),
    ],
)
def test_a_number_where_an_object_belongs_is_named_by_its_own_pointer(
    path: str, expected: str
) -> None:
    raw = example_raw()
    raw["fabric"]["leaf"] = 5
    raw["fabric"]["optics_by_tier"] = 5
    err = refusal(raw, path)
    assert (err.message, err.path) == (expected, expected.partition(":")[0])


def test_a_new_core_is_a_deep_copy_of_the_spine() -> None:
    raw = example_raw()
    raw["fabric"]["spine"]["power_w"] = {"low": 1400, "typical": 1500, "high": 1600}
    out = set_path(raw, "fabric.core.power_w.high", 2000)
    assert out["fabric"]["core"]["power_w"] == {"low": 1400, "typical": 1500, "high": 2000}
    assert out["fabric"]["spine"]["power_w"] == {"low": 1400, "typical": 1500, "high": 1600}
    assert out["fabric"]["core"]["name"] == raw["fabric"]["spine"]["name"]


def test_setting_a_list_item_where_the_config_holds_an_object_reports_the_list() -> None:
    raw = example_raw()
    raw["extra_loads"] = {}
    with pytest.raises(ConfigError) as caught:
        api.prepare(json.dumps(raw), ["extra_loads.0.power_w=5"])
    assert (
        caught.value.message
        == "/extra_loads: must be a list (JSON array) of objects, got an object"
    )


def test_setting_an_item_of_an_absent_list_says_the_list_is_empty() -> None:
    err = refusal(example_raw(), "extra_loads.0.power_w")
    assert err.message == "/extra_loads: has no item 0 (the list has 0 items)"
