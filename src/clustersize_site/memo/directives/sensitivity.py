"""The sensitivity page: the tornado chart and its table (one ranged input at a time, from
[`swings`][clustersize.sensitivity.swings]) and the implicit planning choices (from
[`implicit_choices`][clustersize.sensitivity.implicit_choices], values from ``[implicit]`` in scenarios.toml),
each row with the command that reproduces it."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any

from clustersize import api, examples, fmt
from clustersize.config import parse_config
from clustersize.sensitivity import (
    NEUTRAL,
    Choice,
    ChoiceTable,
    Sensitivity,
    Swing,
    implicit_choices,
    swings,
)
from clustersize.whatif import apply_set

from ..data import Memo, Scenario, scenario_argv
from ..errors import MemoError
from ..registry import Context, directive
from ..render import code_block, figure, slug, table
from ..svg import tornado

PARTS = ("input at its high end", "input at its low end")
"""The two halves of a tornado bar: the high end of an input costs nodes (left), the low end gains (right)."""


def ranged_swings(sc: Scenario) -> Sensitivity:
    """The one-at-a-time swings of a scenario with ranged inputs (a scenario without is an error)."""
    table = swings(sc.config)
    if not table.rows:
        raise MemoError(f"scenario {sc.name!r} has no ranged inputs to swing")
    return table


def _ends(row: Swing) -> str:
    unit = f" {row.unit}" if row.unit else ""
    return f"{fmt.number(row.low)} to {fmt.number(row.high)}{unit}"


@directive("tornado")
def tornado_figure(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """The tornado chart of one scenario: each ranged input's low/high effect on nodes, largest swing first."""
    sc = ctx.scenario(name)
    t = ranged_swings(sc)
    rows = [(f"{r.path} ({_ends(r)})", r.nodes_at_high, r.nodes_at_low) for r in t.rows]
    marks = [
        (f"point {fmt.number(t.nodes)}", t.nodes),
        (f"band low {fmt.number(t.nodes_low)}", t.nodes_low),
        (f"band high {fmt.number(t.nodes_high)}", t.nodes_high),
    ]
    svg = tornado(
        "fig-tornado",
        rows,
        marks,
        PARTS,
        x_label="Nodes that fit",
        title=f"Nodes that fit as each ranged input moves alone: {sc.title}",
        desc="One bar per ranged input, largest swing first: the left end is the node count with that input "
        "at its high end, the right end at its low end, every other input at typical. Solid line: the point "
        "answer; dashed lines: the band, every input at its high end and every input at its low end.",
    )
    caption = (
        f"One input at a time for <code>{sc.name}</code>: each bar runs from the nodes that fit with that input "
        "at its high end to the nodes with it at its low end, every other input at typical. The dashed lines "
        "are the band, where every input moves at once. Computed by the solver while this page was built."
    )
    return figure(svg, caption)


@directive("swings")
def swings_table(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """The tornado's numbers: each ranged input's ends and the nodes at each, then the band."""
    t = ranged_swings(ctx.scenario(name))
    cfg = ctx.link("reference/config.md")
    n = fmt.number
    rows = [
        (
            f"[`{r.path}`]({cfg}#cfg-{slug(_shape(r.path))})",
            n(r.low),
            n(r.typical),
            n(r.high),
            r.unit or "—",
            n(r.nodes_at_high),
            n(r.nodes_at_low),
            n(r.swing),
        )
        for r in t.rows
    ]
    rows.append(
        (
            "**every input at once (the band)**",
            "",
            "",
            "",
            "",
            n(t.nodes_low),
            n(t.nodes_high),
            n(t.nodes_high - t.nodes_low),
        )
    )
    header = ["Input", "Low", "Typical", "High", "Unit", "Nodes at high", "Nodes at low", "Swing"]
    return table(header, rows, "lrrrlrrr")


def _shape(path: str) -> str:
    """A dotted path with list indices as ``*`` (``extra_loads.0.power_w`` → ``extra_loads.*.power_w``)."""
    return ".".join("*" if p.isdecimal() else p for p in path.split("."))


# --- implicit choices -------------------------------------------------------------------------------------------


def implicit_base(memo: Memo) -> Scenario:
    """The scenario ``[implicit]`` applies the choices to."""
    if memo.implicit is None:
        raise MemoError("scenarios.toml has no [implicit] table")
    return memo.scenario(memo.implicit.scenario)


def implicit_table(memo: Memo) -> ChoiceTable:
    """The implicit choices of ``[implicit]``, each alone and all together, on the scenario's neutral baseline."""
    sc = implicit_base(memo)
    assert memo.implicit is not None
    raw = api.raw_config(examples.text(sc.preset), sc.sets)
    try:
        return implicit_choices(raw, **memo.implicit.values)
    except TypeError as exc:  # a key implicit_choices does not take
        raise MemoError(f"[implicit] in scenarios.toml: {exc}") from None


def every_choice(t: ChoiceTable) -> tuple[Choice, ...]:
    """The rows of a choice table, then all of them together (when there is more than one)."""
    return (*t.rows, t.combined) if t.combined else t.rows


def neutral_sets(sc: Scenario) -> list[str]:
    """The [`NEUTRAL`][clustersize.sensitivity.NEUTRAL] what-ifs that change the scenario's config (the
    others are its defaults already, and a command needs no ``--set`` for them)."""
    raw = api.raw_config(examples.text(sc.preset), sc.sets)
    config = parse_config(raw)
    return [s for s in NEUTRAL if parse_config(apply_set(raw, s)) != config]


def choice_cmd(sc: Scenario, choice: Choice | None) -> str:
    """The command that sizes the neutral baseline (``choice`` None) or one choice on it."""
    sets = [*sc.sets, *neutral_sets(sc), *(choice.sets if choice else ())]
    return "python -m clustersize " + shlex.join(scenario_argv(sc.preset, sets, None))


def signed(delta: int, baseline: int, digits: int = 0) -> tuple[str, str]:
    """A change in nodes and as a share of the baseline, signed: ``("−116", "−23 %")``."""
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    return f"{sign}{fmt.number(abs(delta))}", f"{sign}{fmt.share(abs(delta), baseline, digits)}"


def _what_ifs(sets: tuple[str, ...]) -> str:
    return "<br>".join(f"`--set {shlex.quote(s)}`" for s in sets)


def fabric_spread(memo: Memo) -> tuple[int, int, list[Scenario]]:
    """The trade study's options against its first (the reference): the smallest and largest change in nodes
    over the options that power binds, and the options the fabric binds instead."""
    base, *others = [memo.scenario(o) for o in memo.trade.options]
    deltas = [
        o.result["nodes"] - base.result["nodes"]
        for o in others
        if o.result["binding_constraint"] == "power"
    ]
    bound = [o for o in others if o.result["binding_constraint"] != "power"]
    return min(deltas, default=0), max(deltas, default=0), bound


def _fabric_row(memo: Memo, ctx: Context) -> tuple[str, ...]:
    lo, hi = fabric_spread(memo)[:2]
    base = memo.scenario(memo.trade.options[0]).result["nodes"]
    label = f"any fabric option of the [trade study]({ctx.link('trade-study.md')}) that power binds"
    (lo_n, lo_s), (hi_n, hi_s) = signed(lo, base, 1), signed(hi, base, 1)
    change, share = f"{lo_n} to {hi_n}", f"{lo_s} to {hi_s}"
    return (label, "", change, share, "see the trade study")


@directive("implicit: table")
def implicit_rows(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The neutral baseline, one row per implicit choice alone (largest loss first), all of them together, and
    the spread of the trade study's power-bound fabric options."""
    t = implicit_table(ctx.memo)
    rows: list[tuple[str, ...]] = [
        ("none: the neutral baseline (IT cap, no margin, component power, no other loads)",
         fmt.number(t.baseline), "", "", "")
    ]  # fmt: skip
    for c in every_choice(t):
        label = f"**{c.label}**" if c is t.combined else c.label
        rows.append((label, fmt.number(c.nodes), *signed(c.delta, c.baseline), _what_ifs(c.sets)))
    rows.append(_fabric_row(ctx.memo, ctx))
    header = ["Planning choice", "Nodes", "Change", "Share", "What-ifs on the baseline"]
    return table(header, rows, "lrrrl")


@directive("implicit: commands")
def implicit_commands(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The command of the baseline and of each choice row, each under its label."""
    sc = implicit_base(ctx.memo)
    t = implicit_table(ctx.memo)
    lines = ["# the neutral baseline", choice_cmd(sc, None)]
    for c in every_choice(t):
        lines += ["", f"# {c.label}", choice_cmd(sc, c)]
    return code_block("\n".join(lines), "bash")
