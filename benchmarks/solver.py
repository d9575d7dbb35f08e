"""Solver and CLI speed, measured on this machine (a benchmark script, not a timed test).

Prints: evaluations and time per solve at 5 MW and at 1 GW, the reference case with a range on every ranged
field (the band: solves and time, target at most 3 solves and under 2 ms), a 1,000-point sweep, and the wall
time of ``python -m clustersize --json`` from process start to exit next to a bare ``python -c pass``.
Run: ``uv run python benchmarks/solver.py``.
"""

from __future__ import annotations

import importlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from clustersize import api, examples, load_config_text, solve
from clustersize.model import walk
from clustersize.ranges import ranged_paths

solve_module = importlib.import_module(
    "clustersize.solve"
)  # the module (the package exports the function)

GIGAWATT_SETS = (
    "it_cap_mw=1000",
    "fabric.leaf.ports=128",
    "fabric.spine.ports=128",
    "fabric.leaf_host_ports=64",
    "fabric.leaf_uplink_ports=64",
    'fabric.core={"name": "512-port core", "ports": 512, "power_w": 9000}',
)


# The reference case with every planning key, and every ranged field (and pue) as a ±10 % range.
PLANNING_SETS = (
    "cap_basis=facility",
    "planning_margin=0.1",
    "power_basis=nameplate",
    'node.nameplate_w={"low": 9800, "typical": 10200, "high": 10400}',
    'fabric.core={"name": "core", "ports": 64, "power_w": {"low": 1350, "typical": 1500, "high": 1650}}',
    'pue={"low": 1.2, "typical": 1.3, "high": 1.5}',
    'extra_loads=[{"name": "storage", "power_w": {"low": 720, "typical": 800, "high": 880}, "count": 12},'
    ' {"name": "networks", "power_w": {"low": 315, "typical": 350, "high": 385}, "per_nodes": 16}]',
)


def ranged_everywhere() -> api.Config:
    """The planning case: every plain wattage of the reference config also becomes a ±10 % range."""
    raw, _ = api.prepare(None, PLANNING_SETS)
    sets = []
    for m in walk():
        *parents, key = m.path
        node = raw
        for part in parents:
            node = node[part]
        if m.spec.ranged and isinstance(node.get(key), int | float):
            v = node[key]
            sets.append(f'{m.dotted}={{"low": {v * 0.9:g}, "typical": {v:g}, "high": {v * 1.1:g}}}')
    return api.prepare(json.dumps(raw), sets)[1]


def counted_solve(config: api.Config) -> tuple[api.Result, int]:
    """Solve once, counting the node-count searches (binary searches) it runs."""
    calls = 0
    search = solve_module.max_nodes

    def counting(c: api.Config) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return search(c)

    solve_module.max_nodes = counting
    try:
        return solve(config), calls
    finally:
        solve_module.max_nodes = search


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, min) seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> None:
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    reference = load_config_text(examples.text())
    _, campus = api.prepare(None, GIGAWATT_SETS)
    for label, config in (("5 MW reference", reference), ("1 GW campus", campus)):
        result = solve(config)
        med, low = best_of(lambda c=config: solve(c), 200)
        print(
            f"solve {label:15s} nodes={result.nodes:>7,} tiers={result.tiers} "
            f"evaluations={result.evaluations:>3}  median {med * 1e3:.3f} ms  min {low * 1e3:.3f} ms"
        )
    planning = ranged_everywhere()
    result, searches = counted_solve(planning)
    point = solve_module.max_nodes(planning)[1]
    med, low = best_of(lambda: solve(planning), 200)
    print(
        f"solve planning, {len(ranged_paths(planning))} ranged inputs: nodes={result.nodes} "
        f"band={result.nodes_low}-{result.nodes_high}  solves={searches} "
        f"(evaluations {result.evaluations}, of which the point search {point})  "
        f"median {med * 1e3:.3f} ms  min {low * 1e3:.3f} ms"
    )
    med, low = best_of(lambda: api.sweep(None, "it_cap_mw=0.1:100:0.1"), 5)
    points = len(api.sweep(None, "it_cap_mw=0.1:100:0.1").results)
    print(f"sweep {points:,} points (it_cap_mw 0.1..100 MW)  median {med:.3f} s  min {low:.3f} s")

    def run(*argv: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *argv], check=True, capture_output=True)
        return time.perf_counter() - t0

    run("-c", "pass")
    run("-m", "clustersize", "--json")
    bare = [run("-c", "pass") for _ in range(20)]
    cli = [run("-m", "clustersize", "--json") for _ in range(20)]
    b, c = statistics.median(bare), statistics.median(cli)
    print(
        f"process start-to-exit, median of 20: python -c pass {b * 1e3:.1f} ms; "
        f"python -m clustersize --json {c * 1e3:.1f} ms; overhead {(c - b) * 1e3:.1f} ms"
    )
    print(json.dumps({"cli_overhead_ms": round((c - b) * 1e3, 1), "band_solves": searches}))


if __name__ == "__main__":
    main()
