"""Golden outputs: every key the solver printed before the planning-grade power model keeps its value and its
position; new keys are only ever added after the old ones.

The files in ``golden/`` were written by commit 68d1543 (before ``cap_basis``, ``planning_margin``,
``power_basis``, ``extra_loads`` and ranges existed) with exactly these calls; they are never regenerated. The
real-system presets' files were written the same way when issue #12 added them. The ``*-class`` examples that
issue retired are read from ``tests/solver/retired/``, byte for byte as they were bundled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clustersize import __version__, api, examples
from clustersize.output import result_to_dict, to_json_line
from solver.support import RETIRED, example_text

GOLDEN = Path(__file__).parent / "golden"

CASES: dict[str, tuple[str, list[str], int | None]] = {
    # name: (preset, --set what-ifs, --nodes)
    "reference-5mw": ("reference-5mw", [], None),
    "b200-class-128p": ("b200-class-128p", [], None),
    "h100-class-64p-400g": ("h100-class-64p-400g", [], None),
    "rack-scale-class": ("rack-scale-class", [], None),
    # the real-system presets of issue #12, written when they were added (same calls)
    "dgx-h100": ("dgx-h100", [], None),
    "dgx-b200": ("dgx-b200", [], None),
    "dgx-b300": ("dgx-b300", [], None),
    "gb200-nvl72": ("gb200-nvl72", [], None),
    "reference-nodes-fit": ("reference-5mw", [], 495),
    "reference-nodes-over": ("reference-5mw", [], 496),
    "reference-gpu-1000": ("reference-5mw", ["node.gpu_w=1000"], None),
    "reference-two-tiers": ("reference-5mw", ["fabric.tiers=2"], None),
    "reference-min-nodes-600": ("reference-5mw", ["min_nodes=600"], None),
    "reference-tiny-cap": ("reference-5mw", ["it_cap_mw=0.001", "min_nodes=1"], None),
    "reference-rail-core": (
        "reference-5mw",
        ["fabric.rail_optimized=true", 'fabric.core={"name": "c", "ports": 128, "power_w": 3000}'],
        None,
    ),
    "reference-fractional": (
        "reference-5mw",
        ["it_cap_mw=4.999999", "node.gpu_w=700.5", "pue=1.25"],
        None,
    ),
    "reference-fabric-bound": ("reference-5mw", ["fabric.tiers=2"], 300),
}
SWEEPS: dict[str, tuple[str, list[str]]] = {
    "sweep-cap": ("it_cap_mw=1:3:1", []),
    "sweep-gpu": ("node.gpu_w=600:800:100", ["pue=1.2"]),
}


def old_keys_kept(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Problems: an old key missing, moved or changed (the version is whatever this build is)."""
    expected = {**old, "version": __version__} if "version" in old else old
    problems = []
    if list(new)[: len(old)] != list(old):
        problems.append(f"old keys moved: {list(new)[: len(old)]} != {list(old)}")
    for key, value in expected.items():
        if key not in new or new[key] != value or type(new[key]) is not type(value):
            problems.append(f"{key}: {value!r} -> {new.get(key, '<missing>')!r}")
    return problems


def test_every_bundled_example_has_a_golden_case() -> None:
    assert set(examples.names()) <= set(CASES)
    assert {p.stem for p in GOLDEN.glob("*.json*")} == set(CASES) | set(SWEEPS)
    retired = {p.stem for p in RETIRED.glob("*.json")}
    assert retired <= set(CASES)
    assert not retired & set(examples.names())


@pytest.mark.parametrize("name", sorted(CASES))
def test_old_keys_keep_value_and_position(name: str) -> None:
    preset, sets, nodes = CASES[name]
    old = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    code, text = api.run(example_text(preset), nodes, sets)
    assert code == (0 if old["status"] == "ok" else 3)
    assert old_keys_kept(old, json.loads(text)) == []


@pytest.mark.parametrize("name", sorted(SWEEPS))
def test_sweep_lines_keep_old_keys(name: str) -> None:
    spec, sets = SWEEPS[name]
    lines = (GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    swept = api.sweep(examples.text(), spec, None, sets)
    new = [json.loads(to_json_line(result_to_dict(r))) for r in swept.results]
    assert len(new) == len(lines)
    for old_line, row in zip(lines, new, strict=True):
        assert old_keys_kept(json.loads(old_line), row) == []


def test_the_golden_check_catches_a_moved_or_changed_key() -> None:
    old = {"tool": "clustersize", "nodes": 495, "p_total_w": 4_991_754}
    assert old_keys_kept(old, {**old, "extra": 1}) == []
    assert old_keys_kept(old, {"nodes": 495, "tool": "clustersize", "p_total_w": 4_991_754})
    assert old_keys_kept(old, {**old, "nodes": 494})
    assert old_keys_kept(old, {**old, "p_total_w": 4_991_754.0})
    assert old_keys_kept(old, {"tool": "clustersize", "nodes": 495})
