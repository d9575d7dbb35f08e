"""``--csv``: the result (one row per point with ``--sweep``) as RFC 4180 CSV with the declared result fields as
columns; the calculator's downloads (``clustersize.web``) are the same bytes; the compare view's deltas."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from typing import Any

import pytest

from clustersize import csvout, examples, fmt, web
from clustersize.compare import COMPARED, delta, deltas
from clustersize.result import RESULT_FIELDS


def cli_bytes(*args: str) -> tuple[int, bytes, str]:
    """``python -m clustersize ARGS``: exit code, stdout as bytes (CRLF kept), stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *args], capture_output=True, check=False, timeout=60
    )
    return proc.returncode, proc.stdout, proc.stderr.decode()


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_is_the_json_result_as_one_row() -> None:
    code, out, _ = cli_bytes("--csv", "--set", "node.gpu_w=1000")
    assert code == 0
    text = out.decode()
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 2  # a header and one row; RFC 4180 line ends
    assert text.splitlines()[0].split(",") == [key for key, _, _ in RESULT_FIELDS]
    (row,) = parse(text)
    result = json.loads(cli_bytes("--json", "--set", "node.gpu_w=1000")[1])
    assert list(row) == list(result)  # the same fields in the same order
    for key, value in result.items():
        assert row[key] == csvout.cell(value), key
    assert row["nodes"] == str(result["nodes"])
    assert row["rail_optimized"] in ("true", "false")


def test_sweep_csv_has_one_row_per_point() -> None:
    code, out, _ = cli_bytes("--sweep", "it_cap_mw=1:3:0.5", "--csv")
    lines = cli_bytes("--sweep", "it_cap_mw=1:3:0.5", "--json")[1].decode().splitlines()
    assert code == 0
    rows = parse(out.decode())
    assert len(rows) == len(lines) == 5
    for row, line in zip(rows, lines, strict=True):
        assert row == {k: csvout.cell(v) for k, v in json.loads(line).items()}


def test_infeasible_is_a_row_with_exit_3() -> None:
    code, out, err = cli_bytes("--csv", "--set", "it_cap_mw=0.001")
    (row,) = parse(out.decode())
    assert code == 3
    assert row["status"] == "infeasible"
    assert row["nodes"] == "0" or row["nodes"] == ""
    assert "infeasible" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--csv", "--json"], "--csv prints CSV; it cannot be combined with --json"),
        (["--csv", "--bom"], "--bom prints CSV for one design; it cannot be combined with --csv"),
        (["--csv", "--schema"], "--schema prints and exits; it cannot be combined with --csv"),
    ],
)
def test_csv_with_another_output_is_a_usage_error(args: list[str], message: str) -> None:
    code, out, err = cli_bytes(*args)
    assert code == 2
    assert f"clustersize: error: {message}" in err
    if "--json" in args:  # the error as JSON too, as always with --json
        assert json.loads(out)["error"]["message"] == message
    else:
        assert out == b""


def test_cells_quote_what_rfc_4180_needs() -> None:
    assert csvout.cell(None) == ""
    assert csvout.cell(True) == "true"
    assert csvout.cell(1.5) == "1.5"
    assert csvout.cell([{"name": "CDU", "power_w": 3}]) == '[{"name":"CDU","power_w":3}]'
    text = csvout.rows_csv([{"node_name": 'a "quoted", name', "nodes": 3}])
    row = text.split("\r\n")[1]
    assert row.startswith(',,,,"a ""quoted"", name",')  # tool, version, mode, status empty


MESSAGES: list[dict[str, Any]] = [
    {"preset": examples.DEFAULT, "sets": [], "nodes": ""},
    {"preset": "dgx-h100", "sets": ["node.gpu_w=650.5"], "nodes": "40"},
    {"config": examples.text("dgx-b200"), "sets": ["it_cap_mw=0.001"], "nodes": ""},
    {"preset": examples.DEFAULT, "sets": ["node.gpu_w=abc"], "nodes": ""},
    {"preset": examples.DEFAULT, "sets": [], "nodes": "0"},
]


def cli_args(msg: dict[str, Any], tmp: Any) -> list[str]:
    if "preset" in msg:
        args = ["--preset", msg["preset"]]
    else:
        path = tmp / "config.json"
        path.write_text(msg["config"], encoding="utf-8")
        args = ["--config", str(path)]
    for item in msg["sets"]:
        args += ["--set", item]
    return args + (["--nodes", msg["nodes"]] if msg["nodes"] else [])


@pytest.mark.parametrize("msg", MESSAGES)
@pytest.mark.parametrize("kind", ["csv", "sweep", "bom"])
def test_web_downloads_are_the_cli_bytes(msg: dict[str, Any], kind: str, tmp_path: Any) -> None:
    """What the calculator offers for download is byte for byte what the CLI prints (errors: its message)."""
    if kind == "bom":
        reply = json.loads(web.bom_csv(json.dumps(msg)))
        code, out, err = cli_bytes(*cli_args(msg, tmp_path), "--bom")
    else:
        spec = {"spec": "it_cap_mw=1:4:0.5"} if kind == "sweep" else {}
        reply = json.loads(web.results_csv(json.dumps(msg | spec)))
        extra = ["--sweep", spec["spec"]] if spec else []
        code, out, err = cli_bytes(*cli_args(msg, tmp_path), *extra, "--csv")
    assert reply["code"] == code
    if "error" in reply:
        assert out == b""
        assert reply["error"]["message"] in err
    else:
        assert reply["text"].encode() == out


def test_compare_gives_both_sides_and_signed_deltas() -> None:
    a = {"preset": examples.DEFAULT, "sets": [], "nodes": ""}
    b = {"preset": examples.DEFAULT, "sets": ["node.gpu_w=1000"], "nodes": ""}
    reply = json.loads(web.compare(json.dumps({"a": a, "b": b})))
    ra, rb = (json.loads(json.loads(web.run(json.dumps(m)))["json"]) for m in (a, b))
    assert reply["keys"] == list(COMPARED)
    assert reply["a"]["cells"] == fmt.cells(ra)
    assert reply["b"]["cells"] == fmt.cells(rb)
    assert reply["deltas"]["nodes"] == fmt.signed(rb["nodes"] - ra["nodes"])
    assert reply["deltas"]["nodes"].startswith("\u2212")  # fewer nodes at 1 kW a GPU
    assert reply["deltas"]["headroom_w"] == fmt.signed(rb["headroom_w"] - ra["headroom_w"])
    same = json.loads(web.compare(json.dumps({"a": a, "b": a})))
    assert set(same["deltas"].values()) == {"0"}
    broken = json.loads(web.compare(json.dumps({"a": a, "b": {**b, "sets": ["node.gpu_w=-1"]}})))
    assert broken["deltas"] is None
    assert "cells" not in broken["b"]
    assert json.loads(broken["b"]["json"])["error"]["path"] == "/node/gpu_w"


def test_deltas_are_exact_and_say_when_missing() -> None:
    assert delta(3, 5) == 2
    assert delta(None, 5) is None
    assert delta(True, 5) is None
    assert fmt.signed(1234) == "+1,234"
    assert fmt.signed(-1234.5) == "\u22121,234.5"
    assert fmt.signed(0) == fmt.signed(0.0) == "0"
    assert fmt.signed(None) == fmt.MISSING
    got = deltas({"nodes": 10, "p_total_w": 1.5}, {"nodes": 7, "p_total_w": None})
    assert got["nodes"] == "\u22123"
    assert got["p_total_w"] == fmt.MISSING
