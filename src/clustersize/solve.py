"""The solver: the largest node count whose IT power fits the budget, or the design for exactly N nodes.

The power model is [`clustersize.power`][clustersize.power]: ``p_total_w = nodes·p_node_w + p_switching_w +
p_optics_w + p_extra_w`` must be ``≤ it_budget_w`` (the cap, over PUE on the facility basis, less the planning
margin), exactly.

Every count in [`clustersize.topology`][clustersize.topology] and every extra load is non-decreasing in the node
count, so ``p_total_w`` is too and "fits" is true for every node count up to the answer and false above it: a
binary search over ``[0, min(floor(it_budget_w / p_node_w), fabric capacity) + 1]`` finds the maximum in
``O(log n)`` evaluations (at most about 40, whatever the numbers: the fabric capacity is finite).
With ranged inputs the band is two more searches, at the all-high and all-low corners
([`clustersize.ranges`][clustersize.ranges]).

With ``scalable_unit_nodes = SU`` the answer is ``floor(n_max / SU) · SU``: "fits" is monotone, so that is the
largest whole number of units that fits, and ``n + SU`` (not ``n + 1``) is what does not fit.
"""

from __future__ import annotations

from fractions import Fraction

from .config import check_nodes
from .errors import InvariantError
from .model import Config
from .physical import in_each_plane, units_needed, whole_units
from .power import W_PER_MW, Power, Rates, budget_w, cap_w, exact, node_power_w, power, watts
from .ranges import at_corner, ranged_paths
from .record import Band, Outcome, build_result
from .result import Result
from .topology import Topology, design, max_leaves_two_tier, max_nodes_fabric, pod_shape

__all__ = [
    "W_PER_MW",
    "Band",
    "Power",
    "Rates",
    "band",
    "budget_w",
    "cap_w",
    "evaluate",
    "exact",
    "fabric_limit_text",
    "max_nodes",
    "node_power_w",
    "power",
    "solve",
    "watts",
]


class _Probe:
    """Evaluates designs for one config and counts the evaluations."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cap = budget_w(config)
        self.rates = Rates.of(config)
        self.evaluations = 0

    def design(self, nodes: int) -> tuple[Topology | None, Power | None]:
        self.evaluations += 1
        topo = design(self.config, nodes)
        return topo, (power(self.config, nodes, topo, self.rates) if topo is not None else None)

    def fits(self, nodes: int) -> bool:
        topo, pw = self.design(nodes)
        return topo is not None and pw is not None and pw.total <= self.cap


def search_ceiling(config: Config, budget: Fraction, p_node: Fraction) -> int:
    """A node count that never fits: one past the power bound (``budget / p_node``) or the fabric's capacity."""
    return min(int(budget // p_node), max_nodes_fabric(config)) + 1


def evaluations_bound(config: Config, nodes: int | None = None) -> int:
    """At most how many designs [`solve`][clustersize.solve.solve] evaluates for ``config`` (or
    [`evaluate`][clustersize.solve.evaluate], one design, at ``nodes``) — the sweep's work budget. A config with
    ranged inputs also searches its all-high and all-low corners for the band."""
    # one search, then the answer, the next step and the min_nodes count; or the one design at ``nodes``
    own = _probes(config) + 3 if nodes is None else 1
    if not ranged_paths(config):
        return own
    return own + sum(_probes(at_corner(config, corner)) for corner in ("high", "low"))


def _probes(config: Config) -> int:
    """At most how many designs one [`max_nodes`][clustersize.solve.max_nodes] search evaluates: a bisection
    of ``[0, ceiling]`` halves it each time, so at most the bit length of the ceiling."""
    return search_ceiling(config, budget_w(config), Rates.of(config).node).bit_length()


def max_nodes(config: Config) -> tuple[int, int]:
    """``(n, evaluations)``: the largest n whose design fits the IT budget and the fabric (0 if none)."""
    probe = _Probe(config)
    lo, hi = 0, search_ceiling(config, probe.cap, probe.rates.node)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if probe.fits(mid):
            lo = mid
        else:
            hi = mid
    return lo, probe.evaluations


def band(config: Config) -> Band | None:
    """The node counts at the all-high and all-low corners of the ranged inputs (two searches), or None
    when no input is ranged."""
    paths = ranged_paths(config)
    if not paths:
        return None
    low, first = max_nodes(at_corner(config, "high"))
    high, second = max_nodes(at_corner(config, "low"))
    return Band(tuple(paths), whole_units(config, low), whole_units(config, high), first + second)


def solve(config: Config) -> Result:
    """The largest cluster that fits the IT budget and the fabric; infeasible if below ``min_nodes``."""
    fitted, evaluations = max_nodes(config)
    n, step = whole_units(config, fitted), config.scalable_unit_nodes or 1
    probe = _Probe(config)
    topo, pw = probe.design(n) if n else (None, None)
    next_topo, next_pw = probe.design(n + step)
    binding, detail = _why_not(config, n + step, next_topo, next_pw, probe.cap)
    shortfall: Fraction | None = None
    status = "ok"
    if n < config.min_nodes:
        status = "infeasible"
        need = units_needed(config, config.min_nodes)
        need_topo, need_pw = probe.design(need)
        binding, detail = _why_not(config, need, need_topo, need_pw, probe.cap)
        detail = f"fewer than min_nodes ({config.min_nodes:,}) fit: {detail}"
        if need_pw is not None:
            shortfall = need_pw.total - probe.cap
    next_fits = next_pw is not None and next_pw.total <= probe.cap
    spread = band(config)
    checked = _check_invariants(config, n, topo, pw, next_fits=next_fits, spread=spread)
    outcome = Outcome("max_nodes", status, binding, detail, shortfall, fitted)
    spent = evaluations + probe.evaluations + (spread.evaluations if spread else 0)
    return build_result(config, n, topo, pw, outcome, spent, checked, spread)


def evaluate(config: Config, nodes: int) -> Result:
    """The design for exactly ``nodes`` nodes, and whether it fits the IT budget and the fabric."""
    nodes = check_nodes(nodes)
    probe = _Probe(config)
    topo, pw = probe.design(nodes)
    fits = topo is not None and pw is not None and pw.total <= probe.cap
    binding: str | None = None
    shortfall: Fraction | None = None
    detail = f"{nodes:,} nodes fit the {_limit(config, probe.cap)} and the fabric."
    if not fits:
        binding, detail = _why_not(config, nodes, topo, pw, probe.cap)
        if pw is not None:
            shortfall = pw.total - probe.cap
    spread = band(config)
    checked = _check_invariants(
        config, nodes, topo, pw if fits else None, next_fits=None, spread=spread
    )
    outcome = Outcome("fixed_nodes", "ok" if fits else "infeasible", binding, detail, shortfall)
    spent = probe.evaluations + (spread.evaluations if spread else 0)
    return build_result(config, nodes, topo, pw, outcome, spent, checked, spread)


def _why_not(
    config: Config, nodes: int, topo: Topology | None, pw: Power | None, cap: Fraction
) -> tuple[str, str]:
    """Which constraint a design of ``nodes`` nodes breaks, and one sentence on it."""
    if topo is None or pw is None:
        return (
            "fabric",
            f"{nodes:,} nodes need more ports than the fabric has{in_each_plane(config)}: "
            f"{fabric_limit_text(config)}.",
        )
    # Callers pass a count past the largest that fits (power and ports grow with nodes): it is over the limit.
    over = pw.total - cap
    return "power", (
        f"{nodes:,} nodes need {_fmt_w(pw.total)}, {_fmt_w(over)} over the {_fmt_w(cap)} "
        f"{_limit(config, cap)}."
    )


def _limit(config: Config, budget: Fraction) -> str:
    """What the power limit is called: the cap as given, or the IT budget derived from it."""
    return "cap" if budget == cap_w(config) else "IT budget"


def fabric_limit_text(config: Config) -> str:
    """What bounds the fabric: the spine radix (2 tiers forced) or the core radix (3 tiers)."""
    if config.fabric.tiers == 2:
        return f"2 tiers hold at most {max_leaves_two_tier(config):,} leaves (one per spine port) and tiers is 2"
    pods, per_pod = pod_shape(config)
    return (
        f"3 tiers hold at most {pods * per_pod:,} leaves "
        f"({pods:,} pods of {per_pod:,} leaves; core radix {pods:,})"
    )


def _fmt_w(x: Fraction) -> str:
    return f"{float(x):,.0f} W" if x.denominator == 1 or abs(x) >= 100 else f"{float(x):,.3f} W"


def _check_invariants(
    config: Config,
    nodes: int,
    topo: Topology | None,
    fitting: Power | None,
    *,
    next_fits: bool | None,
    spread: Band | None,
) -> list[str]:
    """Re-check the invariants on an answer and return their IDs; a failure is a bug (exit code 1).

    ``fitting`` is the power of a design reported as fitting (INV-001 applies to it); ``next_fits`` says whether
    ``nodes + 1`` fits, for a max-nodes answer (INV-004); ``spread`` is the band of ranged inputs (INV-006).
    """
    checked = ["INV-003"]  # the config was validated before the solver saw it
    if fitting is not None and nodes:
        if fitting.total > budget_w(config):
            raise InvariantError(f"INV-001 violated: {float(fitting.total)} W over the IT budget")
        checked.append("INV-001")
    if topo is not None and nodes:
        fab = config.fabric
        for tier, used, radix in (
            ("leaf", topo.leaf_ports_used, fab.leaf.ports),
            ("spine", topo.spine_ports_used, fab.spine.ports),
            ("core", topo.core_ports_used, fab.core_switch.ports),
        ):
            if used > radix:
                raise InvariantError(f"INV-002 violated: a {tier} uses {used} of {radix} ports")
        checked.append("INV-002")
    if next_fits is not None:
        if next_fits:
            raise InvariantError(f"INV-004 violated: {nodes + 1} nodes also fit")
        checked.append("INV-004")
    if spread is not None:
        inside = spread.low <= nodes <= spread.high if next_fits is not None else True
        if spread.low > spread.high or not inside:
            raise InvariantError(
                f"INV-006 violated: {nodes} nodes outside the band {spread.low}..{spread.high}"
            )
        checked.append("INV-006")
    return sorted(checked)
