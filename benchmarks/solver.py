"""Solver and CLI speed, measured on this machine (a benchmark script, not a timed test).

Prints: evaluations and time per solve at 5 MW and at 1 GW, a 1,000-point sweep, and the wall time of
``python -m clustersize --json`` from process start to exit next to a bare ``python -c pass``.
Run: ``uv run python benchmarks/solver.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from clustersize import api, examples, load_config_text, solve

GIGAWATT_SETS = (
    "it_cap_mw=1000",
    "fabric.leaf.ports=128",
    "fabric.spine.ports=128",
    "fabric.leaf_host_ports=64",
    "fabric.leaf_uplink_ports=64",
    'fabric.core={"name": "512-port core", "ports": 512, "power_w": 9000}',
)


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
    print(json.dumps({"cli_overhead_ms": round((c - b) * 1e3, 1)}))


if __name__ == "__main__":
    main()
