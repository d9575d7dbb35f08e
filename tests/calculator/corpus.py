"""A seeded corpus of calculator inputs: the bundled examples, mutations of them (many invalid, so error JSON
is compared too), malformed JSON, what-ifs, --nodes and sweeps; and the planning keys: ranges on every ranged
field, extra loads of both kinds, the facility cap basis, a margin and the nameplate basis (valid and not)."""

from __future__ import annotations

import json
import random
import re
from typing import Any

from clustersize import examples
from clustersize.config import config_paths
from clustersize.model import walk

XSS = "<img src=x onerror=alert(1)>"
ODD_VALUES: list[Any] = [
    0,
    -5,
    -0.0,
    0.1,
    4.999999,
    1e-9,
    1e300,
    2**53 + 1,
    7.5,
    "abc",
    "",
    True,
    None,
    [1],
    {"a": 1},
    XSS,
]
BAD_TEXTS = [
    "",
    "{",
    "[]",
    "null",
    '{"it_cap_mw": NaN}',
    '{"a": 1, "a": 2}',
    "[" * 40 + "]" * 40,
    '{"it_cap_mw": 5}',
    "\ufeff{}",
]
SWEEPS = [
    "it_cap_mw=1:10:0.5",
    "node.gpu_w=100:2000:100",
    "fabric.leaf.ports=16:128:16",
    "it_cap_mw=5:1:1",
    "bogus=1:2:1",
    "node.gpu_w=-100:100:50",
    "it_cap_mw=0.1:0.3:0.1",
]


def leaf_paths(raw: dict[str, Any]) -> list[str]:
    """Dotted paths of the leaves present in ``raw``."""
    out = []
    for path in config_paths():
        node: Any = raw
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None and not isinstance(node, dict):
            out.append(path)
    return out


def mutate(rng: random.Random, raw: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(raw))
    for path in rng.sample(leaf_paths(out), rng.randint(1, 3)):
        *parents, leaf = path.split(".")
        node = out
        for part in parents:
            node = node[part]
        value = node[leaf]
        if isinstance(value, bool) or not isinstance(value, int | float) or rng.random() < 0.25:
            node[leaf] = rng.choice(ODD_VALUES)
        elif isinstance(value, int) and rng.random() < 0.6:
            node[leaf] = max(0, int(value * rng.uniform(0, 3)))
        else:
            node[leaf] = round(value * rng.uniform(0, 3), rng.choice([0, 1, 2, 6]))
    return out


LOADS = [
    {"name": "storage", "power_w": {"low": 400, "typical": 450, "high": 500}, "per_nodes": 1},
    {"name": "management", "power_w": 350, "count": 6},
]
PLANNING_SETS: list[list[str]] = [
    ['node.gpu_w={"low":650,"typical":700,"high":750}'],
    ['node.gpu_w={"low":650,"typical":700,"high":750}', "cap_basis=facility"],
    ['pue={"low":1.2,"typical":1.3,"high":1.5}', "cap_basis=facility", "planning_margin=0.2"],
    [f"extra_loads={json.dumps(LOADS)}"],
    ["node.nameplate_w=10200", "power_basis=nameplate"],
    ['node.nameplate_w={"low":9800,"typical":10200,"high":10400}', "power_basis=nameplate"],
    ["planning_margin=0.5", "cap_basis=facility", "pue=1.25"],
    ["power_basis=nameplate"],  # nameplate_w required
    ["cap_basis=facility", "pue=null"],  # pue required
    ['node.gpu_w={"low":800,"typical":700,"high":750}'],  # low > typical
    ['node.gpu_w={"low":650,"typical":700}'],  # not a range
    ["node.gpu_w.high=750"],  # a plain number has no parts
    ['extra_loads=[{"name":"x","power_w":450,"count":2,"per_nodes":3}]'],  # exactly one of
    ['extra_loads=[{"name":"x","power_w":-1,"count":2}]'],
    ["planning_margin=0.9"],
]


def ranged_everywhere(raw: dict[str, Any]) -> list[str]:
    """``--set`` what-ifs that make every ranged number of ``raw`` a ±10 % range around its value."""
    sets = []
    for m in walk():
        node: Any = raw
        for part in m.path:
            node = node.get(part) if isinstance(node, dict) else None
        if m.spec.ranged and isinstance(node, int | float) and not isinstance(node, bool):
            ends = {"low": round(node * 0.9, 3), "typical": node, "high": round(node * 1.1, 3)}
            sets.append(f"{m.dotted}={json.dumps(ends)}")
    return sets


def planning_cases(text: str) -> list[dict[str, Any]]:
    """The planning keys on one bundled config: each what-if set, with --nodes too, and every range at once."""
    cases: list[dict[str, Any]] = [{"config": text, "sets": sets} for sets in PLANNING_SETS]
    everything = [*ranged_everywhere(json.loads(text)), f"extra_loads={json.dumps(LOADS)}"]
    cases += [
        {
            "config": text,
            "sets": [*PLANNING_SETS[1], f"extra_loads={json.dumps(LOADS)}"],
            "nodes": 300,
        },
        {"config": text, "sets": everything},
        {
            "config": text,
            "sets": [*everything, "cap_basis=facility", "planning_margin=0.1"],
            "nodes": 40,
        },
        {"config": text, "sets": everything, "sweep": "it_cap_mw=2:6:2"},
    ]
    return cases


def corpus(seed: int = 2026, mutations: int = 240) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    cases: list[dict[str, Any]] = [{"config": None}]
    bundled = {name: examples.text(name) for name in examples.names()}
    for text in bundled.values():
        cases += [
            {"config": text},
            {"config": text, "nodes": 1},
            {"config": text, "nodes": 400},
            {"config": text, "nodes": 10**7},
            {"config": text, "sets": ["node.gpu_w=1000", "it_cap_mw=12.5"]},
            {"config": text, "sets": [f"node.name={XSS}", "fabric.tiers=3"]},
            {"config": text, "sets": ['fabric.core={"name": "c", "ports": 512, "power_w": 9000}']},
            {"config": text, "sets": ["fabric.core.ports=128"]},
            {"config": text, "sets": ["node.gpu=5"]},
            {"config": text, "sets": ["node.gpu_w"]},
            {"config": text, "sets": ["node.gpu_w=abc"]},
        ]
        cases += [{"config": text, "sweep": spec} for spec in SWEEPS]
        cases += planning_cases(text)
    cases += [{"config": text} for text in BAD_TEXTS]
    raws = [json.loads(t) for t in bundled.values()]
    for _ in range(mutations):
        raw = mutate(rng, rng.choice(raws))
        indent = rng.choice([None, 2])
        cases.append({"config": json.dumps(raw, indent=indent, ensure_ascii=rng.random() < 0.5)})
    return cases


PLATFORM_SWEEPS = [  # exponents 32-bit Pyodide's decimal cannot hold but 64-bit CPython's can, and neither
    "it_cap_mw=1:2:1e-425000001",
    "it_cap_mw=1:1e425000001:1",
    "it_cap_mw=-1e-999999999:2:1",
    "it_cap_mw=0e-999999999:2:1",
    "it_cap_mw=1:2:1e-9999999999999999999",
    "it_cap_mw=2:1:1e-999999999",
]


def hostile_corpus(seed: int = 2609, mixed: int = 150) -> list[dict[str, Any]]:
    """Issue #9's hostile classes as the calculator sends them (a field's ``--set``, a pasted or uploaded config,
    ``--nodes``, a sweep): numbers no float holds, lone surrogates, control characters and newlines in values,
    keys and paths, byte-order marks, hostile node counts and sweeps. The classes are the CLI's own
    (tests/solver/test_hostile_input.py); ``mixed`` seeded cases combine them. JSON-safe: ``json.dumps`` with
    ``ensure_ascii=True`` carries the lone surrogates to Pyodide."""
    from solver.test_hostile_input import (
        HOSTILE_KEYS,
        HOSTILE_NODES,
        HOSTILE_NUMBERS,
        HOSTILE_SWEEPS,
        HOSTILE_TEXT,
        NUMBER_PATHS,
        TEXT_PATHS,
    )

    base = json.loads(examples.text())
    cases: list[dict[str, Any]] = []
    for literal in HOSTILE_NUMBERS:
        for path in ("it_cap_mw", "node.gpu_w", "fabric.leaf.ports", "min_nodes", "pue"):
            cases.append({"config": None, "sets": [f"{path}={literal}"]})
        for key in ("it_cap_mw", "gpu_w", "ports"):  # the number, as a config file holds it
            text = re.sub(rf'"{key}": [0-9.]+', f'"{key}": {literal}', examples.text(), count=1)
            cases.append({"config": text})
    for value in HOSTILE_TEXT:
        cases += [{"config": None, "sets": [f"{path}={value}"]} for path in TEXT_PATHS]
        raw = json.loads(json.dumps(base))
        raw["node"]["name"] = json.loads(value) if value.startswith('"') else value
        cases.append({"config": _escaped(json.dumps(raw, indent=2, ensure_ascii=False))})
    cases += [{"config": None, "sets": [f"{key}=1"]} for key in HOSTILE_KEYS]
    for nodes in HOSTILE_NODES:
        cases += [
            {"config": None, "nodes": nodes},
            {"config": None, "nodes": nodes, "sweep": "it_cap_mw=1:3:1"},
        ]
    cases += [{"config": None, "sweep": spec} for spec in HOSTILE_SWEEPS + PLATFORM_SWEEPS]
    for name in examples.names():  # a byte-order mark, as some editors save a file
        cases.append({"config": "\ufeff" + examples.text(name)})
    cases += [
        {"config": text}
        for text in ("\ufeff", "\ufeff\ufeff{}", '{"node": {"name": "a\nb"}}', "\x00")
    ]
    rng = random.Random(seed)
    cheap_sweeps = [s for s in HOSTILE_SWEEPS if "10000:" not in s]
    values = HOSTILE_NUMBERS + HOSTILE_TEXT + ["1", "700", '"ok"']
    for _ in range(mixed):
        case: dict[str, Any] = {"config": rng.choice([None, "\ufeff" + examples.text()])}
        paths = rng.sample(NUMBER_PATHS + TEXT_PATHS + HOSTILE_KEYS, rng.randint(1, 3))
        case["sets"] = [f"{path}={rng.choice(values)}" for path in paths]
        if rng.random() < 0.3:
            case["nodes"] = rng.choice([*HOSTILE_NODES, "40"])
        if rng.random() < 0.3:
            case["sweep"] = rng.choice([*cheap_sweeps, "it_cap_mw=1:3:1"])
        cases.append(case)
    return cases


def _escaped(text: str) -> str:
    """JSON text with lone surrogates written as escapes, as a file holds them (a file is UTF-8)."""
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
