"""Formatting and drawing for the memo: numbers with units, Markdown tables and self-drawn SVG figures.

Pure functions over solver results; nothing here decides a number, it only prints what the solver returned.
Figures are inline SVG whose ink is ``currentColor`` or a ``--memo-*`` CSS variable, so they follow the light
and dark colour schemes (``docs/stylesheets/memo.css``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from clustersize import fmt as fmt_

# --------------------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------------------


num = fmt_.number
with_unit = fmt_.with_unit
fmt = fmt_.styled


# --------------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------------


def cell(text: Any) -> str:
    """A Markdown table cell: pipes escaped, newlines folded."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    """A Markdown pipe table; ``align`` is one letter per column (``l``/``r``/``c``), default left."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    spec = [marks.get(align[i] if i < len(align) else "l", ":--") for i in range(len(header))]
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "| " + " | ".join(spec) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def code_block(text: str, lang: str = "text", title: str = "") -> str:
    """A fenced code block long enough to hold any backticks in ``text``."""
    fence = "```"
    while fence in text:
        fence += "`"
    head = fence + lang + (f' title="{title}"' if title else "")
    return f"{head}\n{text.rstrip()}\n{fence}"


# --------------------------------------------------------------------------------------------------------------
# SVG figures
# --------------------------------------------------------------------------------------------------------------

DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2 6 2", "12 2")


def nice_step(span: float, target: int = 6) -> float:
    """A 1-2-5 tick step giving about ``target`` ticks over ``span``."""
    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power  # pragma: no cover


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def line_chart(
    fig_id: str,
    series: Sequence[tuple[str, Sequence[tuple[float, float]]]],
    *,
    x_label: str,
    y_label: str,
    title: str,
    desc: str,
) -> str:
    """A line chart as one inline SVG: one polyline and marker set per series, legend on the right."""
    width, height = 900, 440
    left, right, top, bottom = 78, 210, 20, 56
    pw, ph = width - left - right, height - top - bottom
    xs = [x for _, pts in series for x, _ in pts]
    ys = [y for _, pts in series for _, y in pts]
    x0, x1 = min(xs), max(xs)
    ystep = nice_step(max(ys))
    y1 = ystep * math.ceil(max(ys) / ystep)
    xstep = nice_step(x1 - x0, 9)

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def sy(y: float) -> float:
        return top + ph - y / y1 * ph

    out = [
        f'<svg class="memo-fig" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{fig_id}-title {fig_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{fig_id}-title">{_esc(title)}</title>',
        f'<desc id="{fig_id}-desc">{_esc(desc)}</desc>',
    ]
    y = 0.0
    while y <= y1 + 1e-9:
        py = sy(y)
        out.append(
            f'<line class="memo-grid" x1="{left}" x2="{left + pw}" y1="{py:.1f}" y2="{py:.1f}"/>'
        )
        out.append(
            f'<text class="memo-tick" x="{left - 8}" y="{py + 4:.1f}" text-anchor="end">{num(round(y))}</text>'
        )
        y += ystep
    x = math.ceil(x0 / xstep) * xstep
    while x <= x1 + 1e-9:
        px = sx(x)
        out.append(
            f'<line class="memo-grid" x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{top + ph}"/>'
        )
        out.append(
            f'<text class="memo-tick" x="{px:.1f}" y="{top + ph + 18}" text-anchor="middle">{x:g}</text>'
        )
        x += xstep
    out.append(
        f'<line class="memo-axis" x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}"/>'
    )
    out.append(f'<line class="memo-axis" x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}"/>')
    out.append(
        f'<text class="memo-label" x="{left + pw / 2:.1f}" y="{height - 12}" text-anchor="middle">{_esc(x_label)}</text>'
    )
    out.append(
        f'<text class="memo-label" transform="translate(18 {top + ph / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{_esc(y_label)}</text>'
    )
    for i, (label, pts) in enumerate(series):
        dash = DASHES[i % len(DASHES)]
        d = " ".join(f"{sx(px):.1f},{sy(py):.1f}" for px, py in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="memo-s{i}"><title>{_esc(label)}</title>')
        out.append(f'<polyline class="memo-line" points="{d}"{dash_attr}/>')
        out += [
            f'<circle class="memo-dot" cx="{sx(px):.1f}" cy="{sy(py):.1f}" r="2.6"/>'
            for px, py in pts
        ]
        out.append("</g>")
        ly = top + 14 + i * 26
        lx = left + pw + 18
        out.append(
            f'<g class="memo-s{i}"><line class="memo-line" x1="{lx}" x2="{lx + 34}" y1="{ly}" y2="{ly}"{dash_attr}/>'
            f'<circle class="memo-dot" cx="{lx + 17}" cy="{ly}" r="2.6"/>'
            f'<text class="memo-legend" x="{lx + 42}" y="{ly + 4}">{_esc(label)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def stacked_bars(
    fig_id: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    parts: Sequence[str],
    *,
    x_label: str,
    title: str,
    desc: str,
    scale: float = 1.0,
    unit: str = "",
) -> str:
    """Horizontal stacked bars, one row per option; each part is drawn with class ``memo-p{i}``."""
    width = 900
    left, right, top, bar, gap = 200, 110, 34, 24, 12
    height = top + len(rows) * (bar + gap) + 48
    pw = width - left - right
    totals = [sum(v) for _, v in rows]
    step = nice_step(max(totals) / scale)
    xmax = step * math.ceil(max(totals) / scale / step)

    def sx(v: float) -> float:
        return left + v / scale / xmax * pw

    out = [
        f'<svg class="memo-fig" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{fig_id}-title {fig_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{fig_id}-title">{_esc(title)}</title>',
        f'<desc id="{fig_id}-desc">{_esc(desc)}</desc>',
    ]
    base = top + len(rows) * (bar + gap)
    t = 0.0
    while t <= xmax + 1e-9:
        px = left + t / xmax * pw
        out.append(
            f'<line class="memo-grid" x1="{px:.1f}" x2="{px:.1f}" y1="{top - 6}" y2="{base}"/>'
        )
        out.append(
            f'<text class="memo-tick" x="{px:.1f}" y="{base + 16}" text-anchor="middle">{num(round(t))}</text>'
        )
        t += step
    out.append(
        f'<text class="memo-label" x="{left + pw / 2:.1f}" y="{height - 8}" text-anchor="middle">{_esc(x_label)}</text>'
    )
    for i, name in enumerate(parts):
        lx = left + i * 160
        out.append(
            f'<g class="memo-p{i}"><rect class="memo-bar" x="{lx}" y="6" width="14" height="14"/>'
            f'<text class="memo-legend" x="{lx + 20}" y="18">{_esc(name)}</text></g>'
        )
    for r, (label, values) in enumerate(rows):
        y = top + r * (bar + gap)
        out.append(
            f'<text class="memo-legend" x="{left - 10}" y="{y + bar / 2 + 5:.1f}" text-anchor="end">{_esc(label)}</text>'
        )
        acc = 0.0
        for i, v in enumerate(values):
            x_a, x_b = sx(acc), sx(acc + v)
            out.append(
                f'<rect class="memo-bar memo-p{i}" x="{x_a:.1f}" y="{y}" width="{max(x_b - x_a, 0):.1f}" '
                f'height="{bar}"><title>{_esc(label)}: {_esc(parts[i])} {num(round(v / scale, 1))} {unit}</title></rect>'
            )
            acc += v
        out.append(
            f'<text class="memo-tick" x="{sx(acc) + 6:.1f}" y="{y + bar / 2 + 5:.1f}">{num(round(acc / scale, 1))} {unit}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def figure(svg: str, caption: str) -> str:
    """An HTML figure block (no blank lines, so Markdown passes it through untouched)."""
    return f'<figure class="memo-figure">{svg}<figcaption>{caption}</figcaption></figure>'
