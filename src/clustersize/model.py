"""The config model: the one place every input field is declared.

Each field carries a [`FieldSpec`][clustersize.declare.FieldSpec] (JSON type, unit, bounds, meaning); the validator
([`clustersize.config`][clustersize.config]), the JSON Schema ([`clustersize.schema`][clustersize.schema]), the config reference and
the calculator form all read the declarations through one walk, [`walk`][clustersize.model.walk].
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, dataclass, fields
from functools import cache
from typing import Any, ClassVar, Literal

from .declare import ModelField, spec, spec_of

Tiers = Literal["auto", 2, 3]
CapBasis = Literal["it", "facility"]
PowerBasis = Literal["components", "nameplate"]

LIMIT_PORTS = 4096
"""Largest switch radix or per-leaf port count accepted (a sanity bound, not a product limit)."""

MAX_EXTRA_LOADS = 1000
"""Most ``extra_loads`` items accepted (a sanity bound; a real design lists a handful)."""


def members(cls: type, prefix: tuple[str, ...] = ()) -> list[ModelField]:
    """The fields declared directly on one model dataclass, in declaration order."""
    return list(_members(cls, prefix))


@cache
def _members(cls: type, prefix: tuple[str, ...]) -> tuple[ModelField, ...]:
    """[`members`][clustersize.model.members], computed once per class and prefix (the model never changes)."""
    return tuple(ModelField((*prefix, f.name), spec_of(f), f.default) for f in fields(cls))


def walk(cls: type | None = None, prefix: tuple[str, ...] = ()) -> Iterator[ModelField]:
    """Every declared field a dotted path names, depth first in declaration order: an object field, then its own
    fields. An ``array`` field is yielded but not entered (its items have no dotted name; see [`item_fields`][clustersize.model.item_fields])."""
    for member in members(Config if cls is None else cls, prefix):
        yield member
        if member.spec.obj is not None and member.spec.kind == "object":
            yield from walk(member.spec.obj, member.path)


def item_fields(cls: type | None = None) -> Iterator[ModelField]:
    """The fields of each list item, as ``(list, "*", field)`` paths: ``extra_loads.*.power_w``."""
    for member in walk(cls):
        if member.spec.kind == "array" and member.spec.obj is not None:
            yield from walk(member.spec.obj, (*member.path, "*"))


def objects(cls: type | None = None) -> dict[str, type]:
    """Every model dataclass reachable from ``cls`` (default [`Config`][clustersize.model.Config]), by class name,
    list item classes included."""
    found = [m.spec.obj for m in (*walk(cls), *item_fields(cls)) if m.spec.obj is not None]
    return {obj.__name__: obj for obj in found}


def one_of(cls: type) -> tuple[str, ...]:
    """The fields of a model dataclass of which exactly one must be given (empty when no such rule)."""
    names: tuple[str, ...] = getattr(cls, "EXACTLY_ONE_OF", ())
    return names


def _count(doc: str, unit: str, maximum: int, minimum: int = 1) -> Any:
    return spec("integer", doc, unit=unit, minimum=minimum, maximum=maximum)


def _watts(
    doc: str, *, positive: bool = False, maximum: float = 1e6, default: Any = MISSING
) -> Any:
    return spec(
        "number",
        doc,
        unit="W",
        minimum=0,
        exclusive_minimum=positive,
        maximum=maximum,
        ranged=True,
        default=default,
    )


@dataclass(frozen=True)
class Range:
    """A planning range of one wattage (or PUE): ``low ≤ typical ≤ high``. The point answer uses ``typical``;
    the band of node counts comes from the ends (all inputs high, all inputs low)."""

    low: float = spec("number", "The lowest plausible value.")
    typical: float = spec("number", "The value the point answer uses.")
    high: float = spec("number", "The highest plausible value.")

    def at(self, corner: str) -> float:
        """The value at ``corner`` (``"low"``, ``"typical"`` or ``"high"``)."""
        value: float = getattr(self, corner)
        return value


Ranged = float | Range
"""A ranged field's value (a wattage or PUE): a number, or a [`Range`][clustersize.model.Range]."""


def _optional_count(doc: str, unit: str, maximum: int, default: int | None = None) -> Any:
    return spec("integer", doc, unit=unit, minimum=1, maximum=maximum, default=default)


def _text(doc: str, *, default: Any = MISSING) -> Any:
    if default is MISSING:
        return spec("string", doc, minimum=1)
    return spec("string", doc, default=default)


@dataclass(frozen=True)
class Switch:
    """One switch model (used for leaves, spines and cores)."""

    name: str = _text("Switch model name, shown in reports.")
    ports: int = _count(
        "Radix: physical fabric ports on one switch.", "ports", LIMIT_PORTS, minimum=2
    )
    power_w: Ranged = _watts(
        "Typical power of one switch without optics.", positive=True, maximum=1e5
    )


@dataclass(frozen=True)
class Node:
    """One compute node type. Node power = gpus_per_node·gpu_w + cpu_w + dram_w + nvme_w
    + nics_per_node·nic_w + node_aux_w (power_basis "components"), or nameplate_w (power_basis "nameplate")."""

    name: str = _text("Node model name, shown in reports.")
    gpus_per_node: int = _count("GPUs in one node.", "GPUs", 1024)
    gpu_w: Ranged = _watts("Power of one GPU at the planning load.", positive=True, maximum=1e5)
    cpu_w: Ranged = _watts("Power of all CPUs in one node (0 allowed).")
    dram_w: Ranged = _watts("Power of all memory in one node (0 allowed).")
    nvme_w: Ranged = _watts("Power of all local drives in one node (0 for a diskless node).")
    nics_per_node: int = _count("Fabric NICs in one node (one rail each).", "NICs", 1024)
    nic_w: Ranged = _watts("Power of one fabric NIC, without its optic (0 allowed).")
    node_aux_w: Ranged = _watts("Fans, power conversion, BMC and other node power (0 allowed).")
    ports_per_nic_to_fabric: int = _count("Fabric ports each NIC cables to a leaf.", "ports", 16)
    nameplate_w: Ranged | None = _watts(
        "The vendor's maximum power for one node; the node's power when power_basis is \"nameplate\".",
        positive=True,
        default=None,
    )
    description: str = _text(
        "Free text: what this node stands for and where numbers came from.", default=""
    )


# --- physical build (#11): optics per tier, racks -----------------------------------------------------------


def _optic_w(tier: str) -> Any:
    return _watts(
        f"Power of the transceiver at one end of one {tier} link (0 for passive copper); "
        "absent: fabric.optic_w_per_link_end.",
        maximum=1e3,
        default=None,
    )


@dataclass(frozen=True)
class OpticsByTier:
    """Power of one link end in each fabric tier; an absent tier takes ``fabric.optic_w_per_link_end``.

    Optics power = Σ over tiers of 2 · links in the tier · W per link end in the tier."""

    host_leaf: Ranged | None = _optic_w("host↔leaf")
    leaf_spine: Ranged | None = _optic_w("leaf↔spine")
    spine_core: Ranged | None = _optic_w("spine↔core")


@dataclass(frozen=True)
class Rack:
    """How nodes and fabric switches fill racks. Nodes per rack = min(nodes_per_rack,
    floor(max_kw·1000 / node power)); network racks = ceil(switches_total / switches_per_rack)."""

    max_kw: float = spec(
        "number",
        "Power one rack may draw; a node that alone draws more is refused.",
        unit="kW",
        minimum=0,
        exclusive_minimum=True,
        maximum=1e4,
    )
    nodes_per_rack: int | None = _optional_count(
        "Space limit: most nodes one rack holds (absent: power alone decides).", "nodes", 10_000
    )
    switches_per_rack: int = _optional_count(
        "Fabric switches that fill one network rack (all planes together).", "switches", 10_000, 16
    )


@dataclass(frozen=True)
class Fabric:
    """A leaf/spine (optionally leaf/spine/core) fabric."""

    name: str = _text("Fabric name, shown in reports.")
    leaf: Switch = spec("object", "Leaf (top-of-rack / rail) switch model.", obj=Switch)
    spine: Switch = spec("object", "Spine switch model.", obj=Switch)
    leaf_host_ports: int = _count("Leaf ports that face hosts.", "ports", LIMIT_PORTS)
    leaf_uplink_ports: int = _count("Leaf ports that face spines.", "ports", LIMIT_PORTS)
    optic_w_per_link_end: Ranged = _watts(
        "Power of the transceiver at one end of one link (0 for passive copper).", maximum=1e3
    )
    core: Switch | None = spec(
        "object",
        "Core switch model for a third tier; defaults to the spine model.",
        obj=Switch,
        default=None,
        default_from="spine",
    )
    tiers: Tiers = spec(
        "choice",
        '"auto": 2 tiers while they can hold the design, else 3; or 2 / 3 to force.',
        choices=("auto", 2, 3),
        default="auto",
    )
    rail_optimized: bool = spec(
        "boolean",
        "Round leaves up to whole rail groups: one leaf per rail (NIC) per group of nodes.",
        default=False,
    )
    description: str = _text("Free text about this fabric.", default="")
    # physical build (#11)
    planes: int = _optional_count(
        "Identical, independent fabric planes: each node's nics_per_node · ports_per_nic_to_fabric host ports "
        "are split evenly over them and every plane is sized alone (counts are totals over all planes).",
        "planes",
        64,
        1,
    )
    optics_by_tier: OpticsByTier | None = spec(
        "object",
        "Power of one link end per tier (host↔leaf, leaf↔spine, spine↔core); absent tiers and an absent "
        "object take optic_w_per_link_end.",
        obj=OpticsByTier,
        default=None,
    )

    @property
    def core_switch(self) -> Switch:
        """The switch used in the third tier (``core`` or, when absent, its ``default_from`` field)."""
        if self.core is not None:
            return self.core
        switch: Switch = getattr(self, _core_default_from())
        return switch


@cache
def _core_default_from() -> str:
    """The field ``fabric.core`` defaults to, as its spec declares it (read once: the model never changes)."""
    return spec_of(next(f for f in fields(Fabric) if f.name == "core")).default_from or "spine"


@dataclass(frozen=True)
class ExtraLoad:
    """Another IT load inside the same budget: storage or management servers, in-band or out-of-band switches,
    fabric managers. Exactly one of ``count`` (fixed units) or ``per_nodes`` (one unit per that many compute
    nodes, rounded up)."""

    EXACTLY_ONE_OF: ClassVar[tuple[str, ...]] = ("count", "per_nodes")

    name: str = _text("What this load is, shown in reports.")
    power_w: Ranged = _watts("Power of one unit.", positive=True)
    count: int | None = spec(
        "integer", "A fixed number of units.", unit="units", minimum=1, maximum=1e7, default=None
    )
    per_nodes: int | None = spec(
        "integer",
        "One unit per this many compute nodes, rounded up (0 nodes: 0 units).",
        unit="nodes",
        minimum=1,
        maximum=1e7,
        default=None,
    )


@dataclass(frozen=True)
class Config:
    """A sizing question: a power cap, a node type and a fabric."""

    it_cap_mw: float = spec(
        "number",
        'Power cap. IT power (cap_basis "it"): nodes + switches + optics + extra loads must fit under it; '
        'facility power (cap_basis "facility"): they must fit under it_cap_mw / pue.',
        unit="MW",
        minimum=0,
        exclusive_minimum=True,
        maximum=1e4,
    )
    min_nodes: int = _count(
        "Smallest useful cluster: fewer nodes than this under the cap is infeasible.",
        "nodes",
        10_000_000,
    )
    node: Node = spec("object", "The compute node type.", obj=Node)
    fabric: Fabric = spec("object", "The network fabric.", obj=Fabric)
    pue: Ranged | None = spec(
        "number",
        "Power usage effectiveness: facility power / IT power (cooling and distribution losses included). "
        'Reports facility power = IT power × pue; changes the solve only when cap_basis is "facility".',
        minimum=1,
        maximum=10,
        default=None,
        ranged=True,
    )
    cap_basis: CapBasis = spec(
        "choice",
        '"it": it_cap_mw is IT power; "facility": it_cap_mw is facility power and the IT cap is '
        "it_cap_mw / pue (pue required).",
        choices=("it", "facility"),
        default="it",
        requires=(("facility", "pue"),),
    )
    planning_margin: float = spec(
        "number",
        "Fraction of the IT cap held back: everything must fit under IT cap × (1 − planning_margin).",
        unit="fraction",
        minimum=0,
        maximum=0.5,
        default=0,
    )
    power_basis: PowerBasis = spec(
        "choice",
        '"components": a node draws the sum of its component fields; "nameplate": it draws node.nameplate_w '
        "(required then).",
        choices=("components", "nameplate"),
        default="components",
        requires=(("nameplate", "node.nameplate_w"),),
    )
    extra_loads: tuple[ExtraLoad, ...] = spec(
        "array",
        "Other IT loads in the same budget (storage, management, in-band and out-of-band networks): "
        "each {name, power_w, count} or {name, power_w, per_nodes}.",
        obj=ExtraLoad,
        maximum=MAX_EXTRA_LOADS,
        default=(),
    )
    description: str = _text(
        "Free text: what this config is, and whether its numbers are placeholders.", default=""
    )
    # physical build (#11)
    rack: Rack | None = spec(
        "object",
        "Racks: report nodes per rack, compute and network racks and rack power. Never changes the solve.",
        obj=Rack,
        default=None,
    )
    scalable_unit_nodes: int | None = _optional_count(
        "Nodes in one scalable unit: the answer is the largest whole number of units that fits.",
        "nodes",
        10_000_000,
    )
