"""The assumptions ledger (``docs/data/ledger.toml``): every number of every bundled config, its status and
its source. A check that the ledger and the configs agree, and the counts the ledger page quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

LEDGER_STATUSES = ("placeholder", "indicative", "verified")
"""Allowed ``status`` of a ledger entry, weakest first."""


def config_numbers(obj: Any, prefix: str = "") -> dict[str, int | float]:
    """Every number in decoded config JSON, keyed by dotted path (``node.gpu_w``); booleans are not numbers."""
    out: dict[str, int | float] = {}
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            out.update(config_numbers(value, f"{prefix}{key}."))
    elif isinstance(obj, int | float) and not isinstance(obj, bool):
        out[prefix.rstrip(".")] = obj
    return out


def ledger_problems(configs: Mapping[str, Any], ledger: Mapping[str, Any]) -> list[str]:
    """Every number of every config has exactly one ledger entry with the same value, a known status, a
    source and a valid check date; and the ledger has no entry that matches no config number.

    ``configs`` maps config name to decoded JSON; ``ledger`` is the parsed ``docs/data/ledger.toml``:
    ``{"sources": {key: text}, "configs": {name: {dotted_path: {value, status, source, checked?}}}}``.
    """
    problems: list[str] = []
    sources = ledger.get("sources", {})
    entries = ledger.get("configs", {})
    for name in sorted(set(entries) - set(configs)):
        problems.append(f"ledger lists config {name!r}, which is not a bundled config")
    for name, raw in configs.items():
        numbers = config_numbers(raw)
        have = entries.get(name, {})
        for path, value in numbers.items():
            entry = have.get(path)
            where = f"{name}: {path} = {value!r}"
            if entry is None:
                problems.append(f"{where} has no ledger entry")
                continue
            problems += [f"{where}{p}" for p in _entry_problems(entry, value, sources)]
        for path in sorted(set(have) - set(numbers)):
            problems.append(f"{name}: ledger entry {path!r} matches no number in the config")
    return problems


def _entry_problems(
    entry: Mapping[str, Any], value: float, sources: Mapping[str, str]
) -> list[str]:
    """What is wrong with one ledger entry for a config number ``value`` (each text follows ``where``)."""
    problems: list[str] = []
    if entry.get("value") != value or type(entry.get("value")) is bool:
        problems.append(
            f": the ledger records value {entry.get('value')!r}; re-check the source and update the entry"
        )
    status = entry.get("status")
    if status not in LEDGER_STATUSES:
        problems.append(f": status {status!r} is not one of {LEDGER_STATUSES}")
    source = entry.get("source")
    if not isinstance(source, str) or not (source in sources or len(source) > 20):
        problems.append(f": source {source!r} is neither a [sources] key nor a text")
    checked = entry.get("checked", "")
    if checked:
        try:
            dt.date.fromisoformat(str(checked))
        except ValueError:
            problems.append(f": checked {checked!r} is not an ISO date (YYYY-MM-DD)")
    if status == "verified" and not checked:
        problems.append(": status verified needs the date it was checked")
    return problems


def ledger_counts(ledger: Mapping[str, Any]) -> dict[str, int]:
    """Entries per status, ``total``, ``checked`` / ``unchecked`` (with a check date) and ``configs``."""
    counts = dict.fromkeys(LEDGER_STATUSES, 0)
    checked = 0
    for entries in ledger["configs"].values():
        for e in entries.values():
            counts[e["status"]] += 1
            checked += bool(e.get("checked"))
    counts["total"] = sum(counts[s] for s in LEDGER_STATUSES)
    counts["checked"] = checked
    counts["unchecked"] = counts["total"] - checked
    counts["configs"] = len(ledger["configs"])
    return counts
