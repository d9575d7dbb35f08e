"""How sure the answer is, and which choices move it: pure functions over configs, for the memo and calculator.

* [`swings`][clustersize.sensitivity.swings]: one input at a time. Each ranged input at its low end, then at
  its high end, every other input at typical; rows sorted by how many nodes the input swings (a tornado chart).
* [`implicit_choices`][clustersize.sensitivity.implicit_choices]: the planning choices a bare config leaves
  implicit (the cap is facility power, a planning margin, the node at its nameplate, other loads in the same
  budget), each applied alone to a neutral baseline and all together, with the ``--set`` what-ifs that
  reproduce every row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .config import parse_config, to_raw
from .model import Config, Range, item_fields, walk
from .ranges import at_choices, ranged_paths
from .solve import band, max_nodes
from .whatif import RANGE_PARTS, apply_set


@dataclass(frozen=True)
class Swing:
    """One ranged input's effect on the node count, the others at typical."""

    path: str
    unit: str
    low: float
    typical: float
    high: float
    nodes_at_low: int
    nodes_at_high: int

    @property
    def swing(self) -> int:
        """Nodes gained from the input's high end to its low end (never negative)."""
        return self.nodes_at_low - self.nodes_at_high


@dataclass(frozen=True)
class Sensitivity:
    """The point answer, its band, and one [`Swing`][clustersize.sensitivity.Swing] per ranged input."""

    nodes: int
    nodes_low: int
    nodes_high: int
    rows: tuple[Swing, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON data (each row with its ``swing``), for pages and the browser worker."""
        rows = [{**asdict(row), "swing": row.swing} for row in self.rows]
        return {
            "nodes": self.nodes,
            "nodes_low": self.nodes_low,
            "nodes_high": self.nodes_high,
            "rows": rows,
        }


def _unit(path: str) -> str:
    shape = tuple("*" if part.isdecimal() else part for part in path.split("."))
    return next((m.spec.unit for m in (*walk(), *item_fields()) if m.path == shape), "")


def _range_at(config: Config, path: str) -> Range:
    value: Any = config
    for part in path.split("."):
        value = value[int(part)] if part.isdecimal() else getattr(value, part)
    assert isinstance(value, Range)
    return value


def swings(config: Config) -> Sensitivity:
    """Each ranged input at low and at high, the others at typical: 2 searches per input, 3 for the band."""
    rows = []
    for path in ranged_paths(config):
        r = _range_at(config, path)
        at_low, _ = max_nodes(at_choices(config, {path: "low"}))
        at_high, _ = max_nodes(at_choices(config, {path: "high"}))
        rows.append(Swing(path, _unit(path), r.low, r.typical, r.high, at_low, at_high))
    rows.sort(key=lambda s: -s.swing)  # stable: ties keep model order
    nodes, _ = max_nodes(config)
    spread = band(config)
    low, high = (spread.low, spread.high) if spread else (nodes, nodes)
    return Sensitivity(nodes, low, high, tuple(rows))


NEUTRAL = ("cap_basis=it", "planning_margin=0", "power_basis=components", "extra_loads=[]")
"""The what-ifs that reset every implicit choice: IT cap, no margin, component power, no other loads."""


@dataclass(frozen=True)
class Choice:
    """One planning choice applied to the neutral baseline: its label, its what-ifs and its node count."""

    key: str
    label: str
    sets: tuple[str, ...]
    nodes: int
    baseline: int

    @property
    def delta(self) -> int:
        """Nodes gained (negative: lost) against the baseline."""
        return self.nodes - self.baseline

    @property
    def share(self) -> float:
        """``delta`` as a fraction of the baseline (0 when the baseline is 0)."""
        return self.delta / self.baseline if self.baseline else 0.0


@dataclass(frozen=True)
class ChoiceTable:
    """The baseline node count, one row per choice (largest effect first) and all choices together."""

    baseline: int
    rows: tuple[Choice, ...]
    combined: Choice | None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON data (each row with its ``delta`` and ``share``), for pages and the browser worker."""

        def row(c: Choice) -> dict[str, Any]:
            return {**asdict(c), "sets": list(c.sets), "delta": c.delta, "share": round(c.share, 4)}

        combined = row(self.combined) if self.combined else None
        return {
            "baseline": self.baseline,
            "rows": [row(c) for c in self.rows],
            "combined": combined,
        }


def _value(x: object) -> str:
    """A value as ``--set`` takes it (a range as its JSON object)."""
    return json.dumps(asdict(x) if isinstance(x, Range) else x, ensure_ascii=False)


def _shown(x: object) -> str:
    """A value as a label shows it: ``1.3``, or ``1.3 (1.2 to 1.5)`` for a range (or its JSON object)."""
    parts = asdict(x) if isinstance(x, Range) else x
    if isinstance(parts, Mapping) and all(
        isinstance(parts.get(k), int | float) for k in RANGE_PARTS
    ):
        return "{typical:,g} ({low:,g} to {high:,g})".format_map(parts)
    return f"{x:,g}" if isinstance(x, int | float) else str(x)


def _choices(
    config: Config,
    pue: object,
    margin: float | None,
    nameplate_w: object,
    extra_loads: Sequence[Mapping[str, Any]] | None,
) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(key, label, what-ifs)`` of each choice whose value is known (given, else taken from the config)."""
    pue = pue if pue is not None else config.pue
    margin = margin if margin is not None else (config.planning_margin or None)
    plate = nameplate_w if nameplate_w is not None else config.node.nameplate_w
    loads = extra_loads if extra_loads is not None else to_raw(config).get("extra_loads", [])
    out: list[tuple[str, str, tuple[str, ...]]] = []
    if pue is not None:
        label = f"the cap is facility power at PUE {_shown(pue)}"
        out.append(("cap_basis", label, ("cap_basis=facility", f"pue={_value(pue)}")))
    if margin:
        out.append(
            ("planning_margin", f"a planning margin of {margin:g}", (f"planning_margin={margin}",))
        )
    if plate is not None:
        sets = (f"node.nameplate_w={_value(plate)}", "power_basis=nameplate")
        out.append(("power_basis", f"the node at its nameplate, {_shown(plate)} W", sets))
    if loads:
        names = ", ".join(str(x["name"]) for x in loads)
        text = json.dumps(list(loads), ensure_ascii=False, separators=(",", ":"))
        out.append(("extra_loads", f"other loads in the budget: {names}", (f"extra_loads={text}",)))
    return out


def implicit_choices(
    raw: Mapping[str, Any],
    *,
    pue: object = None,
    margin: float | None = None,
    nameplate_w: object = None,
    extra_loads: Sequence[Mapping[str, Any]] | None = None,
) -> ChoiceTable:
    """Each implicit planning choice alone, then all together, on the neutral baseline of ``raw``.

    A choice's value is the keyword given, else the config's own (its ``pue``, ``planning_margin``,
    ``node.nameplate_w``, ``extra_loads``); a choice with neither is left out. Node counts are the point answer.
    """
    data: dict[str, Any] = dict(raw)
    config = parse_config(data)
    baseline = _nodes(data, NEUTRAL)
    rows = [
        Choice(key, label, sets, _nodes(data, (*NEUTRAL, *sets)), baseline)
        for key, label, sets in _choices(config, pue, margin, nameplate_w, extra_loads)
    ]
    combined = None
    if len(rows) > 1:
        sets = tuple(s for row in rows for s in row.sets)
        combined = Choice(
            "all", "all of them together", sets, _nodes(data, (*NEUTRAL, *sets)), baseline
        )
    rows.sort(key=lambda c: c.delta)  # largest loss first; stable
    return ChoiceTable(baseline, tuple(rows), combined)


def _nodes(raw: dict[str, Any], sets: Sequence[str]) -> int:
    for assignment in sets:
        raw = apply_set(raw, assignment)
    n, _ = max_nodes(parse_config(raw))
    return n
