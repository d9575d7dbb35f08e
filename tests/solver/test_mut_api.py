"""`--sweep` reading, its work budget and how it quotes what the user typed, called as the calculator does.

START, STOP and STEP are read exactly (every digit typed, any exponent within 1e±1,000,000; past that they are
refused as too big, never as a platform-dependent decimal error), the design budget counts two evaluations per
point when `--nodes` fixes the size, and user text in a message is JSON-quoted with non-ASCII kept and cut to at
most 60 characters.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from clustersize import api
from clustersize.api import _bound, parse_sweep
from clustersize.errors import EXIT_USAGE, UsageError
from solver.support import example_raw, wide_fabric_raw

SHAPE = "--sweep expects PATH=START:STOP:STEP (e.g. it_cap_mw=1:10:1), got "
TOO_BIG = "--sweep START, STOP and STEP must be 0 or between 1e-30 and 1e30 in size, got "
ORDER = "--sweep needs finite numbers with STEP > 0 and STOP >= START, got "
SIXTY_ONE = ("abcdefghij" * 7)[:61]


def refusal(spec: str) -> str:
    with pytest.raises(UsageError) as caught:
        parse_sweep(spec)
    assert caught.value.exit_code == EXIT_USAGE
    return caught.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1e1000000", Decimal("1e1000000")),
        ("-9.5e1000000", Decimal("-9.5e1000000")),
        ("1e-1000000", Decimal("1e-1000000")),
        (" 2.5E-1000000 ", Decimal("2.5e-1000000")),
        ("123456789012345678901234567890123", Decimal("123456789012345678901234567890123")),
        ("1.0000000000000000000000000001", Decimal("1.0000000000000000000000000001")),
    ],
)
def test_a_sweep_number_is_read_exactly_up_to_a_million_in_exponent(
    text: str, value: Decimal
) -> None:
    got = _bound(text)
    assert got == value
    assert got.as_tuple() == value.as_tuple()


@pytest.mark.parametrize("text", ["1e1000001", " -1e1000001 ", "1e-1000001", "9.99e-1000001"])
def test_a_sweep_number_past_a_million_in_exponent_is_an_overflow_naming_it(text: str) -> None:
    with pytest.raises(OverflowError) as caught:
        _bound(text)
    assert caught.value.args == (text.strip(),)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        # every digit counts: 1 is below 1 + 1e-28, though 28 digits cannot tell them apart
        (
            "it_cap_mw=1.0000000000000000000000000001:1:1",
            ORDER + '"1.0000000000000000000000000001:1:1"',
        ),
        ("it_cap_mw=1e31:1e31:1", TOO_BIG + '"1e31:1e31:1"'),
        ("it_cap_mw=1:2:1e-31", TOO_BIG + '"1:2:1e-31"'),
        ("it_cap_mw=1:1e1000001:1", TOO_BIG + '"1:1e1000001:1"'),
        ("it_cap_mw=1e-1000001:1:1", TOO_BIG + '"1e-1000001:1:1"'),
        ("it_cap_mw=1:1E+999999999999:1", TOO_BIG + '"1:1E+999999999999:1"'),
    ],
)
def test_sweep_bounds_out_of_range_or_order_are_refused_with_the_range_shown(
    spec: str, message: str
) -> None:
    assert refusal(spec) == message


@pytest.mark.parametrize(
    ("spec", "values"),
    [
        ("min_nodes=1e30:1e30:1", [10**30]),
        ("it_cap_mw=1e-30:1e-30:1", [1e-30]),
        ("it_cap_mw=-9e30:-9e30:9e30", [-9 * 10**30]),
        # a fraction past the 28th digit still makes the values floats
        ("it_cap_mw=1.00000000000000000000000000001:1.00000000000000000000000000001:1", [1.0]),
    ],
)
def test_sweep_bounds_at_the_edge_of_the_range_are_kept(
    spec: str, values: list[int | float]
) -> None:
    got = parse_sweep(spec)[1]
    assert got == values
    assert [type(v) for v in got] == [type(v) for v in values]


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        (SIXTY_ONE[:60], json.dumps(SIXTY_ONE[:60])),
        (SIXTY_ONE, json.dumps(SIXTY_ONE[:57] + "...")),
        ("x" * 200, json.dumps("x" * 57 + "...")),
        ("débit_mw", '"débit_mw"'),
        ("µ" * 61, '"' + "µ" * 57 + '..."'),
    ],
)
def test_user_text_in_a_message_is_quoted_cut_to_60_characters_and_keeps_non_ascii(
    spec: str, shown: str
) -> None:
    assert refusal(spec) == SHAPE + shown
    assert len(json.loads(shown)) <= 60


def test_a_non_ascii_range_is_shown_as_typed() -> None:
    assert refusal("it_cap_mw=é:1:1") == '--sweep START, STOP and STEP must be numbers, got "é:1:1"'


def test_a_sweep_too_big_to_search_still_runs_at_fixed_nodes() -> None:
    text = json.dumps(wide_fabric_raw())
    with pytest.raises(UsageError) as caught:
        api.sweep(text, "it_cap_mw=1:2900:1")
    assert caught.value.message == (
        "--sweep would evaluate up to 101,500 designs (2,900 points); at most 100,000: use fewer points"
    )
    fixed = api.sweep(text, "it_cap_mw=1:2900:1", nodes=1)
    assert len(fixed.results) == 2900
    assert {r.nodes for r in fixed.results} == {1}
    assert fixed.exit_code == 0


def test_a_sweep_whose_work_is_exactly_the_limit_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit is inclusive: a sweep budgeted at exactly MAX_SWEEP_EVALUATIONS designs runs; one over is refused."""
    text, spec = json.dumps(example_raw()), "it_cap_mw=1:3:1"
    monkeypatch.setattr(api, "MAX_SWEEP_EVALUATIONS", 0)
    with pytest.raises(UsageError) as caught:
        api.sweep(text, spec)
    work = int(caught.value.message.split("up to ")[1].split(" designs")[0].replace(",", ""))
    assert work > 3
    monkeypatch.setattr(api, "MAX_SWEEP_EVALUATIONS", work)
    assert len(api.sweep(text, spec).results) == 3
    monkeypatch.setattr(api, "MAX_SWEEP_EVALUATIONS", work - 1)
    with pytest.raises(UsageError, match=f"up to {work:,} designs"):
        api.sweep(text, spec)


@pytest.mark.parametrize(
    ("spec", "values"),
    [
        # 30 significant digits: START + STEP is past STOP, though it rounds to STOP in 28 digits
        ("it_cap_mw=1.00000000000000000000000000001:2:1", [1.0]),
        ("it_cap_mw=1:2.00000000000000000000000000001:1", [1, 2]),
        ("it_cap_mw=0.1:0.3:0.1", [0.1, 0.2, 0.3]),
    ],
)
def test_sweep_points_stop_at_stop_to_the_last_digit_typed(
    spec: str, values: list[int | float]
) -> None:
    assert parse_sweep(spec) == ("it_cap_mw", values)


def test_a_sweep_at_fixed_nodes_counts_one_design_a_point(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With ``--nodes`` a point evaluates one design (plus its corner searches when inputs are ranged)."""
    monkeypatch.setattr(api, "MAX_SWEEP_EVALUATIONS", 2)
    with pytest.raises(UsageError) as caught:
        api.sweep(json.dumps(example_raw()), "it_cap_mw=1:3:1", nodes=10)
    assert caught.value.message == (
        "--sweep would evaluate up to 3 designs (3 points); at most 2: use fewer points"
    )
    monkeypatch.setattr(api, "MAX_SWEEP_EVALUATIONS", 3)
    assert len(api.sweep(json.dumps(example_raw()), "it_cap_mw=1:3:1", nodes=10).results) == 3
