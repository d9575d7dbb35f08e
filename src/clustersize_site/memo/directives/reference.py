"""The reference pages, generated from the code: the CLI's help and flags, every config key (from the model
walk, the declarations the validator and the JSON Schema read) and every result field (from ``RESULT_FIELDS``,
with the reference case's values)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from clustersize import RESULT_FIELDS, fmt, model
from clustersize.cli import build_parser
from clustersize.declare import ModelField

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


def _type(m: ModelField) -> str:
    """A field's type as the reference states it: a range-or-number, an object, a list or the choices."""
    spec = m.spec
    name = spec.obj.__name__ if spec.obj is not None else ""
    if spec.kind == "array":
        return f"list of {name}"
    if spec.kind == "object":
        return f"object ({name})"
    if spec.kind == "choice":
        return " / ".join(json.dumps(c) for c in spec.choices)
    if spec.ranged:
        return f"{spec.kind} or range `{{low, typical, high}}`"
    return spec.kind


def _bounds(m: ModelField, parent: type | None) -> str:
    """A field's bounds and rules: limits (each end of a range keeps them), list length, required-when and
    exactly-one-of rules."""
    spec = m.spec
    limits = (
        (spec.minimum, ">" if spec.exclusive_minimum else "≥"),
        (spec.maximum, "≤"),
    )
    out = [f"{sym} {fmt.number(v)}" for v, sym in limits if v is not None and spec.kind != "string"]
    if spec.kind == "array" and out:
        out = [f"at most {fmt.number(spec.maximum)} items"]
    if spec.kind == "string" and spec.minimum:
        out.append("non-empty")
    out += [f"{json.dumps(value)} needs `{path}`" for value, path in spec.requires]
    group = model.one_of(parent) if parent is not None else ()
    if m.name in group:
        out.append(f"exactly one of {', '.join(group)}")
    text = ", ".join(out)
    if spec.ranged:
        text += "; a range: each end within these, low ≤ typical ≤ high"
    return text or "—"


def _default(m: ModelField) -> str:
    if m.spec.required:
        return "required"
    if m.default is None:
        return "optional"
    return f"default {json.dumps(list(m.default) if isinstance(m.default, tuple) else m.default)}"


def config_fields() -> list[tuple[ModelField, type | None]]:
    """Every config field with the model class it is declared on, depth first; a list's item fields follow
    the list, as ``extra_loads.*.power_w``."""
    out: list[tuple[ModelField, type | None]] = []
    owner: dict[tuple[str, ...], type] = {(): model.Config}
    for m in model.walk():
        out.append((m, owner.get(m.path[:-1])))
        if m.spec.obj is not None:
            owner[m.path] = m.spec.obj
        if m.spec.kind == "array" and m.spec.obj is not None:
            out += [(item, m.spec.obj) for item in model.walk(m.spec.obj, (*m.path, "*"))]
    return out


@directive("reference: config")
def config(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every config key from the model walk: type, unit, required or default, bounds and meaning, anchored
    ``cfg-PATH``."""
    rows = [
        (
            f'<span id="cfg-{slug(m.dotted)}"></span>`{m.dotted}`',
            _type(m),
            m.spec.unit or "—",
            _default(m),
            _bounds(m, parent),
            m.spec.doc,
        )
        for m, parent in config_fields()
    ]
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
