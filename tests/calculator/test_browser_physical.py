"""The physical build (issue #11) on the calculator page, in Debian's chromium against the built site: planes and
racks set through the form reach the result cards as the CLI computes them.

Uses the suite's session ``browser`` and per-test ``tab`` (tests/calculator/conftest.py), which fail on a
console error, a dialog or a request leaving 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

import pytest

from clustersize import fmt

pytestmark = pytest.mark.browser

RACK_KEYS = ("nodes_per_rack", "racks_compute", "racks_network", "rack_kw")
SHOWN = ("planes", "leaves_per_plane", "spines_per_plane", *RACK_KEYS)


def cell(page: Any, key: str) -> list[str]:
    """Every cell the page shows for one result field (a field may sit in a card and in tables)."""
    return [str(t) for t in page.locator(f"#csz-output [data-key={key}]").all_text_contents()]


def unit_hidden(page: Any, key: str) -> list[bool]:
    """Whether the unit beside each cell of ``key`` is hidden."""
    units = page.locator(f"#csz-output [data-key={key}] + .csz-unit")
    return [bool(units.nth(i).evaluate("u => u.hidden")) for i in range(units.count())]


def report_racks(report: str) -> tuple[str, str, str, str]:
    """``(compute, network, nodes a rack, kW a full rack)`` from the CLI report's ``racks`` line."""
    m = re.search(
        r"^racks\s+([\d,]+) compute \+ ([\d,]+) network, ([\d,]+) nodes a rack, ([\d.,]+) kW",
        report,
        re.MULTILINE,
    )
    assert m, report
    return m.group(1), m.group(2), m.group(3), m.group(4)


def test_planes_and_racks_from_the_form_show_the_clis_racks_and_leaves(
    tab: Any, base_url: str, cli: Any
) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    for key in RACK_KEYS:  # the default config has no rack: n/a, and no unit beside it
        assert set(cell(page, key)) == {fmt.MISSING}
        assert set(unit_hidden(page, key)) == {True}, key
    for path in ("fabric.planes", "fabric.optics_by_tier.leaf_spine", "rack.max_kw"):
        assert page.locator(f"[id='csz-f-{path}']").count() == 1, path  # from the model walk

    tab.fill("fabric.planes", "2")
    tab.fill("rack.max_kw", "56")
    argv = ["--preset", "reference-5mw", "--set", "fabric.planes=2", "--set", "rack.max_kw=56"]
    code, expected, err = cli(*argv, "--json")
    assert code == 0, err
    assert tab.result_json() == expected
    result = json.loads(expected)
    assert result["planes"] == 2
    assert result["racks_compute"] is not None
    for key in SHOWN:
        assert set(cell(page, key)) == {fmt.number(result[key])}, key
        assert set(unit_hidden(page, key)) == {False}, key

    # the same numbers as the CLI report's racks line and the copied command
    compute, network, per_rack, kw = report_racks(cli(*argv)[1])
    assert cell(page, "racks_compute")[0] == compute
    assert cell(page, "racks_network")[0] == network
    assert cell(page, "nodes_per_rack")[0] == per_rack
    assert cell(page, "rack_kw")[0] == kw
    command = str(page.text_content("#csz-cli"))
    assert shlex.split(command)[3:] == [*argv, "--json"]

    tab.fill("rack.max_kw", "")  # no rack again: back to n/a, the unit hidden by the live view
    assert json.loads(tab.result_json())["racks_compute"] is None
    for key in RACK_KEYS:
        assert set(cell(page, key)) == {fmt.MISSING}
        assert set(unit_hidden(page, key)) == {True}, key
