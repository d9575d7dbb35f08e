"""The executive summary: the headline table, where the watts go, and every bundled example."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import RESULT_LABELS, api, examples, fmt
from clustersize.output import result_to_dict

from ..registry import Context, directive
from ..render import table


def switch_counts(r: Mapping[str, Any]) -> str:
    """``leaves / spines / cores`` of a result."""
    return f"{fmt.number(r['leaves'])} / {fmt.number(r['spines'])} / {fmt.number(r['cores'])}"


@directive("headline")
def headline(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """The answer for one scenario: one row per quantity, each linked to its result field."""
    r = ctx.scenario(name).result
    cap = r["it_cap_w"]
    total = r["p_total_w"]
    rows = [
        (RESULT_LABELS["it_cap_w"], fmt.styled(cap, "W", "mw"), "it_cap_w"),
        (RESULT_LABELS["nodes"], fmt.number(r["nodes"]), "nodes"),
        (RESULT_LABELS["gpus"], fmt.number(r["gpus"]), "gpus"),
        (RESULT_LABELS["gpus_per_mw"], fmt.with_unit(r["gpus_per_mw"], "GPUs/MW"), "gpus_per_mw"),
        (RESULT_LABELS["tiers"], fmt.number(r["tiers"]), "tiers"),
        ("Leaf / spine / core switches", switch_counts(r), "switches_total"),
        (RESULT_LABELS["switches_total"], fmt.number(r["switches_total"]), "switches_total"),
        (
            "Links / optics (link ends)",
            f"{fmt.number(r['links_total'])} / {fmt.number(r['optics'])}",
            "optics",
        ),
        (
            RESULT_LABELS["p_total_w"],
            f"{fmt.with_unit(total, 'W')} ({fmt.styled(total, 'W', 'pct', cap)} of cap)",
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
    cap = r["it_cap_w"]
    rows = [
        (RESULT_LABELS[k], fmt.with_unit(r[k], "W"), fmt.styled(r[k], "W", "pct", cap), f"`{k}`")
        for k in WATTS
    ]
    if r.get("p_facility_w") is not None:
        rows.append(
            (
                f"Facility power at PUE {fmt.number(r['pue'])} (reported only)",
                fmt.with_unit(r["p_facility_w"], "W"),
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
                fmt.number(r["nodes"]),
                fmt.number(r["gpus"]),
                fmt.with_unit(r["gpus_per_mw"], "GPUs/MW"),
                fmt.number(r["tiers"]),
                fmt.number(r["switches_total"]),
                fmt.styled(r["p_switching_w"] + r["p_optics_w"], "W", "kw"),
                r["binding_constraint"],
                f"`python -m clustersize --preset {name}`",
            )
        )
    header = ["Example", "Nodes", "GPUs", "GPUs/MW", "Tiers", "Switches", "Fabric power"]
    return table([*header, "Binding", "Reproduce"], rows, "lrrrrrrll")
