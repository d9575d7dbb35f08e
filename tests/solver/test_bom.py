"""The bill of materials: RFC 4180 CSV whose watts add up to p_total_w and whose counts add up to the result's
(INV-007), built by one pure function for the CLI (``--bom``) and, later, the calculator."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize import bom, examples
from clustersize.config import parse_config
from clustersize.errors import InvariantError
from clustersize.solve import evaluate, solve
from solver.strategies import physical_configs
from solver.support import build, example_raw
from solver.test_published import B300_SPECTRUM_X

KINDS = {
    "nodes": {"compute_node"},
    "switches_total": {"leaf_switch", "spine_switch", "core_switch"},
    "optics": {"optic_host_leaf", "optic_leaf_spine", "optic_spine_core"},
    "links_total": {"link_host_leaf", "link_leaf_spine", "link_spine_core"},
}


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def exact_w(cell: str) -> Fraction:
    return Fraction(cell)


def assert_adds_up(text: str, result: Any) -> None:
    rows = parse(text)
    assert sum(exact_w(r["total_w"]) for r in rows) == Fraction(repr(result.p_total_w))
    for r in rows:
        assert exact_w(r["total_w"]) == int(r["count"]) * exact_w(r["unit_w"])
        assert r["item"] in bom.ITEMS
    for key, items in KINDS.items():
        assert sum(int(r["count"]) for r in rows if r["item"] in items) == getattr(result, key), key


@settings(max_examples=150, deadline=None)
@given(raw=physical_configs(), nodes=st.one_of(st.none(), st.integers(1, 3000)))
def test_inv_007_bom_sums_equal_the_result_for_random_configs(
    raw: dict[str, Any], nodes: int | None
) -> None:
    config = parse_config(raw)
    result = solve(config) if nodes is None else evaluate(config, nodes)
    text = bom.csv_text(bom.rows(result, config))
    if result.p_total_w is None:
        assert parse(text) == []
        return
    assert_adds_up(text, result)


def test_inv_007_a_bom_that_does_not_add_up_is_a_bug() -> None:
    config = build(example_raw())
    result = solve(config)
    rows = bom.rows(result, config)
    off = dataclasses.replace(result, p_total_w=result.p_total_w + 1)  # type: ignore[operator]
    with pytest.raises(InvariantError, match="INV-007 violated: BOM total_w"):
        bom.check(rows, off)
    short = dataclasses.replace(result, links_total=result.links_total + 1)  # type: ignore[operator]
    with pytest.raises(InvariantError, match="INV-007 violated: BOM links_total"):
        bom.check(rows, short)


@pytest.mark.parametrize("name", examples.names())
def test_every_bundled_example_has_a_bom_that_adds_up(name: str) -> None:
    config = parse_config(example_raw(name))
    result = solve(config)
    assert_adds_up(bom.csv_text(bom.rows(result, config)), result)


def test_csv_is_rfc_4180_with_a_header_and_crlf_line_ends() -> None:
    config = build(example_raw(), node__name='8-GPU node, "placeholder"')
    text = bom.csv_text(bom.rows(solve(config), config))
    lines = text.split("\r\n")
    assert lines[0] == "item,model,count,unit_w,total_w,plane,note"
    assert lines[-1] == ""
    assert all("\n" not in line for line in lines)
    assert lines[1].startswith('compute_node,"8-GPU node, ""placeholder""",')
    assert list(bom.COLUMNS[:5]) == ["item", "model", "count", "unit_w", "total_w"]


def test_fabric_rows_come_one_per_plane_and_copper_ends_are_listed_at_0_w() -> None:
    raw = {**B300_SPECTRUM_X, "rack": {"max_kw": 56}}
    raw["fabric"] = {**raw["fabric"], "optics_by_tier": {"host_leaf": 0}}
    config = parse_config(raw)
    result = evaluate(config, 64)
    rows = parse(bom.csv_text(bom.rows(result, config)))
    per_item = Counter(r["item"] for r in rows)
    assert per_item == {
        "compute_node": 1,
        "leaf_switch": 2,
        "spine_switch": 2,
        "optic_host_leaf": 2,
        "optic_leaf_spine": 2,
        "link_host_leaf": 2,
        "link_leaf_spine": 2,
        "compute_rack": 1,
        "network_rack": 1,
    }
    copper = [r for r in rows if r["item"] == "optic_host_leaf"]
    assert [(r["plane"], r["count"], r["unit_w"], r["total_w"]) for r in copper] == [
        ("1", "1024", "0", "0"),
        ("2", "1024", "0", "0"),
    ]
    racks = {r["item"]: r for r in rows if r["item"].endswith("_rack")}
    assert (racks["compute_rack"]["count"], racks["network_rack"]["count"]) == ("16", "2")
    assert racks["compute_rack"]["total_w"] == "0"
    assert_adds_up(bom.csv_text(bom.rows(result, config)), result)


def test_fractional_watts_print_as_json_prints_them() -> None:
    config = build(example_raw(), fabric__optic_w_per_link_end=1.5, node__nvme_w=150.25)
    result = solve(config)
    rows = parse(bom.csv_text(bom.rows(result, config)))
    node = next(r for r in rows if r["item"] == "compute_node")
    assert node["unit_w"] == json.dumps(result.p_node_w)
    assert node["total_w"] == json.dumps(result.p_node_total_w)
    assert_adds_up(bom.csv_text(bom.rows(result, config)), result)


def test_no_design_gives_a_header_only() -> None:
    config = build(example_raw(), it_cap_mw=0.001, min_nodes=1)
    assert bom.rows(solve(config), config) == []
    assert bom.csv_text([]) == "item,model,count,unit_w,total_w,plane,note\r\n"


# --- the CLI ----------------------------------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clustersize", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_cli_bom_prints_the_csv_of_the_json_result() -> None:
    proc = cli("--preset", "dgx-b200", "--bom")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("item,model,count,unit_w,total_w")
    result = json.loads(cli("--preset", "dgx-b200", "--json").stdout)
    rows = parse(proc.stdout)
    assert sum(exact_w(r["total_w"]) for r in rows) == result["p_total_w"]
    for key, items in KINDS.items():
        assert sum(int(r["count"]) for r in rows if r["item"] in items) == result[key]


def test_cli_bom_of_an_over_cap_design_exits_3_and_still_prints_it() -> None:
    proc = cli("--bom", "--nodes", "600")
    assert proc.returncode == 3
    assert "infeasible" in proc.stderr
    assert [r["count"] for r in parse(proc.stdout) if r["item"] == "compute_node"] == ["600"]


@pytest.mark.parametrize(
    ("args", "clash"),
    [
        (("--bom", "--json"), "--json"),
        (("--bom", "--sweep", "it_cap_mw=1:2:1"), "--sweep"),
        (("--bom", "--schema"), "--bom"),
    ],
)
def test_cli_bom_refuses_json_sweep_and_print_flags(args: tuple[str, ...], clash: str) -> None:
    proc = cli(*args)
    assert proc.returncode == 2
    assert clash in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_cli_sets_reach_the_new_keys_and_notes_a_partial_unit(tmp_path: Path) -> None:
    path = tmp_path / "b300.json"
    path.write_text(json.dumps(B300_SPECTRUM_X), encoding="utf-8")
    proc = cli("--config", str(path), "--set", "fabric.planes=1", "--set", "rack.max_kw=56",
               "--set", "scalable_unit_nodes=64", "--nodes", "100")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "\nplanes " not in proc.stdout  # one plane: no planes line
    assert (
        "clustersize: note: 100 nodes is not a whole number of 64-node scalable units"
        in proc.stderr
    )
    assert "racks         25 compute" in proc.stdout
    bad = cli("--config", str(path), "--set", "fabric.planes=3")
    assert bad.returncode == 2
    assert bad.stderr.startswith("clustersize: error: /fabric/planes: must divide")
    over = cli("--config", str(path), "--set", "rack.max_kw=10")
    assert over.returncode == 2
    assert "/rack/max_kw: must be at least the power of one node (14 kW)" in over.stderr


def test_cli_report_shows_planes_optics_by_tier_racks_and_units(tmp_path: Path) -> None:
    path = tmp_path / "b300.json"
    path.write_text(json.dumps(B300_SPECTRUM_X), encoding="utf-8")
    proc = cli("--config", str(path), "--set", "rack.max_kw=56", "--set", "scalable_unit_nodes=64",
               "--set", "fabric.tiers=2")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "planes        2   (each: 128 leaves, 64 spines, 0 cores, 8,192 host-leaf links)" in out
    assert "optics        by tier" in out
    assert "host-leaf" in out
    assert "racks         256 compute + 24 network, 4 nodes a rack, 56 kW a full rack" in out
    assert "units         16 whole scalable units; 0 nodes beyond them" in out
