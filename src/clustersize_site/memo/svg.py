"""Self-drawn inline SVG charts for the memo: a line chart and horizontal stacked bars.

Ink is ``currentColor`` or a ``--memo-*`` CSS variable (classes ``memo-s{i}`` for series, ``memo-p{i}`` for
parts), so the figures follow the light and dark colour schemes (``docs/stylesheets/memo.css``). Numbers are
printed through [`clustersize.fmt`][clustersize.fmt].
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

from clustersize import fmt

DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2 6 2", "12 2")
Series = tuple[str, Sequence[tuple[float, float]]]


def nice_step(span: float, target: int = 6) -> float:
    """A 1-2-5 tick step giving about ``target`` ticks over ``span``."""
    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power  # pragma: no cover


def ticks(start: float, stop: float, step: float) -> list[float]:
    """``start``, ``start + step``, ... while not past ``stop`` (by more than rounding)."""
    out = []
    t = start
    while t <= stop + 1e-9:
        out.append(t)
        t += step
    return out


def esc(text: str) -> str:
    """Text escaped for SVG/HTML content and attributes."""
    return html.escape(text, quote=True)


def svg_open(fig_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    """The opening ``<svg>`` of an accessible figure, with its ``<title>`` and ``<desc>``."""
    return [
        f'<svg class="memo-fig" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{fig_id}-title {fig_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{fig_id}-title">{esc(title)}</title>',
        f'<desc id="{fig_id}-desc">{esc(desc)}</desc>',
    ]


class _Frame:
    """The plot area of a line chart and its data-to-pixel scales (x from the data range, y from 0)."""

    width, height = 900, 440
    left, right, top, bottom = 78, 210, 20, 56

    def __init__(self, series: Sequence[Series]) -> None:
        xs = [x for _, pts in series for x, _ in pts]
        ys = [y for _, pts in series for _, y in pts]
        self.pw = self.width - self.left - self.right
        self.ph = self.height - self.top - self.bottom
        self.x0, self.x1 = min(xs), max(xs)
        self.ystep = nice_step(max(ys))
        self.y1 = self.ystep * math.ceil(max(ys) / self.ystep)
        self.xstep = nice_step(self.x1 - self.x0, 9)

    def sx(self, x: float) -> float:
        return self.left + (x - self.x0) / (self.x1 - self.x0) * self.pw

    def sy(self, y: float) -> float:
        return self.top + self.ph - y / self.y1 * self.ph

    def grid(self) -> list[str]:
        """Horizontal and vertical grid lines with their tick labels."""
        left, top, pw, ph = self.left, self.top, self.pw, self.ph
        out = [
            f'<line class="memo-grid" x1="{left}" x2="{left + pw}" y1="{self.sy(y):.1f}" y2="{self.sy(y):.1f}"/>'
            f'<text class="memo-tick" x="{left - 8}" y="{self.sy(y) + 4:.1f}" text-anchor="end">{fmt.number(round(y))}</text>'
            for y in ticks(0.0, self.y1, self.ystep)
        ]
        x0 = math.ceil(self.x0 / self.xstep) * self.xstep
        out += [
            f'<line class="memo-grid" x1="{self.sx(x):.1f}" x2="{self.sx(x):.1f}" y1="{top}" y2="{top + ph}"/>'
            f'<text class="memo-tick" x="{self.sx(x):.1f}" y="{top + ph + 18}" text-anchor="middle">{fmt.number(round(x, 6))}</text>'
            for x in ticks(x0, self.x1, self.xstep)
        ]
        return out

    def axes(self, x_label: str, y_label: str) -> list[str]:
        """The two axes and their labels."""
        left, top, pw, ph = self.left, self.top, self.pw, self.ph
        return [
            f'<line class="memo-axis" x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}"/>',
            f'<line class="memo-axis" x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}"/>',
            f'<text class="memo-label" x="{left + pw / 2:.1f}" y="{self.height - 12}" text-anchor="middle">{esc(x_label)}</text>',
            f'<text class="memo-label" transform="translate(18 {top + ph / 2:.1f}) rotate(-90)" '
            f'text-anchor="middle">{esc(y_label)}</text>',
        ]

    def series(self, i: int, label: str, pts: Sequence[tuple[float, float]]) -> list[str]:
        """One series: its polyline and markers, and its legend entry on the right."""
        dash = DASHES[i % len(DASHES)]
        d = " ".join(f"{self.sx(px):.1f},{self.sy(py):.1f}" for px, py in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out = [
            f'<g class="memo-s{i}"><title>{esc(label)}</title>',
            f'<polyline class="memo-line" points="{d}"{dash_attr}/>',
            *(
                f'<circle class="memo-dot" cx="{self.sx(px):.1f}" cy="{self.sy(py):.1f}" r="2.6"/>'
                for px, py in pts
            ),
            "</g>",
        ]
        ly = self.top + 14 + i * 26
        lx = self.left + self.pw + 18
        out.append(
            f'<g class="memo-s{i}"><line class="memo-line" x1="{lx}" x2="{lx + 34}" y1="{ly}" y2="{ly}"{dash_attr}/>'
            f'<circle class="memo-dot" cx="{lx + 17}" cy="{ly}" r="2.6"/>'
            f'<text class="memo-legend" x="{lx + 42}" y="{ly + 4}">{esc(label)}</text></g>'
        )
        return out


def line_chart(
    fig_id: str, series: Sequence[Series], *, x_label: str, y_label: str, title: str, desc: str
) -> str:
    """A line chart as one inline SVG: one polyline and marker set per series, legend on the right."""
    frame = _Frame(series)
    out = svg_open(fig_id, frame.width, frame.height, title, desc)
    out += frame.grid()
    out += frame.axes(x_label, y_label)
    for i, (label, pts) in enumerate(series):
        out += frame.series(i, label, pts)
    out.append("</svg>")
    return "".join(out)


BAR_LEFT, BAR_RIGHT, BAR_TOP, BAR_H, BAR_GAP = 200, 110, 34, 24, 12


def _bar_row(
    y: float,
    label: str,
    values: Sequence[float],
    parts: Sequence[str],
    sx: Callable[[float], float],
    value: Callable[[float], str],
) -> list[str]:
    """One option's label, its stacked parts (each with a tooltip) and its total."""
    mid = y + BAR_H / 2 + 5
    out = [
        f'<text class="memo-legend" x="{BAR_LEFT - 10}" y="{mid:.1f}" text-anchor="end">{esc(label)}</text>'
    ]
    acc = 0.0
    for i, v in enumerate(values):
        x_a, x_b = sx(acc), sx(acc + v)
        out.append(
            f'<rect class="memo-bar memo-p{i}" x="{x_a:.1f}" y="{y}" width="{max(x_b - x_a, 0):.1f}" '
            f'height="{BAR_H}"><title>{esc(label)}: {esc(parts[i])} {value(v)}</title></rect>'
        )
        acc += v
    out.append(f'<text class="memo-tick" x="{sx(acc) + 6:.1f}" y="{mid:.1f}">{value(acc)}</text>')
    return out


def stacked_bars(
    fig_id: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    parts: Sequence[str],
    *,
    x_label: str,
    title: str,
    desc: str,
    value: Callable[[float], str] = fmt.number,
    scale: float = 1.0,
) -> str:
    """Horizontal stacked bars, one row per option; each part is drawn with class ``memo-p{i}``. The axis
    counts ``value / scale``; ``value`` prints a bar's value (and each part's) with its unit."""
    width, left = 900, BAR_LEFT
    base = BAR_TOP + len(rows) * (BAR_H + BAR_GAP)
    height = base + 48
    pw = width - left - BAR_RIGHT
    step = nice_step(max(sum(v) for _, v in rows) / scale)
    xmax = step * math.ceil(max(sum(v) for _, v in rows) / scale / step)

    def sx(v: float) -> float:
        return left + v / scale / xmax * pw

    out = svg_open(fig_id, width, height, title, desc)
    at = [(t, left + t / xmax * pw) for t in ticks(0.0, xmax, step)]
    out += [
        f'<line class="memo-grid" x1="{px:.1f}" x2="{px:.1f}" y1="{BAR_TOP - 6}" y2="{base}"/>'
        f'<text class="memo-tick" x="{px:.1f}" y="{base + 16}" text-anchor="middle">{fmt.number(round(t))}</text>'
        for t, px in at
    ]
    out.append(
        f'<text class="memo-label" x="{left + pw / 2:.1f}" y="{height - 8}" text-anchor="middle">{esc(x_label)}</text>'
    )
    out += [
        f'<g class="memo-p{i}"><rect class="memo-bar" x="{left + i * 160}" y="6" width="14" height="14"/>'
        f'<text class="memo-legend" x="{left + i * 160 + 20}" y="18">{esc(name)}</text></g>'
        for i, name in enumerate(parts)
    ]
    for r, (label, values) in enumerate(rows):
        out += _bar_row(BAR_TOP + r * (BAR_H + BAR_GAP), label, values, parts, sx, value)
    out.append("</svg>")
    return "".join(out)


TORNADO_LEFT, TORNADO_RIGHT, TORNADO_TOP = 300, 60, 52


def _tornado_scale(values: Sequence[float]) -> tuple[float, float, float]:
    """The axis of a tornado chart: its first and last tick and the tick step, around every value."""
    lo, hi = min(values), max(values)
    step = nice_step(hi - lo, 8) if hi > lo else 1.0
    x0 = step * math.floor(lo / step)
    x1 = step * math.ceil(hi / step)
    return x0, (x1 if x1 > x0 else x0 + step), step


def _tornado_marks(
    sx: Callable[[float], float], marks: Sequence[tuple[str, float]], bottom: float
) -> list[str]:
    """A labelled vertical line at each mark (the point answer, the band's ends)."""
    out = []
    for i, (label, x) in enumerate(marks):
        dash = "" if i == 0 else ' stroke-dasharray="5 4"'
        out.append(
            f'<line class="memo-axis" x1="{sx(x):.1f}" x2="{sx(x):.1f}" y1="{TORNADO_TOP - 8}" '
            f'y2="{bottom}"{dash}/><text class="memo-tick" x="{sx(x):.1f}" y="{TORNADO_TOP - 12 - 14 * (i % 2)}" '
            f'text-anchor="middle">{esc(label)}</text>'
        )
    return out


def tornado(
    fig_id: str,
    rows: Sequence[tuple[str, float, float]],
    marks: Sequence[tuple[str, float]],
    parts: tuple[str, str],
    *,
    x_label: str,
    title: str,
    desc: str,
    value: Callable[[float], str] = fmt.number,
) -> str:
    """A tornado chart: one row per input, ``(label, left, right)``, a bar from ``left`` to ``right`` split at
    the first mark (the point answer) into two parts (classes ``memo-p1`` left, ``memo-p0`` right, named by
    ``parts``). ``marks`` are labelled vertical lines, the first solid. Rows are drawn in the order given."""
    width, left = 900, TORNADO_LEFT
    pw = width - left - TORNADO_RIGHT
    bottom = TORNADO_TOP + len(rows) * (BAR_H + BAR_GAP)
    height = bottom + 70
    center = marks[0][1]
    x0, x1, step = _tornado_scale(
        [center, *(x for _, x in marks), *(v for r in rows for v in r[1:])]
    )

    def sx(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * pw

    out = svg_open(fig_id, width, height, title, desc)
    out += [
        f'<line class="memo-grid" x1="{sx(t):.1f}" x2="{sx(t):.1f}" y1="{TORNADO_TOP - 6}" y2="{bottom}"/>'
        f'<text class="memo-tick" x="{sx(t):.1f}" y="{bottom + 16}" text-anchor="middle">{value(round(t))}</text>'
        for t in ticks(x0, x1, step)
    ]
    for r, (label, lo, hi) in enumerate(rows):
        y = TORNADO_TOP + r * (BAR_H + BAR_GAP)
        mid = y + BAR_H / 2 + 5
        out.append(
            f'<text class="memo-legend" x="{left - 10}" y="{mid:.1f}" text-anchor="end">{esc(label)}</text>'
        )
        for i, (a, b, name) in enumerate(((lo, center, parts[0]), (center, hi, parts[1]))):
            end = value(a if i == 0 else b)
            out.append(
                f'<rect class="memo-bar memo-p{1 - i}" x="{sx(a):.1f}" y="{y}" width="{max(sx(b) - sx(a), 0):.1f}" '
                f'height="{BAR_H}"><title>{esc(label)}: {esc(name)}: {end}</title></rect>'
            )
        out.append(
            f'<text class="memo-tick" x="{sx(lo) - 6:.1f}" y="{mid:.1f}" text-anchor="end">{value(lo)}</text>'
            f'<text class="memo-tick" x="{sx(hi) + 6:.1f}" y="{mid:.1f}">{value(hi)}</text>'
        )
    out += _tornado_marks(sx, marks, bottom)
    out.append(
        f'<text class="memo-label" x="{left + pw / 2:.1f}" y="{bottom + 40}" text-anchor="middle">{esc(x_label)}</text>'
    )
    out += [
        f'<g class="memo-p{1 - i}"><rect class="memo-bar" x="{left + i * 260}" y="{height - 18}" width="14" height="14"/>'
        f'<text class="memo-legend" x="{left + i * 260 + 20}" y="{height - 6}">{esc(name)}</text></g>'
        for i, name in enumerate(parts)
    ]
    out.append("</svg>")
    return "".join(out)
