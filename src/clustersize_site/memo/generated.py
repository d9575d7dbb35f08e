"""Every number the memo's generators produce, and every way the pages spell one: what a hand-typed copy in a
page would have to match to go stale silently.

The numbers ([`generated_values`][clustersize_site.memo.generated.generated_values]) are each scenario's whole
result (the numbers in its sentences too), every bundled example sized as shipped, the trade study's sweep, the sensitivity page's swings, band
and implicit choices, the spine-count example, the ledger's and the validation page's counts and computed
cells, and the module count of each architecture diagram. The spellings
([`spellings`][clustersize_site.memo.generated.spellings]) are what [`clustersize.fmt`][clustersize.fmt]
prints for a value (bare, with its unit, as MW, kW, a share of the cap, signed), its JSON text and its digits
without thousands separators; each is reduced to its number tokens
([`NUMBER`][clustersize_site.memo.generated.NUMBER]).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints

from clustersize import RESULT_UNITS, api, examples, fmt
from clustersize.output import result_to_dict

from .data import Memo
from .directives import sensitivity, spines, trade
from .ledger import ledger_counts
from .modgraph import acyclic, import_graph
from .page import FENCE

NUMBER = re.compile(r"(?<![\w.,-])\d+(?:,\d{3})*(?:\.\d+)?(?![\d,.]?\d|-\d)")
"""A number as prose writes it: ``3,960``, ``4991754``, ``12.3``, ``64`` in ``64-port``, ``56`` in ``56kW``.
Not a number: the parts of a date (``2026-11-30``), a version (``0.1.0``) or a name (``reference-5mw``,
``INV-005``, ``h100``)."""


NAMES = ("node_name", "fabric_name")
"""Result fields that echo a config's names (``placeholder 8-GPU 700 W node``): their numbers are inputs. The
numbers in every other text field (``binding_detail``, ``unit_note``) are the solver's."""


@dataclass(frozen=True)
class Generated:
    """One generated number: where it comes from (``ref.nodes``, ``sweep two_tier gpus``), its value, its
    unit (``W``, ``GPUs/MW``, ``ratio``, ``nodes`` …, or ``""``) and the whole its share is printed of (the IT
    cap in W for watts, the baseline for a change in nodes)."""

    source: str
    value: int | float
    unit: str = ""
    whole: float | None = None


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _numbers(obj: Any, prefix: str) -> Iterator[tuple[str, int | float]]:
    """Every number in decoded JSON by dotted path, and the length of every non-empty list as ``PATH#``."""
    if _is_number(obj):
        yield prefix, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _numbers(v, f"{prefix}.{k}")
    elif isinstance(obj, list) and obj:
        yield f"{prefix}#", len(obj)
        for i, v in enumerate(obj):
            yield from _numbers(v, f"{prefix}.{i}")


def result_values(name: str, result: Mapping[str, Any]) -> list[Generated]:
    """Every number of one result (nested ones and list lengths too), with its field's unit and the cap."""
    cap = result.get("it_cap_w")
    out = []
    for key, value in result.items():
        if isinstance(value, str) and key not in NAMES:
            out += [Generated(f"{name}.{key}", _value(t)) for t in NUMBER.findall(value)]
        for path, v in _numbers(value, f"{name}.{key}"):
            unit = RESULT_UNITS.get(key, "") if path == f"{name}.{key}" else ""
            out.append(Generated(path, v, unit, cap))
    return out


def _value(token: str) -> float:
    """A number token's value: ``5,000,496`` → ``5000496.0``."""
    return float(token.replace(",", ""))


def _presets() -> list[Generated]:
    """Every bundled example sized as shipped (the summary's example table)."""
    out = []
    for name in examples.names():
        _, config = api.prepare(examples.text(name))
        out += result_values(f"preset {name}", result_to_dict(api.size(config)))
    return out


def _sweeps(memo: Memo) -> list[Generated]:
    """GPUs at each cap of the trade study's sweep, per option (the GPUs-versus-cap figure)."""
    out = []
    for name in memo.trade.options:
        for r in trade.option_sweep(memo.scenario(name), memo.trade.sweep):
            if r["status"] == "ok":
                out.append(Generated(f"sweep {name} gpus", r["gpus"], "", r["it_cap_w"]))
    return out


def _sensitivity(memo: Memo) -> list[Generated]:
    """The tornado's swings and band of each ranged scenario, the implicit choices (nodes, change, share) and
    the spread of the trade study's power-bound options."""
    out = []
    for sc in memo.scenarios.values():
        if not sc.result["ranged_inputs"]:
            continue
        t = sensitivity.ranged_swings(sc)
        out.append(Generated(f"{sc.name} band width", t.nodes_high - t.nodes_low))
        for row in t.rows:
            out += [
                Generated(f"{sc.name} swing {row.path} {k}", v)
                for k, v in (("at low", row.nodes_at_low), ("at high", row.nodes_at_high))
            ]
            out.append(Generated(f"{sc.name} swing {row.path}", row.swing))
    if memo.implicit is None:
        return out
    table = sensitivity.implicit_table(memo)
    out.append(Generated("implicit baseline", table.baseline))
    for c in sensitivity.every_choice(table):
        out += [Generated(f"implicit {c.key} nodes", c.nodes)]
        out += [Generated(f"implicit {c.key} change", c.delta, "nodes", c.baseline)]
    lo, hi, _ = sensitivity.fabric_spread(memo)
    base = memo.scenario(memo.trade.options[0]).result["nodes"]
    out += [Generated(f"fabric spread {k}", v, "nodes", base) for k, v in (("lo", lo), ("hi", hi))]
    return out


def _naive(memo: Memo) -> list[Generated]:
    """The spine-count example's computed counts (not its inputs: uplinks per leaf, spine ports)."""
    if spines.ROLE not in memo.roles:
        return []
    values = spines.naive_values(memo.role(spines.ROLE))
    inputs = ("leaf_uplinks", "spine_ports")
    return [
        Generated(f"naive {k}", _value(token))
        for k, text in values.items()
        if k not in inputs
        for token in NUMBER.findall(text)
    ]


def _counts(memo: Memo, pages: Mapping[str, str]) -> list[Generated]:
    """The ledger's entry counts, the validation page's row counts and computed cells, and the module count
    of each architecture diagram the pages draw."""
    out = [Generated(f"ledger {k}", v) for k, v in ledger_counts(memo.ledger).items()]
    out += [Generated(f"validation {k}", v) for k, v in memo.validation.counts().items()]
    for t in memo.validation.tables:
        for i, row in enumerate(t.rows):
            out += [
                Generated(f"validation {t.id} row {i} {head}", c.computed)
                for head, c in zip(t.headings, row.cells, strict=True)
                if c.computed is not None
            ]
    out += [Generated(f"validation power {p.figure}", p.computed) for p in memo.validation.power]
    for packages in _diagram_packages(pages):
        graph = acyclic(import_graph(memo.root / "src", packages))
        out.append(Generated(f"modules of {', '.join(packages)}", len(graph)))
    return out


def _diagram_packages(pages: Mapping[str, str]) -> list[list[str]]:
    """The ``packages`` of every ``architecture`` memo block of the pages."""
    out = []
    for text in pages.values():
        for m in FENCE.finditer(text):
            spec = yaml.safe_load(m["body"])
            if isinstance(spec, dict) and next(iter(spec), None) == "architecture":
                packages = [str(p) for p in spec.get("packages", [])]
                if packages not in out:
                    out.append(packages)
    return out


def generated_values(memo: Memo, pages: Mapping[str, str]) -> list[Generated]:
    """Every number the generators produce for the memo whose pages (source text by name) are ``pages``."""
    out = [g for sc in memo.scenarios.values() for g in result_values(sc.name, sc.result)]
    return (
        out + _presets() + _sweeps(memo) + _sensitivity(memo) + _naive(memo) + _counts(memo, pages)
    )


def spellings(g: Generated) -> set[str]:
    """The number tokens of every way the pages print ``g``: bare, with its unit, signed, as JSON and without
    thousands separators; watts also as MW, kW, the CLI's long form and a share of the cap; node changes also
    as a share of their baseline."""
    v = g.value
    texts = [fmt.number(v), fmt.with_unit(v, g.unit), fmt.signed(v), json.dumps(v)]
    if g.unit == "W":
        texts += [fmt.megawatts(v), fmt.kilowatts(v), fmt.watts_long(v)]
        if g.whole:
            texts.append(fmt.styled(v, "W", "pct", g.whole))
    if g.unit == "nodes" and g.whole:
        texts += [sensitivity.signed(int(v), int(g.whole), d)[1] for d in (0, 1)]
    tokens = {t for text in texts for t in NUMBER.findall(text)}
    return tokens | {t.replace(",", "") for t in tokens}


def generated_numbers(memo: Memo, pages: Mapping[str, str]) -> dict[str, list[str]]:
    """Every spelling of every generated number, with the sources that produce it."""
    out: dict[str, list[str]] = {}
    for g in generated_values(memo, pages):
        for token in spellings(g):
            out.setdefault(token, []).append(g.source)
    return out
