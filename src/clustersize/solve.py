"""The solver: the largest node count whose IT power fits the cap, or the design for exactly N nodes.

Power model (all in W, exact rational arithmetic):

* ``p_node_w = gpus_per_node·gpu_w + cpu_w + dram_w + nvme_w + nics_per_node·nic_w + node_aux_w``
* ``p_switching_w = leaves·leaf.power_w + spines·spine.power_w + cores·core.power_w``
* ``p_optics_w = 2 · links_total · optic_w_per_link_end`` (every link has two ends); with
  ``fabric.optics_by_tier``, ``Σ over tiers of 2 · links_<tier> · w_<tier>`` (see [`clustersize.optics`][clustersize.optics])
* ``p_total_w = nodes·p_node_w + p_switching_w + p_optics_w``, which must be ``≤ it_cap_w = it_cap_mw·10⁶``

Every count in [`clustersize.topology`][clustersize.topology] is non-decreasing in the node count, so ``p_total_w`` is too and
"fits" is true for every node count up to the answer and false above it: a binary search over
``[0, min(floor(it_cap_w / p_node_w), fabric capacity) + 1]`` finds the maximum in ``O(log n)`` evaluations
(at most about 40, whatever the numbers: the fabric capacity is finite).

With ``scalable_unit_nodes = SU`` the answer is ``floor(n_max / SU) · SU``: "fits" is monotone, so that is the
largest whole number of units that fits, and ``n + SU`` (not ``n + 1``) is what does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._version import __version__
from .config import check_nodes
from .errors import InvariantError
from .model import Config, Node
from .optics import link_end_w
from .optics import links as tier_links
from .physical import in_each_plane, physical_fields, units_needed, whole_units
from .result import Result, Watts
from .topology import Topology, design, max_leaves_two_tier, max_nodes_fabric, pod_shape

W_PER_MW = 1_000_000


def exact(x: float) -> Fraction:
    """A config number as an exact fraction of the decimal the user wrote (``0.1`` is exactly 1/10).

    Floats are read through their shortest round-trip decimal (``repr``), so a cap of ``4.999999`` MW is exactly
    4,999,999 W and threshold comparisons are exact.
    """
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(repr(x))


def watts(x: Fraction) -> Watts:
    """An exact wattage for output: an int when whole, else the nearest float."""
    return int(x) if x.denominator == 1 else float(x)


def node_power_w(node: Node) -> Fraction:
    """Power of one node in W (see the module docstring)."""
    return (
        node.gpus_per_node * exact(node.gpu_w)
        + exact(node.cpu_w)
        + exact(node.dram_w)
        + exact(node.nvme_w)
        + node.nics_per_node * exact(node.nic_w)
        + exact(node.node_aux_w)
    )


def cap_w(config: Config) -> Fraction:
    """The IT cap in W, exactly."""
    return exact(config.it_cap_mw) * W_PER_MW


@dataclass(frozen=True)
class Power:
    """Where the watts of one design go (W, exact)."""

    nodes: Fraction
    leaf: Fraction
    spine: Fraction
    core: Fraction
    optics: Fraction
    # physical build (#11): the optics of each tier (host-leaf, leaf-spine, spine-core), summing to optics
    optics_by_tier: tuple[Fraction, ...] = ()

    @property
    def switching(self) -> Fraction:
        """Leaves + spines + cores."""
        return self.leaf + self.spine + self.core

    @property
    def total(self) -> Fraction:
        """All IT power."""
        return self.nodes + self.switching + self.optics


@dataclass(frozen=True)
class Rates:
    """The per-item wattages of one config, exact: read once, used for every design evaluated."""

    node: Fraction
    leaf: Fraction
    spine: Fraction
    core: Fraction
    optic: Fraction
    # physical build (#11): W per link end of each tier (host-leaf, leaf-spine, spine-core)
    optic_by_tier: tuple[Fraction, ...] = ()

    @classmethod
    def of(cls, config: Config) -> Rates:
        """The rates of ``config``."""
        fab = config.fabric
        return cls(
            node=node_power_w(config.node),
            leaf=exact(fab.leaf.power_w),
            spine=exact(fab.spine.power_w),
            core=exact(fab.core_switch.power_w),
            optic=exact(fab.optic_w_per_link_end),
            optic_by_tier=tuple(exact(w) for w in link_end_w(fab)),
        )


def power(config: Config, nodes: int, topo: Topology, rates: Rates | None = None) -> Power:
    """The power breakdown of ``nodes`` nodes on fabric ``topo``."""
    r = rates if rates is not None else Rates.of(config)
    by_tier = tuple(2 * n * w for n, w in zip(tier_links(topo), r.optic_by_tier, strict=True))
    return Power(
        nodes=nodes * r.node,
        leaf=topo.leaves * r.leaf,
        spine=topo.spines * r.spine,
        core=topo.cores * r.core,
        optics=sum(by_tier, Fraction(0)),
        optics_by_tier=by_tier,
    )


class _Probe:
    """Evaluates designs for one config and counts the evaluations."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cap = cap_w(config)
        self.rates = Rates.of(config)
        self.evaluations = 0

    def design(self, nodes: int) -> tuple[Topology | None, Power | None]:
        self.evaluations += 1
        topo = design(self.config, nodes)
        return topo, (power(self.config, nodes, topo, self.rates) if topo is not None else None)

    def fits(self, nodes: int) -> bool:
        topo, pw = self.design(nodes)
        return topo is not None and pw is not None and pw.total <= self.cap


def search_ceiling(config: Config, cap: Fraction, p_node: Fraction) -> int:
    """A node count that never fits: one past the power bound (``cap / p_node``) or the fabric's capacity."""
    return min(int(cap // p_node), max_nodes_fabric(config)) + 1


def evaluations_bound(config: Config) -> int:
    """At most how many designs [`solve`][clustersize.solve.solve] evaluates for ``config`` (the sweep work budget)."""
    return search_ceiling(config, cap_w(config), node_power_w(config.node)).bit_length() + 3


def max_nodes(config: Config) -> tuple[int, int]:
    """``(n, evaluations)``: the largest n whose design fits cap and fabric (0 if none)."""
    probe = _Probe(config)
    lo, hi = 0, search_ceiling(config, probe.cap, probe.rates.node)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if probe.fits(mid):
            lo = mid
        else:
            hi = mid
    return lo, probe.evaluations


def solve(config: Config) -> Result:
    """The largest cluster that fits ``it_cap_mw`` and the fabric; infeasible if below ``min_nodes``."""
    fitted, evaluations = max_nodes(config)
    n, step = whole_units(config, fitted), config.scalable_unit_nodes or 1  # #11: whole units
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
    checked = _check_invariants(config, n, topo, pw, next_fits=next_fits)
    outcome = _Outcome("max_nodes", status, binding, detail, shortfall, fitted)
    return _result(config, n, topo, pw, outcome, evaluations + probe.evaluations, checked)


def evaluate(config: Config, nodes: int) -> Result:
    """The design for exactly ``nodes`` nodes, and whether it fits the cap and the fabric."""
    nodes = check_nodes(nodes)
    probe = _Probe(config)
    topo, pw = probe.design(nodes)
    fits = topo is not None and pw is not None and pw.total <= probe.cap
    binding: str | None = None
    shortfall: Fraction | None = None
    detail = f"{nodes:,} nodes fit the cap and the fabric."
    if not fits:
        binding, detail = _why_not(config, nodes, topo, pw, probe.cap)
        if pw is not None:
            shortfall = pw.total - probe.cap
    checked = _check_invariants(config, nodes, topo, pw if fits else None, next_fits=None)
    outcome = _Outcome("fixed_nodes", "ok" if fits else "infeasible", binding, detail, shortfall)
    return _result(config, nodes, topo, pw, outcome, probe.evaluations, checked)


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
    over = pw.total - cap
    return "power", (
        f"{nodes:,} nodes need {_fmt_w(pw.total)}, {_fmt_w(over)} over the {_fmt_w(cap)} cap."
        if over > 0
        else f"{nodes:,} nodes fit in {_fmt_w(pw.total)}."
    )


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


@dataclass(frozen=True)
class _Outcome:
    """What the search concluded about one design, before it becomes a [`Result`][clustersize.result.Result]."""

    mode: str
    status: str
    binding: str | None
    detail: str
    shortfall: Fraction | None
    fitted: int | None = None  # physical build (#11): max_nodes before rounding to whole units


# Result fields copied from the Topology of the design, under the same name.
_TOPOLOGY_KEYS = (
    "tiers", "host_ports", "leaves", "rail_groups", "uplinks_total", "pods", "spines", "cores",
    "switches_total", "links_host_leaf", "links_leaf_spine", "links_spine_core", "links_total",
)  # fmt: skip


def _result(
    config: Config,
    nodes: int,
    topo: Topology | None,
    pw: Power | None,
    outcome: _Outcome,
    evaluations: int,
    checked: list[str],
) -> Result:
    cap = cap_w(config)
    gpus = nodes * config.node.gpus_per_node
    fab = config.fabric
    t = topo if nodes else None
    p = pw if nodes else None
    counts: dict[str, Any] = {key: (getattr(t, key) if t else None) for key in _TOPOLOGY_KEYS}

    def w(x: Fraction | None) -> Watts | None:
        return watts(x) if x is not None else None

    return Result(
        tool="clustersize",
        version=__version__,
        mode=outcome.mode,
        status=outcome.status,
        node_name=config.node.name,
        fabric_name=fab.name,
        it_cap_w=watts(cap),
        min_nodes=config.min_nodes,
        nodes=nodes,
        gpus=gpus,
        gpus_per_mw=round(float(Fraction(gpus) / exact(config.it_cap_mw)), 3),
        p_node_w=watts(node_power_w(config.node)),
        rail_optimized=fab.rail_optimized,
        oversubscription=round(fab.leaf_host_ports / fab.leaf_uplink_ports, 3),
        optics=2 * t.links_total if t else None,
        p_node_total_w=w(p.nodes) if p else None,
        p_leaf_w=w(p.leaf) if p else None,
        p_spine_w=w(p.spine) if p else None,
        p_core_w=w(p.core) if p else None,
        p_switching_w=w(p.switching) if p else None,
        p_optics_w=w(p.optics) if p else None,
        p_total_w=w(p.total) if p else None,
        headroom_w=watts(cap - p.total) if p else (watts(cap) if nodes == 0 else None),
        pue=config.pue,
        p_facility_w=watts(p.total * exact(config.pue)) if p and config.pue is not None else None,
        binding_constraint=outcome.binding,
        binding_detail=outcome.detail,
        shortfall_w=w(outcome.shortfall),
        evaluations=evaluations,
        invariants_checked=checked,
        **counts,
        **physical_fields(config, nodes, t, p, outcome.fitted),
    )


def _check_invariants(
    config: Config,
    nodes: int,
    topo: Topology | None,
    fitting: Power | None,
    *,
    next_fits: bool | None,
) -> list[str]:
    """Re-check the invariants on an answer and return their IDs; a failure is a bug (exit code 1).

    ``fitting`` is the power of a design reported as fitting (INV-001 applies to it); ``next_fits`` says whether
    ``nodes + 1`` fits, for a max-nodes answer (INV-004).
    """
    checked = ["INV-003"]  # the config was validated before the solver saw it
    if fitting is not None and nodes:
        if fitting.total > cap_w(config):
            raise InvariantError(f"INV-001 violated: {float(fitting.total)} W over the cap")
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
    return sorted(checked)
