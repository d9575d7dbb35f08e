"""The executive summary: what the answer assumes (the cap's basis, margin, node power, other loads, the band),
the headline table, where the watts go, and every bundled example."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import RESULT_LABELS, RESULT_UNITS, api, examples, fmt
from clustersize.output import result_to_dict

from ..errors import MemoError
from ..registry import Context, directive
from ..render import table


def field_text(r: Mapping[str, Any], key: str, mod: str = "") -> str:
    """Result field ``key`` of ``r`` in the unit ``RESULT_UNITS`` declares for it, under a modifier of
    [`fmt.styled`][clustersize.fmt.styled] (``pct``: its share of the result's own ``it_cap_w``)."""
    return fmt.styled(r[key], RESULT_UNITS[key], mod, cap_w=r["it_cap_w"])


def switch_counts(r: Mapping[str, Any]) -> str:
    """``leaves / spines / cores`` of a result."""
    return f"{fmt.number(r['leaves'])} / {fmt.number(r['spines'])} / {fmt.number(r['cores'])}"


def _mw(w: float) -> str:
    return fmt.megawatts(w)


def cap_reading(r: Mapping[str, Any]) -> dict[str, str]:
    """How a result reads its cap, in words from its own fields: ``cap`` (IT or facility power), ``margin``,
    ``node`` (the power basis) and ``loads`` (other loads in the budget)."""
    pue = fmt.number(r["pue"])
    if r["cap_basis"] == "facility":
        cap = f"**facility power**: the IT cap is {_mw(r['it_cap_w'])} / PUE {pue} = {_mw(r['it_cap_after_pue_w'])}"
    else:
        cap = "**IT power**: nodes, switches and optics must fit under it" + (
            f"; PUE {pue} only reports facility power" if r["pue"] is not None else ""
        )
    if r["planning_margin"]:
        held = fmt.share(r["planning_margin"], 1, 0)
        margin = f"**{held} held back**: the IT budget is {_mw(r['it_budget_w'])}"
    else:
        margin = f"**none**: the IT budget is the whole IT cap, {_mw(r['it_budget_w'])}"
    basis = "the sum of its components" if r["power_basis"] == "components" else "its nameplate"
    node = f"**{basis}**, {fmt.with_unit(r['p_node_w'], 'W')} per node"
    loads = [
        f"{x['name']} ({fmt.number(x['count'])} × {fmt.with_unit(x['power_w'], 'W')})"
        for x in r["extra_loads"]
    ]
    other = f"**{'; '.join(loads)}**, {fmt.with_unit(r['p_extra_w'], 'W')}" if loads else "**none**"
    return {"cap": cap, "margin": margin, "node": node, "loads": other}


def reading_phrase(r: Mapping[str, Any]) -> str:
    """One phrase for prose: ``the 5 MW cap read as IT power, no planning margin, …``."""
    cap = "facility power" if r["cap_basis"] == "facility" else "IT power"
    margin = (
        f"{fmt.share(r['planning_margin'], 1, 0)} of it held back"
        if r["planning_margin"]
        else "no planning margin"
    )
    basis = "the sum of its components" if r["power_basis"] == "components" else "its nameplate"
    loads = "other loads in the budget" if r["extra_loads"] else "no other loads in the budget"
    return (
        f"the {_mw(r['it_cap_w'])} cap read as {cap}, {margin}, each node at {basis} "
        f"({fmt.with_unit(r['p_node_w'], 'W')}) and {loads}"
    )


def _band(ctx: Context, nodes: int, spec: Mapping[str, Any]) -> str:
    """``, band LOW–HIGH …`` from the ``band:`` scenario, whose point answer must be ``nodes``."""
    if "band" not in spec:
        return ""
    sc = ctx.scenario(str(spec["band"]))
    b = sc.result
    if b["nodes"] != nodes or b["nodes_low"] is None:
        raise MemoError(
            f"band scenario {sc.name!r} must have ranged inputs around the same point answer "
            f"({b['nodes']} nodes, band {b['nodes_low']}–{b['nodes_high']}; the headline has {nodes})"
        )
    return (
        f"; **band {fmt.number(b['nodes_low'])}–{fmt.number(b['nodes_high'])}** with "
        f"{len(b['ranged_inputs'])} inputs over illustrative ranges ([sensitivity]({ctx.link('sensitivity.md')}))"
    )


@directive("assumptions")
def assumptions(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """What one scenario's answer assumes, each with its config key, and its answer with the band of the
    ``band:`` scenario (ranged inputs around the same point answer)."""
    sc = ctx.scenario(name)
    r = sc.result
    reading = cap_reading(r)
    cfg = ctx.link("reference/config.md")
    rows = [
        (f"The {_mw(r['it_cap_w'])} cap is", reading["cap"], "cap_basis"),
        ("Planning margin", reading["margin"], "planning_margin"),
        ("Node power", reading["node"], "power_basis"),
        ("Other loads in the budget", reading["loads"], "extra_loads"),
    ]
    out = [(q, v, f"[`{k}`]({cfg}#cfg-{k.replace('_', '-')})") for q, v, k in rows]
    res = ctx.link("reference/results.md")
    answer = f"**{fmt.number(r['nodes'])} nodes**, {fmt.number(r['gpus'])} GPUs"
    answer += _band(ctx, r["nodes"], spec)
    keys = ("nodes", "nodes_low", "nodes_high") if "band" in spec else ("nodes",)
    out.append(("Answer", answer, ", ".join(f"[`{k}`]({res}#res-{k})" for k in keys)))
    return table(["The answer assumes", sc.short, "Config key"], out, "lll")


@directive("headline")
def headline(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """The answer for one scenario: one row per quantity, each linked to its result field."""
    r = ctx.scenario(name).result
    rows = [
        (RESULT_LABELS["it_cap_w"], field_text(r, "it_cap_w", "mw"), "it_cap_w"),
        *(
            (RESULT_LABELS[k], field_text(r, k), k)
            for k in ("nodes", "gpus", "gpus_per_mw", "tiers")
        ),
        ("Leaf / spine / core switches", switch_counts(r), "switches_total"),
        (RESULT_LABELS["switches_total"], field_text(r, "switches_total"), "switches_total"),
        (
            "Links / optics (link ends)",
            f"{fmt.number(r['links_total'])} / {fmt.number(r['optics'])}",
            "optics",
        ),
        (
            RESULT_LABELS["p_total_w"],
            f"{field_text(r, 'p_total_w')} ({field_text(r, 'p_total_w', 'pct')} of cap)",
            "p_total_w",
        ),
        (
            RESULT_LABELS["binding_constraint"],
            f"{r['binding_constraint']}: {r['binding_detail']}",
            "binding_constraint",
        ),
    ]
    res = ctx.link("reference/results.md")
    return table(
        ["Quantity", "Value", "Result field"],
        [(q, v, f"[`{k}`]({res}#res-{k})") for q, v, k in rows],
        "lrl",
    )


WATTS = (
    "p_node_total_w",
    "p_leaf_w",
    "p_spine_w",
    "p_core_w",
    "p_optics_w",
    "p_total_w",
    "headroom_w",
)
"""The power fields of the watts table, in row order."""


@directive("watts")
def watts(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """Where one scenario's watts go: each power field and its share of the IT cap."""
    r = ctx.scenario(name).result
    rows = [(RESULT_LABELS[k], field_text(r, k), field_text(r, k, "pct"), f"`{k}`") for k in WATTS]
    if r.get("p_facility_w") is not None:
        rows.append(
            (
                f"Facility power at PUE {fmt.number(r['pue'])} (reported only)",
                field_text(r, "p_facility_w"),
                "not part of the solve",
                "`p_facility_w`",
            )
        )
    return table(["Where the watts go", "Power", "Share of cap", "Field"], rows, "lrrl")


@directive("presets")
def presets(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every bundled example sized as shipped, with the command that reproduces it."""
    rows = []
    for name in examples.names():
        _, config = api.prepare(examples.text(name))
        r = result_to_dict(api.size(config))
        rows.append(
            (
                f"`{name}`",
                *(
                    field_text(r, k)
                    for k in ("nodes", "gpus", "gpus_per_mw", "tiers", "switches_total")
                ),
                fmt.styled(r["p_switching_w"] + r["p_optics_w"], "W", "kw"),
                r["binding_constraint"],
                f"`python -m clustersize --preset {name}`",
            )
        )
    header = ["Example", "Nodes", "GPUs", "GPUs/MW", "Tiers", "Switches", "Fabric power"]
    return table([*header, "Binding", "Reproduce"], rows, "lrrrrrrll")
