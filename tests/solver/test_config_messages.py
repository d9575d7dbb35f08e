"""INV-003 in words: every refusal of a config, a ``--set`` or a ``--nodes`` is one exact line.

test_config.py checks that bad values are refused at the right path; this pins what the person reads, rule by
rule, and the edges of each limit (the last value accepted, the first refused).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from clustersize import config as cfg
from clustersize.config import (
    MAX_CONFIG_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    NodesError,
    check_nodes,
    load_json_text,
    parse_assignment,
    parse_config,
    set_path,
)
from clustersize.declare import FieldSpec
from clustersize.errors import ConfigError, UsageError
from solver.support import example_raw, with_values


def message(raw: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(raw)
    return caught.value.message


ALLOWED_NODE = (
    "name, gpus_per_node, gpu_w, cpu_w, dram_w, nvme_w, nics_per_node, nic_w, node_aux_w, "
    "ports_per_nic_to_fabric, nameplate_w, description"
)


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        ({"node": 5}, "/node: must be an object, got 5"),
        (
            {"node__gpus_per_nod": 8},
            f'/node/gpus_per_nod: unknown key; did you mean "gpus_per_node"? (allowed: {ALLOWED_NODE})',
        ),
        (
            {"node__gpus": 8},
            f'/node/gpus: unknown key; did you mean "gpu_w"? (allowed: {ALLOWED_NODE})',
        ),
        (
            {"node__GPU_W": 8},
            f'/node/GPU_W: unknown key; did you mean "gpu_w"? (allowed: {ALLOWED_NODE})',
        ),
        ({"node__zzz": 8}, f"/node/zzz: unknown key (allowed: {ALLOWED_NODE})"),
        ({"node__a/b~c": 1}, f"/node/a~1b~0c: unknown key (allowed: {ALLOWED_NODE})"),
        ({"node__name": 5}, "/node/name: must be a string, got 5"),
        ({"node__name": "  "}, '/node/name: must be a non-empty string, got "  "'),
        ({"fabric__rail_optimized": 1}, "/fabric/rail_optimized: must be true or false, got 1"),
        ({"fabric__tiers": "3"}, '/fabric/tiers: must be one of "auto", 2, 3, got "3"'),
        ({"fabric__tiers": 3.0}, '/fabric/tiers: must be one of "auto", 2, 3, got 3.0'),
        ({"fabric__tiers": True}, '/fabric/tiers: must be one of "auto", 2, 3, got true'),
        ({"fabric__tiers": 4}, '/fabric/tiers: must be one of "auto", 2, 3, got 4'),
        ({"min_nodes": 2.5}, "/min_nodes: must be an integer, got 2.5"),
        ({"min_nodes": False}, "/min_nodes: must be an integer, got false"),
        ({"min_nodes": 0}, "/min_nodes: must be >= 1, got 0"),
        ({"min_nodes": 10_000_001}, "/min_nodes: must be <= 10000000, got 10000001"),
        ({"node__gpu_w": "700"}, '/node/gpu_w: must be a number, got "700"'),
        ({"node__gpu_w": True}, "/node/gpu_w: must be a number, got true"),
        ({"node__gpu_w": 0}, "/node/gpu_w: must be > 0, got 0"),
        ({"node__gpu_w": 100_000.5}, "/node/gpu_w: must be <= 100000, got 100000.5"),
        ({"node__cpu_w": -0.5}, "/node/cpu_w: must be >= 0, got -0.5"),
        ({"node__cpu_w": float("inf")}, "/node/cpu_w: must be a finite number, got inf"),
        ({"fabric__spine__ports": 1}, "/fabric/spine/ports: must be >= 2, got 1"),
        ({"fabric__spine__ports": 4097}, "/fabric/spine/ports: must be <= 4096, got 4097"),
        ({"pue": 0.99}, "/pue: must be >= 1, got 0.99"),
        ({"pue": 10.01}, "/pue: must be <= 10, got 10.01"),
        ({"it_cap_mw": 10_000.1}, "/it_cap_mw: must be <= 10000, got 10000.1"),
        (
            {"fabric__leaf_uplink_ports": 33},
            "/fabric/leaf_uplink_ports: leaf_host_ports + leaf_uplink_ports must be <= /fabric/leaf/ports (64), got 65",
        ),
        (
            {
                "fabric__rail_optimized": True,
                "node__ports_per_nic_to_fabric": 2,
                "fabric__leaf_host_ports": 1,
                "fabric__leaf_uplink_ports": 1,
            },
            "/fabric/leaf_host_ports: with rail_optimized, must be >= /node/ports_per_nic_to_fabric (2) so a leaf can take one NIC, got 1",
        ),
    ],
)
def test_each_rule_reads_as_one_exact_line(paths: dict[str, Any], expected: str) -> None:
    assert message(with_values(example_raw(), **paths)) == expected


@pytest.mark.parametrize(
    ("paths", "accepted"),
    [
        ({"min_nodes": 10_000_000}, True),
        ({"node__gpu_w": 100_000}, True),
        ({"node__cpu_w": 0}, True),
        ({"node__gpu_w": 0.001}, True),
        ({"fabric__spine__ports": 2}, True),
        ({"fabric__spine__ports": 4096}, True),
        ({"pue": 1}, True),
        ({"pue": 10}, True),
        ({"it_cap_mw": 10_000}, True),
        ({"fabric__leaf_uplink_ports": 32}, True),  # 32 + 32 = 64 ports: exactly the radix
        (
            {
                "fabric__rail_optimized": True,
                "node__ports_per_nic_to_fabric": 2,
                "fabric__leaf_host_ports": 2,
            },
            True,
        ),
    ],
)
def test_the_last_value_inside_each_limit_is_accepted(
    paths: dict[str, Any], accepted: bool
) -> None:
    assert parse_config(with_values(example_raw(), **paths)) is not None


def test_missing_and_root_errors() -> None:
    raw = example_raw()
    del raw["node"]["gpu_w"]
    assert message(raw) == "/node/gpu_w: is required"
    assert message([]) == "/: must be an object, got an array"  # type: ignore[arg-type]
    raw = example_raw()
    del raw["pue"]
    assert parse_config(raw).pue is None


def test_bounds_from_a_fractional_declaration_print_as_written() -> None:
    spec = FieldSpec("number", "a test field", minimum=0.5, maximum=2.5)
    with pytest.raises(ConfigError, match=r"^/x: must be >= 0\.5, got 0\.25$"):
        cfg._value(spec, 0.25, "/x")
    with pytest.raises(ConfigError, match=r"^/x: must be <= 2\.5, got 3$"):
        cfg._value(spec, 3, "/x")
    assert cfg._value(spec, 2.5, "/x") == 2.5
    strict = FieldSpec("integer", "a test field", minimum=1.5, exclusive_minimum=True)
    with pytest.raises(ConfigError, match=r"^/y: must be > 1\.5, got 1$"):
        cfg._value(strict, 1, "/y")


# --- the JSON text itself ---------------------------------------------------------------------------------------


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def json_message(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_json_text(text)
    return caught.value.message


def test_nesting_is_counted_exactly() -> None:
    assert MAX_DEPTH == 16
    assert load_json_text(nested(16)) == load_json_text(nested(16))
    assert json_message(nested(17)) == "/: config must nest at most 16 levels deep, got 17"
    assert (
        json_message('{"a": ' + nested(17) + "}")
        == "/: config must nest at most 16 levels deep, got 18"
    )
    siblings = "[" + ",".join(["[[]]"] * 40) + "]"  # wide, only 3 deep
    assert len(load_json_text(siblings)) == 40


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "' + "[" * 40 + '"}',  # brackets inside a string are text
        '{"a": "\\"' + "{" * 40 + '"}',  # an escaped quote does not end the string
        '{"a": "\\\\", "b": ' + nested(15) + "}",  # an escaped backslash does; then 16 deep counts
        '{"a": "x\\\\\\"' + "[" * 30 + '"}',  # backslash pair, then an escaped quote
    ],
)
def test_brackets_inside_strings_do_not_count(text: str) -> None:
    assert isinstance(load_json_text(text), dict)


def test_depth_falls_by_one_at_each_closing_bracket() -> None:
    """Ten deep, one empty list opened and closed, then seven more: 17 levels, whatever came before."""
    text = "[" * 10 + "[]," + "[" * 7 + "]" * 7 + "]" * 10
    assert json_message(text) == "/: config must nest at most 16 levels deep, got 17"
    assert isinstance(load_json_text("[" * 10 + "[]," + "[" * 6 + "]" * 6 + "]" * 10), list)


def test_only_brackets_and_braces_count_as_nesting() -> None:
    """Letters outside strings are plain invalid JSON, never depth."""
    assert json_message("X" * 20) == "/: invalid JSON at line 1 column 1: Expecting value"
    assert (
        json_message("X" * 5 + nested(17)) == "/: config must nest at most 16 levels deep, got 17"
    )


def test_an_escaped_backslash_ends_the_string_for_the_depth_count() -> None:
    text = '{"a": "\\\\", "b": ' + nested(16) + "}"
    assert json_message(text) == "/: config must nest at most 16 levels deep, got 17"


def test_json_text_errors() -> None:
    assert json_message('{"a": 1,\n}') == (
        "/: invalid JSON at line 2 column 1: Expecting property name enclosed in double quotes"
    )
    assert (
        json_message('{"a": 1, "a": 2}') == '/: invalid JSON: key "a" appears twice in one object'
    )
    assert (
        json_message('{"b": {"é": 1, "é": 2}}')
        == '/: invalid JSON: key "\\u00e9" appears twice in one object'
    )
    for token in ("NaN", "Infinity", "-Infinity"):
        assert (
            json_message(f'{{"a": {token}}}')
            == f"/: invalid JSON: {token} is not a number JSON allows"
        )
    assert json_message(" " * (MAX_CONFIG_BYTES + 1)) == "/: config must be at most 1,000,000 bytes"
    assert load_json_text(" " * (MAX_CONFIG_BYTES - 2) + "{}") == {}


# --- what-ifs (--set) ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "value"),
    [
        ("node.gpu_w=1000", "node.gpu_w", 1000),
        (" node.gpu_w =1000", "node.gpu_w", 1000),
        ("pue=1.25", "pue", 1.25),
        ("fabric.tiers=auto", "fabric.tiers", "auto"),
        ('fabric.tiers="auto"', "fabric.tiers", "auto"),
        ("fabric.rail_optimized=true", "fabric.rail_optimized", True),
        ("pue=null", "pue", None),
        ("pue=NaN", "pue", "NaN"),
        ("node.name=a=b", "node.name", "a=b"),
        ("node.name=", "node.name", ""),
    ],
)
def test_parse_assignment(text: str, path: str, value: object) -> None:
    assert parse_assignment(text) == (path, value)


@pytest.mark.parametrize("text", ["node.gpu_w", "=5", " =5", ""])
def test_parse_assignment_needs_a_path_and_an_equals_sign(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_assignment(text)
    assert (
        caught.value.message
        == f"--set expects PATH=VALUE (e.g. node.gpu_w=1000), got {json.dumps(text)}"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "node.gpus_per_nod",
            '/node/gpus_per_nod: unknown key; did you mean "node.gpus_per_node"?',
        ),
        ("fabric.leaf.port", '/fabric/leaf/port: unknown key; did you mean "fabric.leaf.ports"?'),
        ("Pue", '/Pue: unknown key; did you mean "pue"?'),
        ("node.gpu_w.x", "/node/gpu_w/x: unknown key (a range has low, typical, high)"),
        ("zzz", "/zzz: unknown key"),
        ("nodes.gpu_w", '/nodes: unknown key; did you mean "node"?'),  # the first unknown part
        ("", "/: unknown key"),
    ],
)
def test_set_paths_are_checked_against_the_model(path: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        set_path(example_raw(), path, 1)
    assert caught.value.message == expected


def test_set_path_copies_and_creates_objects() -> None:
    raw = example_raw()
    out = set_path(raw, "fabric.core.ports", 128)
    assert "core" not in raw["fabric"]  # the input is not touched
    assert out["fabric"]["core"] == {**raw["fabric"]["spine"], "ports": 128}
    out["fabric"]["core"]["name"] = "changed"
    assert raw["fabric"]["spine"]["name"] != "changed"  # a copy of the spine, not the spine itself
    bare = set_path({}, "node.gpu_w", 5)
    assert bare == {"node": {"gpu_w": 5}}
    spine_absent = set_path({"fabric": {}}, "fabric.core.ports", 8)
    assert spine_absent == {"fabric": {"core": {"ports": 8}}}


@pytest.mark.parametrize(
    ("raw", "path", "expected"),
    [
        ({"node": 5}, "node.gpu_w", "/node: must be an object, got 5"),
        (
            {"fabric": {"leaf": [1]}},
            "fabric.leaf.ports",
            "/fabric/leaf: must be an object, got an array",
        ),
        ({"fabric": "x"}, "fabric.core.ports", '/fabric: must be an object, got "x"'),
    ],
)
def test_set_inside_a_value_that_is_not_an_object(
    raw: dict[str, Any], path: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        set_path(raw, path, 1)
    assert caught.value.message == expected


# --- --nodes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "nodes"),
    [(1, 1), ("1", 1), (" 7 ", 7), ("01", 1), (MAX_NODES, MAX_NODES), (str(MAX_NODES), MAX_NODES)],
)
def test_check_nodes_accepts(value: object, nodes: int) -> None:
    assert check_nodes(value) == nodes


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (-3, "-3"),
        (MAX_NODES + 1, "1000000001"),
        ("1000000001", '"1000000001"'),
        ("00000000001", '"00000000001"'),
        ("1e3", '"1e3"'),
        ("１２", '"\\uff11\\uff12"'),
        ("", '""'),
        (2.0, "2.0"),
        (True, "True"),
        (None, "None"),
        ("9" * 50, '"' + "9" * 36 + "..."),
        ("9" * 38, '"' + "9" * 38 + '"'),  # 40 characters shown whole
        ("9" * 39, '"' + "9" * 36 + "..."),
        (10**40, "1" + "0" * 36 + "..."),
        (10**40 + 1, "an integer of 41 digits"),
        (-(10**45), "an integer of 46 digits"),
        (10**4000, "an integer of over 4,000 digits"),
    ],
)
def test_check_nodes_refuses_with_the_value_shown_short(value: object, shown: str) -> None:
    with pytest.raises(NodesError) as caught:
        check_nodes(value)
    assert (
        caught.value.message == f"--nodes must be an integer from 1 to 1,000,000,000, got {shown}"
    )
    assert isinstance(caught.value, ValueError)
