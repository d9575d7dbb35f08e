"""JSON Schema (draft 2020-12) of the config, generated from [`clustersize.model`][clustersize.model].

The committed copy ``clustersize/data/config.schema.json`` must equal [`build_schema`][clustersize.schema.build_schema] (a test checks it);
regenerate it with ``python -m clustersize --schema > src/clustersize/data/config.schema.json``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .model import Config, FieldSpec, members, objects

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
    defs = {name: _object(cls) for name, cls in objects().items()}
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object(cls: type) -> dict[str, Any]:
    declared = members(cls)
    return {
        "type": "object",
        # Whitespace collapsed: Python 3.13+ dedents docstrings, 3.11 does not; the schema must not depend on it.
        "description": " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split()),
        "properties": {m.name: _property(m.spec, m.default) for m in declared},
        "required": [m.name for m in declared if m.spec.required],
        "additionalProperties": False,
    }


def _property(meta: FieldSpec, default: object) -> dict[str, Any]:
    unit = meta.unit
    desc = meta.doc + (f" Unit: {unit}." if unit else "")
    if meta.obj is not None:
        prop: dict[str, Any] = {"$ref": f"#/$defs/{meta.obj.__name__}", "description": desc}
    elif meta.kind == "choice":
        prop = {"enum": list(meta.choices), "description": desc}
    elif meta.kind == "string":
        prop = {"type": "string", "description": desc}
        if meta.minimum:
            prop["minLength"] = 1
            prop["pattern"] = r"\S"
    else:
        prop = {"type": meta.kind, "description": desc}
        if meta.minimum is not None:
            prop["exclusiveMinimum" if meta.exclusive_minimum else "minimum"] = _num(meta.minimum)
        if meta.maximum is not None:
            prop["maximum"] = _num(meta.maximum)
    if unit:
        prop["x-unit"] = unit
    if not meta.required and default is not None:
        prop["default"] = default
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
