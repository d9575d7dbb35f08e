"""Parse and validate configs: JSON text or objects in, a [`Config`][clustersize.model.Config] out.

Every rule names the JSON pointer of the offending value and raises [`ConfigError`][clustersize.errors.ConfigError].
Numbers keep the decimal the user wrote (see [`clustersize.solve.exact`][clustersize.solve.exact]), so caps are compared exactly.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import fields, is_dataclass
from typing import Any

from .errors import ConfigError, HugeNumber, UsageError
from .model import Config, Fabric, FieldSpec, Node, Switch, members, spec_of, walk
from .physical import check_config, plane_ports

MAX_CONFIG_BYTES = 1_000_000
"""Largest config accepted, in bytes (a real config is about 1 kB)."""
MAX_DEPTH = 16
"""Deepest nesting accepted; real configs nest 3 levels."""
MAX_INT_DIGITS = 40
"""Longest integer literal converted; longer ones are refused by the field's rule, never converted."""


def load_config_text(text: str) -> Config:
    """Parse JSON text into a validated [`Config`][clustersize.model.Config]."""
    return parse_config(load_json_text(text))


def load_json_text(text: str) -> Any:
    """Parse config JSON text, rejecting NaN/Infinity, duplicate keys and oversized or over-deep input."""
    text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark, as some editors save it
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(
            "/", f"config must be at most {MAX_CONFIG_BYTES:,} bytes", len(text), show_got=False
        )
    depth = _max_depth(text)
    if depth > MAX_DEPTH:
        raise ConfigError(
            "/", f"config must nest at most {MAX_DEPTH} levels deep, got {depth}", show_got=False
        )
    try:
        return loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            "/", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", show_got=False
        ) from None


def _max_depth(text: str) -> int:
    """Bracket depth of JSON text, ignoring brackets inside strings (cheap guard before json.loads)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def loads(text: str, **kwargs: Any) -> Any:
    """``json.loads`` that never converts a number it cannot hold: NaN/Infinity are refused, and an integer of
    over ``MAX_INT_DIGITS`` digits or a float beyond the float range becomes a [`HugeNumber`][clustersize.errors.HugeNumber]."""
    return json.loads(
        text, parse_constant=_reject_constant, parse_int=_int, parse_float=_float, **kwargs
    )


def _int(text: str) -> int | HugeNumber:
    return int(text) if len(text) <= MAX_INT_DIGITS else HugeNumber(text)


def _float(text: str) -> float | HugeNumber:
    value = float(text)
    if math.isinf(value):
        return HugeNumber(text)
    if value == 0 and any(c in "123456789" for c in text.lower().partition("e")[0]):
        return HugeNumber(text, tiny=True)
    return value


def _reject_constant(name: str) -> Any:
    raise ConfigError("/", f"invalid JSON: {name} is not a number JSON allows", show_got=False)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ConfigError(
                "/",
                f"invalid JSON: key {json.dumps(key)} appears twice in one object",
                show_got=False,
            )
        out[key] = value
    return out


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
    for key in obj:
        if key not in specs:
            rule = "unknown key"
            hint = suggest(key, list(specs))
            if hint:
                rule += f"; did you mean {json.dumps(hint)}?"
            rule += f" (allowed: {', '.join(specs)})"
            raise ConfigError(_pointer(path, key), rule, show_got=False)
    values: dict[str, object] = {}
    for name, declared in specs.items():
        where = _pointer(path, name)
        if name not in obj:
            if declared.required:
                raise ConfigError(where, "is required", show_got=False)
            continue
        values[name] = _value(declared, obj[name], where)
    return cls(**values)


def suggest(key: str, allowed: list[str]) -> str | None:
    """The allowed key closest to a mistyped one (case-insensitive), or None."""
    import difflib  # only on the error path: keeps CLI start-up lean

    lowered = {a.lower(): a for a in allowed}
    if key.lower() in lowered:
        return lowered[key.lower()]
    match = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def _value(meta: FieldSpec, value: object, path: str) -> object:
    kind = meta.kind
    if kind == "object":
        assert meta.obj is not None
        return _build(meta.obj, value, path)
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


def _check_cross_fields(config: Config) -> None:
    """Rules that tie fields together (INV-002 for the leaf, rail groups)."""
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


# --- what-ifs -------------------------------------------------------------------------------------------------


def config_paths() -> list[str]:
    """Every dotted path a ``--set`` may name (``node.gpu_w``, ``fabric.core.ports`` ...)."""
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


def check_path(path: str) -> list[str]:
    """Validate a dotted config path against the model; return its parts."""
    parts = path.split(".")
    cls: type | None = Config
    walked = ""
    for i, part in enumerate(parts):
        specs = {m.name: m.spec for m in members(cls)} if cls is not None else {}
        if part not in specs:
            pointer = "/" + "/".join(parts[: i + 1])
            hint = suggest(part, list(specs))
            rule = "unknown key"
            if hint:
                rule += f"; did you mean {json.dumps(walked + hint)}?"
            raise ConfigError(pointer, rule, show_got=False)
        cls = specs[part].obj
        walked += part + "."
    return parts


def apply_set(raw: dict[str, Any], assignment: str) -> dict[str, Any]:
    """Return a copy of a raw config dict with one ``PATH=VALUE`` what-if applied (not yet validated)."""
    path, value = parse_assignment(assignment)
    return set_path(raw, path, value)


def set_path(raw: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Return a copy of ``raw`` with the dotted ``path`` set to ``value``.

    Setting inside an absent object whose spec has ``default_from`` (``fabric.core``) starts from a copy of that
    sibling (``fabric.spine``).
    """
    parts = check_path(path)
    declared = {m.path: m.spec for m in walk()}
    out = copy.deepcopy(raw)
    node: Any = out
    for depth, part in enumerate(parts[:-1]):
        if not isinstance(node, dict):
            raise ConfigError("/" + "/".join(parts[:depth]), "must be an object", node)
        if part not in node:
            source = declared[tuple(parts[: depth + 1])].default_from
            seed = node.get(source) if source else None
            node[part] = copy.deepcopy(seed) if isinstance(seed, dict) else {}
        node = node[part]
    if not isinstance(node, dict):
        raise ConfigError("/" + "/".join(parts[:-1]), "must be an object", node)
    node[parts[-1]] = value
    return out


def to_raw(config: Config) -> dict[str, Any]:
    """A validated config back to plain JSON data (defaults left out, key order as declared)."""
    raw: dict[str, Any] = _raw(config)
    return raw


def _raw(obj: object) -> Any:
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
    "Config",
    "Fabric",
    "Node",
    "Switch",
    "apply_set",
    "config_paths",
    "load_config_text",
    "parse_config",
    "set_path",
    "to_raw",
]
