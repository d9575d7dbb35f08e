"""The import graph of Python packages, read from their source with :mod:`ast` (nothing is imported), and
its layers: the architecture diagram of ``docs/architecture.md`` is drawn from these.

An edge ``a -> b`` means module ``a`` imports module ``b`` at run time (imports under ``if TYPE_CHECKING:``
do not count; an import inside a function does). Only modules of the given packages are nodes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

Graph = dict[str, set[str]]


def module_files(src: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> source file for every ``.py`` file of ``packages`` under ``src``
    (a package's ``__init__.py`` is the package itself)."""
    out: dict[str, Path] = {}
    for package in packages:
        for path in sorted((src / package).rglob("*.py")):
            parts = path.relative_to(src).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return inside


def _from_target(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names (relative imports resolved against ``name``)."""
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules among ``known`` that module ``name`` (source ``path``) imports at run time."""
    known = set(known)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _type_checking_nodes(tree)
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            target = _from_target(name, path.name == "__init__.py", node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in known:
                    out.add(sub)
                elif target in known:
                    out.add(target)
    out.discard(name)
    return out


def import_graph(src: Path, packages: Iterable[str]) -> Graph:
    """Module -> the modules it imports, for every module of ``packages`` under ``src``."""
    files = module_files(src, packages)
    return {name: imports_of(name, path, files) for name, path in files.items()}


def acyclic(graph: Mapping[str, set[str]]) -> Graph:
    """``graph`` without the edges that close a cycle (found depth first, modules in sorted order)."""
    out: Graph = {m: set() for m in graph}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str) -> None:
        state[m] = 1
        for dep in sorted(graph[m]):
            if state.get(dep) == 1:
                continue
            out[m].add(dep)
            if dep not in state:
                visit(dep)
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return out


def layers(graph: Mapping[str, set[str]]) -> dict[str, int]:
    """Each module's layer in an acyclic graph, 0 at the bottom: every module sits above all the modules it
    imports and, within that, as high as the modules that import it allow (directly under the lowest of
    them), so a module is drawn near its users. A module nothing imports sits one above its highest import."""
    level: dict[str, int] = {}

    def lowest(m: str) -> int:
        if m not in level:
            level[m] = 1 + max((lowest(d) for d in graph[m]), default=-1)
        return level[m]

    for m in sorted(graph):
        lowest(m)
    users: dict[str, set[str]] = {m: set() for m in graph}
    for m, deps in graph.items():
        for d in deps:
            users[d].add(m)
    for m in sorted(
        graph, key=lambda m: (-level[m], m)
    ):  # every user before the modules it imports
        if users[m]:
            level[m] = min(level[u] for u in users[m]) - 1
    return level


def reduced(graph: Mapping[str, set[str]]) -> Graph:
    """The transitive reduction of an acyclic graph: an edge ``a -> c`` is dropped when a longer path
    ``a -> b -> ... -> c`` exists."""
    reach: dict[str, set[str]] = {}

    def reachable(m: str) -> set[str]:
        if m not in reach:
            reach[m] = set().union(*({d} | reachable(d) for d in graph[m])) if graph[m] else set()
        return reach[m]

    return {
        m: {d for d in deps if not any(d in reachable(o) for o in deps if o != d)}
        for m, deps in graph.items()
    }
