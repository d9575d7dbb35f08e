"""The module diagram: every module of an import graph as a box in its layer (see
[`layers`][clustersize_site.memo.modgraph.layers]: every module above the modules it imports), one colour per package, and an arrow per import of the graph's
transitive reduction. Inline SVG whose ink is ``currentColor`` or a ``--memo-*`` CSS variable."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .modgraph import Graph, layers, reduced
from .svg import esc, svg_open

WIDTH, MARGIN, BOX_W, BOX_H, GAP_X, GAP_Y, LAYER_GAP, LEGEND_H = 900, 20, 204, 26, 12, 16, 26, 34
PER_LINE = (WIDTH - 2 * MARGIN + GAP_X) // (BOX_W + GAP_X)


@dataclass(frozen=True)
class Box:
    """Where one module is drawn (top-left corner) and its package's colour index."""

    x: float
    y: float
    colour: int


def package_of(module: str, graph: Mapping[str, set[str]]) -> str:
    """The package a module belongs to: itself when it is a package (has submodules in the graph)."""
    if any(m.startswith(module + ".") for m in graph):
        return module
    return module.rpartition(".")[0] or module


def label(module: str) -> str:
    """A module's name without its top-level package (``clustersize.api`` -> ``api``)."""
    return module.partition(".")[2] or module


def place(graph: Mapping[str, set[str]]) -> tuple[dict[str, Box], list[str], float]:
    """Each module's box, the packages in colour order and the drawing's height."""
    level = layers(graph)
    packages = sorted({package_of(m, graph) for m in graph})
    boxes: dict[str, Box] = {}
    y = float(MARGIN + LEGEND_H)
    for lv in range(max(level.values(), default=-1), -1, -1):
        row = sorted((m for m in graph if level[m] == lv), key=lambda m: (package_of(m, graph), m))
        for start in range(0, len(row), PER_LINE):
            line = row[start : start + PER_LINE]
            x0 = (WIDTH - len(line) * (BOX_W + GAP_X) + GAP_X) / 2
            for i, m in enumerate(line):
                colour = packages.index(package_of(m, graph))
                boxes[m] = Box(x0 + i * (BOX_W + GAP_X), y, colour)
            y += BOX_H + GAP_Y
        y += LAYER_GAP
    return boxes, packages, y + MARGIN - LAYER_GAP - GAP_Y


def _legend(packages: list[str]) -> list[str]:
    step = (WIDTH - 2 * MARGIN) / max(len(packages), 1)
    return [
        f'<g class="memo-s{i % 7}"><rect class="memo-box" x="{MARGIN + i * step:.1f}" y="{MARGIN}" '
        f'width="14" height="14"/><text class="memo-legend" x="{MARGIN + i * step + 20:.1f}" '
        f'y="{MARGIN + 12}">{esc(p)}</text></g>'
        for i, p in enumerate(packages)
    ]


def _edge(a: Box, b: Box) -> str:
    x1, y1 = a.x + BOX_W / 2, a.y + BOX_H
    x2, y2 = b.x + BOX_W / 2, b.y
    bend = max((y2 - y1) / 2, 12)
    return (
        f'<path class="memo-edge" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + bend:.1f} '
        f'{x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2 - 4:.1f}"/>'
        f'<path class="memo-arrow" d="M{x2 - 4:.1f},{y2 - 6:.1f} L{x2 + 4:.1f},{y2 - 6:.1f} L{x2:.1f},{y2:.1f} Z"/>'
    )


def _box(module: str, box: Box, imports: set[str]) -> str:
    uses = ", ".join(sorted(imports)) or "no module of these packages"
    return (
        f'<g class="memo-s{box.colour % 7}" data-module="{esc(module)}">'
        f"<title>{esc(module)} imports {esc(uses)}</title>"
        f'<rect class="memo-box" x="{box.x:.1f}" y="{box.y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
        f'<text class="memo-legend" x="{box.x + BOX_W / 2:.1f}" y="{box.y + BOX_H / 2 + 4:.1f}" '
        f'text-anchor="middle">{esc(label(module))}</text></g>'
    )


def module_diagram(fig_id: str, graph: Graph, *, title: str, desc: str) -> str:
    """The diagram of an acyclic import graph as one inline SVG."""
    boxes, packages, height = place(graph)
    out = svg_open(fig_id, WIDTH, math.ceil(height), title, desc)
    out += _legend(packages)
    out += [
        _edge(boxes[m], boxes[d])
        for m, deps in sorted(reduced(graph).items())
        for d in sorted(deps)
    ]
    out += [_box(m, boxes[m], graph[m]) for m in sorted(graph)]
    out.append("</svg>")
    return "".join(out)
