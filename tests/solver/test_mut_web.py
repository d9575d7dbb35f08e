"""``clustersize.web``, the browser worker's JSON-text API, in-process and fast: every reply's keys and values, the
CLI's own errors (``cli.main`` in this process, no subprocess), the internal-error contract, the page data and the
form fields. tests/calculator/test_web*.py pin the same module against the CLI in a subprocess and the built site;
these run under ``scripts/dev mutate``."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from typing import Any

import pytest

from clustersize import RESULT_FIELDS, RESULT_LABELS, __version__, api, cli, examples, fmt, web
from clustersize.config import MAX_CONFIG_BYTES
from clustersize.declare import FieldSpec, ModelField
from clustersize.errors import ConfigError
from clustersize.model import walk
from clustersize.schema import build_schema

WATTS = [key for key, unit, _ in RESULT_FIELDS if unit == "W"]
RANGED = [
    'node.gpu_w={"low":650,"typical":700,"high":750}',
    'node.node_aux_w={"low":1400,"typical":1600,"high":1800}',
]
OTHER = "dgx-b200"  # a preset that is not the default: its answer differs from the default's


def ask(call: Callable[[str], str], **msg: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(call(json.dumps(msg)))
    return reply


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The CLI's exit code and ``--json`` stdout, run in this process."""
    capsys.readouterr()
    code = cli.main([*argv, "--json"])
    return code, capsys.readouterr().out


def internal(message: str) -> dict[str, Any]:
    return {"kind": "internal", "message": message, "exit_code": 1}


# --- replies: the CLI's answers and errors ---------------------------------------------------------------------


def test_run_replies_the_clis_json_with_cells_shares_and_the_tornado(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = cli_json(capsys, "--preset", OTHER, "--nodes", "40", "--set", "it_cap_mw=3")
    reply = ask(web.run, preset=OTHER, nodes="40", sets=["it_cap_mw=3"])
    result = json.loads(out)
    assert result["nodes"] == 40
    assert reply == {
        "code": code,
        "json": out,
        "cells": fmt.cells(result),
        "shares": web.shares(result),
        "loads": [],
        "tornado": web.tornado(api.prepare(examples.text(OTHER), ["it_cap_mw=3"])[1]),
    }
    assert ask(web.run)["tornado"] is None  # the default has no ranged inputs


def test_a_pasted_config_is_sized_as_written_and_no_config_is_the_default() -> None:
    text = examples.text(OTHER)
    assert ask(web.run, config=text)["json"] == api.run(text)[1]
    assert ask(web.run, preset=OTHER, config=examples.text(examples.DEFAULT)) == ask(
        web.run, preset=OTHER
    )  # a preset wins over pasted text
    assert ask(web.run)["json"] == ask(web.run, preset=None, config=None, nodes="")["json"]
    assert ask(web.run)["json"] == api.run(None)[1]
    assert ask(web.run)["json"] != api.run(text)[1]


@pytest.mark.parametrize("call", [web.run, web.sweep, web.results_csv, web.bom_csv])
def test_a_nodes_error_is_the_clis_with_the_field_named(
    call: Callable[[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli_json(capsys, "--nodes", "0")
    reply = ask(call, nodes="0", spec="it_cap_mw=1:2:1")
    assert reply == {"code": code, "error": json.loads(out)["error"], "json": out, "field": "nodes"}
    assert code == 2


def test_a_config_or_preset_error_is_the_clis_without_a_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = cli_json(capsys, "--set", "node.gpu_w=-5")
    assert ask(web.run, sets=["node.gpu_w=-5"]) == {
        "code": code,
        "error": json.loads(out)["error"],
        "json": out,
    }
    code, out = cli_json(capsys, "--preset", "nope")
    for call in (web.run, web.sweep, web.export):
        assert ask(call, preset="nope") == {
            "code": code,
            "error": json.loads(out)["error"],
            "json": out,
        }


def test_nodes_given_are_the_nodes_sized(capsys: pytest.CaptureFixture[str]) -> None:
    assert ask(web.run, nodes=5)["error"] == internal(
        "TypeError: message field 'nodes' must be text, got int"
    )
    for nodes in ("7", "480"):
        code, out = cli_json(capsys, "--nodes", nodes)
        reply = ask(web.run, nodes=nodes)
        assert (reply["code"], reply["json"]) == (code, out)
        assert json.loads(reply["json"])["nodes"] == int(nodes)


def test_replies_keep_non_ascii_text_as_written() -> None:
    out = web.run(json.dumps({"sets": ['node.name="Grüße ✓"']}))
    assert "Grüße ✓" in out
    assert json.loads(json.loads(out)["json"])["node_name"] == "Grüße ✓"


# --- malformed messages and bugs: an internal reply, never an exception ------------------------------------------


@pytest.mark.parametrize(
    ("message", "text"),
    [
        ("[]", "TypeError: a message must be a JSON object, got list"),
        ("null", "TypeError: a message must be a JSON object, got NoneType"),
        ('{"config": 5}', "TypeError: message field 'config' must be text, got int"),
        ('{"preset": ["x"]}', "TypeError: message field 'preset' must be text, got list"),
        ('{"sets": [1]}', "TypeError: message field 'sets' must be a list of texts"),
        ('{"sets": "node.gpu_w=1"}', "TypeError: message field 'sets' must be a list of texts"),
    ],
)
def test_a_malformed_message_is_an_internal_reply_naming_the_fault(message: str, text: str) -> None:
    for call in (web.run, web.export):
        reply = json.loads(call(message))
        assert reply["code"] == 1
        assert reply["error"] == internal(text)
        assert json.loads(reply["json"]) == {"error": internal(text)}
        assert "field" not in reply


def test_a_reply_that_is_not_json_is_an_internal_reply() -> None:
    reply = json.loads(web._answer(lambda msg: {"x": float("nan")}, "{}"))
    assert reply["code"] == 1
    assert reply["error"]["message"].startswith(
        "ValueError: Out of range float values are not JSON compliant"
    )


def test_a_handler_gets_the_message_and_its_error_is_the_reply() -> None:
    seen: list[dict[str, Any]] = []

    def handle(msg: dict[str, Any]) -> dict[str, Any]:
        seen.append(msg)
        raise ConfigError("/node/gpu_w", "must be positive", -1)

    reply = json.loads(web._answer(handle, '{"k": "v"}'))
    assert seen == [{"k": "v"}]
    assert reply["code"] == 2
    assert reply["error"]["message"] == "/node/gpu_w: must be positive, got -1"
    assert "field" not in reply


# --- what the page prints -------------------------------------------------------------------------------------


def test_shares_are_every_watt_field_as_a_share_of_the_cap() -> None:
    result: dict[str, Any] = dict.fromkeys(WATTS, 1000) | {"it_cap_w": 4000, "nodes": 3}
    assert sorted(web.shares(result)) == sorted(WATTS)
    assert "nodes" not in web.shares(result)
    assert web.shares(result) == dict.fromkeys(WATTS, "25.0 %") | {"it_cap_w": "100.0 %"}
    missing = web.shares({"it_cap_w": 4000})
    assert missing == dict.fromkeys(WATTS, fmt.MISSING) | {"it_cap_w": "100.0 %"}


def test_shown_formats_the_cells_shares_and_each_extra_load() -> None:
    load = {"name": "storage", "count": 1200, "power_w": 450.5, "total_w": 540600}
    result: dict[str, Any] = {"it_cap_w": 2000, "nodes": 1234, "extra_loads": [load]}
    assert web.shown(result) == {
        "cells": fmt.cells(result),
        "shares": web.shares(result),
        "loads": [{"name": "storage", "count": "1,200", "power_w": "450.5", "total_w": "540,600"}],
    }
    assert web.shown({"nodes": 1})["loads"] == []
    assert web.shown({"nodes": 1, "extra_loads": None})["loads"] == []


def test_tornado_rows_and_answer_carry_their_cells_as_text() -> None:
    data = web.tornado(api.prepare(None, RANGED)[1])
    assert data["cells"] == {
        "nodes": fmt.number(data["nodes"]),
        "nodes_low": fmt.number(data["nodes_low"]),
        "nodes_high": fmt.number(data["nodes_high"]),
    }
    aux = data["rows"][1]
    assert (aux["path"], aux["unit"]) == ("node.node_aux_w", "W")
    assert aux["cells"] == {
        "low": "1,400",
        "typical": "1,600",
        "high": "1,800",
        "nodes_at_low": fmt.number(aux["nodes_at_low"]),
        "nodes_at_high": fmt.number(aux["nodes_at_high"]),
        "swing": fmt.number(aux["swing"]),
    }


# --- sweep, export, compare, info ----------------------------------------------------------------------------


def test_sweep_reply_has_the_path_values_and_their_cells() -> None:
    reply = ask(web.sweep, preset=OTHER, spec="it_cap_mw=1:2:0.5", nodes="", sets=["pue=1.2"])
    swept = api.sweep(examples.text(OTHER), "it_cap_mw=1:2:0.5", None, ["pue=1.2"])
    assert (reply["code"], reply["path"], reply["values"]) == (0, "it_cap_mw", [1, 1.5, 2])
    assert reply["value_cells"] == ["1", "1.5", "2"]
    assert [r["nodes"] for r in reply["results"]] == [r.nodes for r in swept.results]


def test_export_is_the_config_with_its_whatifs_as_indented_json_text() -> None:
    sets = ["node.gpu_w=1100", 'node.name="Grüße"']
    reply = ask(web.export, preset=OTHER, sets=sets)
    raw = api.raw_config(examples.text(OTHER), sets)
    assert raw["node"]["gpu_w"] == 1100
    assert reply == {"text": json.dumps(raw, indent=2, ensure_ascii=False) + "\n"}
    default = ask(web.export)
    assert default["text"] == json.dumps(api.raw_config(None), indent=2, ensure_ascii=False) + "\n"


def test_compare_shows_an_error_side_as_the_clis_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = cli_json(capsys, "--preset", "nope")
    reply = ask(web.compare, a={"preset": "nope"}, b={"preset": OTHER})
    assert reply["a"] == {"code": code, "error": json.loads(out)["error"], "json": out}
    assert reply["b"]["cells"]["nodes"] == fmt.number(json.loads(reply["b"]["json"])["nodes"])
    assert reply["deltas"] is None


def test_info_is_the_package_and_interpreter() -> None:
    assert json.loads(web.info()) == {
        "version": __version__,
        "python": platform.python_version(),
    }


# --- the page data and the form ------------------------------------------------------------------------------


def _declared(path: str) -> ModelField:
    return {m.dotted: m for m in walk()}[path]


def _base(path: str) -> dict[str, Any]:
    m = _declared(path)
    return {
        "path": path,
        "pointer": "/" + path.replace(".", "/"),
        "name": path.rsplit(".", 1)[-1],
        "kind": m.spec.kind,
        "doc": m.spec.doc,
        "unit": m.spec.unit,
        "required": m.spec.required,
    }


def test_form_fields_carry_bounds_choices_defaults_ranges_and_items() -> None:
    by_path = {f["path"]: f for f in web.form_fields()}
    assert by_path["it_cap_mw"] == _base("it_cap_mw") | {
        "minimum": 0,
        "exclusive_minimum": True,
        "maximum": 10000,
    }
    assert by_path["min_nodes"] == _base("min_nodes") | {
        "minimum": 1,
        "exclusive_minimum": False,
        "maximum": 10_000_000,
    }
    assert by_path["node"] == _base("node")
    assert by_path["fabric.tiers"] == _base("fabric.tiers") | {
        "choices": ["auto", 2, 3],
        "default": "auto",
    }
    assert by_path["fabric.core"] == _base("fabric.core") | {"default_from": "fabric.spine"}
    assert by_path["node.gpu_w"]["ranged"] is True
    assert "ranged" not in by_path["it_cap_mw"]
    assert "default" not in by_path["pue"]  # optional, no default: nothing to show
    loads = by_path["extra_loads"]
    assert type(loads["default"]) is list
    assert loads["default"] == []
    assert loads["one_of"] == ["count", "per_nodes"]
    assert [f["path"] for f in loads["items"]] == [
        "extra_loads.*.name",
        "extra_loads.*.power_w",
        "extra_loads.*.count",
        "extra_loads.*.per_nodes",
    ]
    assert loads["items"][1]["pointer"] == "/extra_loads/*/power_w"
    assert loads["items"][1]["ranged"] is True
    assert not any("default" in f for f in by_path.values() if f["required"])
    assert "items" not in by_path["node"]


def test_a_deep_default_from_names_its_sibling() -> None:
    field = ModelField(
        ("a", "b", "c"), FieldSpec("object", "deep", required=False, default_from="d"), None
    )
    assert web._form_field(field)["default_from"] == "a.b.d"


def test_page_data_is_the_default_example_and_the_declarations() -> None:
    data = web.page_data()
    code, text = api.run(None)
    result = json.loads(text)
    assert data == {
        "version": __version__,
        "code": code,
        "result_json": text,
        "result": result,
        "cells": fmt.cells(result),
        "shares": web.shares(result),
        "loads": [],
        "tornado": None,
        "default": examples.DEFAULT,
        "presets": {name: examples.text(name) for name in examples.names()},
        "form": web.form_fields(),
        "schema": build_schema(),
        "fields": [list(f) for f in RESULT_FIELDS],
        "labels": RESULT_LABELS,
        "units": {key: unit for key, unit, _ in RESULT_FIELDS},
        "max_config_bytes": MAX_CONFIG_BYTES,
        "max_config_text": "1,000,000",
        "max_sweep_points": api.MAX_SWEEP_POINTS,
    }
    assert len(data["presets"]) == len(examples.names()) > 1
    assert data["units"]["it_cap_w"] == "W"


def test_page_data_has_the_tornado_when_the_default_has_ranges(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepare = api.prepare
    monkeypatch.setattr(api, "prepare", lambda text, sets=(): prepare(text, [*RANGED, *sets]))
    assert json.loads(api.run(None)[1])["ranged_inputs"]
    data = web.page_data()
    assert data["tornado"] == web.tornado(prepare(None, RANGED)[1])
    assert data["tornado"]["rows"]


def test_page_json_is_compact_unescaped_and_refuses_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    text = web.page_json()
    assert text == json.dumps(web.page_data(), ensure_ascii=False, separators=(",", ":"))
    assert text.startswith('{"version":')
    monkeypatch.setattr(web, "page_data", lambda: {"name": "é", "x": float("nan")})
    with pytest.raises(ValueError, match="Out of range float"):
        web.page_json()


def test_main_prints_the_page_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "page_data", lambda: {"name": "é", "n": [1, 2]})
    assert web.main() == 0
    assert capsys.readouterr().out == '{"name":"é","n":[1,2]}'
