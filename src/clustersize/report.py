"""The human-readable report printed by the CLI (and the sweep table).

A config without the planning keys prints as it always did; the budget chain, the node power basis, the band
and each extra load get their own lines only when the config uses them.
"""

from __future__ import annotations

from .fmt import number as _n
from .fmt import printable, share
from .fmt import watts_long as _w
from .result import Result


def _share(x: float | None, whole: float, of: str) -> str:
    return "" if x is None or not whole else f"{share(x, whole, 2):>8} of {of}"


def _node_line(r: Result) -> str:
    each = f"{_w(r.p_node_w)} each"
    if r.p_node_nameplate_w is not None:
        other = "components" if r.power_basis == "nameplate" else "nameplate"
        shown = r.p_node_components_w if other == "components" else r.p_node_nameplate_w
        each += (
            f": {r.power_basis}; {other} {_w(shown)}, "
            f"nameplate / components {_n(r.p_node_nameplate_ratio)}"
        )
    return f"node          {printable(r.node_name)}  ({each})"


def budget_chain(r: Result) -> list[str]:
    """The cap as given → the IT cap after PUE → the IT budget after the planning margin (one line each)."""
    if r.cap_basis == "facility":
        lines = [
            f"cap           {_w(r.it_cap_w)}   facility power (cap_basis facility)",
            f"  IT cap      {_w(r.it_cap_after_pue_w)}   cap / PUE {_n(r.pue)}",
        ]
    else:
        lines = [f"IT cap        {_w(r.it_cap_w)}"]
    if r.planning_margin:
        lines.append(
            f"  IT budget   {_w(r.it_budget_w)}   "
            f"IT cap x (1 - {_n(r.planning_margin)} planning margin)"
        )
    return lines


_FIT = {"every": "every corner", "some": "some corners", "none": "no corner"}
"""How ``band_fit`` reads in the report: at how many corners of the band a fixed size fits."""


def _nodes_line(r: Result) -> str:
    notes = [f"min_nodes {r.min_nodes:,}"]
    if r.nodes_low is not None and r.nodes_high is not None:
        band = f"band {r.nodes_low:,}-{r.nodes_high:,}"
        if r.band_fit is not None:
            band += f"; fits at {_FIT[r.band_fit]}"
        notes.insert(0, band)
    return f"nodes         {_n(r.nodes)}   ({'; '.join(notes)})"


def _band_lines(r: Result) -> list[str]:
    if r.nodes_low is None or r.nodes_high is None:
        return []
    per_node = r.gpus // r.nodes if r.nodes else 0
    gpus = f", {r.nodes_low * per_node:,}-{r.nodes_high * per_node:,} GPUs" if per_node else ""
    count = len(r.ranged_inputs)
    return [
        f"band          {r.nodes_low:,}-{r.nodes_high:,} nodes{gpus}: from every ranged input at high "
        "to every one at low",
        f"  ranged      {count} input{'s' if count != 1 else ''}: {', '.join(r.ranged_inputs)} "
        "(the point answer uses typical)",
    ]


def _extra_lines(r: Result, whole: float, of: str) -> list[str]:
    if not r.extra_loads:
        return []
    lines = [f"  extra loads {_w(r.p_extra_w):>32}  {_share(r.p_extra_w, whole, of)}"]
    for load in r.extra_loads:
        lines.append(
            f"    {printable(load['name'])}: {load['count']:,} x {_w(load['power_w'])} = {_w(load['total_w'])}"
        )
    return lines


def _power_lines(r: Result) -> list[str]:
    whole = float(r.it_budget_w)
    of = "cap" if r.it_budget_w == r.it_cap_w else "budget"
    lines = [
        "",
        "power",
        f"  nodes       {_w(r.p_node_total_w):>32}  {_share(r.p_node_total_w, whole, of)}",
        f"  switching   {_w(r.p_switching_w):>32}  {_share(r.p_switching_w, whole, of)}",
        f"  optics      {_w(r.p_optics_w):>32}  {_share(r.p_optics_w, whole, of)}",
        *_extra_lines(r, whole, of),
        f"  total IT    {_w(r.p_total_w):>32}  {_share(r.p_total_w, whole, of)}",
        f"  headroom    {_w(r.headroom_w):>32}  {_share(r.headroom_w, whole, of)}",
    ]
    if r.p_facility_w is not None:
        role = "the cap's basis" if r.cap_basis == "facility" else "not part of the solve"
        lines.append(f"  facility    {_w(r.p_facility_w):>32}  (PUE {r.pue:g}; {role})")
    return lines


def _fabric_lines(r: Result) -> list[str]:
    return [
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
    ]


def render(result: Result, source: str) -> str:
    """A readable multi-line report of one result; ``source`` names where the config came from."""
    r = result
    lines = [
        f"clustersize {r.version} - {'largest cluster under the cap' if r.mode == 'max_nodes' else 'fixed size'}",
        f"config        {printable(source)}",
        _node_line(r),
        f"fabric        {printable(r.fabric_name)}",
        *budget_chain(r),
        "",
        f"status        {r.status.upper()}",
        _nodes_line(r),
        f"GPUs          {_n(r.gpus)}   ({r.gpus_per_mw:,.1f} GPUs per MW of cap)",
        f"binding       {r.binding_constraint or 'none'}: {r.binding_detail}",
        *_band_lines(r),
    ]
    if r.tiers is not None:
        lines += _fabric_lines(r) + _power_lines(r)
    elif r.extra_loads:
        lines += ["", "power", *_extra_lines(r, float(r.it_budget_w), "budget")]
    if r.shortfall_w is not None:
        more = "cap" if r.it_budget_w == r.it_cap_w else "IT budget"
        lines.append(f"shortfall     {_w(r.shortfall_w)} more {more} needed")
    lines += physical_lines(r)
    lines += [
        "",
        f"checked       {', '.join(r.invariants_checked)} ({r.evaluations} "
        f"design{'' if r.evaluations == 1 else 's'} evaluated)",
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
BAND_COLUMNS = ("nodes_low", "nodes_high")
"""Added to the sweep table when any point has ranged inputs."""


def sweep_table(path: str, values: list[int | float], results: list[Result]) -> str:
    """One row per sweep value."""
    ranged = any(r.nodes_low is not None for r in results)
    columns = (*SWEEP_COLUMNS[:1], *BAND_COLUMNS, *SWEEP_COLUMNS[1:]) if ranged else SWEEP_COLUMNS
    header = [printable(path), *columns]
    rows = [
        [_n(v), *(_n(getattr(r, c)) for c in columns)] for v, r in zip(values, results, strict=True)
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
