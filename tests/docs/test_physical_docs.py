"""The physical build in the memo (issue #11): the trade study's two-plane option and rack table are what the CLI
prints for the commands the page shows, a bad rack table stops the build, and the runbook's ``--bom`` guide
names the CSV's real columns and items.
"""

from __future__ import annotations

import dataclasses
import html.parser
import json
import re
from pathlib import Path
from typing import Any

import pytest

from clustersize import Config, api, bom, examples, fmt
from clustersize.optics import TIERS
from clustersize_site.memo import registry
from clustersize_site.memo.commands import parse_command, run_cli
from clustersize_site.memo.data import Memo
from clustersize_site.memo.directives import racks
from clustersize_site.memo.errors import MemoError

RACK_HEAD = ("Option", "Rack budget")
TRADE_HEAD = ("Option", "Tiers", "Planes")


class _Tables(html.parser.HTMLParser):
    """Every table (rows of cell texts) and every ``<pre>`` block (its text) of a page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.pres: list[str] = []
        self._cell: list[str] | None = None
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "pre":
            self._in_pre = True
            self.pres.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_pre:
            self.pres[-1] += data


@pytest.fixture(scope="module")
def trade_page(site_dir: Path) -> _Tables:
    parsed = _Tables()
    parsed.feed((site_dir / "trade-study" / "index.html").read_text(encoding="utf-8"))
    return parsed


def table_with(page: _Tables, head: tuple[str, ...]) -> list[list[str]]:
    """The body rows of the one table whose header starts with ``head``."""
    found = [t for t in page.tables if t and tuple(t[0][: len(head)]) == head]
    assert len(found) == 1, [t[0] for t in page.tables]
    return found[0][1:]


def commands_with(page: _Tables, word: str, without: str = "") -> list[str]:
    """The lines of the one shown command block whose every line is a command, some line has ``word`` and no
    line has ``without``."""
    blocks = [
        lines
        for text in page.pres
        if (lines := [ln for ln in text.strip().splitlines() if ln.strip()])
        and all(ln.startswith("python -m clustersize ") for ln in lines)
        and any(word in ln for ln in lines)
        and not (without and any(without in ln for ln in lines))
    ]
    assert len(blocks) == 1, page.pres
    return blocks[0]


def config_of(command: str) -> Config:
    """The validated config a shown ``--preset NAME --set ...`` command sizes."""
    args = parse_command("trade-study", 0, command, 0).args
    preset = args[args.index("--preset") + 1]
    sets = [args[i + 1] for i, a in enumerate(args) if a == "--set"]
    return api.prepare(examples.text(preset), sets)[1]


def cli_json(command: str) -> dict[str, Any]:
    code, out, err = run_cli(command + " --json")
    assert code == 0, (command, err)
    result: dict[str, Any] = json.loads(out)
    return result


def test_trade_table_rows_are_the_cli_answers_for_the_shown_commands(trade_page: _Tables) -> None:
    rows = table_with(trade_page, TRADE_HEAD)
    commands = commands_with(trade_page, "fabric.planes=2", without="rack.")
    assert len(rows) == len(commands)
    for row, command in zip(rows, commands, strict=True):
        r = cli_json(command)
        assert row[1:6] == [
            fmt.number(r["tiers"]),
            fmt.number(r["planes"]),
            fmt.with_unit(r["oversubscription"], "ratio"),
            fmt.number(r["nodes"]),
            fmt.number(r["gpus"]),
        ], command
    planes = [row for row in rows if row[2] != "1"]
    assert len(planes) == 1  # the two-plane option
    assert planes[0][2] == "2"


def test_rack_table_rows_are_the_cli_answers_for_the_shown_commands(trade_page: _Tables) -> None:
    rows = table_with(trade_page, RACK_HEAD)
    commands = commands_with(trade_page, "rack.max_kw=")
    trade = {row[0].split(".")[0]: row for row in table_with(trade_page, TRADE_HEAD)}
    assert len(rows) == len(commands) >= 3
    for row, command in zip(rows, commands, strict=True):
        r = cli_json(command)
        assert r["racks_compute"] is not None, command
        max_kw = re.search(r"rack\.max_kw=(\S+)", command)
        assert max_kw, command
        assert row[1] == f"{fmt.number(json.loads(max_kw[1]))} kW"
        rack = config_of(command).rack
        assert rack is not None
        assert row[2:] == [
            fmt.number(r["nodes"]),
            fmt.number(r["switches_total"]),
            fmt.number(rack.switches_per_rack),
            *(fmt.number(r[k]) for k in racks.RACK_FIELDS),
        ], command
        option = trade[row[0].split(".")[0]]  # the row's letter is the trade option it sizes
        assert option[4] == fmt.number(r["nodes"])
        assert option[2] == fmt.number(r["planes"])


def test_the_racks_figure_has_one_bar_per_row(site_dir: Path, trade_page: _Tables) -> None:
    text = (site_dir / "trade-study" / "index.html").read_text(encoding="utf-8")
    start = text.index('id="fig-racks-title"')
    figure = text[start : text.index("</svg>", start)]
    rows = table_with(trade_page, RACK_HEAD)
    assert figure.count('class="memo-bar memo-p0"') == len(rows)
    assert figure.count('class="memo-bar memo-p1"') == len(rows)


@pytest.fixture(scope="module")
def ctx(root: Path) -> registry.Context:
    return registry.Context(Memo.load(root, root / "docs"), "trade-study.md")


def test_a_bad_rack_table_stops_the_build(ctx: registry.Context) -> None:
    assert registry.DIRECTIVES["racks: table"] is racks.racks_table
    with pytest.raises(MemoError, match="needs `scenarios: "):
        registry.expand_block(ctx, "racks: table\n")
    bare = ctx.memo.trade.options[0]  # a trade option without a rack
    with pytest.raises(MemoError, match=f"scenario {bare!r} has no rack"):
        registry.expand_block(ctx, f"racks: table\nscenarios: [{bare}]\n")
    with pytest.raises(MemoError, match="no scenario 'nonesuch'"):
        registry.expand_block(ctx, "racks: figure\nscenarios: [nonesuch]\n")
    racked = next(s for s in ctx.memo.scenarios.values() if s.config.rack is not None)
    planted = dataclasses.replace(racked, name="planted", sets=[*racked.sets, "fabric.tiers=3"])
    memo = dataclasses.replace(ctx.memo, scenarios={**ctx.memo.scenarios, "planted": planted})
    with pytest.raises(MemoError, match="'planted' is no trade-study option plus rack"):
        registry.expand_block(
            registry.Context(memo, ctx.src), "racks: table\nscenarios: [planted]\n"
        )


def bom_guide(runbook: str) -> dict[str, str]:
    """The runbook's ``--bom`` column table: column cell -> its description."""
    start = runbook.index("| Column | What it holds |")
    lines = runbook[start:].split("\n\n", 1)[0].splitlines()[2:]
    cells = [ln.strip().strip("|").split("|", 1) for ln in lines]
    return {column.strip(): text.strip() for column, text in cells}


def test_runbook_bom_guide_names_the_csv_columns_and_items(sources: dict[str, str]) -> None:
    guide = bom_guide(sources["docs/runbook.md"])
    named = [c for cell in guide for c in re.findall(r"`([^`]+)`", cell)]
    assert sorted(named) == sorted(bom.COLUMNS)
    item_cell = next(text for cell, text in guide.items() if "`item`" in cell)
    words = set(re.findall(r"`([^`]+)`", item_cell))
    items = {w for w in words if "<tier>" not in w}
    for pattern in (w for w in words if "<tier>" in w):
        items |= {pattern.replace("<tier>", t) for t in TIERS}
    assert set(bom.ITEMS) <= items


def test_runbook_shows_a_bom_that_ran(site_dir: Path, sources: dict[str, str]) -> None:
    assert re.search(r"^cli: python -m clustersize .*--bom$", sources["docs/runbook.md"], re.M)
    text = (site_dir / "runbook" / "index.html").read_text(encoding="utf-8")
    parsed = _Tables()
    parsed.feed(text)
    shown = [p for p in parsed.pres if "--bom" in p and ",".join(bom.COLUMNS) in p]
    assert len(shown) == 1
    lines = shown[0].strip().splitlines()
    command = lines[0].removeprefix("$ ")
    code, out, _ = run_cli(command)
    assert code == 0
    assert lines[1:] == out.strip().splitlines()
