"""Ranged inputs: which fields of a config are ranges, and the plain config at any choice of their ends.

Raising any wattage (or ``pue``) never raises the node count: every power term is non-decreasing in it and the
budget non-increasing (see [`clustersize.power`][clustersize.power]), and the fabric does not depend on watts.
So the band of node counts over every combination of low/high ends is exact from two corners: all inputs
high gives its lower end, all inputs low its upper end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import Literal, TypeVar

from .model import Config, Range, item_fields, walk

Corner = Literal["low", "typical", "high"]
Path = tuple[str, ...]
T = TypeVar("T")


def resolve(obj: T, pick: Callable[[Path, Range], float], path: Path = ()) -> T:
    """``obj`` with every [`Range`][clustersize.model.Range] replaced by ``pick(path, range)``."""
    out: object = obj
    if isinstance(obj, Range):
        out = pick(path, obj)
    elif isinstance(obj, tuple):
        out = tuple(resolve(item, pick, (*path, str(i))) for i, item in enumerate(obj))
    elif is_dataclass(obj) and not isinstance(obj, type):
        changed = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            new = resolve(value, pick, (*path, f.name))
            if new is not value:
                changed[f.name] = new
        out = replace(obj, **changed) if changed else obj
    return out  # type: ignore[return-value]


def ranged_paths(config: Config) -> list[str]:
    """Dotted paths of the config's ranged inputs, in model order (``node.gpu_w``, ``extra_loads.0.power_w``)."""
    found: list[str] = []
    for path in _ranged_fields():
        found += _ranges_at(config, path, ())
    return found


@cache
def _ranged_fields() -> tuple[Path, ...]:
    """Where the model allows ranges, list items under ``*`` (the model never changes)."""
    return tuple(m.path for m in (*walk(), *item_fields()) if m.spec.ranged)


def _ranges_at(obj: object, path: Path, walked: Path) -> list[str]:
    """Dotted paths of the ranges at model ``path`` below ``obj`` (one per list item for ``*``)."""
    if not path:
        return [".".join(walked)] if isinstance(obj, Range) else []
    head, rest = path[0], path[1:]
    if head == "*":
        items: tuple[object, ...] = obj if isinstance(obj, tuple) else ()
        return [
            p for i, item in enumerate(items) for p in _ranges_at(item, rest, (*walked, str(i)))
        ]
    value = getattr(obj, head, None)
    return [] if value is None else _ranges_at(value, rest, (*walked, head))


def at_corner(config: Config, corner: Corner) -> Config:
    """The plain config with every ranged input at ``corner``."""
    return resolve(config, lambda _, r: r.at(corner))


def at_choices(config: Config, choices: Mapping[str, Corner]) -> Config:
    """The plain config with each ranged input at its end in ``choices`` (by dotted path), others at typical."""
    return resolve(config, lambda path, r: r.at(choices.get(".".join(path), "typical")))
