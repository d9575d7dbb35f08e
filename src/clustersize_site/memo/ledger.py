"""The assumptions ledger (``docs/data/ledger.toml``): every number of every bundled config points to a sourced
figure with a status. The check that the ledger, its figures and the configs agree, and the counts the pages
quote.

A figure (``[figures.KEY]``) holds ``value`` (a number, or ``{low, typical, high}``), ``unit``, ``status`` and
its provenance; a config entry (``[configs.NAME]``) maps a dotted config path to a figure key. See the comment
at the top of ``ledger.toml`` for every field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from clustersize import examples

from .arith import evaluate, exact

LEDGER_STATUSES = ("placeholder", "estimate", "secondary", "verified")
"""Allowed ``status`` of a figure, weakest first."""

SOURCED = ("verified", "secondary")
"""Statuses that need an https ``source``, the figure as ``stated`` and the date it was ``read``."""

JUDGED = ("estimate", "placeholder")
"""Statuses that need ``reasoning``."""

CORNERS = ("low", "typical", "high")
"""The keys of a range value, in order."""

FIGURE_LINK = re.compile(r"#fig-([a-z0-9][a-z0-9-]*)")
"""A link to a figure's anchor on the ledger page (``ledger.md#fig-KEY``)."""

Value = int | float | dict[str, int | float]
"""A config number, or a range ``{low, typical, high}``."""


def is_range(obj: Any) -> bool:
    """Whether ``obj`` is a range value: exactly ``low``, ``typical`` and ``high``, all numbers."""
    return (
        isinstance(obj, Mapping)
        and set(obj) == set(CORNERS)
        and all(_is_number(obj[k]) for k in CORNERS)
    )


def _is_number(obj: Any) -> bool:
    return isinstance(obj, int | float) and not isinstance(obj, bool)


def _children(obj: Any) -> Iterable[tuple[Any, Any]]:
    """The keys and values of a JSON object, the indexes and items of a list, else nothing."""
    if isinstance(obj, Mapping):
        return obj.items()
    return enumerate(obj) if isinstance(obj, list) else ()


def config_numbers(obj: Any, prefix: str = "") -> dict[str, int | float]:
    """Every number in decoded config JSON, keyed by dotted path (``node.gpu_w``, ``node.gpu_w.low``,
    ``extra_loads.0.power_w``); booleans are not numbers."""
    if _is_number(obj):
        return {prefix.rstrip("."): obj}
    out: dict[str, int | float] = {}
    for key, value in _children(obj):
        out.update(config_numbers(value, f"{prefix}{key}."))
    return out


def config_values(obj: Any, prefix: str = "") -> dict[str, Value]:
    """The ledger's view of a config: each number or range by dotted path (a range is one value)."""
    if is_range(obj) or _is_number(obj):
        return {prefix.rstrip("."): obj}
    out: dict[str, Value] = {}
    for key, value in _children(obj):
        out.update(config_values(value, f"{prefix}{key}."))
    return out


def ledger_problems(
    configs: Mapping[str, Any], ledger: Mapping[str, Any], used: Iterable[str] = ()
) -> list[str]:
    """What is wrong with the ledger: a config number without an entry or with another value than its
    figure, an entry naming no figure or no config number, a figure breaking its status's rules, and a
    figure nothing uses (``used``: the figure keys that validation rows and page links name)."""
    figures: Mapping[str, Any] = ledger.get("figures", {})
    entries: Mapping[str, Any] = ledger.get("configs", {})
    problems = [
        f"ledger lists config {name!r}, which is not a bundled config"
        for name in sorted(set(entries) - set(configs))
    ]
    for name, raw in configs.items():
        problems += _config_problems(name, config_values(raw), entries.get(name, {}), figures)
    for key, fig in figures.items():
        problems += [f"figure {key!r}: {p}" for p in figure_problems(fig)]
    cited = {key for table in entries.values() for key in table.values()} | set(used)
    problems += [
        f"figure {key!r} is used by no config, validation row or page link"
        for key in figures
        if key not in cited
    ]
    return problems


def _config_problems(
    name: str, values: Mapping[str, Value], have: Mapping[str, Any], figures: Mapping[str, Any]
) -> list[str]:
    problems: list[str] = []
    for path, value in values.items():
        where = f"{name}: {path} = {value!r}"
        key = have.get(path)
        if key is None:
            problems.append(f"{where} has no ledger entry")
        elif key not in figures:
            problems.append(
                f"{where}: its entry names figure {key!r}, which the ledger does not hold"
            )
        elif not same_value(figures[key].get("value"), value):
            recorded = figures[key].get("value")
            problems.append(
                f"{where}: the ledger records value {recorded!r} (figure {key!r}); "
                "re-check the source and update the figure"
            )
    problems += [
        f"{name}: ledger entry {path!r} matches no number in the config"
        for path in sorted(set(have) - set(values))
    ]
    return problems


def same_value(recorded: Any, value: Value) -> bool:
    """Whether a figure's value equals a config value: the same number, or the same range."""
    if is_range(value):
        return is_range(recorded) and all(
            exact(recorded[k]) == exact(value[k])  # type: ignore[index]
            for k in CORNERS
        )
    return _is_number(recorded) and not is_range(value) and exact(recorded) == exact(value)  # type: ignore[arg-type]


def figure_problems(fig: Mapping[str, Any]) -> list[str]:
    """What is wrong with one figure: its value, status, provenance and formula."""
    value = fig.get("value")
    if not (_is_number(value) or is_range(value)):
        return [f"value {value!r} is neither a number nor a {{low, typical, high}} range"]
    problems = [f"no {f!r}" for f in ("what", "unit") if not _text(fig.get(f))]
    status = fig.get("status")
    if status not in LEDGER_STATUSES:
        problems.append(f"status {status!r} is not one of {LEDGER_STATUSES}")
    if status in SOURCED:
        problems += _sourced_problems(fig, str(status))
    if status in JUDGED and not _text(fig.get("reasoning")):
        problems.append(f"status {status} needs the reasoning behind the value")
    if "formula" in fig:
        problems += _formula_problems(fig["formula"], value)
        if not _text(fig.get("derivation")):
            problems.append("a formula needs its derivation in words")
    return problems


def _sourced_problems(fig: Mapping[str, Any], status: str) -> list[str]:
    problems: list[str] = []
    source = fig.get("source")
    urls = source if isinstance(source, list) else [source]
    if not urls or not all(isinstance(u, str) and u.startswith("https://") for u in urls):
        problems.append(f"status {status} needs an https source (got {source!r})")
    if not _text(fig.get("stated")):
        problems.append(f"status {status} needs the figure as the source states it")
    read = fig.get("read")
    try:
        dt.date.fromisoformat(str(read))
    except ValueError:
        problems.append(f"status {status} needs the date the source was read (got {read!r})")
    return problems


def _formula_problems(formula: Any, value: Any) -> list[str]:
    if is_range(value):
        if not isinstance(formula, Mapping) or not set(formula) <= set(CORNERS) or not formula:
            return [f"formula of a range must be a table of {CORNERS} (got {formula!r})"]
        pairs = [(k, formula[k], value[k]) for k in CORNERS if k in formula]
    else:
        pairs = [("value", formula, value)]
    problems: list[str] = []
    for corner, expr, want in pairs:
        try:
            got = evaluate(str(expr))
        except ValueError as exc:
            problems.append(f"formula: {exc}")
            continue
        if got != exact(want):
            problems.append(f"formula {expr!r} gives {float(got):g}, not the {corner} {want!r}")
    return problems


def _text(obj: Any) -> bool:
    return isinstance(obj, str) and bool(obj.strip())


def figure_links(texts: Iterable[str]) -> set[str]:
    """The figure keys that links in ``texts`` (Markdown pages) point to."""
    return {key for text in texts for key in FIGURE_LINK.findall(text)}


def entry_status(ledger: Mapping[str, Any], config: str, path: str) -> str:
    """The status of one config number: its figure's status."""
    return str(ledger["figures"][ledger["configs"][config][path]]["status"])


def ledger_counts(ledger: Mapping[str, Any]) -> dict[str, int]:
    """Config entries per status and ``total`` over every config; the same per config as ``NAME.STATUS`` and
    ``NAME.total`` (the default example also as ``default.…``); ``figures`` and ``configs``."""
    counts = dict.fromkeys(LEDGER_STATUSES, 0)
    for name, table in ledger["configs"].items():
        own = dict.fromkeys(LEDGER_STATUSES, 0)
        for path in table:
            own[entry_status(ledger, name, path)] += 1
        alias = ["default"] if name == examples.DEFAULT else []
        for prefix in [name, *alias]:
            counts.update({f"{prefix}.{s}": n for s, n in own.items()})
            counts[f"{prefix}.total"] = sum(own.values())
        for status, n in own.items():
            counts[status] += n
    counts["total"] = sum(counts[s] for s in LEDGER_STATUSES)
    counts["figures"] = len(ledger["figures"])
    counts["configs"] = len(ledger["configs"])
    return counts
