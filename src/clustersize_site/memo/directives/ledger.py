"""The assumptions ledger page: counts per status, one table per bundled config of every input number with its
status and figure, and every figure's provenance (``docs/data/ledger.toml``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from clustersize import examples, fmt, model

from ..ledger import CORNERS, LEDGER_STATUSES, config_values, entry_status, is_range, ledger_counts
from ..registry import Context, directive
from ..render import cell, slug, table

MEANING = {
    "verified": "A vendor's own document states it, or it is derived by the stated arithmetic from such figures.",
    "secondary": "A third party states it; no vendor document stating it could be read.",
    "estimate": "Engineering judgement; the figure says how it was reached.",
    "placeholder": "A round stand-in or a study requirement. Replace it before relying on any result.",
}
"""What each status means, as the page prints it."""


def value_text(value: Any, unit: str = "") -> str:
    """A figure's value as printed: a number, or ``low / typical / high`` for a range, with its unit."""
    text = (
        " / ".join(fmt.number(value[k]) for k in CORNERS) if is_range(value) else fmt.number(value)
    )
    tail = " (low / typical / high)" if is_range(value) else ""
    return (f"{text} {unit}" if unit and unit != "—" else text) + tail


@directive("ledger: counts")
def counts(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Config entries per status: one column per bundled config and a total."""
    n = ledger_counts(ctx.memo.ledger)
    names = examples.names()
    rows = [
        (
            f"**{s}**",
            MEANING[s],
            *(fmt.number(n[f"{name}.{s}"]) for name in names),
            fmt.number(n[s]),
        )
        for s in reversed(LEDGER_STATUSES)
    ]
    rows.append(
        ("**all**", "", *(fmt.number(n[f"{name}.total"]) for name in names), fmt.number(n["total"]))
    )
    header = ["Status", "Meaning", *(f"[`{name}`](#ledger-{name})" for name in names), "All"]
    return table(header, rows, "ll" + "r" * (len(names) + 1))


@directive("ledger: entries")
def entries(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One section per bundled config: every number (a range counts as one), its unit, status and figure."""
    units = {m.dotted: m.spec.unit for m in (*model.walk(), *model.item_fields())}
    cfg_ref = ctx.link("reference/config.md")
    ledger = ctx.memo.ledger
    parts = []
    for name in examples.names():
        rows = []
        for path, value in config_values(ctx.memo.configs[name]).items():
            key = ledger["configs"][name][path]
            parts_ = path.split(".")
            field = ".".join(
                "*" if p.isdigit() else p for p in parts_
            )  # extra_loads.0.x -> extra_loads.*.x
            anchor = slug(parts_[0] if field != path else path)  # list items: the list's own anchor
            rows.append(
                (
                    f"[`{path}`]({cfg_ref}#cfg-{anchor})",
                    value_text(value),
                    units.get(field) or "—",
                    f"**{entry_status(ledger, name, path)}**",
                    f"[`{key}`](#fig-{key})",
                    _first_source(ledger["figures"][key]),
                )
            )
        desc = ctx.memo.configs[name].get("description", "")
        parts.append(
            f"### `{name}` {{ #ledger-{name} }}\n\n{desc}\n\nReproduce: `python -m clustersize --preset {name}`; "
            f"print the config: `python -m clustersize --example {name}`.\n\n"
            + table(["Input", "Value", "Unit", "Status", "Figure", "Source"], rows, "lrllll")
            + "\n"
        )
    return "\n".join(parts)


def _first_source(fig: Mapping[str, Any]) -> str:
    """The first source of a figure as a link named by its host, with the date read; ``—`` when unsourced."""
    source = fig.get("source")
    if not source:
        return "—"
    url = source[0] if isinstance(source, list) else source
    more = f" (+{len(source) - 1})" if isinstance(source, list) and len(source) > 1 else ""
    return f"[{urlsplit(url).hostname}]({url}){more}, read {fig['read']}"


def _users(ledger: Mapping[str, Any]) -> dict[str, list[str]]:
    """Figure key -> the ``config path`` entries that name it."""
    users: dict[str, list[str]] = {}
    for name, table_ in ledger["configs"].items():
        for path, key in table_.items():
            users.setdefault(key, []).append(f"`{name}` `{path}`")
    return users


def _sources(fig: Mapping[str, Any]) -> str:
    source = fig.get("source", [])
    urls = source if isinstance(source, list) else [source]
    links = ", ".join(f"<{u}>" for u in urls)
    return f"{links} (stored copy read {fig['read']})"


def _formula(fig: Mapping[str, Any]) -> str:
    formula = fig["formula"]
    if isinstance(formula, Mapping):
        return "; ".join(f"{k}: `{formula[k]}`" for k in CORNERS if k in formula)
    return f"`{formula}`"


FIELDS = (
    ("source", "Source", _sources),
    ("stated", "Stated", lambda f: f"“{cell(f['stated'])}”"),
    ("derivation", "Derivation", lambda f: cell(f["derivation"])),
    ("formula", "Formula (the build checks it gives the value)", _formula),
    ("reasoning", "Reasoning", lambda f: cell(f["reasoning"])),
    ("gap", "Not read", lambda f: cell(f["gap"])),
)
"""The provenance lines of a figure, in order: (field, label, how it is printed)."""


@directive("ledger: figures")
def figures(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every figure with its value, status and provenance, and the config entries and validation rows that
    use it."""
    ledger = ctx.memo.ledger
    users = _users(ledger)
    validation = ctx.link("validation.md")
    parts = []
    for key, fig in ledger["figures"].items():
        head = (
            f'<span id="fig-{key}"></span>**`{key}`**: {cell(fig["what"])}. '
            f"**{value_text(fig['value'], fig['unit'])}**, *{fig['status']}*."
        )
        lines = [f"- **{label}:** {show(fig)}" for field, label, show in FIELDS if field in fig]
        used = users.get(key, [])
        if key in ctx.memo.validation.figures:
            used.append(f"the [validation page]({validation})")
        if used:
            lines.append("- **Used by:** " + "; ".join(used))
        parts.append(head + "\n\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)
