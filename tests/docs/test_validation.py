"""The validation page: NVIDIA's published switch tables and system power against clustersize, checked while
the site builds. Every row matches or is a marked source anomaly; planted mismatches, stale anomaly marks and
missing model fields are caught; the built page shows each row with its source and check mark."""

from __future__ import annotations

import copy
import dataclasses
import html
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from clustersize_site.memo import validation
from clustersize_site.memo.checks import data_problems
from clustersize_site.memo.data import Memo


@pytest.fixture(scope="module")
def spec(docs_dir: Path) -> dict[str, Any]:
    return tomllib.loads((docs_dir / "data" / "validation.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(docs_dir: Path) -> dict[str, Any]:
    ledger = tomllib.loads((docs_dir / "data" / "ledger.toml").read_text(encoding="utf-8"))
    figs: dict[str, Any] = ledger["figures"]
    return figs


@pytest.fixture(scope="module")
def checked(spec: dict[str, Any], figures: dict[str, Any]) -> validation.Validation:
    return validation.load(spec, figures)


def table(v: validation.Validation, ident: str) -> validation.Table:
    return next(t for t in v.tables if t.id == ident)


def test_every_row_matches_or_is_a_marked_source_anomaly(checked: validation.Validation) -> None:
    assert checked.problems() == []
    counts = checked.counts()
    assert counts[validation.FAIL] == 0
    assert counts[validation.OK] >= 23
    assert counts[validation.ANOMALY] == 1
    marked = [
        (t.id, r.cells[0].published, h)
        for t in checked.tables
        for r in t.rows
        for h, c in zip(t.headings, r.cells, strict=True)
        if c.anomaly
    ]
    assert marked == [("b300-xdr-table-3", 18, "GPUs")]
    for ident in ("h100-table-4", "b200-table-4", "b200-table-3"):
        assert {r.status for r in table(checked, ident).rows} == {validation.OK}, ident


def test_the_b300_four_su_row_is_the_even_spread_rule(checked: validation.Validation) -> None:
    """18 spines for 32 leaves (not 16): the smallest divisor of 72 uplinks that is at least 16."""
    row = next(r for r in table(checked, "b300-xdr-table-3").rows if r.cells[0].published == 4)
    spine = table(checked, "b300-xdr-table-3").headings.index("Spine")
    assert (row.cells[spine].published, row.cells[spine].computed, row.status) == (
        18,
        18,
        validation.OK,
    )


def test_a_table_needing_a_missing_model_field_is_pending_never_checked(
    spec: dict[str, Any], figures: dict[str, Any]
) -> None:
    planted = copy.deepcopy(spec)
    planted["table"][0]["requires"] = "fabric.no_such_field"
    v = validation.load(planted, figures)
    rows = v.tables[0].rows
    assert {r.status for r in rows} == {validation.PENDING}
    assert all(not c.compared for r in rows for c in r.cells)
    assert "fabric.no_such_field" in v.tables[0].pending


def _planted(spec: dict[str, Any], figures: dict[str, Any], change: Any) -> list[str]:
    planted = copy.deepcopy(spec)
    change(planted)
    return validation.load(planted, figures).problems()


def test_planted_mismatches_are_caught(spec: dict[str, Any], figures: dict[str, Any]) -> None:
    def wrong_spine(s: dict[str, Any]) -> None:
        s["table"][0]["rows"][2][4] = 12  # the naive spine count of the 3-SU row

    def unmarked_anomaly(s: dict[str, Any]) -> None:
        next(t for t in s["table"] if t["id"] == "b300-xdr-table-3").pop("anomaly")

    def stale_mark(s: dict[str, Any]) -> None:
        t = next(t for t in s["table"] if t["id"] == "b300-xdr-table-3")
        t["anomaly"].append({"su": 4, "column": "Spine", "reason": "looked odd"})

    def wrong_power(s: dict[str, Any]) -> None:
        s["power"][0]["figure"] = "dgx-b200-max-w"  # the H100 preset against the B200 maximum

    assert _planted(spec, figures, wrong_spine) == [
        "validation h100-table-4, row 3: Spine published 12, clustersize 16"
    ]
    assert _planted(spec, figures, unmarked_anomaly) == [
        "validation b300-xdr-table-3, row 18: GPUs published 9216, clustersize 10368"
    ]
    assert _planted(spec, figures, stale_mark) == [
        "validation b300-xdr-table-3, row 4: Spine is marked a source anomaly but matches"
    ]
    assert _planted(spec, figures, wrong_power) == [
        "validation power 'dgx-b200-max-w': published 14300, clustersize 10200"
    ]


def test_the_build_check_fails_on_a_planted_mismatch(
    root: Path, spec: dict[str, Any], figures: dict[str, Any]
) -> None:
    memo = Memo.load(root, root / "docs")
    assert data_problems(memo) == []
    planted = copy.deepcopy(spec)
    planted["table"][2]["rows"][3][5] = 32  # B200 Table 3, 16 SU: 32 cores instead of 64
    bad = dataclasses.replace(memo, validation=validation.load(planted, figures))
    assert data_problems(bad) == [
        "validation b200-table-3, row 16: Core published 32, clustersize 64"
    ]


def test_bad_validation_data_is_refused(spec: dict[str, Any], figures: dict[str, Any]) -> None:
    for change, message in (
        (lambda s: s["table"][0]["rows"][0].pop(), "has not 7 cells"),
        (
            lambda s: s["table"][0].update(preset="no-such-preset"),
            "no bundled example 'no-such-preset'",
        ),
        (
            lambda s: s["power"][0].update(figure="no-such-figure"),
            "no ledger figure 'no-such-figure'",
        ),
        (
            lambda s: s["table"][0]["columns"][3].update(field="leafs"),
            "'leafs' is not a result field",
        ),
        (lambda s: s["table"][2].update(set=[]), "exits 3: .* over the 5,000,000 W cap"),
    ):
        planted = copy.deepcopy(spec)
        change(planted)
        with pytest.raises(validation.MemoError, match=message):
            validation.load(planted, figures)


@pytest.mark.parametrize(
    ("preset", "nodes", "published"),
    [
        ("dgx-h100", 95, {"leaves": 24, "spines": 16, "links_leaf_spine": 768}),
        (
            "dgx-b200",
            512,
            {"tiers": 3, "leaves": 128, "spines": 128, "cores": 64, "links_spine_core": 4096},
        ),
        ("dgx-b200", 2048, {"leaves": 512, "spines": 512, "cores": 256}),
        ("dgx-b300", 288, {"tiers": 2, "leaves": 32, "spines": 18, "links_host_leaf": 2304}),
        ("dgx-b300", 1296, {"leaves": 144, "spines": 72, "links_leaf_spine": 10368}),
    ],
)
def test_published_rows_through_the_real_cli(
    preset: str, nodes: int, published: dict[str, int]
) -> None:
    """Independently of the page's code: the CLI itself gives NVIDIA's numbers."""
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", "--preset", preset, "--nodes", str(nodes), "--json",
         "--set", "it_cap_mw=1000"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {k: result[k] for k in published} == published


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_built_page_shows_every_row_with_its_source_and_mark(
    site_dir: Path, checked: validation.Validation
) -> None:
    page = (site_dir / "validation" / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    counts = checked.counts()
    assert f"{counts['rows']} {counts['ok']} {counts['anomaly']} {counts['pending']}" in text
    assert text.count("✔") >= counts[validation.OK]
    assert "✘ source anomaly" in text
    assert "9,216 / 10,368 ✘" in text
    for t in checked.tables:
        assert f'id="val-{t.id}"' in page
        assert page.count(f'href="{t.source}"') >= len(t.rows) + 1, t.id
    assert "32 / 32" in text
    assert "1,020 / 1,016 + 4" in text
    assert "needs <code>fabric.planes</code>" in page or not any(t.pending for t in checked.tables)
    for p in checked.power:
        assert f'href="../ledger/#fig-{p.figure}"' in page, p.figure
    nav = (site_dir / "verification" / "index.html").read_text(encoding="utf-8")
    assert 'href="../validation/"' in nav
