"""JSON Schema (draft 2020-12) of the config, generated from [`clustersize.model`][clustersize.model].

The committed copy ``clustersize/data/config.schema.json`` must equal [`build_schema`][clustersize.schema.build_schema] (a test checks it);
regenerate it with ``python -m clustersize --schema > src/clustersize/data/config.schema.json``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .declare import FieldSpec
from .model import Config, Range, members, objects, one_of, walk

SCHEMA_ID = "urn:clustersize:schema:config:1"
"""Stable ``$id`` of the schema; the site publishes the file at ``schema/config.schema.json``."""


def build_schema() -> dict[str, Any]:
    """The config's JSON Schema, built from the model's field declarations."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "clustersize config",
    }
    schema.update(_object(Config))
    rules = _required_when()
    if rules:
        schema["allOf"] = rules
    defs = {name: _object(cls) for name, cls in objects().items()}
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object(cls: type) -> dict[str, Any]:
    declared = members(cls)
    out: dict[str, Any] = {
        "type": "object",
        "description": _doc(cls),
        "properties": {m.name: _property(m.spec, m.default) for m in declared},
        "required": [m.name for m in declared if m.spec.required],
        "additionalProperties": False,
    }
    names = one_of(cls)
    if names:
        out["oneOf"] = [{"required": [n]} for n in names]
    return out


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


def _required_when() -> list[dict[str, Any]]:
    """``if field == value then path is required``, one rule per ``requires`` pair in the model."""
    rules = []
    for m in walk():
        for value, needed in m.spec.requires:
            *parents, leaf = needed.split(".")
            then: dict[str, Any] = {"required": [leaf]}
            for part in reversed(parents):
                then = {"properties": {part: then}}
            cond = {"properties": {m.name: {"const": value}}, "required": [m.name]}
            rules.append({"if": cond, "then": then})
    return rules


def _range(meta: FieldSpec) -> dict[str, Any]:
    """The ``{"low", "typical", "high"}`` form of a ranged number; each end keeps the field's bounds."""
    ends = {
        m.name: {"type": "number", "description": m.spec.doc, **_bounds(meta)}
        for m in members(Range)
    }
    return {
        "type": "object",
        "description": _doc(Range),
        "properties": ends,
        "required": list(ends),
        "additionalProperties": False,
    }


def _bounds(meta: FieldSpec) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if meta.minimum is not None:
        out["exclusiveMinimum" if meta.exclusive_minimum else "minimum"] = _num(meta.minimum)
    if meta.maximum is not None:
        out["maximum"] = _num(meta.maximum)
    return out


def _property(meta: FieldSpec, default: object) -> dict[str, Any]:
    unit = meta.unit
    desc = meta.doc + (f" Unit: {unit}." if unit else "")
    if meta.kind == "array" and meta.obj is not None:
        prop: dict[str, Any] = {
            "type": "array",
            "description": desc,
            "items": {"$ref": f"#/$defs/{meta.obj.__name__}"},
        }
        if meta.maximum is not None:
            prop["maxItems"] = _num(meta.maximum)
    elif meta.ranged:
        desc = meta.doc + " A number, or a range {low, typical, high} with low ≤ typical ≤ high."
        desc += f" Unit: {unit}." if unit else ""
        prop = {"description": desc, **_bounds(meta), "anyOf": [{"type": "number"}, _range(meta)]}
    elif meta.obj is not None:
        prop = {"$ref": f"#/$defs/{meta.obj.__name__}", "description": desc}
    elif meta.kind == "choice":
        prop = {"enum": list(meta.choices), "description": desc}
    elif meta.kind == "string":
        prop = {"type": "string", "description": desc}
        if meta.minimum:
            prop["minLength"] = 1
            prop["pattern"] = r"\S"
    else:
        prop = {"type": meta.kind, "description": desc, **_bounds(meta)}
    if unit:
        prop["x-unit"] = unit
    if not meta.required and default is not None:
        prop["default"] = list(default) if isinstance(default, tuple) else default
    return prop


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def schema_json() -> str:
    """The schema as the exact text committed and printed by ``--schema``."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def committed_schema_text() -> str:
    """The committed schema file shipped in the package."""
    with open(
        os.path.join(os.path.dirname(__file__), "data", "config.schema.json"), encoding="utf-8"
    ) as fh:
        return fh.read()
