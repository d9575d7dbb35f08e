"""The validation page's data (``docs/data/validation.toml``): published NVIDIA figures against clustersize's
answers, each computed by running the solver exactly as ``python -m clustersize --preset P [--set …] --nodes N
--json`` does ([`clustersize.api.run`][clustersize.api.run]).

A published table row is ``ok`` when every compared cell matches, ``anomaly`` when the only mismatches are
cells the data marks as known source anomalies, ``fail`` otherwise, and ``pending`` when the table needs a
config field the model does not have yet. A power row compares a ledger figure with a result field.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from clustersize import api, examples, model

from .arith import exact
from .errors import MemoError

OK, ANOMALY, FAIL, PENDING = "ok", "anomaly", "fail", "pending"
"""Row statuses."""


@dataclass(frozen=True)
class Cell:
    """One published cell and, when compared, clustersize's value for it (``add`` included)."""

    published: Any
    computed: int | float | None = None
    add: int = 0
    anomaly: str = ""

    @property
    def compared(self) -> bool:
        """Whether clustersize has a value for this cell."""
        return self.computed is not None

    @property
    def matches(self) -> bool:
        """A compared cell matches when clustersize's value equals the published one (``–`` is 0)."""
        published = 0 if self.published == "–" else self.published
        return self.computed is not None and exact(published) == exact(self.computed)


@dataclass(frozen=True)
class Row:
    """One published row: its cells, its status and the command that reproduces clustersize's side."""

    cells: tuple[Cell, ...]
    status: str
    cmd: str


@dataclass(frozen=True)
class Table:
    """One published switch table and its rows, checked."""

    id: str
    title: str
    source: str
    read: str
    note: str
    headings: tuple[str, ...]
    adds: tuple[tuple[str, int, str], ...]
    rows: tuple[Row, ...]
    pending: str = ""


@dataclass(frozen=True)
class Power:
    """One published power figure (a ledger figure) against a result field, scaled by ``times / per``."""

    what: str
    figure: str
    published: float
    computed: float
    unit: str
    cmd: str
    expr: str

    @property
    def status(self) -> str:
        """``ok`` when clustersize gives the published figure exactly, else ``fail``."""
        return OK if exact(self.published) == exact(self.computed) else FAIL


@dataclass(frozen=True)
class Validation:
    """Every table and power row of the page, computed once per build."""

    tables: tuple[Table, ...]
    power: tuple[Power, ...]
    figures: frozenset[str]

    def counts(self) -> dict[str, int]:
        """Rows per status (tables and power rows together) and ``rows``."""
        statuses = [r.status for t in self.tables for r in t.rows] + [p.status for p in self.power]
        counts = {s: statuses.count(s) for s in (OK, ANOMALY, FAIL, PENDING)}
        counts["rows"] = len(statuses)
        return counts

    def problems(self) -> list[str]:
        """Each failing row, and each anomaly mark on a cell that matches (a stale mark)."""
        out: list[str] = []
        for t in self.tables:
            for row in t.rows:
                where = f"validation {t.id}, row {row.cells[0].published}"
                for head, c in zip(t.headings, row.cells, strict=True):
                    if c.compared and not c.matches and not c.anomaly:
                        out.append(
                            f"{where}: {head} published {c.published!r}, clustersize {c.computed!r}"
                        )
                    if c.anomaly and c.compared and c.matches:
                        out.append(f"{where}: {head} is marked a source anomaly but matches")
        out += [
            f"validation power {p.figure!r}: published {p.published!r}, clustersize {p.computed!r}"
            for p in self.power
            if p.status == FAIL
        ]
        return out


def run(preset: str, sets: Sequence[str], nodes: int | None) -> tuple[dict[str, Any], str]:
    """The ``--json`` result of one run and its command; an invalid run is a
    [`MemoError`][clustersize_site.memo.errors.MemoError]."""
    args = ["--preset", preset, *(a for s in sets for a in ("--set", s))]
    args += ["--nodes", str(nodes)] if nodes is not None else []
    cmd = shlex.join(["python", "-m", "clustersize", *args, "--json"])
    if preset not in examples.names():
        raise MemoError(f"validation: no bundled example {preset!r} ({cmd})")
    code, text = api.run(examples.text(preset), nodes, list(sets))
    result: dict[str, Any] = json.loads(text)
    if code != 0:
        why = result.get("error") or result.get("binding_detail")
        raise MemoError(f"validation: {cmd} exits {code}: {why}")
    return result, cmd


def _has_field(dotted: str) -> bool:
    return any(m.dotted == dotted for m in model.walk())


def _row(
    spec: Mapping[str, Any], cells: Sequence[Any], anomalies: Mapping[tuple[Any, str], str]
) -> Row:
    columns = spec["columns"]
    if len(cells) != len(columns):
        raise MemoError(f"validation {spec['id']}: row {list(cells)} has not {len(columns)} cells")
    nodes = next(c for c, col in zip(cells, columns, strict=True) if col["field"] == "nodes")
    result, cmd = run(spec["preset"], spec.get("set", []), int(nodes))
    out = []
    for value, col in zip(cells, columns, strict=True):
        field, add = col["field"], int(col.get("add", 0))
        if field and field not in result:
            raise MemoError(f"validation {spec['id']}: {field!r} is not a result field")
        computed = result[field] + add if field else None
        out.append(Cell(value, computed, add, anomalies.get((cells[0], col["heading"]), "")))
    status = _status(out)
    return Row(tuple(out), status, cmd)


def _status(cells: Sequence[Cell]) -> str:
    wrong = [c for c in cells if c.compared and not c.matches]
    if not wrong:
        return OK
    return ANOMALY if all(c.anomaly for c in wrong) else FAIL


def _table(spec: Mapping[str, Any]) -> Table:
    columns = spec["columns"]
    headings = tuple(str(c["heading"]) for c in columns)
    anomalies = {(a["su"], a["column"]): str(a["reason"]) for a in spec.get("anomaly", [])}
    for _, column in anomalies:
        if column not in headings:
            raise MemoError(f"validation {spec['id']}: anomaly names no column {column!r}")
    needs = spec.get("requires", "")
    pending = (
        f"needs `{needs}`, which the config model does not have yet"
        if needs and not _has_field(needs)
        else ""
    )
    if pending:
        rows = tuple(Row(tuple(Cell(v) for v in cells), PENDING, "") for cells in spec["rows"])
    else:
        rows = tuple(_row(spec, cells, anomalies) for cells in spec["rows"])
    adds = tuple(
        (str(c["heading"]), int(c["add"]), str(c.get("add_reason", "")))
        for c in columns
        if c.get("add")
    )
    return Table(
        spec["id"], spec["title"], spec["source"], str(spec["read"]), spec.get("note", ""),
        headings, adds, rows, pending,
    )  # fmt: skip


def _power(spec: Mapping[str, Any], figures: Mapping[str, Any]) -> Power:
    key = spec["figure"]
    if key not in figures:
        raise MemoError(f"validation power: no ledger figure {key!r}")
    fig = figures[key]
    nodes = spec.get("nodes")
    result, cmd = run(spec["preset"], spec.get("set", []), nodes)
    times, per = int(spec.get("times", 1)), int(spec.get("per", 1))
    computed = Fraction(exact(result[spec["field"]])) * times / per
    value = computed.numerator if computed.denominator == 1 else float(computed)
    factor = f" × {times}" if times != 1 else ""
    factor += f" / {per}" if per != 1 else ""
    return Power(
        spec["what"], key, fig["value"], value, str(fig.get("unit", "")), cmd,
        f"`{spec['field']}`{factor}",
    )  # fmt: skip


def load(spec: Mapping[str, Any], figures: Mapping[str, Any]) -> Validation:
    """Every table and power row of ``validation.toml``, computed; ``figures`` are the ledger's."""
    tables = tuple(_table(t) for t in spec.get("table", []))
    power = tuple(_power(p, figures) for p in spec.get("power", []))
    named = {f for t in spec.get("table", []) for f in t.get("figures", [])}
    named |= {p["figure"] for p in spec.get("power", [])}
    missing = sorted(named - set(figures))
    if missing:
        raise MemoError(f"validation names ledger figures that do not exist: {', '.join(missing)}")
    return Validation(tables, power, frozenset(named))
