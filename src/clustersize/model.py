"""The config model: the one place every input field is declared.

Each field carries a [`FieldSpec`][clustersize.model.FieldSpec] (JSON type, unit, bounds, meaning); the validator
([`clustersize.config`][clustersize.config]), the JSON Schema ([`clustersize.schema`][clustersize.schema]), the config reference and
the calculator form all read the declarations through one walk, [`walk`][clustersize.model.walk].
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, Field, dataclass, field, fields
from functools import cache
from typing import Any, ClassVar, Literal

Tiers = Literal["auto", 2, 3]
CapBasis = Literal["it", "facility"]
PowerBasis = Literal["components", "nameplate"]

LIMIT_PORTS = 4096
"""Largest switch radix or per-leaf port count accepted (a sanity bound, not a product limit)."""

MAX_EXTRA_LOADS = 1000
"""Most ``extra_loads`` items accepted (a sanity bound; a real design lists a handful)."""

Kind = Literal["integer", "number", "string", "boolean", "object", "choice", "array"]


@dataclass(frozen=True)
class FieldSpec:
    """How one config field is typed, bounded and documented.

    ``kind`` is the JSON type: ``integer``, ``number``, ``string``, ``boolean``, ``object`` (then ``obj`` is the
    dataclass), ``array`` (a list of ``obj`` items, at most ``maximum`` of them) or ``choice`` (one of
    ``choices``). ``default_from`` names a sibling field whose value an absent object field takes (``fabric.core``
    defaults to ``fabric.spine``). A ``ranged`` number also accepts a [`Range`][clustersize.model.Range]
    ``{"low", "typical", "high"}`` whose three values each keep the bounds. ``requires`` lists ``(value, path)``
    pairs: when this field equals ``value``, the dotted ``path`` (from the root) must be given.
    """

    kind: Kind
    doc: str
    unit: str = ""
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    obj: type | None = None
    choices: tuple[object, ...] = ()
    required: bool = True
    default_from: str | None = None
    ranged: bool = False
    requires: tuple[tuple[object, str], ...] = ()


@dataclass(frozen=True)
class ModelField:
    """One declared field met by [`walk`][clustersize.model.walk]: where it sits and how it is declared."""

    path: tuple[str, ...]
    spec: FieldSpec
    default: Any

    @property
    def name(self) -> str:
        """The key inside its object."""
        return self.path[-1]

    @property
    def dotted(self) -> str:
        """The ``--set`` path, e.g. ``fabric.leaf.ports``."""
        return ".".join(self.path)

    @property
    def pointer(self) -> str:
        """The JSON pointer, e.g. ``/fabric/leaf/ports``."""
        return "/" + "/".join(self.path)


def spec(
    kind: Kind,
    doc: str,
    *,
    unit: str = "",
    minimum: float | None = None,
    exclusive_minimum: bool = False,
    maximum: float | None = None,
    default: Any = MISSING,
    obj: type | None = None,
    choices: tuple[object, ...] = (),
    default_from: str | None = None,
    ranged: bool = False,
    requires: tuple[tuple[object, str], ...] = (),
) -> Any:
    """Declare one config field (see [`FieldSpec`][clustersize.model.FieldSpec]); a field with no ``default`` is required."""
    meta = FieldSpec(
        kind=kind,
        doc=doc,
        unit=unit,
        minimum=minimum,
        exclusive_minimum=exclusive_minimum,
        maximum=maximum,
        obj=obj,
        choices=choices,
        required=default is MISSING,
        default_from=default_from,
        ranged=ranged,
        requires=requires,
    )
    if default is MISSING:
        return field(metadata={"spec": meta})
    return field(default=default, metadata={"spec": meta})


def spec_of(f: Field[Any]) -> FieldSpec:
    """The [`FieldSpec`][clustersize.model.FieldSpec] a dataclass field was declared with."""
    declared: FieldSpec = f.metadata["spec"]
    return declared


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

    @property
    def core_switch(self) -> Switch:
        """The switch used in the third tier (``core`` or, when absent, its ``default_from`` field)."""
        if self.core is not None:
            return self.core
        source = spec_of(next(f for f in fields(self) if f.name == "core")).default_from
        switch: Switch = getattr(self, source or "spine")
        return switch


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
