"""The rack table of the trade study: trade options sized at several rack-power budgets, and a figure of their
compute and network racks.

A page lists the rows as scenarios (``scenarios: [...]`` in the ``memo`` block); each is a trade option of
``docs/data/scenarios.toml`` plus a ``rack.*`` what-if. A row is labelled with that option's letter and the
budget from its config, so no label repeats a number by hand. Racks never change the solve.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import RESULT_LABELS, fmt

from ..data import Scenario
from ..errors import MemoError
from ..registry import Context, directive
from ..render import code_block, figure, table
from ..svg import stacked_bars

RACK_FIELDS = ("nodes_per_rack", "rack_kw", "racks_compute", "racks_network")
"""The result fields of a row, in table order (after the option, the budget, nodes, switches and switches per
network rack)."""


def _rows(ctx: Context, spec: Mapping[str, Any]) -> list[Scenario]:
    """The block's ``scenarios``, each checked to carry a rack."""
    names = spec.get("scenarios")
    if not isinstance(names, list) or not names:
        raise MemoError("racks: the block needs `scenarios: [NAME, ...]` (scenarios with a rack)")
    rows = [ctx.scenario(str(n)) for n in names]
    for sc in rows:
        if sc.config.rack is None:
            raise MemoError(f"racks: scenario {sc.name!r} has no rack (add a rack.max_kw what-if)")
    return rows


def option_of(ctx: Context, sc: Scenario) -> tuple[str, Scenario]:
    """The trade option (its letter and scenario) that ``sc`` is with its ``rack.*`` what-ifs removed."""
    base = [s for s in sc.sets if not s.startswith("rack.")]
    for i, name in enumerate(ctx.memo.trade.options):
        option = ctx.scenario(name)
        if (option.preset, option.sets, option.nodes) == (sc.preset, base, sc.nodes):
            return chr(65 + i), option
    raise MemoError(f"racks: scenario {sc.name!r} is no trade-study option plus rack.* what-ifs")


def budget(sc: Scenario) -> str:
    """The rack-power budget of a scenario's config: ``25 kW``."""
    assert sc.config.rack is not None  # _rows checked it
    return f"{fmt.number(sc.config.rack.max_kw)} kW"


def switches_per_rack(sc: Scenario) -> str:
    """The switches one network rack holds in a scenario's config."""
    assert sc.config.rack is not None  # _rows checked it
    return fmt.number(sc.config.rack.switches_per_rack)


@directive("racks: table")
def racks_table(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One row per scenario: option, rack budget, nodes, switches and the rack fields of the result."""
    out = []
    for sc in _rows(ctx, spec):
        letter, option = option_of(ctx, sc)
        r = sc.result
        out.append(
            (
                f"{letter}. {option.short}",
                budget(sc),
                fmt.number(r["nodes"]),
                fmt.number(r["switches_total"]),
                switches_per_rack(sc),
                *(fmt.number(r[key]) for key in RACK_FIELDS),
            )
        )
    header = ["Option", "Rack budget", RESULT_LABELS["nodes"], RESULT_LABELS["switches_total"]]
    header += ["Switches per network rack"]
    header += [RESULT_LABELS[key] + (" (kW)" if key == "rack_kw" else "") for key in RACK_FIELDS]
    return table(header, out, "llrrrrrrr")


@directive("racks: commands")
def racks_commands(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The command that reproduces each row."""
    return code_block("\n".join(sc.cmd for sc in _rows(ctx, spec)), "bash")


@directive("racks: figure")
def racks_figure(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Compute and network racks of each row, stacked."""
    rows = []
    for sc in _rows(ctx, spec):
        letter, _ = option_of(ctx, sc)
        values = (sc.result["racks_compute"], sc.result["racks_network"])
        rows.append((f"{letter}, {budget(sc)} racks", values))
    svg = stacked_bars(
        "fig-racks",
        rows,
        ["compute racks", "network racks"],
        x_label="Racks at the answer",
        title="Compute and network racks per option and rack-power budget",
        desc="Stacked bars of compute and network racks for each row of the rack table.",
    )
    caption = (
        "Compute and network racks of each row of the rack table, at each option's largest cluster under "
        "the cap; computed by the solver while this page was built."
    )
    return figure(svg, caption)
