"""The bill of materials of a design: one row per kind of part (per plane for the fabric), as CSV.

Pure functions of a [`Result`][clustersize.result.Result] and its [`Config`][clustersize.model.Config], so the
CLI (``--bom``) and the calculator build the same rows. Columns: ``item, model, count, unit_w, total_w`` and
then ``plane`` (1 … planes for fabric rows, empty otherwise) and ``note``. Links and racks carry 0 W (their power
is in the optics and the nodes), so ``total_w`` sums exactly to ``p_total_w`` and the counts of each kind sum
to the result's ``nodes``, ``switches_total``, ``optics`` and ``links_total`` (INV-007, re-checked by
[`rows`][clustersize.bom.rows]). Rows with a count of 0 are left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import InvariantError
from .model import Config
from .optics import TIERS, link_end_w
from .power import num, p_node_w, units, watts
from .result import Result, Watts

COLUMNS = ("item", "model", "count", "unit_w", "total_w", "plane", "note")
"""The CSV header, in order: the five the issue fixes, then ours."""

ITEMS = (
    "compute_node", "leaf_switch", "spine_switch", "core_switch",
    "optic_host_leaf", "optic_leaf_spine", "optic_spine_core",
    "link_host_leaf", "link_leaf_spine", "link_spine_core",
    "compute_rack", "network_rack", "extra_load",
)  # fmt: skip
"""Every ``item`` a row may carry (``extra_load`` rows come with the planning power model, issue #10)."""

TIER_NAMES = {"host_leaf": "host-leaf", "leaf_spine": "leaf-spine", "spine_core": "spine-core"}


@dataclass(frozen=True)
class Row:
    """One line of the bill of materials; ``unit_w`` in W, exact."""

    item: str
    model: str
    count: int
    unit_w: Fraction
    plane: int | None = None
    note: str = ""

    @property
    def total_w(self) -> Fraction:
        """``count × unit_w``, exact."""
        return self.count * self.unit_w

    def cells(self) -> list[object]:
        """The row's CSV cells in [`COLUMNS`][clustersize.bom.COLUMNS] order (watts as ``--json`` prints them)."""
        plane = "" if self.plane is None else self.plane
        return [
            self.item,
            self.model,
            self.count,
            _w(self.unit_w),
            _w(self.total_w),
            plane,
            self.note,
        ]


def _w(x: Fraction) -> Watts:
    return watts(x)


def rows(result: Result, config: Config) -> list[Row]:
    """The bill of materials of ``result`` (sized from ``config``); empty when there is no design."""
    if result.p_total_w is None or result.leaves_per_plane is None:
        return []
    out = [Row("compute_node", config.node.name, result.nodes, p_node_w(config))]
    out += _fabric_rows(result, config)
    out += _rack_rows(result, config)
    out += [
        Row("extra_load", load.name, units(load, result.nodes), num(load.power_w))
        for load in config.extra_loads
    ]
    check(out, result)
    return [r for r in out if r.count]


def _fabric_rows(result: Result, config: Config) -> list[Row]:
    """Switches, optics and links of every plane."""
    fab, planes = config.fabric, range(1, config.fabric.planes + 1)
    out: list[Row] = []
    for item, switch, per_plane in (
        ("leaf_switch", fab.leaf, result.leaves_per_plane),
        ("spine_switch", fab.spine, result.spines_per_plane),
        ("core_switch", fab.core_switch, result.cores_per_plane),
    ):
        out += [Row(item, switch.name, per_plane or 0, num(switch.power_w), p) for p in planes]
    tier_w = link_end_w(fab)
    for tier, w in zip(TIERS, tier_w, strict=True):
        links = getattr(result, f"links_{tier}_per_plane") or 0
        model = "transceiver" if w else "passive copper (0 W)"
        note = f"{TIER_NAMES[tier]} link ends"
        out += [Row(f"optic_{tier}", model, 2 * links, num(w), p, note) for p in planes]
    for tier in TIERS:
        links = getattr(result, f"links_{tier}_per_plane") or 0
        note = f"{TIER_NAMES[tier]} links (power in the optics)"
        out += [Row(f"link_{tier}", "cable", links, Fraction(0), p, note) for p in planes]
    return out


def _rack_rows(result: Result, config: Config) -> list[Row]:
    """Compute and network racks (0 W: their power is the nodes' and the switches')."""
    if config.rack is None or result.racks_compute is None or result.racks_network is None:
        return []
    per_rack = f"up to {result.nodes_per_rack:,} nodes, {result.rack_kw} kW a full rack"
    switches = f"up to {config.rack.switches_per_rack:,} switches"
    return [
        Row("compute_rack", "compute rack", result.racks_compute, Fraction(0), note=per_rack),
        Row("network_rack", "network rack", result.racks_network, Fraction(0), note=switches),
    ]


def check(bom: Sequence[Row], result: Result) -> None:
    """INV-007: ``total_w`` sums to ``p_total_w`` and each kind's counts to the result's; else a bug (exit 1)."""
    total = _w(sum((r.total_w for r in bom), Fraction(0)))
    if total != result.p_total_w:
        raise InvariantError(
            f"INV-007 violated: BOM total_w {total} != p_total_w {result.p_total_w}"
        )
    kinds = {
        "nodes": ("compute_node",),
        "switches_total": ("leaf_switch", "spine_switch", "core_switch"),
        "optics": tuple(f"optic_{t}" for t in TIERS),
        "links_total": tuple(f"link_{t}" for t in TIERS),
    }
    for key, items in kinds.items():
        counted = sum(r.count for r in bom if r.item in items)
        if counted != getattr(result, key):
            raise InvariantError(f"INV-007 violated: BOM {key} {counted} != {getattr(result, key)}")


def csv_text(bom: Sequence[Row]) -> str:
    """The bill of materials as RFC 4180 CSV: a header row, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(r.cells() for r in bom)
    return buf.getvalue()
