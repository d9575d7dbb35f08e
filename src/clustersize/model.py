"""The config model: the one place every input field is declared.

Each field carries a [`FieldSpec`][clustersize.model.FieldSpec] (JSON type, unit, bounds, meaning); the validator
([`clustersize.config`][clustersize.config]), the JSON Schema ([`clustersize.schema`][clustersize.schema]), the config reference and
the calculator form all read the declarations through one walk, [`walk`][clustersize.model.walk].
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, Literal

Tiers = Literal["auto", 2, 3]

LIMIT_PORTS = 4096
"""Largest switch radix or per-leaf port count accepted (a sanity bound, not a product limit)."""

Kind = Literal["integer", "number", "string", "boolean", "object", "choice"]


@dataclass(frozen=True)
class FieldSpec:
    """How one config field is typed, bounded and documented.

    ``kind`` is the JSON type: ``integer``, ``number``, ``string``, ``boolean``, ``object`` (then ``obj`` is the
    dataclass) or ``choice`` (one of ``choices``). ``default_from`` names a sibling field whose value an absent
    object field takes (``fabric.core`` defaults to ``fabric.spine``).
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
    return [ModelField((*prefix, f.name), spec_of(f), f.default) for f in fields(cls)]


def walk(cls: type | None = None, prefix: tuple[str, ...] = ()) -> Iterator[ModelField]:
    """Every declared field, depth first in declaration order: an object field, then its own fields."""
    for member in members(Config if cls is None else cls, prefix):
        yield member
        if member.spec.obj is not None:
            yield from walk(member.spec.obj, member.path)


def objects(cls: type | None = None) -> dict[str, type]:
    """Every model dataclass reachable from ``cls`` (default [`Config`][clustersize.model.Config]), by class name."""
    return {m.spec.obj.__name__: m.spec.obj for m in walk(cls) if m.spec.obj is not None}


def _count(doc: str, unit: str, maximum: int, minimum: int = 1) -> Any:
    return spec("integer", doc, unit=unit, minimum=minimum, maximum=maximum)


def _optional_count(doc: str, unit: str, maximum: int, default: int | None = None) -> Any:
    return spec("integer", doc, unit=unit, minimum=1, maximum=maximum, default=default)


def _watts(doc: str, *, positive: bool = False, maximum: float = 1e6) -> Any:
    return spec("number", doc, unit="W", minimum=0, exclusive_minimum=positive, maximum=maximum)


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
    power_w: float = _watts(
        "Typical power of one switch without optics.", positive=True, maximum=1e5
    )


@dataclass(frozen=True)
class Node:
    """One compute node type. Node power = gpus_per_node·gpu_w + cpu_w + dram_w + nvme_w
    + nics_per_node·nic_w + node_aux_w."""

    name: str = _text("Node model name, shown in reports.")
    gpus_per_node: int = _count("GPUs in one node.", "GPUs", 1024)
    gpu_w: float = _watts("Power of one GPU at the planning load.", positive=True, maximum=1e5)
    cpu_w: float = _watts("Power of all CPUs in one node (0 allowed).")
    dram_w: float = _watts("Power of all memory in one node (0 allowed).")
    nvme_w: float = _watts("Power of all local drives in one node (0 for a diskless node).")
    nics_per_node: int = _count("Fabric NICs in one node (one rail each).", "NICs", 1024)
    nic_w: float = _watts("Power of one fabric NIC, without its optic (0 allowed).")
    node_aux_w: float = _watts("Fans, power conversion, BMC and other node power (0 allowed).")
    ports_per_nic_to_fabric: int = _count("Fabric ports each NIC cables to a leaf.", "ports", 16)
    description: str = _text(
        "Free text: what this node stands for and where numbers came from.", default=""
    )


# --- physical build (#11): optics per tier, racks -----------------------------------------------------------


def _optic_w(tier: str) -> Any:
    return spec(
        "number",
        f"Power of the transceiver at one end of one {tier} link (0 for passive copper); "
        "absent: fabric.optic_w_per_link_end.",
        unit="W",
        minimum=0,
        maximum=1e3,
        default=None,
    )


@dataclass(frozen=True)
class OpticsByTier:
    """Power of one link end in each fabric tier; an absent tier takes ``fabric.optic_w_per_link_end``.

    Optics power = Σ over tiers of 2 · links in the tier · W per link end in the tier."""

    host_leaf: float | None = _optic_w("host↔leaf")
    leaf_spine: float | None = _optic_w("leaf↔spine")
    spine_core: float | None = _optic_w("spine↔core")


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
    optic_w_per_link_end: float = _watts(
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
        source = spec_of(next(f for f in fields(self) if f.name == "core")).default_from
        switch: Switch = getattr(self, source or "spine")
        return switch


@dataclass(frozen=True)
class Config:
    """A sizing question: an IT power cap, a node type and a fabric."""

    it_cap_mw: float = spec(
        "number",
        "IT power cap: nodes + switches + optics must fit under it.",
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
    pue: float | None = spec(
        "number",
        "Power usage effectiveness, to report facility power = IT power × pue. Never changes the solve.",
        minimum=1,
        maximum=10,
        default=None,
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
