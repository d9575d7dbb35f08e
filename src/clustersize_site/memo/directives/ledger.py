"""The assumptions ledger page: the sources, and one table per bundled config of every input number with
its status, source and check date (``docs/data/ledger.toml``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clustersize import examples, fmt, model

from ..ledger import config_numbers
from ..registry import Context, directive
from ..render import slug, table


@directive("ledger: sources")
def sources(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """The named sources the entries cite."""
    rows = [
        (f'<span id="src-{slug(k)}"></span>`{k}`', text)
        for k, text in ctx.memo.ledger["sources"].items()
    ]
    return table(["Source", "What it is"], rows, "ll")


@directive("ledger: entries")
def entries(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One section per bundled config: every number, its unit, status, source and check date."""
    units = {m.dotted: m.spec.unit for m in model.walk()}
    known = ctx.memo.ledger["sources"]
    cfg_ref = ctx.link("reference/config.md")
    parts = []
    for name in examples.names():
        ledger = ctx.memo.ledger["configs"][name]
        rows = []
        for path, value in config_numbers(ctx.memo.configs[name]).items():
            e = ledger[path]
            source = e["source"]
            rows.append(
                (
                    f"[`{path}`]({cfg_ref}#cfg-{slug(path)})",
                    fmt.number(value),
                    units[path] or "—",
                    f"**{e['status']}**",
                    f"[`{source}`](#src-{slug(source)})" if source in known else source,
                    e.get("checked") or "not verified",
                )
            )
        desc = ctx.memo.configs[name].get("description", "")
        parts.append(
            f"### `{name}` {{ #ledger-{name} }}\n\n{desc}\n\nReproduce: `python -m clustersize --preset {name}`; "
            f"print the config: `python -m clustersize --example {name}`.\n\n"
            + table(["Input", "Value", "Unit", "Status", "Source", "Checked"], rows, "lrllll")
            + "\n"
        )
    return "\n".join(parts)
