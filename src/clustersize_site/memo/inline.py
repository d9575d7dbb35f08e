"""Inline values: a scenario's result field, a config input, a ledger count or the version, printed into a
page's prose.

A value is written ``{{= NAME.FIELD }}`` or ``{{= NAME.FIELD|MOD }}``. ``NAME`` is a scenario of ``docs/data/scenarios.toml`` (``FIELD`` a result key, ``cmd`` or ``title``) or one
of the namespaces in [`NAMESPACES`][clustersize_site.memo.inline.NAMESPACES]: ``cfg`` (a dotted input path of
the default example), ``naive`` (the spine-count example), ``ledger`` (entry counts), ``meta``
(``version``), ``means`` (``means.SCENARIO``: how that scenario reads its cap, as a phrase) and ``implicit``
(``implicit.KEY.nodes``, ``.change``, ``.share`` or ``.label`` of an implicit planning choice: ``cap_basis``,
``planning_margin``, ``power_basis``, ``extra_loads``, ``all``; ``implicit.baseline.nodes``). ``MOD`` is a modifier of [`clustersize.fmt.styled`][clustersize.fmt.styled]: ``n``, ``u``,
``mw``, ``kw`` or ``pct``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from clustersize import RESULT_FIELDS, __version__, examples, fmt, model

from .data import lookup
from .directives import sensitivity, spines, summary
from .errors import MemoError
from .ledger import ledger_counts
from .registry import Context

INLINE = re.compile(r"\{\{=\s*(?P<name>[\w-]+)\.(?P<field>[\w.-]+)\s*(?:\|\s*(?P<mod>\w+)\s*)?\}\}")
"""One inline value in Markdown."""

UNITS = {key: unit for key, unit, _ in RESULT_FIELDS}


def _cfg(ctx: Context, key: str, mod: str) -> str:
    value = lookup(ctx.memo.configs[examples.DEFAULT], key)
    unit = {m.dotted: m.spec.unit for m in model.walk()}[key]
    return fmt.styled(value, unit, mod)


def _naive(ctx: Context, key: str, mod: str) -> str:
    return spines.naive_values(ctx.memo.role(spines.ROLE))[key]


def _ledger(ctx: Context, key: str, mod: str) -> str:
    return fmt.number(ledger_counts(ctx.memo.ledger)[key])


def _meta(ctx: Context, key: str, mod: str) -> str:
    return {"version": __version__}[key]


def _means(ctx: Context, key: str, mod: str) -> str:
    return summary.reading_phrase(ctx.scenario(key).result)


def _implicit(ctx: Context, key: str, mod: str) -> str:
    choice, _, part = key.partition(".")
    t = sensitivity.implicit_table(ctx.memo)
    if choice == "baseline" and part == "nodes":
        return fmt.number(t.baseline)
    rows = {c.key: c for c in sensitivity.every_choice(t)}
    if choice not in rows or part not in ("nodes", "change", "share", "label"):
        raise KeyError(f"{key!r} is not an implicit choice's nodes, change, share or label")
    c = rows[choice]
    change, share = sensitivity.signed(c.delta, c.baseline)
    text: str = {"nodes": fmt.number(c.nodes), "change": change, "share": share, "label": c.label}[
        part
    ]
    return text


NAMESPACES: dict[str, Callable[[Context, str, str], str]] = {
    "cfg": _cfg,
    "naive": _naive,
    "ledger": _ledger,
    "meta": _meta,
    "means": _means,
    "implicit": _implicit,
}
"""The names an inline value may start with besides a scenario; a scenario may not take these names."""


def _scenario(ctx: Context, name: str, key: str, mod: str) -> str:
    sc = ctx.scenario(name)
    if key == "cmd":
        return sc.cmd
    if key == "title":
        return sc.title
    if key not in sc.result:
        raise KeyError(f"{key!r} is not a result field")
    return fmt.styled(sc.result[key], UNITS[key], mod, cap_w=sc.result["it_cap_w"])


def value(ctx: Context, name: str, key: str, mod: str = "") -> str:
    """The printed text of one inline value; a bad name, field or modifier is a
    [`MemoError`][clustersize_site.memo.errors.MemoError] quoting the value."""
    try:
        if name in NAMESPACES:
            return NAMESPACES[name](ctx, key, mod)
        return _scenario(ctx, name, key, mod)
    except (KeyError, ValueError) as exc:
        raise MemoError(f"{{{{= {name}.{key}{'|' + mod if mod else ''} }}}}: {exc}") from None


def expand(ctx: Context, markdown: str) -> str:
    """``markdown`` with every inline value replaced by its text."""
    return INLINE.sub(lambda m: value(ctx, m["name"], m["field"], m["mod"] or ""), markdown)
