"""The reference pages, generated from the code: the CLI's help and flags, every config key (from the JSON
Schema) and every result field (from ``RESULT_FIELDS``, with the reference case's values)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from clustersize import RESULT_FIELDS, fmt, schema
from clustersize.cli import build_parser

from ..commands import environ
from ..registry import Context, directive
from ..render import code_block, slug, table

ROLE = "reference"
"""The scenario role whose values fill the result reference (``[roles]`` in scenarios.toml)."""


@directive("reference: cli-help")
def cli_help(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """``python -m clustersize --help`` on a 100-column terminal."""
    with environ(COLUMNS="100"):
        return code_block(build_parser().format_help(), "text")


@directive("reference: cli-flags")
def cli_flags(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One row per long flag: its usage and help, with an anchor ``flag-NAME``."""
    rows = []
    for action in build_parser()._actions:
        longs = [o for o in action.option_strings if o.startswith("--")]
        if not longs:
            continue
        flag = longs[0]
        shorts = [o for o in action.option_strings if o != flag]
        metavar = action.metavar or ("" if action.nargs == 0 else action.dest.upper())
        if isinstance(metavar, tuple):
            metavar = " ".join(metavar)
        if action.nargs == "?":
            metavar = f"[{metavar}]"
        usage = f"`{flag}{' ' + metavar if metavar else ''}`" + (
            f" (`{'`, `'.join(shorts)}`)" if shorts else ""
        )
        rows.append((f'<span id="flag-{flag[2:]}"></span>{usage}', action.help or ""))
    return table(["Flag", "What it does"], rows, "ll")


def _schema_rows(
    obj: dict[str, Any], defs: dict[str, Any], prefix: str
) -> Iterator[tuple[str, ...]]:
    """One row per property of a schema object, depth first into ``$ref`` objects."""
    required = set(obj.get("required", []))
    for key, prop in obj["properties"].items():
        path = prefix + key
        ref = prop.get("$ref")
        typ = (
            f"object ({ref.rsplit('/', 1)[-1]})"
            if ref
            else prop.get("type") or " / ".join(json.dumps(e) for e in prop.get("enum", []))
        )
        bounds = [
            f"{sym} {fmt.number(prop[k])}"
            for k, sym in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"))
            if k in prop
        ]
        if prop.get("minLength"):
            bounds.append("non-empty")
        if key in required:
            req = "required"
        else:
            req = f"default {json.dumps(prop['default'])}" if "default" in prop else "optional"
        desc = re.sub(r"\s*Unit: [^.]*\.$", "", prop.get("description", ""))
        yield (
            f'<span id="cfg-{slug(path)}"></span>`{path}`',
            typ,
            prop.get("x-unit", "—"),
            req,
            ", ".join(bounds) or "—",
            desc,
        )
        if ref:
            yield from _schema_rows(defs[ref.rsplit("/", 1)[-1]], defs, path + ".")


@directive("reference: config")
def config(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every config key: type, unit, required or default, bounds and meaning, anchored ``cfg-PATH``."""
    sch = schema.build_schema()
    rows = list(_schema_rows(sch, sch["$defs"], ""))
    header = ["Key", "Type", "Unit", "Required / default", "Bounds", "Meaning"]
    return table(header, rows, "llllll")


@directive("reference: results")
def results(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every result field: unit, meaning and the reference case's value as JSON, anchored ``res-KEY``."""
    r = ctx.memo.role(ROLE).result
    rows = [
        (
            f'<span id="res-{key}"></span>`{key}`',
            unit or "—",
            doc,
            f"`{json.dumps(r[key], ensure_ascii=False)}`",
        )
        for key, unit, doc in RESULT_FIELDS
    ]
    return table(["Key", "Unit", "Meaning", "Reference case"], rows, "llll")
