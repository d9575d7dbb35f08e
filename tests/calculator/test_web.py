"""``clustersize.web``, the module the browser worker calls, under CPython: it answers as the CLI does, with the
values formatted by ``clustersize.fmt``, and its page data comes from the one model walk and result fields."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import RESULT_FIELDS, RESULT_LABELS, __version__, api, examples, fmt, web
from clustersize.config import MAX_CONFIG_BYTES, config_paths
from clustersize.model import walk
from clustersize.schema import build_schema

ROOT = Path(__file__).resolve().parents[2]
WATTS = [key for key, unit, _ in RESULT_FIELDS if unit == "W"]


def ask(call: Any, **msg: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(call(json.dumps(msg)))
    return reply


def test_run_is_the_cli_with_formatted_cells(cli: Any) -> None:
    code, out, _ = cli("--set", "node.gpu_w=1000", "--json")
    reply = ask(web.run, preset=examples.DEFAULT, sets=["node.gpu_w=1000"], nodes="")
    assert [reply["code"], reply["json"]] == [code, out]
    result = json.loads(out)
    assert reply["cells"] == fmt.cells(result)
    assert reply["cells"]["nodes"] == f"{result['nodes']:,}"
    assert reply["shares"] == {k: fmt.share(result[k], result["it_cap_w"]) for k in WATTS}
    assert reply["shares"]["it_cap_w"] == "100.0 %"
    assert "field" not in reply


def test_preset_and_pasted_text_are_the_same_config() -> None:
    for name in examples.names():
        by_name = ask(web.run, preset=name, sets=["it_cap_mw=3"], nodes="20")
        by_text = ask(web.run, config=examples.text(name), sets=["it_cap_mw=3"], nodes="20")
        assert by_name == by_text
    assert ask(web.run, sets=[]) == ask(web.run, preset=examples.DEFAULT)  # neither: the default


@pytest.mark.parametrize("nodes", ["0", "abc", "-5", "1" * 40, "2.5"])
def test_nodes_error_is_the_clis(cli: Any, nodes: str) -> None:
    code, out, _ = cli("--nodes", nodes, "--json")
    reply = ask(web.run, preset=examples.DEFAULT, sets=[], nodes=nodes)
    assert [reply["code"], reply["json"], reply["field"]] == [code, out, "nodes"]
    assert "cells" not in reply


def test_config_error_names_the_path(cli: Any) -> None:
    code, out, _ = cli("--set", "node.gpu_w=-5", "--json")
    reply = ask(web.run, preset=examples.DEFAULT, sets=["node.gpu_w=-5"], nodes="")
    assert [reply["code"], reply["json"]] == [code, out]
    assert json.loads(reply["json"])["error"]["path"] == "/node/gpu_w"
    assert "cells" not in reply
    assert "field" not in reply


def test_sweep_is_the_cli_with_formatted_cells(cli: Any) -> None:
    code, out, _ = cli("--sweep", "it_cap_mw=1:3:0.5", "--json")
    reply = ask(web.sweep, preset=examples.DEFAULT, sets=[], nodes="", spec="it_cap_mw=1:3:0.5")
    assert reply["code"] == code
    assert [json.loads(line) for line in out.splitlines()] == reply["results"]
    assert reply["path"] == "it_cap_mw"
    assert reply["values"] == [1, 1.5, 2, 2.5, 3]
    assert reply["value_cells"] == ["1", "1.5", "2", "2.5", "3"]
    assert reply["cells"] == [fmt.cells(r) for r in reply["results"]]


def test_sweep_error_is_the_clis(cli: Any) -> None:
    code, out, _ = cli("--sweep", "it_cap_mw=2:4:0", "--json")
    reply = ask(web.sweep, preset=examples.DEFAULT, sets=[], nodes="", spec="it_cap_mw=2:4:0")
    assert [reply["code"], {"error": reply["error"]}] == [code, json.loads(out)]


def test_export_is_a_config_the_cli_sizes_the_same(cli: Any, tmp_path: Path) -> None:
    sets = ["node.gpu_w=1100", "fabric.core.ports=128"]
    reply = ask(web.export, config=examples.text("dgx-b200"), sets=sets)
    path = tmp_path / "exported.json"
    path.write_text(reply["text"], encoding="utf-8")
    assert reply["text"].endswith("}\n")
    code, out, _ = cli("--config", str(path), "--json")
    reply = ask(web.run, preset="dgx-b200", sets=sets)
    assert [code, out] == [reply["code"], reply["json"]]


def test_export_error_is_one_line_with_the_path() -> None:
    reply = ask(web.export, preset=examples.DEFAULT, sets=["node.gpu=5"])
    assert reply["code"] == 2
    assert reply["error"]["path"] == "/node/gpu"
    assert "\n" not in reply["error"]["message"]


def test_info_is_this_package() -> None:
    info = json.loads(web.info())
    assert info["version"] == __version__
    assert info["python"] == ".".join(str(p) for p in sys.version_info[:3])


def test_form_fields_are_the_model_walk() -> None:
    form = web.form_fields()
    assert [f["path"] for f in form] == config_paths()
    declared = {m.dotted: m for m in walk()}
    for f in form:
        spec = declared[f["path"]].spec
        assert (f["kind"], f["doc"], f["unit"], f["required"]) == (
            spec.kind,
            spec.doc,
            spec.unit,
            spec.required,
        )
        assert f["pointer"] == "/" + f["path"].replace(".", "/")
    by_path = {f["path"]: f for f in form}
    assert by_path["fabric.core"]["default_from"] == "fabric.spine"
    assert by_path["fabric.tiers"]["choices"] == ["auto", 2, 3]
    assert by_path["fabric.tiers"]["default"] == "auto"
    assert "default" not in by_path["pue"]  # None: nothing to show
    assert by_path["it_cap_mw"]["exclusive_minimum"] is True
    assert "minimum" not in by_path["node.name"]  # a string's "minimum" is non-empty, not a bound


def test_form_fields_agree_with_the_schema() -> None:
    """The form and the published JSON Schema are two views of one declaration."""
    schema = build_schema()
    for f in web.form_fields():
        node: dict[str, Any] = schema
        for part in f["path"].split("."):
            prop = node["properties"][part]
            node = schema["$defs"][prop["$ref"].split("/")[-1]] if "$ref" in prop else prop
        required = f["path"].rsplit(".", 1)[-1] in _parent(schema, f["path"]).get("required", [])
        assert f["required"] == required, f["path"]
        if f["kind"] in ("number", "integer"):
            low = "exclusiveMinimum" if f["exclusive_minimum"] else "minimum"
            assert (f["minimum"], f["maximum"]) == (prop.get(low), prop.get("maximum")), f["path"]
        if "default" in f:
            assert prop["default"] == f["default"], f["path"]


def _parent(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = schema
    for part in path.split(".")[:-1]:
        node = schema["$defs"][node["properties"][part]["$ref"].split("/")[-1]]
    return node


def test_page_data_is_the_solvers() -> None:
    data = web.page_data()
    code, out = api.run(None)
    assert (data["code"], data["result_json"]) == (code, out)
    assert data["cells"] == fmt.cells(json.loads(out))
    assert data["labels"] == RESULT_LABELS
    assert list(data["labels"]) == [key for key, _, _ in RESULT_FIELDS]
    assert [tuple(f) for f in data["fields"]] == list(RESULT_FIELDS)
    assert data["units"] == {key: unit for key, unit, _ in RESULT_FIELDS}
    assert data["presets"] == {n: examples.text(n) for n in examples.names()}
    assert data["form"] == web.form_fields()
    assert (data["max_config_bytes"], data["max_config_text"]) == (MAX_CONFIG_BYTES, "1,000,000")


def test_the_site_build_gets_the_page_data_from_the_module(hook: ModuleType) -> None:
    """The build runs ``python -m clustersize.web`` on src/ in a fresh interpreter: the same data."""
    assert hook.page.solver_data() == json.loads(web.page_json())


def test_worker_replies_agree_with_the_cli_on_the_corpus(
    corpus_module: ModuleType, load: Any
) -> None:
    """Every parity case: the reply's JSON (or sweep rows) is the CLI's answer to the same case."""
    cases = load("calculator_cases", ROOT / "tests" / "node" / "cases.py")
    for case in corpus_module.corpus(mutations=60):
        code, out = cases.run_case(case)
        reply = json.loads(cases.run_web_case(case))
        if case.get("sweep") and "results" in reply:
            rows = "".join(
                json.dumps(r, separators=(",", ":"), ensure_ascii=False) + "\n"
                for r in reply["results"]
            )
            assert [reply["code"], rows] == [code, out], case
        elif case.get("sweep"):
            assert [reply["code"], {"error": reply["error"]}] == [code, json.loads(out)], case
        else:
            assert [reply["code"], reply["json"]] == [code, out], case


RANGED = [
    'node.gpu_w={"low":650,"typical":700,"high":750}',
    'node.node_aux_w={"low":1400,"typical":1600,"high":1800}',
    'extra_loads=[{"name":"storage","power_w":{"low":400,"typical":450,"high":500},"per_nodes":1}]',
]


def test_tornado_is_the_one_at_a_time_swings_with_cells() -> None:
    from clustersize.sensitivity import swings

    _, config = api.prepare(None, RANGED)
    data = web.tornado(config)
    table = swings(config)
    assert (data["nodes"], data["nodes_low"], data["nodes_high"]) == (
        table.nodes,
        table.nodes_low,
        table.nodes_high,
    )
    assert [r["path"] for r in data["rows"]] == [r.path for r in table.rows]
    assert [r["path"] for r in data["rows"]] == [
        "node.gpu_w",
        "node.node_aux_w",
        "extra_loads.0.power_w",
    ]
    for row, want in zip(data["rows"], table.rows, strict=True):
        assert (row["nodes_at_low"], row["nodes_at_high"], row["swing"]) == (
            want.nodes_at_low,
            want.nodes_at_high,
            want.swing,
        )
        assert row["cells"]["low"] == fmt.number(want.low)
        assert row["cells"]["nodes_at_high"] == fmt.number(want.nodes_at_high)
    assert data["cells"] == {k: fmt.number(data[k]) for k in ("nodes", "nodes_low", "nodes_high")}
    assert web.tornado(api.prepare(None)[1])["rows"] == []  # no ranged inputs: no rows
    assert (
        ask(web.run, preset=examples.DEFAULT)["tornado"] is None
    )  # ... and run skips the searches


def test_run_shows_the_band_the_loads_and_the_tornado(cli: Any) -> None:
    argv = [a for s in RANGED for a in ("--set", s)]
    code, out, _ = cli(*argv, "--set", "cap_basis=facility", "--json")
    reply = ask(web.run, preset=examples.DEFAULT, sets=[*RANGED, "cap_basis=facility"], nodes="")
    assert [reply["code"], reply["json"]] == [code, out]
    result = json.loads(out)
    assert (reply["tornado"]["nodes_low"], reply["tornado"]["nodes_high"]) == (
        result["nodes_low"],
        result["nodes_high"],
    )
    assert reply["cells"]["nodes_low"] == fmt.number(result["nodes_low"])
    (load,) = result["extra_loads"]
    assert reply["loads"] == [{k: fmt.number(v) for k, v in load.items()}]
    assert reply["loads"][0]["total_w"] == fmt.number(result["p_extra_w"])
    assert reply["cells"]["extra_loads"] == json.dumps(
        load, ensure_ascii=False
    )  # JSON, not Python's repr
    # --nodes: the band_fit is the CLI's; the tornado still sizes the most nodes
    fixed = ask(web.run, preset=examples.DEFAULT, sets=RANGED, nodes="480")
    assert (
        json.loads(fixed["json"])["band_fit"]
        == json.loads(cli(*argv, "--nodes", "480", "--json")[1])["band_fit"]
    )
    assert (
        fixed["tornado"] == ask(web.run, preset=examples.DEFAULT, sets=RANGED, nodes="")["tornado"]
    )
    error = ask(
        web.run, preset=examples.DEFAULT, sets=['node.gpu_w={"low":800,"typical":700,"high":750}']
    )
    assert "tornado" not in error
    assert json.loads(error["json"])["error"]["path"].startswith("/node/gpu_w")


def test_form_lists_carry_their_item_fields_from_the_model() -> None:
    from clustersize.model import item_fields

    by_path = {f["path"]: f for f in web.form_fields()}
    loads = by_path["extra_loads"]
    assert loads["kind"] == "array"
    assert [f["path"] for f in loads["items"]] == [m.dotted for m in item_fields()]
    assert loads["one_of"] == ["count", "per_nodes"]
    ranged = {m.dotted for m in walk() if m.spec.ranged}
    assert {f["path"] for f in web.form_fields() if f.get("ranged")} == ranged
    assert len(ranged) >= 10
    assert web.page_data()["tornado"] is None  # the default example has no ranged inputs
