"""The solver's invariants, checked with the standard library only, so they run in CPython and in Pyodide.

For every bundled example and a few hundred seeded random configs: the answer ``n`` fits (cap and fabric) and
``n + 1`` does not; the power respects the cap; the counts and watts add up. ``main(json_args)`` returns a
JSON summary and raises ``AssertionError`` naming the config on the first violation.

Run: ``python tests/node/selfcheck.py [COUNT]`` or via ``tests/node/pyodide_run.mjs --call main``.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from clustersize import ConfigError, evaluate, examples, parse_config, solve

NUMERIC = {
    "it_cap_mw": (0.05, 60.0),
    "min_nodes": (1, 300),
    "node.gpus_per_node": (1, 16),
    "node.gpu_w": (50.0, 2500.0),
    "node.cpu_w": (0.0, 1500.0),
    "node.nics_per_node": (1, 16),
    "node.nic_w": (0.0, 60.0),
    "node.node_aux_w": (0.0, 3000.0),
    "node.ports_per_nic_to_fabric": (1, 4),
    "fabric.leaf.ports": (8, 256),
    "fabric.spine.ports": (4, 256),
    "fabric.leaf.power_w": (100.0, 4000.0),
    "fabric.leaf_host_ports": (1, 128),
    "fabric.leaf_uplink_ports": (1, 128),
    "fabric.optic_w_per_link_end": (0.0, 30.0),
}


def set_path(raw: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = raw
    for part in parents:
        node = node[part]
    node[leaf] = value


def random_raw(rng: random.Random) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(examples.text(rng.choice(examples.names())))
    for path in rng.sample(sorted(NUMERIC), rng.randint(1, 5)):
        lo, hi = NUMERIC[path]
        if isinstance(lo, int):
            value: Any = rng.randint(lo, hi)
        else:
            value = round(rng.uniform(lo, hi), rng.choice([0, 1, 3]))
        set_path(raw, path, value)
    if rng.random() < 0.3:
        raw["fabric"]["tiers"] = rng.choice(["auto", 2, 3])
    if rng.random() < 0.2:
        raw["fabric"]["rail_optimized"] = not raw["fabric"].get("rail_optimized", False)
    return raw


def check(name: str, raw: dict[str, Any]) -> str:
    """Check one valid config; return its status."""
    config = parse_config(raw)
    r = solve(config)
    cap = r.it_cap_w
    where = f"{name}: {json.dumps(raw, sort_keys=True)}"
    assert r.gpus == r.nodes * config.node.gpus_per_node, where
    if r.nodes:
        fits = evaluate(config, r.nodes)
        assert fits.status == "ok", f"INV-004: n={r.nodes} does not fit ({where})"
        assert r.p_total_w is not None, where
        assert r.p_total_w <= cap, f"INV-001: over the cap ({where})"
        assert r.headroom_w == cap - r.p_total_w or abs(r.headroom_w - (cap - r.p_total_w)) < 1e-6
        parts = r.p_node_total_w + r.p_switching_w + r.p_optics_w + r.p_extra_w
        assert abs(parts - r.p_total_w) <= 1e-6 * max(1, r.p_total_w), (
            f"watts do not add up ({where})"
        )
        assert r.switches_total == r.leaves + r.spines + r.cores, where
        assert r.optics == 2 * r.links_total, where
        assert r.links_total == r.links_host_leaf + r.links_leaf_spine + r.links_spine_core, where
    step = (
        config.scalable_unit_nodes or 1
    )  # sized in whole scalable units: the next answer is a unit more
    above = evaluate(config, r.nodes + step)
    assert above.status != "ok", f"INV-004: n+{step}={r.nodes + step} also fits ({where})"
    if r.status == "ok":
        assert r.nodes >= config.min_nodes, where
    else:
        assert r.nodes < config.min_nodes, where
    return r.status


def main(args: str = "") -> str:
    opts = json.loads(args) if args.strip() else {}
    count, seed = int(opts.get("count", 300)), int(opts.get("seed", 20260))
    rng = random.Random(seed)
    tally = {"bundled": 0, "random": 0, "ok": 0, "infeasible": 0, "rejected": 0}
    for name in examples.names():
        tally[check(name, json.loads(examples.text(name)))] += 1
        tally["bundled"] += 1
    for i in range(count):
        raw = random_raw(rng)
        try:
            status = check(f"random #{i} (seed {seed})", raw)
        except ConfigError:
            tally["rejected"] += (
                1  # an invalid mix of values: the validator's job, not an invariant
            )
            continue
        tally[status] += 1
        tally["random"] += 1
    return json.dumps(tally, sort_keys=True)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print(main(json.dumps({"count": n})))
