"""The validation page: NVIDIA's published switch tables and system power against clustersize's answers, each
row checked while the site builds (``docs/data/validation.toml``, computed by
[`clustersize_site.memo.validation`][clustersize_site.memo.validation])."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import fmt

from ..errors import MemoError
from ..registry import Context, directive
from ..render import cell, code_block, table
from ..validation import ANOMALY, FAIL, OK, PENDING, Cell, Table

MARK = {OK: "✔", ANOMALY: "✘ source anomaly", FAIL: "✘", PENDING: "pending"}
"""How a row's status is printed."""


def _shown(v: Any) -> str:
    return v if isinstance(v, str) else fmt.number(v)


def _cell(c: Cell) -> str:
    """``published / clustersize`` for a compared cell (✘ on a mismatch), the published value otherwise."""
    if c.computed is None:
        return _shown(c.published)
    computed = f"{_shown(c.computed - c.add)} + {c.add}" if c.add else _shown(c.computed)
    return f"{_shown(c.published)} / {computed}" + ("" if c.matches else " ✘")


@directive("validation: summary")
def summary(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """How many rows match, are marked source anomalies, or wait for a model field."""
    n = ctx.memo.validation.counts()
    if n[FAIL]:  # pragma: no cover - the data check stops the build first
        raise MemoError(f"validation: {n[FAIL]} rows do not match")
    return table(
        ["Rows", "✔ match", "✘ known source anomaly", "pending (needs a model field)"],
        [
            (
                fmt.number(n["rows"]),
                fmt.number(n[OK]),
                fmt.number(n[ANOMALY]),
                fmt.number(n[PENDING]),
            )
        ],
        "rrrr",
    )


def _table(t: Table) -> str:
    head = (
        f"### {t.title} {{ #val-{t.id} }}\n\nSource: <{t.source}> (stored copy read {t.read}).\n\n"
    )
    if t.note:
        head += cell(t.note) + "\n\n"
    if t.pending:
        head += f'!!! note "Pending"\n\n    This table {t.pending}: its rows are shown as published, unchecked.\n\n'
    link = f"[{t.title.partition(':')[0]}]({t.source})"
    rows = [(*(_cell(c) for c in r.cells), MARK[r.status], link) for r in t.rows]
    body = table([*t.headings, "Check", "Source"], rows, "r" * len(t.headings) + "ll")
    notes = [f"- **{h}**: clustersize's value + {n}, {cell(why)}." for h, n, why in t.adds]
    notes += [
        f"- **{h}, {fmt.number(r.cells[0].published)} SU**: {cell(c.anomaly)}"
        for r in t.rows
        for h, c in zip(t.headings, r.cells, strict=True)
        if c.anomaly
    ]
    cmd = next((r.cmd for r in t.rows if r.cmd), "")
    tail = ("\n\n" + "\n".join(notes)) if notes else ""
    if cmd:
        tail += "\n\nReproduce a row (its node count after `--nodes`):\n\n" + code_block(
            cmd, "bash"
        )
    return head + body + tail + "\n"


@directive("validation: tables")
def tables(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Each published switch table: published / clustersize per cell, a check per row, its source."""
    return "\n".join(_table(t) for t in ctx.memo.validation.tables)


@directive("validation: power")
def power(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Published system power (ledger figures) against the solver's power fields."""
    ledger = ctx.link("ledger.md")
    rows = []
    for p in ctx.memo.validation.power:
        fig = ctx.memo.ledger["figures"][p.figure]
        rows.append(
            (
                p.what,
                f"{fmt.number(p.published)} {p.unit} ([`{p.figure}`]({ledger}#fig-{p.figure}), "
                f"*{fig['status']}*)",
                f"{fmt.number(p.computed)} {p.unit} ({p.expr})",
                MARK[p.status],
                f"`{p.cmd}`",
            )
        )
    return table(
        ["Published figure", "Published", "clustersize", "Check", "Reproduce"], rows, "lrrll"
    )
