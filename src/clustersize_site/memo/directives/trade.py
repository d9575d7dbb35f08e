"""The topology trade study: the options table, the commands, and the two figures (GPUs against the cap,
fabric power per option). The options and the sweep are ``[trade]`` in ``docs/data/scenarios.toml``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import api, examples, fmt
from clustersize.output import result_to_dict

from ..data import Scenario
from ..registry import Context, directive
from ..render import code_block, figure, table
from ..svg import line_chart, stacked_bars
from .summary import switch_counts


def _options(ctx: Context) -> list[tuple[str, Scenario]]:
    """Each option with its letter (A, B, ...), in table order."""
    return [(chr(65 + i), ctx.scenario(o)) for i, o in enumerate(ctx.memo.trade.options)]


@directive("trade: table")
def trade_table(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One row per option: fabric, size, power of the fabric and what binds."""
    rows = []
    for letter, o in _options(ctx):
        r = o.result
        rows.append(
            (
                f"{letter}. {o.title}",
                fmt.number(r["tiers"]),
                fmt.number(r["planes"]),
                fmt.with_unit(r["oversubscription"], "ratio"),
                fmt.number(r["nodes"]),
                fmt.number(r["gpus"]),
                fmt.with_unit(r["gpus_per_mw"], "GPUs/MW"),
                switch_counts(r),
                fmt.number(r["optics"]),
                fmt.styled(r["p_switching_w"], "W", "kw"),
                fmt.styled(r["p_optics_w"], "W", "kw"),
                r["binding_constraint"],
            )
        )
    header = ["Option", "Tiers", "Planes", "Oversub.", "Nodes", "GPUs", "GPUs/MW"]
    header += ["Leaf / spine / core", "Optics", "Switching", "Optics power", "Binding"]
    return table(header, rows, "lrrrrrrrrrrl")


@directive("trade: commands")
def trade_commands(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The command that reproduces each option."""
    return code_block("\n".join(o.cmd for _, o in _options(ctx)), "bash")


def _sweep(o: Scenario, spec: str) -> list[dict[str, Any]]:
    swept = api.sweep(examples.text(o.preset), spec, None, o.sets)
    return [result_to_dict(r) for r in swept.results]


@directive("trade: gpus-figure")
def gpus_figure(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """GPUs that fit against the IT cap, one line per option (the ``[trade] sweep``)."""
    sweep = ctx.memo.trade.sweep
    series = [
        (
            f"{letter}. {o.short}",
            [(r["it_cap_w"] / 1e6, r["gpus"]) for r in _sweep(o, sweep) if r["status"] == "ok"],
        )
        for letter, o in _options(ctx)
    ]
    svg = line_chart(
        "fig-gpus-vs-cap",
        series,
        x_label="IT power cap (MW)",
        y_label="GPUs that fit",
        title="GPUs that fit under the IT cap, per topology option",
        desc="One line per trade-study option; the 2-tier option stops growing once its fabric is full.",
    )
    caption = (
        f"GPUs that fit versus the IT power cap (<code>--sweep {sweep}</code>), one line per option of the "
        "table above; computed by the solver while this page was built."
    )
    return figure(svg, caption)


@directive("trade: fabric-figure")
def fabric_figure(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Switch and optics power of each option, stacked."""
    rows = [
        (f"{letter}. {o.short}", (o.result["p_switching_w"], o.result["p_optics_w"]))
        for letter, o in _options(ctx)
    ]
    svg = stacked_bars(
        "fig-fabric-power",
        rows,
        ["switching", "optics"],
        x_label="Fabric power at the answer (kW)",
        title="Fabric power (switches and optics) per topology option",
        desc="Stacked bars of switching and optics power in kW at each option's largest cluster.",
        value=fmt.kilowatts,
        scale=1e3,
    )
    return figure(
        svg, "Switch and optics power of each option at its largest cluster under the cap."
    )
