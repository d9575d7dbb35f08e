"""The power model page: the worked example re-derived term by term, and which power fields may be zero."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from clustersize import fmt, model
from clustersize.model import Config, Range

from ..errors import MemoError
from ..registry import Context, directive
from ..render import slug, table

n_ = fmt.number


def _watts(v: Any) -> str:
    return fmt.with_unit(v, "W")


def _typ(x: float | Range) -> float:
    """A wattage as the point answer uses it: a range counts at its typical value."""
    return x.typical if isinstance(x, Range) else x


def _budget(c: Config) -> float:
    """The IT budget in W, as the power model page states it: cap (/ PUE on the facility basis) × (1 − margin)."""
    cap = c.it_cap_mw * 1e6 / (_typ(c.pue) if c.cap_basis == "facility" and c.pue else 1)
    return cap * (1 - c.planning_margin)


def _budget_expr(c: Config, r: Mapping[str, Any]) -> str:
    expr = n_(r["it_cap_w"])
    if c.cap_basis == "facility" and c.pue is not None:
        expr += f" / {n_(r['pue'])}"
    if c.planning_margin:
        expr += f" × (1 − {n_(c.planning_margin)})"
    return expr


def _agree(r: Mapping[str, Any], *terms: tuple[float, str]) -> None:
    """Fail the build when a term re-derived on the page disagrees with the solver's result field."""
    for mine, key in terms:
        if not math.isclose(mine, r[key], rel_tol=1e-12, abs_tol=1e-9):
            raise MemoError(
                f"worked example disagrees with the solver on {key}: {mine} != {r[key]}"
            )


@directive("worked")
def worked(ctx: Context, name: str, spec: Mapping[str, Any]) -> str:
    """One scenario's IT power, term by term from its config; the build fails if a term disagrees with
    the solver."""
    sc = ctx.scenario(name)
    r, n, f = sc.result, sc.config.node, sc.config.fabric
    core = f.core_switch
    # the node's parts as the memo's power-model page writes them: (how many, W each)
    parts = [(n.gpus_per_node, n.gpu_w), (n.nics_per_node, n.nic_w)]
    parts += [(1, w) for w in (n.cpu_w, n.dram_w, n.nvme_w, n.node_aux_w)]
    p_node = sum(k * _typ(w) for k, w in parts)
    p_sw = (
        r["leaves"] * _typ(f.leaf.power_w)
        + r["spines"] * _typ(f.spine.power_w)
        + r["cores"] * _typ(core.power_w)
    )
    p_opt = 2 * r["links_total"] * _typ(f.optic_w_per_link_end)
    _agree(
        r,
        (p_node, "p_node_w"),
        (r["nodes"] * p_node, "p_node_total_w"),
        (p_sw, "p_switching_w"),
        (p_opt, "p_optics_w"),
        (r["nodes"] * p_node + p_sw + p_opt, "p_total_w"),
        (_budget(sc.config), "it_budget_w"),
    )
    rows = [
        (
            "Node power \\(P_\\text{node}\\)",
            f"{n_(n.gpus_per_node)} × {n_(n.gpu_w)} + {n_(n.cpu_w)} + {n_(n.dram_w)} + {n_(n.nvme_w)} + "
            f"{n_(n.nics_per_node)} × {n_(n.nic_w)} + {n_(n.node_aux_w)}",
            _watts(r["p_node_w"]),
        ),
        ("All nodes", f"{n_(r['nodes'])} × {n_(r['p_node_w'])}", _watts(r["p_node_total_w"])),
        (
            "Switching \\(P_\\text{sw}\\)",
            f"{n_(r['leaves'])} × {n_(f.leaf.power_w)} + {n_(r['spines'])} × {n_(f.spine.power_w)} + "
            f"{n_(r['cores'])} × {n_(core.power_w)}",
            _watts(r["p_switching_w"]),
        ),
        (
            "Optics \\(P_\\text{opt}\\)",
            f"2 × {n_(r['links_total'])} × {n_(f.optic_w_per_link_end)}",
            _watts(r["p_optics_w"]),
        ),
        (
            "Total IT \\(P_\\text{IT}\\)",
            f"{n_(r['p_node_total_w'])} + {n_(r['p_switching_w'])} + {n_(r['p_optics_w'])}",
            _watts(r["p_total_w"]),
        ),
        ("Cap \\(C\\)", f"{n_(sc.config.it_cap_mw)} MW × 10⁶", _watts(r["it_cap_w"])),
        ("IT budget \\(B\\)", _budget_expr(sc.config, r), _watts(r["it_budget_w"])),
        ("Headroom", f"{n_(r['it_budget_w'])} − {n_(r['p_total_w'])}", _watts(r["headroom_w"])),
    ]
    return table(["Term", "Reference case, W", "Value"], rows, "llr")


@directive("zero-fields")
def zero_fields(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every bounded number field of the config and whether it may be zero (from the field declarations)."""
    rows = []
    for m in model.walk():
        lo = m.spec.minimum
        if m.spec.kind != "number" or lo is None:
            continue
        if lo == 0:
            zero = "must be > 0" if m.spec.exclusive_minimum else "may be 0"
        else:
            zero = f"≥ {n_(lo)}"
        rows.append(
            (
                f"[`{m.dotted}`]({ctx.link('reference/config.md')}#cfg-{slug(m.dotted)})",
                m.spec.unit or "—",
                zero,
                m.spec.doc,
            )
        )
    return table(["Field", "Unit", "Rule", "Meaning"], rows, "llll")
