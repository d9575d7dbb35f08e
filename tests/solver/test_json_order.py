"""The ``--json`` key order is stable: pinned to a committed list, not to the declarations it checks.

Comparing the output with ``RESULT_FIELDS`` alone cannot catch two result fields swapped in
``clustersize/result.py``: both sides move together. ``golden/result_keys.txt`` is the independent record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from clustersize import RESULT_FIELDS, RESULT_LABELS, cli, examples, run
from clustersize.api import prepare, size
from clustersize.output import result_to_dict, to_json, to_json_line

GOLDEN = Path(__file__).parent / "golden" / "result_keys.txt"


def golden_keys() -> list[str]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_golden_list_is_a_plain_list_of_unique_keys() -> None:
    keys = golden_keys()
    assert len(keys) == len(set(keys)) >= 40
    assert all(key.isidentifier() for key in keys)


def test_declared_fields_follow_the_golden_order() -> None:
    assert [key for key, _, _ in RESULT_FIELDS] == golden_keys()
    assert list(RESULT_LABELS) == golden_keys()


@pytest.mark.parametrize("nodes", [None, 10, 10**6], ids=["max_nodes", "fits", "infeasible"])
def test_json_keys_follow_the_golden_order(nodes: int | None) -> None:
    _, config = prepare(examples.text(), [])
    assert list(result_to_dict(size(config, nodes))) == golden_keys()
    _, text = run(examples.text(), nodes)
    assert list(json.loads(text)) == golden_keys()


def test_cli_json_and_sweep_lines_follow_the_golden_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--preset", examples.DEFAULT, "--json"]) == 0
    assert list(json.loads(capsys.readouterr().out)) == golden_keys()
    assert cli.main(["--preset", examples.DEFAULT, "--json", "--sweep", "it_cap_mw=1:2:1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(list(json.loads(line)) == golden_keys() for line in lines)


# --- the JSON text itself -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dump", [to_json, to_json_line])
def test_json_text_keeps_unicode_and_refuses_nan(dump: Callable[[object], str]) -> None:
    assert dump({"name": "8× GPU – é"}).count("8× GPU – é") == 1
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError, match="JSON compliant"):
            dump({"x": bad})


def test_json_text_layout() -> None:
    assert to_json({"a": [1, 2], "b": None}) == '{\n  "a": [\n    1,\n    2\n  ],\n  "b": null\n}\n'
    assert to_json_line({"a": [1, 2], "b": None}) == '{"a":[1,2],"b":null}\n'
