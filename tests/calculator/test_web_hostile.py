"""``clustersize.web`` never raises: every hostile input is a reply the page can show (exit 0, 2 or 3), a bug is an
``internal`` reply (exit 1) instead of a traceback, and every reply is valid UTF-8 JSON with one-line messages."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize import api, examples, jsontext, web
from clustersize.fmt import printable

CALLS = {"run": web.run, "sweep": web.sweep, "export": web.export}


def reply_of(call: Any, text: str) -> dict[str, Any]:
    """A reply, checked for what the worker boundary needs: valid UTF-8 JSON with one-line escaped messages."""
    out = call(text)
    out.encode("utf-8")  # strict: a lone surrogate would not cross to JavaScript intact
    reply: dict[str, Any] = json.loads(out)
    if "error" in reply:
        error = reply["error"]
        assert printable(error["message"]) == error["message"]
        assert reply["code"] == error["exit_code"]
        assert json.loads(reply["json"]) == {"error": error}
    return reply


def test_every_hostile_case_is_a_reply_not_an_exception(
    hostile_cases: list[dict[str, Any]],
) -> None:
    codes: dict[str, set[int]] = {name: set() for name in CALLS}
    for case in hostile_cases:
        message = json.dumps(
            {
                "config": case["config"],
                "sets": case.get("sets", []),
                "nodes": case.get("nodes") or "",
                "spec": case.get("sweep") or "it_cap_mw=1:3:1",
            }
        )
        for name, call in CALLS.items():
            reply = reply_of(call, message)
            code = reply.get("code", 0)
            assert code in (0, 2, 3), (name, case, reply)
            codes[name].add(code)
    assert codes["run"] == {0, 2, 3}
    assert codes["sweep"] >= {0, 2}
    assert codes["export"] == {
        0,
        2,
    }  # bad --set syntax or paths; hostile values are written as read


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_unexpected_exception_is_an_internal_error_reply(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object, **__: object) -> object:
        raise RuntimeError("bad\nthing \ud800")

    for target in ("run", "sweep", "raw_config"):
        monkeypatch.setattr(api, target, boom)
    reply = reply_of(
        CALLS[name], json.dumps({"preset": examples.DEFAULT, "spec": "it_cap_mw=1:2:1"})
    )
    assert reply["code"] == 1
    assert reply["error"] == {
        "kind": "internal",
        "message": "RuntimeError: bad\\nthing \\ud800",
        "exit_code": 1,
    }
    assert "field" not in reply


@pytest.mark.parametrize(
    "message",
    ["", "{", "[]", "null", '"text"', '{"config": 5}', '{"sets": "node.gpu_w=1"}', '{"sets": [1]}'],
)
def test_a_malformed_message_is_a_bug_in_the_page_reported_as_internal(message: str) -> None:
    for call in CALLS.values():
        reply = reply_of(call, message)
        assert (reply["code"], reply["error"]["kind"]) == (1, "internal"), message


def test_an_unknown_preset_is_the_clis_usage_error(cli: Any) -> None:
    code, out, _ = cli("--preset", "nope", "--json")
    for call in CALLS.values():
        reply = reply_of(call, json.dumps({"preset": "nope"}))
        assert [reply["code"], reply["json"]] == [code, out]


def test_a_nodes_error_in_a_sweep_names_the_field(cli: Any) -> None:
    code, out, _ = cli("--nodes", "9" * 400, "--sweep", "it_cap_mw=1:2:1", "--json")
    reply = reply_of(web.sweep, json.dumps({"nodes": "9" * 400, "spec": "it_cap_mw=1:2:1"}))
    assert [reply["code"], reply["json"], reply["field"]] == [code, out, "nodes"]


@pytest.mark.parametrize(
    "sets",
    [
        ["it_cap_mw=" + "1" + "0" * 400],
        ["node.gpu_w=1e400", "node.cpu_w=-1e-5000"],
        ['node.name="\\ud800"'],
        ['fabric.name="\\udc00 and \\u001b[31m"'],
    ],
)
def test_export_writes_what_it_read_so_the_cli_refuses_it_alike(
    sets: list[str], cli: Any, tmp_path: Path
) -> None:
    """A value no float holds, or a lone surrogate, is exported as written: the CLI reads the file and gives the
    error the page gave for the same config."""
    msg = json.dumps({"preset": examples.DEFAULT, "sets": sets})
    text = reply_of(web.export, msg)["text"]
    path = tmp_path / "exported.json"
    path.write_bytes(text.encode("utf-8"))
    code, out, _ = cli("--config", str(path), "--json")
    page = reply_of(web.run, msg)
    assert [code, out] == [page["code"], page["json"]]
    assert code == 2


def test_sweep_fields_keep_only_what_the_page_plots() -> None:
    msg = {"preset": examples.DEFAULT, "spec": "it_cap_mw=1:3:1"}
    full = reply_of(web.sweep, json.dumps(msg))
    slim = reply_of(web.sweep, json.dumps({**msg, "fields": ["gpus", "nodes"]}))
    assert {k: v for k, v in slim.items() if k not in ("results", "cells")} == {
        k: v for k, v in full.items() if k not in ("results", "cells")
    }
    assert slim["results"] == [
        {"status": r["status"], "nodes": r["nodes"], "gpus": r["gpus"]} for r in full["results"]
    ]
    assert slim["cells"] == [
        {"status": c["status"], "nodes": c["nodes"], "gpus": c["gpus"]} for c in full["cells"]
    ]


def test_page_data_carries_the_sweep_limit() -> None:
    assert web.page_data()["max_sweep_points"] == api.MAX_SWEEP_POINTS


json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_data)
def test_dumps_is_json_dumps_for_data_json_holds(data: Any) -> None:
    text = jsontext.dumps(data)
    assert text == jsontext.escape_surrogates(json.dumps(data, indent=2, ensure_ascii=False))
    text.encode("utf-8")
    assert json.loads(text) == data


def test_dumps_writes_huge_numbers_and_lone_surrogates_as_read() -> None:
    source = '{"a": [1e400, -1e-5000, 1' + "0" * 60 + '], "\\ud800": "x\\udfff", "b": {}}'
    text = jsontext.dumps(jsontext.loads(source))
    text.encode("utf-8")
    assert json.loads(text, parse_float=str, parse_int=str) == json.loads(
        source, parse_float=str, parse_int=str
    )
    assert "1e400" in text
    assert "\\ud800" in text


@pytest.fixture(scope="module")
def hostile_cases(corpus_module: ModuleType) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = corpus_module.hostile_corpus()
    return cases
