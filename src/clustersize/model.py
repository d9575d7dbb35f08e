"""The config model: the one place every input field is declared.

Each field carries its JSON type, unit, bounds and meaning in ``metadata``; the validator
([`clustersize.config`][clustersize.config]), the JSON Schema ([`clustersize.schema`][clustersize.schema]), the config reference and
the calculator form are all generated from these declarations.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from typing import Any, Literal

Tiers = Literal["auto", 2, 3]

LIMIT_PORTS = 4096
"""Largest switch radix or per-leaf port count accepted (a sanity bound, not a product limit)."""


def spec(
    kind: str,
    doc: str,
    *,
    unit: str = "",
    minimum: float | None = None,
    exclusive_minimum: bool = False,
    maximum: float | None = None,
    default: Any = MISSING,
    obj: type | None = None,
    choices: tuple[object, ...] = (),
) -> Any:
    """Declare one config field.

    ``kind`` is the JSON type: ``integer``, ``number``, ``string``, ``boolean``, ``object`` (then ``obj`` is the
    dataclass) or ``choice`` (one of ``choices``). A field with no ``default`` is required.
    """
    meta = {
        "kind": kind,
        "doc": doc,
        "unit": unit,
        "minimum": minimum,
        "exclusive_minimum": exclusive_minimum,
        "maximum": maximum,
        "obj": obj,
        "choices": choices,
        "required": default is MISSING,
    }
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def _count(doc: str, unit: str, maximum: int, minimum: int = 1) -> Any:
    return spec("integer", doc, unit=unit, minimum=minimum, maximum=maximum)


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
        """The switch used in the third tier (``core`` or, when absent, the spine model)."""
        return self.core if self.core is not None else self.spine


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
