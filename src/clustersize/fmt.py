"""One formatter for numbers, units and missing values: the CLI report, the memo and the calculator all print
through it, so a value reads the same everywhere (``None`` is ``n/a``, booleans ``yes``/``no``).

Pure functions of a value and its unit; nothing here decides a number.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MISSING = "n/a"
"""How a missing value (``None``, JSON ``null``) prints."""

# Code points that would break a one-line message or a terminal: C0/C1 controls, DEL, line/paragraph
# separators, bidirectional controls, the BOM, and lone surrogates (which no UTF-8 stream can carry).
_UNPRINTABLE = frozenset(
    (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
     0x2028, 0x2029, 0x200E, 0x200F, 0xFEFF)
)  # fmt: skip


def printable(text: str) -> str:
    """``text`` safe for one line of a terminal or a log: control, separator, bidi and surrogate code points
    are shown as escapes (``\\n``, ``\\x1b``, ``\\u2028``, ``\\ud800``); everything else is kept."""
    if text.isprintable() and text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code in _UNPRINTABLE or 0xD800 <= code <= 0xDFFF:
            out.append(
                {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
                or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
            )
        else:
            out.append(ch)
    return "".join(out)


def number(v: Any) -> str:
    """A bare value with thousands separators: ``4991754`` → ``4,991,754``; ``1.3`` → ``1.3`` (≤ 3 decimals); a
    list joined by commas (``none`` when empty), its objects as JSON."""
    if v is None:
        return MISSING
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return f"{int(v):,}"
        return f"{v:,.3f}".rstrip("0").rstrip(".")
    if isinstance(v, list):  # a list of objects (extra_loads) as JSON, not as Python's repr
        return (
            ", ".join(
                str(x) if not isinstance(x, dict | list) else json.dumps(x, ensure_ascii=False)
                for x in v
            )
            or "none"
        )
    return str(v)


def signed(v: Any) -> str:
    """A difference: ``+1,234``, ``−1,234`` (a minus sign, not a hyphen), ``0``; ``n/a`` when missing."""
    if v is None or isinstance(v, bool) or not isinstance(v, int | float):
        return number(v)
    text = number(abs(v))
    return "0" if text == "0" else ("+" if v > 0 else "\u2212") + text


def with_unit(v: Any, unit: str) -> str:
    """A value with its unit as prose prints it: ``4,991,754 W``, ``1.5:1`` for ratios, ``1.193×`` for
    multiples, GPUs/MW to 0.1."""
    if v is None or isinstance(v, bool | list | str):
        return number(v)
    if unit == "ratio":
        return f"{v:g}:1"
    if unit == "×":
        return f"{v:g}×"
    if unit == "GPUs/MW":
        return f"{v:,.1f} GPUs/MW"
    if unit in ("W", "MW"):
        return f"{number(v)} {unit}"
    return number(v)


def megawatts(v: float) -> str:
    """Watts as MW to at most 3 decimals: ``4991754`` → ``4.992 MW``."""
    return f"{v / 1e6:,.3f}".rstrip("0").rstrip(".") + " MW"


def kilowatts(v: float) -> str:
    """Watts as kW to 1 decimal: ``8550`` → ``8.6 kW``."""
    return f"{v / 1e3:,.1f} kW"


def watts_long(v: float | None) -> str:
    """Whole watts, with MW beside them from 1 MW up: ``4,991,754 W (4.992 MW)`` (the CLI report)."""
    if v is None:
        return MISSING
    if abs(v) >= 1e6:
        return f"{v:,.0f} W ({v / 1e6:,.3f} MW)"
    return f"{v:,.0f} W"


def share(part: Any, whole: Any, digits: int = 1) -> str:
    """``part`` as a percentage of ``whole`` (``n/a`` when either is missing or ``whole`` is not positive)."""
    if isinstance(part, bool) or not isinstance(part, int | float):
        return MISSING
    if isinstance(whole, bool) or not isinstance(whole, int | float) or whole <= 0:
        return MISSING
    return f"{100 * part / whole:.{digits}f} %"


MODIFIERS = ("n", "u", "mw", "kw", "pct")
"""Modifiers of [`styled`][clustersize.fmt.styled]."""


def styled(v: Any, unit: str, modifier: str = "", cap_w: float | None = None) -> str:
    """A value under a modifier: ``n`` bare number, ``u`` number and unit, ``mw``/``kw`` watts as MW
    (3 decimals) or kW (1 decimal), ``pct`` share of the IT cap ``cap_w`` (2 decimals); none: [`with_unit`][clustersize.fmt.with_unit]."""
    if modifier == "":
        return with_unit(v, unit)
    if modifier not in MODIFIERS:
        raise ValueError(f"unknown format modifier {modifier!r} (use {', '.join(MODIFIERS)})")
    if v is None:
        return MISSING
    if modifier == "n":
        return number(v)
    if modifier == "u":
        return f"{number(v)} {unit}".strip()
    if modifier == "mw":
        return megawatts(v)
    if modifier == "kw":
        return kilowatts(v)
    if not cap_w:
        raise ValueError("pct needs the IT cap")
    return share(v, cap_w, digits=2)


def cells(result: Mapping[str, Any]) -> dict[str, str]:
    """Every value of a result as the calculator's result cells show it (bare numbers; units sit in labels)."""
    return {key: number(value) for key, value in result.items()}
