"""The power model: what the cap allows and what a design draws, in W, exactly.

* Budget chain: ``cap_w = it_cap_mw·10⁶`` (as given) → ``it_cap_after_pue_w = cap_w / pue`` when
  ``cap_basis`` is ``"facility"`` (else ``cap_w``) → ``it_budget_w = it_cap_after_pue_w·(1 − planning_margin)``.
* ``p_node_w = gpus_per_node·gpu_w + cpu_w + dram_w + nvme_w + nics_per_node·nic_w + node_aux_w``
  (``power_basis`` ``"components"``), or ``node.nameplate_w`` (``"nameplate"``).
* ``p_switching_w = leaves·leaf.power_w + spines·spine.power_w + cores·core.power_w``
* ``p_optics_w = 2 · links_total · optic_w_per_link_end`` (every link has two ends); with
  ``fabric.optics_by_tier``, ``Σ over tiers of 2 · links_<tier> · w_<tier>`` (see [`clustersize.optics`][clustersize.optics])
* ``p_extra_w = Σ units·power_w`` over ``extra_loads``: ``units = count``, or ``ceil(nodes / per_nodes)``.
* ``p_total_w = nodes·p_node_w + p_switching_w + p_optics_w + p_extra_w ≤ it_budget_w``.

Every term is non-decreasing in the node count and in every wattage, and the budget non-increasing in ``pue``
(facility basis): a ranged input ([`Range`][clustersize.model.Range]) is read at ``typical`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .model import Config, ExtraLoad, Node, Range, Ranged
from .optics import link_end_w
from .optics import links as tier_links
from .result import Watts
from .topology import Topology, ceil_div

W_PER_MW = 1_000_000
_ZERO = Fraction(0)


def exact(x: float) -> Fraction:
    """A config number as an exact fraction of the decimal the user wrote (``0.1`` is exactly 1/10).

    Floats are read through their shortest round-trip decimal (``repr``), so a cap of ``4.999999`` MW is exactly
    4,999,999 W and threshold comparisons are exact.
    """
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(repr(x))


def num(x: Ranged) -> Fraction:
    """A ranged field's value for the point answer, exactly: a range's ``typical``, else the number."""
    return exact(x.typical if isinstance(x, Range) else x)


def watts(x: Fraction) -> Watts:
    """An exact wattage for output: an int when whole, else the nearest float."""
    return int(x) if x.denominator == 1 else float(x)


def watts_or_none(x: Fraction | None) -> Watts | None:
    """[`watts`][clustersize.power.watts], keeping a missing value missing."""
    return watts(x) if x is not None else None


def node_power_w(node: Node) -> Fraction:
    """Power of one node as the sum of its components, in W (whatever ``power_basis`` says)."""
    return (
        node.gpus_per_node * num(node.gpu_w)
        + num(node.cpu_w)
        + num(node.dram_w)
        + num(node.nvme_w)
        + node.nics_per_node * num(node.nic_w)
        + num(node.node_aux_w)
    )


def nameplate_w(node: Node) -> Fraction | None:
    """The node's nameplate power in W, or None when not given."""
    return num(node.nameplate_w) if node.nameplate_w is not None else None


def p_node_w(config: Config) -> Fraction:
    """Power of one node on the config's ``power_basis``, in W."""
    plate = nameplate_w(config.node)
    if config.power_basis == "nameplate" and plate is not None:
        return plate
    return node_power_w(config.node)


def cap_w(config: Config) -> Fraction:
    """The cap as given, in W: IT power, or facility power when ``cap_basis`` is ``"facility"``."""
    return exact(config.it_cap_mw) * W_PER_MW


def it_cap_w(config: Config) -> Fraction:
    """The cap as IT power, in W: ``cap_w / pue`` on the facility basis, else ``cap_w``."""
    if config.cap_basis == "facility" and config.pue is not None:
        return cap_w(config) / num(config.pue)
    return cap_w(config)


def budget_w(config: Config) -> Fraction:
    """The IT watts a design must fit: ``it_cap_w · (1 − planning_margin)``."""
    return it_cap_w(config) * (1 - exact(config.planning_margin))


def units(load: ExtraLoad, nodes: int) -> int:
    """How many units of one extra load a design of ``nodes`` compute nodes has."""
    if load.count is not None:
        return load.count
    assert load.per_nodes is not None  # validation: exactly one of count / per_nodes
    return ceil_div(nodes, load.per_nodes)


@dataclass(frozen=True)
class Rates:
    """The per-item wattages of one config, exact: read once, used for every design evaluated."""

    node: Fraction
    leaf: Fraction
    spine: Fraction
    core: Fraction
    extras: tuple[tuple[ExtraLoad, Fraction], ...] = ()
    optic_by_tier: tuple[Fraction, ...] = ()
    """W per link end of each tier (host-leaf, leaf-spine, spine-core): ``fabric.optics_by_tier`` or the default."""

    @classmethod
    def of(cls, config: Config) -> Rates:
        """The rates of ``config``."""
        fab = config.fabric
        return cls(
            node=p_node_w(config),
            leaf=num(fab.leaf.power_w),
            spine=num(fab.spine.power_w),
            core=num(fab.core_switch.power_w),
            extras=tuple((load, num(load.power_w)) for load in config.extra_loads),
            optic_by_tier=tuple(num(w) for w in link_end_w(fab)),
        )

    def extra(self, nodes: int) -> Fraction:
        """Power of every extra load for ``nodes`` compute nodes."""
        return sum((units(load, nodes) * w for load, w in self.extras), _ZERO)


@dataclass(frozen=True)
class Power:
    """Where the watts of one design go (W, exact)."""

    nodes: Fraction
    leaf: Fraction
    spine: Fraction
    core: Fraction
    optics: Fraction
    extra: Fraction = _ZERO
    optics_by_tier: tuple[Fraction, ...] = ()
    """The optics of each tier (host-leaf, leaf-spine, spine-core); they sum to ``optics``."""

    @property
    def switching(self) -> Fraction:
        """Leaves + spines + cores."""
        return self.leaf + self.spine + self.core

    @property
    def total(self) -> Fraction:
        """All IT power."""
        it = self.nodes + self.switching + self.optics
        return it + self.extra if self.extra else it


def power(config: Config, nodes: int, topo: Topology, rates: Rates | None = None) -> Power:
    """The power breakdown of ``nodes`` nodes on fabric ``topo``."""
    r = rates if rates is not None else Rates.of(config)
    by_tier = tuple(2 * n * w for n, w in zip(tier_links(topo), r.optic_by_tier, strict=True))
    return Power(
        nodes=nodes * r.node,
        leaf=topo.leaves * r.leaf,
        spine=topo.spines * r.spine,
        core=topo.cores * r.core,
        optics=sum(by_tier, _ZERO),
        extra=r.extra(nodes),
        optics_by_tier=by_tier,
    )
