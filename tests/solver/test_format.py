"""The one formatter: how every value reads in the CLI report, the memo and the calculator."""

from __future__ import annotations

from typing import Any

import pytest

from clustersize import fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "n/a"),
        (True, "yes"),
        (False, "no"),
        (0, "0"),
        (7, "7"),
        (4991754, "4,991,754"),
        (-1234, "-1,234"),
        (2.0, "2"),
        (-2.0, "-2"),
        (1.3, "1.3"),
        (1234.5, "1,234.5"),
        (1.23456, "1.235"),
        (0.1, "0.1"),
        (0.0004, "0"),
        (12.25, "12.25"),
        (1e15, "1,000,000,000,000,000"),
        (2.5e15, "2,500,000,000,000,000"),
        ([], "none"),
        (["INV-001", "INV-004"], "INV-001, INV-004"),
        ("ok", "ok"),
    ],
)
def test_number(value: Any, text: str) -> None:
    assert fmt.number(value) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (None, "W", "n/a"),
        (True, "", "yes"),
        ("power", "", "power"),
        (["INV-003"], "", "INV-003"),
        (1.0, "ratio", "1:1"),
        (1.5, "ratio", "1.5:1"),
        (3, "ratio", "3:1"),
        (1234.56, "GPUs/MW", "1,234.6 GPUs/MW"),
        (792, "GPUs/MW", "792.0 GPUs/MW"),
        (4991754, "W", "4,991,754 W"),
        (12.5, "W", "12.5 W"),
        (5, "MW", "5 MW"),
        (1234, "nodes", "1,234"),
        (1234, "", "1,234"),
    ],
)
def test_with_unit(value: Any, unit: str, text: str) -> None:
    assert fmt.with_unit(value, unit) == text


@pytest.mark.parametrize(
    ("watts", "mw", "kw"),
    [
        (4991754, "4.992 MW", "4,991.8 kW"),
        (5_000_000, "5 MW", "5,000.0 kW"),
        (1_234_500_000, "1,234.5 MW", "1,234,500.0 kW"),
        (8560, "0.009 MW", "8.6 kW"),
        (0, "0 MW", "0.0 kW"),
        (-1_500_000, "-1.5 MW", "-1,500.0 kW"),
    ],
)
def test_megawatts_and_kilowatts(watts: float, mw: str, kw: str) -> None:
    assert fmt.megawatts(watts) == mw
    assert fmt.kilowatts(watts) == kw


@pytest.mark.parametrize(
    ("watts", "text"),
    [
        (None, "n/a"),
        (0, "0 W"),
        (12.6, "13 W"),
        (999_999, "999,999 W"),
        (1_000_000, "1,000,000 W (1.000 MW)"),
        (4_991_754, "4,991,754 W (4.992 MW)"),
        (-999_999, "-999,999 W"),
        (-2_000_000, "-2,000,000 W (-2.000 MW)"),
        (1e9, "1,000,000,000 W (1,000.000 MW)"),
    ],
)
def test_watts_long_adds_megawatts_from_one_megawatt(watts: float | None, text: str) -> None:
    assert fmt.watts_long(watts) == text


@pytest.mark.parametrize(
    ("part", "whole", "digits", "text"),
    [
        (1, 4, 1, "25.0 %"),
        (1, 3, 2, "33.33 %"),
        (1, 0.5, 1, "200.0 %"),
        (1, 1, 1, "100.0 %"),
        (2.5, 10.0, 1, "25.0 %"),
        (-1, 4, 1, "-25.0 %"),
        (0, 4, 0, "0 %"),
        (None, 4, 1, "n/a"),
        (True, 4, 1, "n/a"),
        ("1", 4, 1, "n/a"),
        (1, 0, 1, "n/a"),
        (1, -4, 1, "n/a"),
        (1, None, 1, "n/a"),
        (1, True, 1, "n/a"),
        (1, "4", 1, "n/a"),
    ],
)
def test_share(part: Any, whole: Any, digits: int, text: str) -> None:
    assert fmt.share(part, whole, digits) == text


def test_share_defaults_to_one_decimal() -> None:
    assert fmt.share(1, 3) == "33.3 %"


@pytest.mark.parametrize(
    ("value", "unit", "modifier", "text"),
    [
        (4991754, "W", "", "4,991,754 W"),
        (1.5, "ratio", "", "1.5:1"),
        (4991754, "W", "n", "4,991,754"),
        (4991754, "W", "u", "4,991,754 W"),
        (1234, "", "u", "1,234"),
        (4991754, "W", "mw", "4.992 MW"),
        (8560, "W", "kw", "8.6 kW"),
        (2_500_000, "W", "pct", "50.00 %"),
        (None, "W", "n", "n/a"),
        (None, "W", "mw", "n/a"),
        (None, "W", "pct", "n/a"),
    ],
)
def test_styled(value: Any, unit: str, modifier: str, text: str) -> None:
    assert fmt.styled(value, unit, modifier, cap_w=5_000_000) == text


def test_styled_without_a_modifier_is_with_unit() -> None:
    assert fmt.styled(4991754, "W") == "4,991,754 W"
    assert fmt.styled(1.5, "ratio") == "1.5:1"


def test_styled_refuses_an_unknown_modifier_and_pct_without_a_cap() -> None:
    with pytest.raises(
        ValueError, match=r"^unknown format modifier 'MW' \(use n, u, mw, kw, pct\)$"
    ):
        fmt.styled(1, "W", "MW")
    for cap in (None, 0):
        with pytest.raises(ValueError, match=r"^pct needs the IT cap$"):
            fmt.styled(1, "W", "pct", cap_w=cap)
    assert fmt.MODIFIERS == ("n", "u", "mw", "kw", "pct")


def test_cells_show_every_value_bare() -> None:
    cells = fmt.cells({"nodes": 1234, "pue": None, "rail_optimized": True, "p_total_w": 12.5})
    assert cells == {"nodes": "1,234", "pue": "n/a", "rail_optimized": "yes", "p_total_w": "12.5"}
    assert list(cells) == ["nodes", "pue", "rail_optimized", "p_total_w"]
