"""The public API called directly (as the calculator does): sweeps, run, prepare, and the error objects."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clustersize import api, examples
from clustersize.api import MAX_SWEEP_POINTS, parse_sweep
from clustersize.errors import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    EXIT_USAGE,
    ClusterSizeError,
    ConfigError,
    InvariantError,
    UsageError,
    describe,
)


@pytest.mark.parametrize(
    ("spec", "path", "values"),
    [
        ("min_nodes=1:5:2", "min_nodes", [1, 3, 5]),
        ("min_nodes=1:6:2", "min_nodes", [1, 3, 5]),
        ("min_nodes=4:4:1", "min_nodes", [4]),
        (" node.gpu_w = 100 : 300 : 100 ", "node.gpu_w", [100, 200, 300]),
        ("it_cap_mw=1:3:0.5", "it_cap_mw", [1.0, 1.5, 2.0, 2.5, 3.0]),
        ("it_cap_mw=0.1:0.3:0.1", "it_cap_mw", [0.1, 0.2, 0.3]),
        ("pue=1.5:3.5:1", "pue", [1.5, 2.5, 3.5]),
        ("pue=1:2:0.25", "pue", [1.0, 1.25, 1.5, 1.75, 2.0]),
        ("it_cap_mw=2e0:4e0:1e0", "it_cap_mw", [2, 3, 4]),
    ],
)
def test_parse_sweep_values_are_exact_decimals(spec: str, path: str, values: list[Any]) -> None:
    got_path, got = parse_sweep(spec)
    assert (got_path, got) == (path, values)
    assert [type(v) for v in got] == [type(v) for v in values]


def test_parse_sweep_allows_exactly_the_most_points() -> None:
    assert len(parse_sweep(f"min_nodes=1:{MAX_SWEEP_POINTS}:1")[1]) == MAX_SWEEP_POINTS == 10_000
    too_many = r'^--sweep asks for more than 10,000 points, got "1:10001:1"; use a larger STEP$'
    with pytest.raises(UsageError, match=too_many):
        parse_sweep(f"min_nodes=1:{MAX_SWEEP_POINTS + 1}:1")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("it_cap_mw", 'expects PATH=START:STOP:STEP (e.g. it_cap_mw=1:10:1), got "it_cap_mw"'),
        (
            "it_cap_mw=1:2:3:4",
            'expects PATH=START:STOP:STEP (e.g. it_cap_mw=1:10:1), got "it_cap_mw=1:2:3:4"',
        ),
        ("it_cap_mw=1::1", 'START, STOP and STEP must be numbers, got "1::1"'),
        (
            "pue=x=1:2:1",
            'START, STOP and STEP must be numbers, got "x=1:2:1"',
        ),  # the first = splits
        (
            "it_cap_mw=1:inf:1",
            'needs finite numbers with STEP > 0 and STOP >= START, got "1:inf:1"',
        ),
        (
            "it_cap_mw=nan:2:1",
            'needs finite numbers with STEP > 0 and STOP >= START, got "nan:2:1"',
        ),
        ("it_cap_mw=1:2:-1", 'needs finite numbers with STEP > 0 and STOP >= START, got "1:2:-1"'),
        (
            "it_cap_mw=2:1.999:1",
            'needs finite numbers with STEP > 0 and STOP >= START, got "2:1.999:1"',
        ),
    ],
)
def test_bad_sweep_specs(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_sweep(spec)
    assert caught.value.message == f"--sweep {message}"
    assert caught.value.exit_code == EXIT_USAGE


def test_sweep_points_are_validated_with_the_value_named() -> None:
    with pytest.raises(ConfigError) as caught:
        api.sweep(None, "pue=0.5:1.5:0.5")
    err = caught.value
    assert (err.path, err.rule, err.got) == ("/pue", "must be >= 1 (at sweep value 0.5)", 0.5)
    assert err.message == "/pue: must be >= 1 (at sweep value 0.5), got 0.5"
    with pytest.raises(ConfigError) as caught:
        api.sweep(None, "fabric.leaf_uplink_ports=32:40:8")
    assert caught.value.path == "/fabric/leaf_uplink_ports"
    assert caught.value.rule.endswith("(at sweep value 40)")
    with pytest.raises(ConfigError) as caught:  # a rule shown without the value keeps it hidden
        api.sweep(None, "fabric.leaf.name=1:1:1")
    assert caught.value.message == "/fabric/leaf/name: must be a string (at sweep value 1), got 1"


def test_sweep_results_exit_codes_and_what_ifs() -> None:
    swept = api.sweep(examples.text(), "min_nodes=490:500:5", sets=["pue=1.1"])
    assert swept.path == "min_nodes"
    assert swept.values == [490, 495, 500]
    assert [r.status for r in swept.results] == ["ok", "ok", "infeasible"]
    assert [r.pue for r in swept.results] == [1.1, 1.1, 1.1]
    assert swept.exit_code == EXIT_INFEASIBLE
    fine = api.sweep(None, "min_nodes=1:2:1", nodes=7)
    assert [r.nodes for r in fine.results] == [7, 7]
    assert [r.mode for r in fine.results] == ["fixed_nodes", "fixed_nodes"]
    assert fine.exit_code == EXIT_OK
    assert api.Sweep("x", [], []).exit_code == EXIT_OK


def test_run_returns_the_exit_code_and_the_json_text() -> None:
    code, text = api.run(None)
    assert code == EXIT_OK
    assert json.loads(text)["nodes"] > 0
    assert text.endswith("}\n")
    assert text.startswith('{\n  "tool": "clustersize",\n')
    code, text = api.run(None, nodes=10**6)
    assert (code, json.loads(text)["status"]) == (EXIT_INFEASIBLE, "infeasible")
    code, text = api.run(None, nodes="12")  # type: ignore[arg-type]  # the calculator passes text
    assert (code, json.loads(text)["nodes"]) == (EXIT_OK, 12)
    code, text = api.run(None, nodes=0)
    assert code == EXIT_USAGE
    assert json.loads(text) == {
        "error": {
            "kind": "usage",
            "message": "--nodes must be an integer from 1 to 1,000,000,000, got 0",
            "exit_code": EXIT_USAGE,
        }
    }
    code, text = api.run("[]")
    assert (code, json.loads(text)["error"]["message"]) == (
        EXIT_USAGE,
        "/: must be an object, got an array",
    )
    code, text = api.run(None, sets=["node.gpu_w=2000"])
    assert json.loads(text)["node_name"] == json.loads(api.run(None)[1])["node_name"]
    assert json.loads(text)["nodes"] < json.loads(api.run(None)[1])["nodes"]


def test_prepare_and_raw_config_keep_the_what_ifs() -> None:
    raw, config = api.prepare(None, ["pue=1.2", "fabric.core.ports=128"])
    assert raw["pue"] == 1.2
    assert config.pue == 1.2
    assert raw["fabric"]["core"]["ports"] == 128
    assert config.fabric.core_switch.ports == 128
    assert raw["fabric"]["core"]["power_w"] == raw["fabric"]["spine"]["power_w"]
    assert api.raw_config(None) == json.loads(examples.text())
    assert api.raw_config(examples.text("gb200-nvl72"), ["min_nodes=9"])["min_nodes"] == 9
    with pytest.raises(ConfigError, match=r"^/: must be an object, got 5$"):
        api.raw_config("5")


def test_config_text_prefers_the_preset() -> None:
    assert api.config_text("gb200-nvl72", "{}") == examples.text("gb200-nvl72")
    assert api.config_text(None, "{}") == "{}"
    assert api.config_text(None, None) is None


def test_size_and_exit_code() -> None:
    _, config = api.prepare(None)
    assert api.size(config).mode == "max_nodes"
    assert api.size(config, 3).mode == "fixed_nodes"
    assert api.exit_code(api.size(config, 3)) == EXIT_OK
    assert api.exit_code(api.size(config, 10**6)) == EXIT_INFEASIBLE


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-5, "-5"),
        (1.5, "1.5"),
        ("abc", '"abc"'),
        ("", '""'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("x" * 40, '"' + "x" * 40 + '"'),
        ("x" * 41, '"' + "x" * 37 + '..."'),
        ({"a": 1}, "an object"),
        ([1, 2], "an array"),
        ((1, 2), "tuple"),
    ],
)
def test_describe_renders_user_values_json_like(value: object, shown: str) -> None:
    assert describe(value) == shown


def test_error_objects() -> None:
    err = ConfigError("", "must be an object", [1])
    assert err.path == "/"
    assert err.to_dict() == {
        "kind": "invalid_config",
        "path": "/",
        "rule": "must be an object",
        "message": "/: must be an object, got an array",
        "exit_code": EXIT_USAGE,
    }
    assert str(err) == err.message
    assert ConfigError("/a", "is required", show_got=False).message == "/a: is required"
    assert InvariantError("INV-001 violated: x").to_dict() == {
        "kind": "internal",
        "message": "INV-001 violated: x",
        "exit_code": 1,
    }
    base = ClusterSizeError("boom")
    assert (base.kind, base.exit_code, base.message) == ("error", 1, "boom")
    assert UsageError("u").to_dict() == {"kind": "usage", "message": "u", "exit_code": EXIT_USAGE}
