"""JSON Schema (draft 2020-12) of the config, generated from [`clustersize.model`][clustersize.model].

The committed copy ``clustersize/data/config.schema.json`` must equal [`build_schema`][clustersize.schema.build_schema] (a test checks it);
regenerate it with ``python -m clustersize --schema > src/clustersize/data/config.schema.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import fields
from typing import Any

from .model import Config

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
    defs = {name: _object(cls) for name, cls in _objects(Config).items()}
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _objects(cls: type) -> dict[str, type]:
    out: dict[str, type] = {}
    for f in fields(cls):
        sub = f.metadata["obj"]
        if sub is not None:
            out[sub.__name__] = sub
            out.update(_objects(sub))
    return out


def _object(cls: type) -> dict[str, Any]:
    props = {f.name: _property(f.metadata, f.default) for f in fields(cls)}
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
        "properties": props,
        "required": [f.name for f in fields(cls) if f.metadata["required"]],
        "additionalProperties": False,
    }


def _property(meta: Any, default: object) -> dict[str, Any]:
    kind = meta["kind"]
    unit = meta["unit"]
    desc = meta["doc"] + (f" Unit: {unit}." if unit else "")
    if kind == "object":
        prop: dict[str, Any] = {"$ref": f"#/$defs/{meta['obj'].__name__}", "description": desc}
    elif kind == "choice":
        prop = {"enum": list(meta["choices"]), "description": desc}
    elif kind == "string":
        prop = {"type": "string", "description": desc}
        if meta["minimum"]:
            prop["minLength"] = 1
            prop["pattern"] = r"\S"
    else:
        prop = {"type": kind, "description": desc}
        lo, hi = meta["minimum"], meta["maximum"]
        if lo is not None:
            prop["exclusiveMinimum" if meta["exclusive_minimum"] else "minimum"] = _num(lo)
        if hi is not None:
            prop["maximum"] = _num(hi)
    if unit:
        prop["x-unit"] = unit
    if not meta["required"] and default is not None:
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
