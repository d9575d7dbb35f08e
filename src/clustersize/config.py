"""Parse and validate configs: JSON text or objects in, a [`Config`][clustersize.model.Config] out.

Every rule names the JSON pointer of the offending value and raises [`ConfigError`][clustersize.errors.ConfigError].
Numbers keep the decimal the user wrote (see [`clustersize.solve.exact`][clustersize.solve.exact]), so caps are compared exactly.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import Any

from .declare import FieldSpec, ModelField, spec_of
from .errors import ConfigError, HugeNumber, UsageError, suggest, unknown_key_rule
from .jsontext import MAX_CONFIG_BYTES, MAX_DEPTH, load_json_text
from .model import Config, Fabric, Node, Range, Switch, members, one_of, walk
from .physical import check_config, plane_ports
from .whatif import RANGE_PARTS, apply_set, check_path, config_paths, parse_assignment, set_path


def load_config_text(text: str) -> Config:
    """Parse JSON text into a validated [`Config`][clustersize.model.Config]."""
    return parse_config(load_json_text(text))


def parse_config(obj: object) -> Config:
    """Validate a decoded JSON object and build a [`Config`][clustersize.model.Config]; raise [`ConfigError`][clustersize.errors.ConfigError] on the first fault."""
    config = _build(Config, obj, "")
    assert isinstance(config, Config)
    _check_cross_fields(config)
    return config


def _pointer(parent: str, key: str) -> str:
    return f"{parent}/{key.replace('~', '~0').replace('/', '~1')}"


def _build(cls: type, obj: object, path: str) -> object:
    if not isinstance(obj, dict):
        raise ConfigError(path, "must be an object", obj)
    specs = {m.name: m.spec for m in members(cls)}
    _check_keys(obj, list(specs), path)
    values: dict[str, object] = {}
    for name, declared in specs.items():
        where = _pointer(path, name)
        if name not in obj:
            if declared.required:
                raise ConfigError(where, "is required", show_got=False)
            continue
        values[name] = _value(declared, obj[name], where)
    _check_one_of(cls, obj, path)
    return cls(**values)


def _check_keys(obj: dict[str, Any], allowed: list[str], path: str) -> None:
    """Refuse the first key of ``obj`` not in ``allowed``, suggesting the closest."""
    for key in obj:
        if key not in allowed:
            rule = f"{unknown_key_rule(key, allowed)} (allowed: {', '.join(allowed)})"
            raise ConfigError(_pointer(path, key), rule, show_got=False)


def _check_one_of(cls: type, obj: dict[str, Any], path: str) -> None:
    """Exactly one of the class's ``EXACTLY_ONE_OF`` fields must be given."""
    names = one_of(cls)
    given = [n for n in names if n in obj]
    if names and len(given) != 1:
        either = " or ".join(names)
        if given:
            raise ConfigError(
                _pointer(path, given[-1]),
                f"give exactly one of {either}, got {' and '.join(given)}",
                show_got=False,
            )
        raise ConfigError(path, f"needs exactly one of {either}, got neither", show_got=False)


def _value(meta: FieldSpec, value: object, path: str) -> object:
    kind = meta.kind
    if kind == "object":
        assert meta.obj is not None
        return _build(meta.obj, value, path)
    if kind == "array":
        return _items(meta, value, path)
    if meta.ranged and isinstance(value, dict):
        return _range(meta, value, path)
    if kind == "string":
        if not isinstance(value, str):
            raise ConfigError(path, "must be a string", value)
        if meta.minimum and not value.strip():
            raise ConfigError(path, "must be a non-empty string", value)
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ConfigError(path, "must be valid Unicode text (it holds a lone surrogate)", value)
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ConfigError(path, "must be true or false", value)
        return value
    if kind == "choice":
        choices = meta.choices
        if isinstance(value, bool) or value not in choices or type(value) is float:
            shown = ", ".join(json.dumps(c) for c in choices)
            raise ConfigError(path, f"must be one of {shown}", value)
        return value
    if isinstance(value, HugeNumber) and kind in ("integer", "number"):
        raise ConfigError(path, _huge_rule(meta, value), value)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(path, "must be an integer", value)
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(path, "must be a number", value)
        if not math.isfinite(value):
            raise ConfigError(path, "must be a finite number", value)
    _check_bounds(meta, value, path)
    return value


def _items(meta: FieldSpec, value: object, path: str) -> tuple[object, ...]:
    """A list of ``meta.obj`` items (at most ``meta.maximum``), each validated at ``path/i``."""
    if not isinstance(value, list):
        raise ConfigError(path, "must be a list (JSON array) of objects", value)
    if meta.maximum is not None and len(value) > meta.maximum:
        raise ConfigError(
            path,
            f"must have at most {_fmt(meta.maximum)} items, got {len(value):,}",
            show_got=False,
        )
    assert meta.obj is not None
    return tuple(_build(meta.obj, item, f"{path}/{i}") for i, item in enumerate(value))


def _range(meta: FieldSpec, value: dict[str, Any], path: str) -> Range:
    """A ``{"low", "typical", "high"}`` range: each value keeps the field's bounds, and low ≤ typical ≤ high."""
    _check_keys(value, list(RANGE_PARTS), path)
    plain = replace(meta, ranged=False)
    ends: dict[str, Any] = {}
    for key in RANGE_PARTS:
        if key not in value:
            rule = "is required: a range needs low, typical and high"
            raise ConfigError(_pointer(path, key), rule, show_got=False)
        ends[key] = _value(plain, value[key], _pointer(path, key))
    low, typical, high = (ends[k] for k in RANGE_PARTS)
    if low > typical:
        rule = f"must be <= typical ({_fmt(typical)})"
        raise ConfigError(_pointer(path, "low"), rule, low)
    if typical > high:
        rule = f"must be >= typical ({_fmt(typical)})"
        raise ConfigError(_pointer(path, "high"), rule, high)
    return Range(low=low, typical=typical, high=high)


def _huge_rule(meta: FieldSpec, value: HugeNumber) -> str:
    """The rule a number no float holds breaks: the field's bound on that side, else the float range."""
    if value.tiny:
        return "must be 0 or at least 1e-300 in magnitude (a float cannot hold it)"
    if value.sign > 0 and meta.maximum is not None:
        return f"must be <= {_fmt(meta.maximum)}"
    if value.sign < 0 and meta.minimum is not None:
        return f"must be {'>' if meta.exclusive_minimum else '>='} {_fmt(meta.minimum)}"
    return "must be a number a 64-bit float can hold"


def _check_bounds(meta: FieldSpec, value: Any, path: str) -> None:
    lo, hi = meta.minimum, meta.maximum
    if lo is not None:
        if meta.exclusive_minimum and not value > lo:
            raise ConfigError(path, f"must be > {_fmt(lo)}", value)
        if not meta.exclusive_minimum and not value >= lo:
            raise ConfigError(path, f"must be >= {_fmt(lo)}", value)
    if hi is not None and value > hi:
        raise ConfigError(path, f"must be <= {_fmt(hi)}", value)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def _check_requires(config: Config) -> None:
    """A field whose value needs another field (``cap_basis: "facility"`` needs ``pue``)."""
    for m in _requiring():
        value = _get(config, m.path)
        for trigger, needed in m.spec.requires:
            if value == trigger and _get(config, tuple(needed.split("."))) is None:
                rule = f"is required when {m.pointer} is {json.dumps(trigger)}"
                raise ConfigError("/" + needed.replace(".", "/"), rule, show_got=False)


@cache
def _requiring() -> tuple[ModelField, ...]:
    """The fields with a ``requires`` rule (the model never changes)."""
    return tuple(m for m in walk() if m.spec.requires)


def _get(config: Config, path: tuple[str, ...]) -> object:
    value: object = config
    for part in path:
        value = getattr(value, part)
    return value


def _check_cross_fields(config: Config) -> None:
    """Rules that tie fields together (INV-002 for the leaf, rail groups, required-when)."""
    _check_requires(config)
    fab = config.fabric
    used = fab.leaf_host_ports + fab.leaf_uplink_ports
    if used > fab.leaf.ports:
        raise ConfigError(
            "/fabric/leaf_uplink_ports",
            f"leaf_host_ports + leaf_uplink_ports must be <= /fabric/leaf/ports ({fab.leaf.ports})",
            used,
        )
    # physical build (#11): planes and racks; the rail rule reads the ports one NIC cables to one plane
    check_config(config)
    if fab.rail_optimized and fab.leaf_host_ports < plane_ports(config):
        raise ConfigError(
            "/fabric/leaf_host_ports",
            "with rail_optimized, must be >= /node/ports_per_nic_to_fabric "
            f"({config.node.ports_per_nic_to_fabric}) so a leaf can take one NIC"
            if fab.planes == 1
            else f"with rail_optimized, must be >= the ports one NIC cables to one plane "
            f"({plane_ports(config)}) so a leaf can take one NIC",
            fab.leaf_host_ports,
        )


MAX_NODES = 1_000_000_000
"""Largest ``--nodes N`` accepted (a sanity bound far above any facility)."""


def check_nodes(value: object) -> int:
    """A ``--nodes`` value (an int, or its decimal digits as text) as an integer from 1 to ``MAX_NODES``.

    Raises [`NodesError`][clustersize.config.NodesError] (a usage error and a ``ValueError``) otherwise; digits are
    counted before any conversion, so a 5,000-digit value is refused, not converted.
    """
    number = value
    if isinstance(value, str):
        digits = value.strip()
        ok = digits.isascii() and digits.isdecimal() and len(digits) <= len(str(MAX_NODES))
        number = int(digits) if ok else None
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_NODES:
        raise NodesError(f"--nodes must be an integer from 1 to {MAX_NODES:,}, got {_shown(value)}")
    return number


class NodesError(UsageError, ValueError):
    """A node count that is not an integer from 1 to ``MAX_NODES``."""


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**40:
        return f"an integer of {len(str(abs(value))) if abs(value) < 10**4000 else 'over 4,000'} digits"
    text = json.dumps(value, ensure_ascii=True) if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def to_raw(config: Config) -> dict[str, Any]:
    """A validated config back to plain JSON data (defaults left out, key order as declared)."""
    raw: dict[str, Any] = _raw(config)
    return raw


def _raw(obj: object) -> Any:
    if isinstance(obj, tuple | list):
        return [_raw(item) for item in obj]
    if not is_dataclass(obj) or isinstance(obj, type):
        return obj
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if not spec_of(f).required and value == f.default:
            continue
        out[f.name] = _raw(value)
    return out


__all__ = [
    "MAX_CONFIG_BYTES",
    "MAX_DEPTH",
    "Config",
    "Fabric",
    "Node",
    "Switch",
    "apply_set",
    "check_path",
    "config_paths",
    "load_config_text",
    "load_json_text",
    "parse_assignment",
    "parse_config",
    "set_path",
    "suggest",
    "to_raw",
]
