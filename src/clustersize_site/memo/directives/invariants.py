"""The invariants page and the enforcing-tests index: each ID with its statement and the tests named for it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..registry import Context, directive
from ..render import code_block, indent, table


@directive("invariants")
def invariants(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The invariants table: ID, statement, how it is enforced and links to its tests."""
    idx = ctx.link("reference/tests.md")
    rows = []
    for inv in ctx.memo.invariants:
        links = "<br>".join(f"[`{t.name}`]({idx}#{t.anchor})" for t in ctx.memo.tests_for(inv.id))
        rows.append(
            (
                f'<span id="{inv.id.lower()}"></span>**{inv.id}**',
                inv.statement,
                f"{inv.enforced}<br>{links}",
            )
        )
    return table(["ID", "Invariant", "Enforced by"], rows, "lll")


@directive("tests")
def tests(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One section per ID: its statement and each enforcing test with its docstring and source."""
    parts = []
    for inv in ctx.memo.invariants:
        back = ctx.link("invariants.md", inv.id.lower())
        parts.append(f"## {inv.id} {{ #{inv.id.lower()} }}\n\n{inv.statement} ([table]({back}))\n")
        for t in ctx.memo.tests_for(inv.id):
            doc = t.doc.splitlines()[0] if t.doc else "(no docstring)"
            parts.append(
                f'<span id="{t.anchor}"></span>**`{t.name}`** in `{t.path}`, line {t.lineno}  \n{doc}\n\n'
                f'??? quote "Source of `{t.name}`"\n\n'
                + indent(code_block(t.source, "python"), 4)
                + "\n"
            )
    return "\n".join(parts)
