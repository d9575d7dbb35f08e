"""The human-readable report printed by the CLI (and the sweep table)."""

from __future__ import annotations

from .fmt import number as _n
from .fmt import printable, share
from .fmt import watts_long as _w
from .result import Result


def _share(x: float | None, cap: float) -> str:
    return "" if x is None or not cap else f"{share(x, cap, 2):>8} of cap"


def render(result: Result, source: str) -> str:
    """A readable multi-line report of one result; ``source`` names where the config came from."""
    r = result
    cap = float(r.it_cap_w)
    lines = [
        f"clustersize {r.version} - {'largest cluster under the cap' if r.mode == 'max_nodes' else 'fixed size'}",
        f"config        {printable(source)}",
        f"node          {printable(r.node_name)}  ({_w(r.p_node_w)} each)",
        f"fabric        {printable(r.fabric_name)}",
        f"IT cap        {_w(r.it_cap_w)}",
        "",
        f"status        {r.status.upper()}",
        f"nodes         {_n(r.nodes)}   (min_nodes {r.min_nodes:,})",
        f"GPUs          {_n(r.gpus)}   ({r.gpus_per_mw:,.1f} GPUs per MW of cap)",
        f"binding       {r.binding_constraint or 'none'}: {r.binding_detail}",
    ]
    if r.tiers is not None:
        lines += [
            "",
            f"fabric        {r.tiers} tiers{', rail-optimized' if r.rail_optimized else ''}, "
            f"oversubscription {r.oversubscription:g}:1",
            f"  host ports  {_n(r.host_ports)}",
            f"  leaves      {_n(r.leaves)}"
            + (f"   ({r.rail_groups:,} rail groups)" if r.rail_groups else ""),
            f"  spines      {_n(r.spines)}" + (f"   ({r.pods:,} pods)" if r.tiers == 3 else ""),
            f"  cores       {_n(r.cores)}",
            f"  switches    {_n(r.switches_total)}",
            f"  links       {_n(r.links_total)}   (host-leaf {_n(r.links_host_leaf)}, "
            f"leaf-spine {_n(r.links_leaf_spine)}, spine-core {_n(r.links_spine_core)})",
            f"  optics      {_n(r.optics)}   (link ends)",
            "",
            "power",
            f"  nodes       {_w(r.p_node_total_w):>32}  {_share(r.p_node_total_w, cap)}",
            f"  switching   {_w(r.p_switching_w):>32}  {_share(r.p_switching_w, cap)}",
            f"  optics      {_w(r.p_optics_w):>32}  {_share(r.p_optics_w, cap)}",
            f"  total IT    {_w(r.p_total_w):>32}  {_share(r.p_total_w, cap)}",
            f"  headroom    {_w(r.headroom_w):>32}  {_share(r.headroom_w, cap)}",
        ]
        if r.p_facility_w is not None:
            lines.append(
                f"  facility    {_w(r.p_facility_w):>32}  (PUE {r.pue:g}; not part of the solve)"
            )
    if r.shortfall_w is not None:
        lines.append(f"shortfall     {_w(r.shortfall_w)} more cap needed")
    lines += physical_lines(r)
    lines += [
        "",
        f"checked       {', '.join(r.invariants_checked)} ({r.evaluations} designs evaluated)",
    ]
    return "\n".join(lines) + "\n"


SWEEP_COLUMNS = (
    "nodes",
    "gpus",
    "gpus_per_mw",
    "tiers",
    "switches_total",
    "p_total_w",
    "headroom_w",
    "status",
)


def sweep_table(path: str, values: list[int | float], results: list[Result]) -> str:
    """One row per sweep value."""
    header = [printable(path), *SWEEP_COLUMNS]
    rows = [
        [_n(v), *(_n(getattr(r, c)) for c in SWEEP_COLUMNS)]
        for v, r in zip(values, results, strict=True)
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    out = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    out += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(out) + "\n"


# --- physical build (#11) -------------------------------------------------------------------------------------

_TIERS = (("host-leaf", "host_leaf"), ("leaf-spine", "leaf_spine"), ("spine-core", "spine_core"))


def physical_lines(r: Result) -> list[str]:
    """Planes, optics per tier, racks and scalable units (only what the result has)."""
    lines: list[str] = []
    if r.planes > 1 and r.leaves_per_plane is not None:
        lines.append(
            f"planes        {r.planes}   (each: {_n(r.leaves_per_plane)} leaves, "
            f"{_n(r.spines_per_plane)} spines, {_n(r.cores_per_plane)} cores, "
            f"{_n(r.links_host_leaf_per_plane)} host-leaf links)"
        )
    if r.optics_host_leaf is not None:
        lines.append("optics        by tier (link ends, power)")
        for label, tier in _TIERS:
            count, watts = getattr(r, f"optics_{tier}"), getattr(r, f"p_optics_{tier}_w")
            if count:
                lines.append(f"  {label:<11} {_n(count):>12}  {_w(watts):>32}")
    if r.nodes_per_rack is not None:
        racks = (
            f"{_n(r.racks_compute)} compute + {_n(r.racks_network)} network, "
            if r.racks_compute is not None
            else ""
        )
        lines.append(
            f"racks         {racks}{_n(r.nodes_per_rack)} nodes a rack, {_n(r.rack_kw)} kW a full rack"
        )
    if r.scalable_units is not None:
        lines.append(
            f"units         {_n(r.scalable_units)} whole scalable units; "
            f"{_n(r.unit_spare_nodes)} nodes beyond them"
        )
    if r.unit_note:
        lines.append(f"  note        {printable(r.unit_note)}")
    return ["", *lines] if lines else []
