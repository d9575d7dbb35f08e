"""The architecture page: the module diagram and the module table, drawn from the import graph of the
packages the block names (``packages: [...]``, under ``src/``) while the page builds."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from clustersize import fmt

from ..diagram import module_diagram
from ..modgraph import Graph, acyclic, import_graph, layers, module_files
from ..registry import Context, directive
from ..render import figure, table

_XREF = re.compile(r"\[([^\]]+)\]\[[\w.]+\]")  # mkdocstrings' [`name`][dotted.path]


def _packages(spec: Mapping[str, Any]) -> list[str]:
    return [str(p) for p in spec.get("packages", [])]


def _graph(ctx: Context, spec: Mapping[str, Any]) -> Graph:
    return acyclic(import_graph(ctx.memo.root / "src", _packages(spec)))


@directive("architecture: diagram")
def diagram(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """Every module of the packages in its layer, with arrows for imports."""
    graph = _graph(ctx, spec)
    names = ", ".join(f"<code>{p}</code>" for p in _packages(spec))
    svg = module_diagram(
        "fig-modules",
        graph,
        title=f"The modules of {', '.join(_packages(spec))} and their imports",
        desc="One box per module, in layers: every module sits above the modules it imports; arrows "
        "point from a module to the modules it imports.",
    )
    caption = (
        f"The {fmt.number(len(graph))} modules of {names}, read from their imports while this page was "
        "built. An arrow points from a module to one it imports; an import already implied by a longer "
        "chain of arrows is not drawn (hover a box for all its imports)."
    )
    return figure(svg, caption)


def _summary(path: Path) -> str:
    """The first paragraph of a module's docstring on one line, cross-references as their plain text."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return _XREF.sub(r"\1", " ".join(doc.split("\n\n")[0].split()))


@directive("architecture: modules")
def modules(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """One row per module, top layer first: its layer and the first paragraph of its docstring."""
    files = module_files(ctx.memo.root / "src", _packages(spec))
    level = layers(_graph(ctx, spec))
    order = sorted(files, key=lambda m: (-level[m], m))
    rows = [(f"`{m}`", fmt.number(level[m]), _summary(files[m])) for m in order]
    return table(["Module", "Layer", "What it does"], rows, "lrl")


@directive("api: modules")
def api_modules(ctx: Context, arg: Any, spec: Mapping[str, Any]) -> str:
    """A mkdocstrings ``:::`` block for every public module of the packages, top layer first, so the API
    reference can never leave a module out."""
    graph = _graph(ctx, spec)
    level = layers(graph)
    public = [m for m in graph if not m.rsplit(".", 1)[-1].startswith("_")]
    ordered = sorted(public, key=lambda m: (-level[m], m))
    return "\n\n".join(f"::: {m}" for m in ordered) + "\n"
