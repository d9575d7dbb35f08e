"""The sensitivity page and the executive summary's band: every number on them is the solver's, and every
command shown reproduces its row through the real CLI.

* The tornado table of the built page is ``clustersize.sensitivity.swings`` of the scenario the page names.
* Each implicit-choice row's command, run through the CLI, gives the node count the row prints.
* The executive summary shows the band of the scenario its ``assumptions`` block names, around the same point
  answer as the headline.
"""

from __future__ import annotations

import html
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clustersize import api, fmt
from clustersize.sensitivity import swings
from clustersize_site.memo.page import FENCE


@pytest.fixture(scope="module")
def memo(memo_hook: Any, root: Path) -> Any:
    return memo_hook.Memo.load(root, root / "docs")


def block_args(markdown: str, kind: str) -> dict[str, str]:
    """``{argument: body}`` of every ``memo`` block of ``kind`` on a page (``tornado: NAME`` → NAME)."""
    out = {}
    for m in FENCE.finditer(markdown):
        head, _, arg = m["body"].splitlines()[0].partition(":")
        if head.strip() == kind:
            out[arg.strip()] = m["body"]
    return out


def tables(page: str) -> list[list[list[str]]]:
    """Every table of a built page as rows of cell texts (tags stripped, entities decoded)."""
    out = []
    for body in re.findall(r"<table>(.*?)</table>", page, re.DOTALL):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
        cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL) for row in rows]
        out.append(
            [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells]
        )
    return out


def page_html(site_dir: Path, name: str) -> str:
    return (site_dir / name / "index.html").read_text(encoding="utf-8")


def test_the_tornado_table_is_the_solvers(
    memo: Any, sources: dict[str, str], site_dir: Path
) -> None:
    (name,) = block_args(sources["docs/sensitivity.md"], "tornado")
    assert set(block_args(sources["docs/sensitivity.md"], "swings")) == {name}
    t = swings(memo.scenario(name).config)
    assert len(t.rows) >= 5
    table = next(tb for tb in tables(page_html(site_dir, "sensitivity")) if tb[0][0] == "Input")
    body = table[1:-1]
    assert [row[0] for row in body] == [r.path for r in t.rows]
    assert [row[4] for row in body] == [r.unit or "—" for r in t.rows]
    shown = [[float(c.replace(",", "")) for c in (*row[1:4], *row[5:])] for row in body]
    assert shown == [
        [r.low, r.typical, r.high, r.nodes_at_high, r.nodes_at_low, r.swing] for r in t.rows
    ]
    n = fmt.number
    assert table[-1][-3:] == [n(t.nodes_low), n(t.nodes_high), n(t.nodes_high - t.nodes_low)]
    swung = [row.swing for row in t.rows]
    assert swung == sorted(swung, reverse=True)  # a tornado: largest swing on top


def test_the_tornado_figure_draws_every_row(
    memo: Any, sources: dict[str, str], site_dir: Path
) -> None:
    (name,) = block_args(sources["docs/sensitivity.md"], "tornado")
    t = swings(memo.scenario(name).config)
    page = page_html(site_dir, "sensitivity")
    (svg,) = re.findall(r'<svg class="memo-fig".*?</svg>', page, re.DOTALL)
    labels = re.findall(r'<text class="memo-legend"[^>]*text-anchor="end">([^<]*)</text>', svg)
    assert [label.split(" (")[0] for label in labels] == [r.path for r in t.rows]
    ends = [
        int(v.replace(",", ""))
        for v in re.findall(r'<text class="memo-tick"[^>]*>([\d,]+)</text>', svg)
    ]
    for row in t.rows:
        assert row.nodes_at_high in ends
        assert row.nodes_at_low in ends
    assert f"band low {fmt.number(t.nodes_low)}" in svg
    assert f"band high {fmt.number(t.nodes_high)}" in svg


def implicit_rows(site_dir: Path) -> dict[str, str]:
    """``{choice label: nodes}`` of the built implicit-choices table."""
    table = next(
        tb for tb in tables(page_html(site_dir, "sensitivity")) if tb[0][0] == "Planning choice"
    )
    named = {row[0]: row[1] for row in table[1:] if row[1]}
    return {("the neutral baseline" if k.startswith("none:") else k): v for k, v in named.items()}


def shown_commands(site_dir: Path) -> dict[str, str]:
    """``{label: command}`` from the built commands block (each command under its ``# label`` line)."""
    page = page_html(site_dir, "sensitivity")
    block = next(
        b
        for b in re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.DOTALL)
        if "# the neutral baseline" in html.unescape(re.sub(r"<[^>]+>", "", b))
    )
    lines = [line.strip() for line in html.unescape(re.sub(r"<[^>]+>", "", block)).splitlines()]
    return {lines[i][2:]: lines[i + 1] for i in range(len(lines) - 1) if lines[i].startswith("# ")}


def test_every_implicit_choice_row_is_reproduced_by_its_command(site_dir: Path, memo: Any) -> None:
    rows = implicit_rows(site_dir)
    commands = shown_commands(site_dir)
    assert len(commands) >= 5
    for label, command in commands.items():
        argv = shlex.split(command)
        assert argv[:3] == ["python", "-m", "clustersize"], command
        args = argv[3:]
        preset = args[args.index("--preset") + 1]
        sets = [args[i + 1] for i, a in enumerate(args) if a == "--set"]
        code, text = api.run(api.config_text(preset, None), None, sets)
        assert code == 0, command
        shown = rows[label]
        assert fmt.number(json.loads(text)["nodes"]) == shown, label
    # one row through a real subprocess, exactly as a reader pastes it
    label, command = next((k, v) for k, v in commands.items() if "extra_loads" in v)
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *shlex.split(command)[3:], "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert fmt.number(json.loads(proc.stdout)["nodes"]) == rows[label]


def test_every_implicit_choice_costs_nodes(site_dir: Path) -> None:
    rows = {k: int(v.replace(",", "")) for k, v in implicit_rows(site_dir).items()}
    baseline = rows.pop("the neutral baseline")
    assert len(rows) >= 4
    assert all(nodes < baseline for nodes in rows.values())


def test_the_summary_shows_the_band_around_the_headline(
    memo: Any, sources: dict[str, str], site_dir: Path
) -> None:
    (block,) = block_args(sources["docs/index.md"], "assumptions").values()
    spec = dict(line.split(":", 1) for line in block.strip().splitlines())
    point, band = memo.scenario(spec["assumptions"].strip()), memo.scenario(spec["band"].strip())
    assert band.result["nodes"] == point.result["nodes"]
    assert band.result["nodes_low"] < point.result["nodes"] < band.result["nodes_high"]
    text = html.unescape(re.sub(r"<[^>]+>", "", page_html(site_dir, "")))
    low, high = fmt.number(band.result["nodes_low"]), fmt.number(band.result["nodes_high"])
    assert f"band {low}–{high}" in text
    assert f"band of {low} to {high} nodes" in text
    assert (
        "read as IT power" in text
        if point.result["cap_basis"] == "it"
        else "facility power" in text
    )


def test_the_band_scenario_reproduces_through_the_cli(memo: Any, sources: dict[str, str]) -> None:
    (block,) = block_args(sources["docs/index.md"], "assumptions").values()
    name = dict(line.split(":", 1) for line in block.strip().splitlines())["band"].strip()
    sc = memo.scenario(name)
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *shlex.split(sc.cmd)[3:], "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(proc.stdout)
    assert result == sc.result
    assert (result["nodes_low"], result["nodes_high"]) == (
        swings(sc.config).nodes_low,
        swings(sc.config).nodes_high,
    )
    assert len(result["ranged_inputs"]) >= 5
