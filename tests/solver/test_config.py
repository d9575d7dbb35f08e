"""INV-003: every input field is validated, and bad input names its JSON path and the rule."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from clustersize.config import (
    apply_set,
    config_paths,
    load_config_text,
    load_json_text,
    parse_config,
    to_raw,
)
from clustersize.errors import ConfigError, UsageError
from solver.support import build, example_raw, with_values

COUNT_FIELDS = [
    "min_nodes",
    "node__gpus_per_node",
    "node__nics_per_node",
    "node__ports_per_nic_to_fabric",
    "fabric__leaf_host_ports",
    "fabric__leaf_uplink_ports",
    "fabric__leaf__ports",
    "fabric__spine__ports",
]
POSITIVE_POWER = ["it_cap_mw", "node__gpu_w", "fabric__leaf__power_w", "fabric__spine__power_w"]
ZERO_OK_POWER = [
    "node__cpu_w",
    "node__dram_w",
    "node__nvme_w",
    "node__nic_w",
    "node__node_aux_w",
    "fabric__optic_w_per_link_end",
]


def pointer(dotted: str) -> str:
    return "/" + dotted.replace("__", "/")


def rejects(raw: dict[str, Any]) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        parse_config(raw)
    return info.value


def test_inv_003_bundled_examples_are_valid() -> None:
    from clustersize import examples

    for name in examples.names():
        assert load_config_text(examples.text(name)).node.gpus_per_node >= 1


@pytest.mark.parametrize("dotted", COUNT_FIELDS)
@pytest.mark.parametrize("bad", [0, -1, 8.0, 2.5, "8", None, True, [], {}])
def test_inv_003_counts_must_be_integers_at_least_one(dotted: str, bad: object) -> None:
    err = rejects(with_values(example_raw(), **{dotted: bad}))
    assert err.path == pointer(dotted)
    assert err.message.startswith(pointer(dotted) + ": must be")


@pytest.mark.parametrize("dotted", POSITIVE_POWER)
@pytest.mark.parametrize("bad", [0, -5, -0.001, "700", None, True, False])
def test_inv_003_cap_gpu_and_switch_power_must_be_positive_numbers(
    dotted: str, bad: object
) -> None:
    err = rejects(with_values(example_raw(), **{dotted: bad}))
    assert err.path == pointer(dotted)


@pytest.mark.parametrize("dotted", ZERO_OK_POWER)
def test_inv_003_other_power_fields_accept_zero_and_reject_negative(dotted: str) -> None:
    assert build(example_raw(), **{dotted: 0}) is not None
    err = rejects(with_values(example_raw(), **{dotted: -1}))
    assert err.message == f"{pointer(dotted)}: must be >= 0, got -1"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_inv_003_non_finite_numbers_are_rejected(bad: float) -> None:
    err = rejects(with_values(example_raw(), node__gpu_w=bad))
    assert err.path == "/node/gpu_w"


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_inv_003_json_nan_and_infinity_tokens_are_rejected(token: str) -> None:
    text = f'{{"it_cap_mw": {token}}}'
    with pytest.raises(ConfigError, match="not a number JSON allows"):
        load_json_text(text)


def test_error_message_names_path_rule_and_value() -> None:
    err = rejects(with_values(example_raw(), node__gpu_w=-5))
    assert err.message == "/node/gpu_w: must be > 0, got -5"
    assert err.to_dict()["path"] == "/node/gpu_w"


def test_unknown_key_is_an_error_with_the_closest_suggestion() -> None:
    raw = example_raw()
    raw["node"]["gpu_W"] = raw["node"].pop("gpu_w")
    err = rejects(raw)
    assert err.path == "/node/gpu_W"
    assert 'did you mean "gpu_w"' in err.message


def test_unknown_root_key_is_an_error() -> None:
    raw = example_raw()
    raw["it_cap"] = 5
    assert rejects(raw).path == "/it_cap"


def test_missing_required_field_is_named() -> None:
    raw = example_raw()
    del raw["fabric"]["spine"]["power_w"]
    assert rejects(raw).message == "/fabric/spine/power_w: is required"


def test_root_must_be_an_object() -> None:
    assert rejects([]).path == "/"  # type: ignore[arg-type]


def test_malformed_json_reports_line_and_column() -> None:
    with pytest.raises(ConfigError, match="line 3 column 1"):
        load_json_text('{\n  "it_cap_mw": 5,\n}')


def test_duplicate_keys_are_rejected_not_silently_merged() -> None:
    with pytest.raises(ConfigError, match="appears twice"):
        load_json_text('{"it_cap_mw": 5, "it_cap_mw": 6}')


def test_deep_nesting_is_rejected_without_recursion_error() -> None:
    with pytest.raises(ConfigError, match="nest at most"):
        load_json_text("[" * 100_000)


def test_oversized_text_is_rejected() -> None:
    with pytest.raises(ConfigError, match="at most"):
        load_json_text(" " * 2_000_000)


def test_inv_002_leaf_ports_must_cover_host_plus_uplink_ports() -> None:
    err = rejects(with_values(example_raw(), fabric__leaf_host_ports=33))
    assert err.path == "/fabric/leaf_uplink_ports"
    assert "leaf_host_ports + leaf_uplink_ports must be <= /fabric/leaf/ports (64)" in err.message


def test_rail_optimized_needs_a_leaf_that_takes_one_nic() -> None:
    raw = with_values(
        example_raw(),
        fabric__rail_optimized=True,
        fabric__leaf_host_ports=1,
        node__ports_per_nic_to_fabric=2,
    )
    assert rejects(raw).path == "/fabric/leaf_host_ports"


@pytest.mark.parametrize("bad", ["2", 4, 2.0, True, None])
def test_tiers_accepts_only_auto_2_or_3(bad: object) -> None:
    assert rejects(with_values(example_raw(), fabric__tiers=bad)).path == "/fabric/tiers"


def test_pue_below_one_is_rejected_and_absent_pue_is_allowed() -> None:
    assert rejects(with_values(example_raw(), pue=0.9)).path == "/pue"
    raw = example_raw()
    del raw["pue"]
    assert parse_config(raw).pue is None


def test_empty_name_is_rejected() -> None:
    assert rejects(with_values(example_raw(), node__name="  ")).path == "/node/name"


def test_core_defaults_to_the_spine_model() -> None:
    config = build(example_raw())
    assert config.fabric.core is None
    assert config.fabric.core_switch == config.fabric.spine


def test_set_changes_one_value_and_keeps_the_rest() -> None:
    raw = example_raw()
    out = apply_set(raw, "node.gpu_w=1000")
    assert out["node"]["gpu_w"] == 1000
    assert raw["node"]["gpu_w"] == 700  # the input is not mutated
    assert {k: v for k, v in out["node"].items() if k != "gpu_w"} == {
        k: v for k, v in raw["node"].items() if k != "gpu_w"
    }


def test_set_value_that_is_not_json_is_kept_as_text() -> None:
    out = apply_set(example_raw(), "node.name=My <b>node</b>")
    assert out["node"]["name"] == "My <b>node</b>"


def test_set_unknown_path_suggests_the_dotted_key() -> None:
    with pytest.raises(ConfigError, match=r'did you mean "node\.gpu_w"'):
        apply_set(example_raw(), "node.gpu_W=1")


def test_set_without_equals_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        apply_set(example_raw(), "node.gpu_w")


def test_set_inside_absent_core_starts_from_the_spine() -> None:
    out = apply_set(example_raw(), "fabric.core.ports=128")
    core = parse_config(out).fabric.core
    assert core is not None
    assert core.ports == 128
    assert core.power_w == example_raw()["fabric"]["spine"]["power_w"]


def test_every_config_path_can_be_set() -> None:
    paths = config_paths()
    assert "node.gpu_w" in paths
    assert "fabric.core.power_w" in paths
    assert len(paths) == len(set(paths))


def test_to_raw_round_trips_a_config() -> None:
    config = build(example_raw())
    assert parse_config(copy.deepcopy(to_raw(config))) == config


def test_to_raw_round_trips_ranges_and_extra_loads() -> None:
    from solver.support import planning_raw

    config = parse_config(planning_raw())
    assert parse_config(copy.deepcopy(to_raw(config))) == config
    assert to_raw(config)["extra_loads"][2] == planning_raw()["extra_loads"][2]


def test_the_walk_names_the_planning_keys_and_list_items_apart() -> None:
    from clustersize.model import item_fields, walk

    paths = config_paths()
    for key in ("cap_basis", "planning_margin", "power_basis", "extra_loads", "node.nameplate_w"):
        assert key in paths
    assert not any(p.startswith("extra_loads.") for p in paths)
    assert [m.dotted for m in item_fields()] == [
        "extra_loads.*.name",
        "extra_loads.*.power_w",
        "extra_loads.*.count",
        "extra_loads.*.per_nodes",
    ]
    ranged = [m.dotted for m in walk() if m.spec.ranged]
    assert ranged[0] == "node.gpu_w"
    assert "pue" in ranged
    assert "it_cap_mw" not in ranged


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("node.gpu_w.high", True),
        ("extra_loads.3.power_w", True),
        ("extra_loads.3.power_w.low", True),
        ("extra_loads.0", True),
        ("node.gpu_w.high.x", False),
        ("node.gpus_per_node.low", False),
        ("extra_loads.name", False),
        ("extra_loads.-1.name", False),
        ("extra_loads.0.bogus", False),
    ],
)
def test_set_paths_reach_range_parts_and_list_items(path: str, ok: bool) -> None:
    from clustersize.config import check_path

    if ok:
        assert check_path(path) == path.split(".")
    else:
        with pytest.raises(ConfigError):
            check_path(path)


def test_set_a_whole_list_item_and_refuse_a_missing_one() -> None:
    raw = with_values(example_raw(), extra_loads=[{"name": "a", "power_w": 1, "count": 1}])
    out = apply_set(raw, 'extra_loads.0={"name": "b", "power_w": 2, "per_nodes": 8}')
    assert parse_config(out).extra_loads[0].per_nodes == 8
    with pytest.raises(ConfigError, match=r"has no item 1 \(the list has 1 item\)"):
        apply_set(raw, "extra_loads.1.count=2")
