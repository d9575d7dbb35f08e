"""The planning keys through the command line: --set and --config - for each, the text report, --nodes with a
band, --sweep over ranged fields, and every bad input as one line naming the JSON path and the rule (exit 2)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from clustersize import cli as cli_module
from clustersize import examples
from solver.support import planning_raw
from solver.test_cli import assert_clean_error, cli

GPU_RANGE = 'node.gpu_w={"low": 650, "typical": 700, "high": 750}'


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    code = cli_module.main(list(args), io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def answer(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> dict[str, Any]:
    code, out, _ = run(capsys, "--json", *args, stdin=stdin)
    data: dict[str, Any] = json.loads(out)
    assert code == (0 if data["status"] == "ok" else 3)
    return data


@pytest.mark.parametrize(
    "sets",
    [
        ["cap_basis=facility"],
        ["planning_margin=0.2"],
        ["cap_basis=facility", "pue=1.5", "planning_margin=0.1"],
        ["power_basis=nameplate", "node.nameplate_w=10200"],
        ['extra_loads=[{"name": "storage", "power_w": 800, "count": 12}]'],
        ['extra_loads=[{"name": "networks", "power_w": 450, "per_nodes": 1}]'],
        [GPU_RANGE, 'fabric.optic_w_per_link_end={"low": 10, "typical": 12, "high": 15}'],
        ["cap_basis=facility", 'pue={"low": 1.2, "typical": 1.3, "high": 1.5}'],
    ],
)
def test_each_new_key_by_set_is_maximal_under_its_budget(
    capsys: pytest.CaptureFixture[str], sets: list[str]
) -> None:
    args = [a for s in sets for a in ("--set", s)]
    r = answer(capsys, *args)
    assert r["p_total_w"] <= r["it_budget_w"]
    assert r["headroom_w"] == pytest.approx(r["it_budget_w"] - r["p_total_w"])
    assert run(capsys, *args, "--nodes", str(r["nodes"]))[0] == 0
    code, _, err = run(capsys, *args, "--nodes", str(r["nodes"] + 1))
    assert code == 3
    assert "infeasible" in err


def test_config_on_stdin_with_every_planning_key(capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(planning_raw())
    r = answer(capsys, "--config", "-", stdin=text)
    assert r["nodes_low"] <= r["nodes"] <= r["nodes_high"]
    assert r["it_budget_w"] == pytest.approx(5e6 / 1.3 * 0.9)
    assert [x["name"] for x in r["extra_loads"]] == [
        x["name"] for x in planning_raw()["extra_loads"]
    ]
    assert len(r["ranged_inputs"]) == 14
    fit = answer(capsys, "--config", "-", "--nodes", str(r["nodes_high"]), stdin=text)
    assert (fit["band_fit"], fit["status"]) == ("some", "infeasible")


def test_text_report_shows_the_budget_chain_band_basis_and_each_extra_load(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--config", "-", stdin=json.dumps(planning_raw()))
    assert code == 0
    r = answer(capsys, "--config", "-", stdin=json.dumps(planning_raw()))
    lines = out.splitlines()
    assert any(line.startswith("cap ") and "facility power" in line for line in lines)
    assert any("IT cap" in line and "cap / PUE 1.3" in line for line in lines)
    assert any("IT budget" in line and "0.1 planning margin" in line for line in lines)
    assert f"band {r['nodes_low']:,}-{r['nodes_high']:,}" in out
    assert "nameplate / components" in out
    for load in r["extra_loads"]:
        assert f"{load['name']}: {load['count']:,} x" in out
    assert "% of budget" in out
    assert "extra loads" in out


def test_sweep_sets_a_ranged_field_as_a_plain_number_and_shows_the_band(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--json", "--set", GPU_RANGE, "--sweep", "node.gpu_w=650:750:50")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["ranged_inputs"] for r in rows] == [[], [], []]
    assert rows[0]["nodes"] > rows[1]["nodes"] > rows[2]["nodes"]
    code, out, _ = run(
        capsys, "--json", "--set", GPU_RANGE, "--sweep", "node.gpu_w.high=700:800:50"
    )
    lows = [json.loads(line)["nodes_low"] for line in out.splitlines()]
    assert lows == sorted(lows, reverse=True)
    code, table, _ = run(capsys, "--set", GPU_RANGE, "--sweep", "planning_margin=0:0.2:0.1")
    assert table.splitlines()[0].split()[:4] == [
        "planning_margin",
        "nodes",
        "nodes_low",
        "nodes_high",
    ]


def test_set_reaches_range_parts_and_list_items(capsys: pytest.CaptureFixture[str]) -> None:
    moved = answer(capsys, "--set", GPU_RANGE, "--set", "node.gpu_w.typical=720")
    direct = answer(capsys, "--set", 'node.gpu_w={"low": 650, "typical": 720, "high": 750}')
    assert moved == direct
    load = '[{"name": "s", "power_w": 800, "count": 12}]'
    item = answer(capsys, "--set", f"extra_loads={load}", "--set", "extra_loads.0.count=20")
    assert item["extra_loads"][0]["count"] == 20


BAD = [
    (["--preset", "dgx-b200", "--set", "cap_basis=facility"], '/pue: is required when /cap_basis is "facility"'),
    (["--set", "power_basis=nameplate"], '/node/nameplate_w: is required when /power_basis is "nameplate"'),
    (["--set", 'node.gpu_w={"low": 750, "typical": 700, "high": 800}'], "/node/gpu_w/low: must be <= typical (700), got 750"),
    (["--set", 'pue={"low": 1.2, "typical": 1.3, "high": 1.25}'], "/pue/high: must be >= typical (1.3), got 1.25"),
    (["--set", 'fabric.leaf.power_w={"low": 1, "typical": 2}'], "/fabric/leaf/power_w/high: is required: a range needs low, typical and high"),
    (["--set", 'node.cpu_w={"low": 1, "typical": 2, "high": 3, "hi": 4}'], '/node/cpu_w/hi: unknown key; did you mean "high"? (allowed: low, typical, high)'),
    (["--set", 'node.nic_w={"low": -1, "typical": 2, "high": 3}'], "/node/nic_w/low: must be >= 0, got -1"),
    (["--set", "planning_margin=0.6"], "/planning_margin: must be <= 0.5, got 0.6"),
    (["--set", "planning_margin=-0.01"], "/planning_margin: must be >= 0, got -0.01"),
    (["--set", 'extra_loads=[{"name": "a", "power_w": 1, "count": 1, "per_nodes": 2}]'], "/extra_loads/0/per_nodes: give exactly one of count or per_nodes, got count and per_nodes"),
    (["--set", 'extra_loads=[{"name": "a", "power_w": 1, "count": 1}, {"name": "b", "power_w": 1}]'], "/extra_loads/1: needs exactly one of count or per_nodes, got neither"),
    (["--set", 'extra_loads=[{"name": "a", "power_w": 1, "count": 1, "watts": 2}]'], "/extra_loads/0/watts: unknown key (allowed: name, power_w, count, per_nodes)"),
    (["--set", 'extra_loads=[{"name": "a", "power_w": 0, "count": 1}]'], "/extra_loads/0/power_w: must be > 0, got 0"),
    (["--set", 'extra_loads=[{"name": "a", "power_w": 5, "per_nodes": 0}]'], "/extra_loads/0/per_nodes: must be >= 1, got 0"),
    (["--set", 'extra_loads={"name": "a"}'], "/extra_loads: must be a list (JSON array) of objects, got an object"),
    (["--set", "cap_basis=IT"], '/cap_basis: must be one of "it", "facility", got "IT"'),
    (["--set", "node.nameplate_w=0"], "/node/nameplate_w: must be > 0, got 0"),
    (["--set", "node.gpu_w.typical=720"], '/node/gpu_w: is a plain number, not a range: set the whole range first, e.g. {"low": …, "typical": …, "high": …}, got 700'),
    (["--set", "extra_loads.0.count=3"], "/extra_loads: has no item 0 (the list has 0 items)"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_planning_input_is_one_line_naming_path_and_rule(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--json", *args)
    assert code == 2
    assert err.splitlines()[-1] == f"clustersize: error: {message}"
    error = json.loads(out)["error"]
    assert message.startswith(error["path"] + ": ")


def test_bad_planning_input_from_a_file_is_a_clean_exit_2() -> None:
    raw = json.loads(examples.text())
    raw["extra_loads"] = [{"name": "a", "power_w": 1}]
    proc = cli("--config", "-", stdin=json.dumps(raw))
    assert_clean_error(proc, 2)
    assert proc.stderr.splitlines()[-1].startswith("clustersize: error: /extra_loads/0: ")
