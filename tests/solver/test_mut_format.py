"""Edges of the formatter, the error texts and the CSV/JSON writers that other tests do not reach (issue #16)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from clustersize import api, examples, fmt
from clustersize.api import size
from clustersize.config import parse_config
from clustersize.csvout import cell, results_csv
from clustersize.errors import HugeNumber, UsageError, describe, suggest
from clustersize.output import to_json
from solver.support import example_raw, planning_raw


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ([{"name": "pumps", "count": 2}], '{"name": "pumps", "count": 2}'),
        ([{"name": "Kühlung"}, "x"], '{"name": "Kühlung"}, x'),
        ([[1, 2], 3], "[1, 2], 3"),
    ],
)
def test_number_prints_objects_in_a_list_as_json_with_unicode_kept(value: Any, text: str) -> None:
    assert fmt.number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "yes"),
        (False, "no"),
        ("power", "power"),
        (None, "n/a"),
        (0.5, "+0.5"),
        (1, "+1"),
        (-0.5, "\u22120.5"),
    ],
)
def test_signed_marks_only_numbers_and_keeps_fractions_positive(value: Any, text: str) -> None:
    assert fmt.signed(value) == text


def test_with_unit_prints_a_multiple_with_a_times_sign() -> None:
    assert fmt.with_unit(1.193, "×") == "1.193×"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10**40 - 1, "9" * 40),
        (-(10**40) + 1, "-" + "9" * 40),
        (10**40, "an integer of over 40 digits"),
        (-(10**40), "an integer of over 40 digits"),
        (11**40 - 1, "an integer of over 40 digits"),
        (HugeNumber("1" * 24), "1" * 24),
        (HugeNumber("1" * 25), "a number literal of 25 digits"),
        (HugeNumber("-" + "1" * 24), "a number literal of 24 digits"),
    ],
)
def test_describe_shortens_only_numbers_too_long_to_read(value: object, text: str) -> None:
    assert describe(value) == text


def test_huge_number_repr_shows_its_first_20_characters() -> None:
    assert repr(HugeNumber("12345678901234567890123")) == "HugeNumber('12345678901234567890')"


@pytest.mark.parametrize(
    ("literal", "rule"),
    [
        ("1e999", "must be <= 100000"),
        ("1" * 5000, "must be <= 100000"),
        ("1e-999", "must be 0 or at least 1e-300 in magnitude (a float cannot hold it)"),
    ],
)
def test_a_number_no_float_holds_breaks_the_fields_own_rule(literal: str, rule: str) -> None:
    text = examples.text("reference-5mw").replace('"gpu_w": 700', f'"gpu_w": {literal}', 1)
    code, out = api.run(text)
    error = json.loads(out)["error"]
    assert (code, error["path"], error["rule"]) == (2, "/node/gpu_w", rule)


@pytest.mark.parametrize(
    ("key", "hint"), [("GPU_W", "gpu_w"), ("gpu_v", "gpu_w"), ("nodes", None), ("Pue", "PUE")]
)
def test_suggest_gives_the_closest_allowed_key_in_its_own_spelling(
    key: str, hint: str | None
) -> None:
    assert suggest(key, ["gpu_w", "cpu_w", "PUE"]) == hint


def test_results_csv_has_a_row_per_result_with_its_values() -> None:
    results = [size(parse_config(example_raw())), size(parse_config(planning_raw()))]
    rows = list(csv.DictReader(io.StringIO(results_csv(results), newline="")))
    assert [row["nodes"] for row in rows] == ["495", "287"]
    assert [row["power_basis"] for row in rows] == ["components", "nameplate"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[0m", "\\x1b[0m"),
        ("\x7f\x9f", "\\x7f\\x9f"),
        ("K\u00fchlung \u00c6", "K\u00fchlung \u00c6"),
        ("line\u2028sep", "line\\u2028sep"),
        ("\ud800|\udfff", "\\ud800|\\udfff"),
        ("\ue000", "\ue000"),
    ],
)
def test_printable_escapes_controls_separators_and_surrogates_only(text: str, shown: str) -> None:
    assert fmt.printable(text) == shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("K\u00fchlung, 2", "K\u00fchlung, 2"),
        (True, "true"),
        (1.5, "1.5"),
        ([{"name": "K\u00fchlung", "count": 2}], '[{"name":"K\u00fchlung","count":2}]'),
    ],
)
def test_csv_cell_holds_the_value_as_compact_json(value: Any, text: str) -> None:
    assert cell(value) == text


def test_csv_cell_and_json_refuse_nan() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        cell(float("nan"))
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"x": float("inf")})


def test_to_json_indents_two_spaces_and_keeps_unicode() -> None:
    assert to_json({"a": ["\u00e9", 1]}) == '{\n  "a": [\n    "\u00e9",\n    1\n  ]\n}\n'


def test_an_errors_json_object_escapes_its_message() -> None:
    assert UsageError("bad\nflag").to_dict() == {
        "kind": "usage",
        "message": "bad\\nflag",
        "exit_code": 2,
    }
