"""Config JSON text in and out: strict parsing that refuses NaN/Infinity, duplicate keys and oversized or over-deep
input, and writing that gives back what was read (numbers no float holds, lone surrogates) as JSON text.

Every refusal is a [`ConfigError`][clustersize.errors.ConfigError] at ``/`` naming the rule.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import ConfigError, HugeNumber

MAX_CONFIG_BYTES = 1_000_000
"""Largest config accepted, in bytes (a real config is about 1 kB)."""
MAX_DEPTH = 16
"""Deepest nesting accepted; real configs nest 3 levels."""
MAX_INT_DIGITS = 40
"""Longest integer literal converted; longer ones are refused by the field's rule, never converted."""


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
        text, parse_constant=reject_constant, parse_int=_int, parse_float=_float, **kwargs
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


def reject_constant(name: str) -> Any:
    """``json.loads`` hook: NaN, Infinity and -Infinity are not numbers JSON allows."""
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """JSON text with every lone surrogate written as its ``\\uXXXX`` escape (valid UTF-8 text, same JSON value)."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(obj: Any, indent: int = 2) -> str:
    """Data from [`loads`][clustersize.jsontext.loads] back to JSON text, as ``json.dumps(obj, indent=indent,
    ensure_ascii=False)`` writes it, except that a [`HugeNumber`][clustersize.errors.HugeNumber] is written as its
    literal and a lone surrogate as its escape: reading the text again gives the same data (and the same errors)."""
    return escape_surrogates(_dump(obj, indent, 0))


def _dump(obj: Any, indent: int, depth: int) -> str:
    if isinstance(obj, HugeNumber):
        return obj.text
    if not obj or not isinstance(obj, dict | list):
        return json.dumps(obj, ensure_ascii=False)
    inner = "\n" + " " * (indent * (depth + 1))
    if isinstance(obj, dict):
        items = [
            f"{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent, depth + 1)}"
            for k, v in obj.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [_dump(v, indent, depth + 1) for v in obj]
        opening, closing = "[", "]"
    return opening + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + closing
