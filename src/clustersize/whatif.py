"""What-ifs: ``--set PATH=VALUE`` and ``--sweep PATH=...`` paths, checked against the model and applied to raw JSON.

A path is dotted: ``node.gpu_w``, ``fabric.core.ports``; a ranged field's part, ``node.gpu_w.high`` (the field
must already be a range); a list item's field by its index, ``extra_loads.0.power_w`` (the item must exist).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from .declare import FieldSpec
from .errors import ConfigError, UsageError, unknown_key_rule
from .jsontext import loads
from .model import Config, Range, item_fields, members, walk

RANGE_PARTS = tuple(f.name for f in fields(Range))
"""The keys of a range: ``low``, ``typical``, ``high``."""


def config_paths() -> list[str]:
    """Every dotted path a ``--set`` may name (``node.gpu_w``, ``fabric.core.ports`` ...), in model order."""
    return [m.dotted for m in walk()]


def parse_assignment(text: str) -> tuple[str, object]:
    """Split ``PATH=VALUE``; VALUE is JSON when it parses as JSON, else a plain string."""
    path, sep, raw = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise UsageError(f"--set expects PATH=VALUE (e.g. node.gpu_w=1000), got {json.dumps(text)}")
    try:
        value: object = loads(raw)
    except (json.JSONDecodeError, ConfigError):
        value = raw
    return path, value


@dataclass(frozen=True)
class _Items:
    """A list field met on a path: the next part is an index, then a field of ``cls``."""

    cls: type


_RANGE = "range"


def _next(declared: FieldSpec) -> type | _Items | str | None:
    """What may follow a field on a path: its object's fields, a list index, a range part, or nothing."""
    if declared.kind == "array" and declared.obj is not None:
        return _Items(declared.obj)
    if declared.obj is not None:
        return declared.obj
    return _RANGE if declared.ranged else None


def check_path(path: str) -> list[str]:
    """Validate a dotted config path against the model; return its parts."""
    parts = path.split(".")
    at: type | _Items | str | None = Config
    walked = ""
    for i, part in enumerate(parts):
        pointer = "/" + "/".join(parts[: i + 1])
        if isinstance(at, _Items):
            if not (part.isascii() and part.isdecimal()):
                raise ConfigError(pointer, "must be a list index (0, 1, 2 ...)", part)
            at, walked = at.cls, walked + part + "."
            continue
        if at == _RANGE:
            if part not in RANGE_PARTS:
                rule = f"{unknown_key_rule(part, list(RANGE_PARTS), walked)} (a range has {', '.join(RANGE_PARTS)})"
                raise ConfigError(pointer, rule, show_got=False)
            at, walked = None, walked + part + "."
            continue
        specs = {m.name: m.spec for m in members(at)} if isinstance(at, type) else {}
        if part not in specs:
            raise ConfigError(pointer, unknown_key_rule(part, list(specs), walked), show_got=False)
        at, walked = _next(specs[part]), walked + part + "."
    return parts


def _index(items: list[Any], parts: list[str], depth: int) -> int:
    """``parts[depth]`` as an index of an existing item of ``items`` (the list at ``parts[:depth]``); a key where
    the model expects an object but the config holds a list is that object's error."""
    if not parts[depth].isdecimal():
        raise ConfigError("/" + "/".join(parts[:depth]), "must be an object", items)
    index = int(parts[depth])
    if index >= len(items):
        where = "/" + "/".join(parts[:depth])
        rule = (
            f"has no item {index} (the list has {len(items)} item{'s' if len(items) != 1 else ''})"
        )
        raise ConfigError(where, rule, show_got=False)
    return index


def apply_set(raw: dict[str, Any], assignment: str) -> dict[str, Any]:
    """Return a copy of a raw config dict with one ``PATH=VALUE`` what-if applied (not yet validated)."""
    path, value = parse_assignment(assignment)
    return set_path(raw, path, value)


@cache
def _declared() -> dict[tuple[str, ...], FieldSpec]:
    """Every declared field by path, list items under ``*``."""
    return {m.path: m.spec for m in (*walk(), *item_fields())}


def set_path(raw: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Return a copy of ``raw`` with the dotted ``path`` set to ``value``.

    Setting inside an absent object whose spec has ``default_from`` (``fabric.core``) starts from a copy of that
    sibling (``fabric.spine``); a list index must name an existing item; a range part needs a range there.
    """
    parts = check_path(path)
    declared = _declared()
    out = copy.deepcopy(raw)
    node: Any = out
    for depth, part in enumerate(parts[:-1]):
        here = "/" + "/".join(parts[: depth + 1])
        if isinstance(node, list):
            node = node[_index(node, parts, depth)]
            continue
        if not isinstance(node, dict):
            raise ConfigError("/" + "/".join(parts[:depth]), "must be an object", node)
        shape = tuple("*" if p.isdecimal() else p for p in parts[: depth + 1])
        meta = declared.get(shape)
        if part not in node:
            source = meta.default_from if meta else None
            seed = node.get(source) if source else None
            empty: list[Any] | dict[str, Any] = [] if meta and meta.kind == "array" else {}
            node[part] = copy.deepcopy(seed) if isinstance(seed, dict) else empty
        elif meta is not None and meta.ranged and not isinstance(node[part], dict):
            raise ConfigError(
                here,
                "is a plain number, not a range: set the whole range first, "
                'e.g. {"low": …, "typical": …, "high": …}',
                node[part],
            )
        node = node[part]
    if isinstance(node, list):
        node[_index(node, parts, len(parts) - 1)] = value
        return out
    if not isinstance(node, dict):
        raise ConfigError("/" + "/".join(parts[:-1]), "must be an object", node)
    node[parts[-1]] = value
    return out
