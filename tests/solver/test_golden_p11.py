"""Without the physical-build keys (issue #11) every existing ``--json`` key keeps its value and position.

The golden answers under ``golden_p11/`` were generated from the commit before #11 (c97e4e9) with
``python tests/solver/test_golden_p11.py``: every bundled example under a set of what-ifs, ``--nodes`` values
and a sweep, through [`clustersize.api`][clustersize.api] (the exact bytes ``--json`` prints). Today's answer
must start with exactly those keys and values, in that order (new keys may only follow them), and serialize
them to the same bytes. The real-system presets of issue #12, which use the #11 keys, got their answers the
same way when that issue added them; the examples it retired are read from ``tests/solver/retired/``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from clustersize import api, examples
from clustersize.output import result_to_dict, to_json, to_json_line
from solver.support import RETIRED, example_text

GOLDEN = Path(__file__).parent / "golden_p11"
CASES: list[tuple[str, int | None, list[str]]] = [
    ("max", None, []),
    ("n1", 1, []),
    ("n400", 400, []),
    ("n10m", 10_000_000, []),
    ("tiers3", None, ["fabric.tiers=3"]),
    ("tiers2", None, ["fabric.tiers=2"]),
    ("rail", None, ["fabric.rail_optimized=true"]),
    ("copper", None, ["fabric.optic_w_per_link_end=0"]),
    ("tiny", None, ["it_cap_mw=0.001"]),
    ("gigawatt", None, ["it_cap_mw=1000"]),
    ("odd", 777, ["node.gpu_w=999.5", "fabric.optic_w_per_link_end=1.5"]),
]
SWEEP = "it_cap_mw=1:10:3"


def answers(name: str) -> dict[str, Any]:
    """Every case of one bundled example: ``{case: [exit_code, stdout]}`` (the sweep as JSON lines)."""
    text = example_text(name)
    out: dict[str, Any] = {}
    for case, nodes, sets in CASES:
        code, stdout = api.run(text, nodes, sets)
        out[case] = [code, stdout]
    swept = api.sweep(text, SWEEP)
    out["sweep"] = [
        swept.exit_code,
        "".join(to_json_line(result_to_dict(r)) for r in swept.results),
    ]
    return out


def golden(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    return data


def prefix(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The first ``len(old)`` keys of ``new``, in order."""
    return dict(list(new.items())[: len(old)])


def same_prefix(new_text: str, old_text: str, *, line: bool) -> bool:
    """``new_text`` holds ``old_text``'s keys and values first, in order, serialized to the same bytes."""
    new, old = json.loads(new_text), json.loads(old_text)
    if "error" in old:
        return new_text == old_text
    head = prefix(new, old)
    return head == old and (to_json_line(head) if line else to_json(head)) == old_text


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.json")))
def test_existing_json_keys_keep_value_and_position(name: str) -> None:
    want, have = golden(name), answers(name)
    assert set(have) == set(want)
    for case, (code, text) in want.items():
        new_code, new_text = have[case]
        assert new_code == code, case
        if case == "sweep":
            old_lines = text.splitlines(keepends=True)
            new_lines = new_text.splitlines(keepends=True)
            assert len(new_lines) == len(old_lines)
            assert all(
                same_prefix(n, o, line=True) for n, o in zip(new_lines, old_lines, strict=True)
            )
        else:
            assert same_prefix(new_text, text, line=False), case


def test_every_bundled_example_has_golden_answers() -> None:
    """Every bundled example, and every retired one (tests/solver/retired), has golden answers."""
    retired = [p.stem for p in RETIRED.glob("*.json")]
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted([*examples.names(), *retired])


def test_a_changed_value_or_moved_key_is_caught() -> None:
    old = to_json({"a": 1, "b": 2})
    assert same_prefix(to_json({"a": 1, "b": 2, "c": 3}), old, line=False)
    assert not same_prefix(to_json({"a": 1, "b": 3, "c": 3}), old, line=False)
    assert not same_prefix(to_json({"b": 2, "a": 1}), old, line=False)
    assert not same_prefix(to_json({"a": 1, "c": 3, "b": 2}), old, line=False)


def regenerate() -> None:
    """Write the golden answers of every bundled example (run only on the commit before #11)."""
    GOLDEN.mkdir(exist_ok=True)
    for name in examples.names():
        text = json.dumps(answers(name), indent=1, ensure_ascii=False) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
