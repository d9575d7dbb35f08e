"""The architecture page's module diagram is drawn from the code: it shows every module of the packages, it is
current (the built site shows what the source imports now), and a module added without the diagram showing it
is caught."""

from __future__ import annotations

import re
from pathlib import Path

from clustersize_site.memo.diagram import module_diagram
from clustersize_site.memo.modgraph import acyclic, import_graph, layers, reduced

PACKAGES = ("clustersize", "clustersize_site")
FIGURE = re.compile(
    r'<svg class="memo-fig"[^>]*aria-labelledby="fig-modules-title.*?</svg>', re.DOTALL
)


def python_modules(src: Path, packages: tuple[str, ...]) -> set[str]:
    """Every module of the packages, by dotted name, listed from the file tree (independently of the build)."""
    out = set()
    for package in packages:
        for path in (src / package).rglob("*.py"):
            parts = path.relative_to(src).with_suffix("").parts
            out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def missing_modules(svg: str, modules: set[str]) -> list[str]:
    """Modules without a box in the diagram."""
    shown = set(re.findall(r'data-module="([^"]+)"', svg))
    return sorted(modules - shown)


def diagram_of(src: Path, packages: tuple[str, ...]) -> str:
    return module_diagram("fig-modules", acyclic(import_graph(src, packages)), title="t", desc="d")


def built_figure(site_dir: Path) -> str:
    html = (site_dir / "architecture" / "index.html").read_text(encoding="utf-8")
    found = FIGURE.findall(html)
    assert len(found) == 1
    return found[0]


def test_the_diagram_shows_every_module(root: Path, site_dir: Path) -> None:
    modules = python_modules(root / "src", PACKAGES)
    assert {"clustersize.api", "clustersize_site.memo.hook"} <= modules
    assert missing_modules(built_figure(site_dir), modules) == []


def test_the_built_diagram_is_current(root: Path, site_dir: Path) -> None:
    svg = built_figure(site_dir)
    now = diagram_of(root / "src", PACKAGES)
    assert re.findall(r"<g .*?</g>|<path .*?/>", svg) == re.findall(r"<g .*?</g>|<path .*?/>", now)


def _write(src: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")


def test_planted_new_module_is_caught(tmp_path: Path) -> None:
    """A module added after the diagram was drawn is reported missing; drawing again shows it."""
    _write(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "", "pkg/b.py": "from . import a\n"})
    before = diagram_of(tmp_path, ("pkg",))
    assert missing_modules(before, python_modules(tmp_path, ("pkg",))) == []
    _write(tmp_path, {"pkg/sub/__init__.py": "", "pkg/sub/c.py": "from pkg.b import x\n"})
    modules = python_modules(tmp_path, ("pkg",))
    assert missing_modules(before, modules) == ["pkg.sub", "pkg.sub.c"]
    assert missing_modules(diagram_of(tmp_path, ("pkg",)), modules) == []


def test_imports_are_read_from_the_source(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "from .a import f\n",
            "pkg/a.py": "import json\n",
            "pkg/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\n"
            "import pkg.a\n",
            "pkg/c.py": "def g():\n    from .b import h\n",
            "pkg/sub/__init__.py": "from .. import a\nfrom ..c import g\n",
        },
    )
    graph = import_graph(tmp_path, ("pkg",))
    assert graph == {
        "pkg": {"pkg.a"},
        "pkg.a": set(),
        "pkg.b": {"pkg.a"},
        "pkg.c": {"pkg.b"},
        "pkg.sub": {"pkg.a", "pkg.c"},
    }


def test_layers_put_every_module_above_its_imports() -> None:
    graph = {"top": {"mid", "low"}, "mid": {"low"}, "low": set(), "side": {"low"}, "lone": set()}
    level = layers(graph)
    assert all(level[m] > level[d] for m, deps in graph.items() for d in deps)
    assert level == {"top": 2, "mid": 1, "low": 0, "side": 1, "lone": 0}
    assert reduced(graph) == {
        "top": {"mid"},
        "mid": {"low"},
        "low": set(),
        "side": {"low"},
        "lone": set(),
    }


def test_a_cycle_is_broken_once() -> None:
    graph = acyclic({"a": {"b"}, "b": {"a", "c"}, "c": set()})
    assert graph == {"a": {"b"}, "b": {"c"}, "c": set()}
    assert layers(graph) == {"a": 2, "b": 1, "c": 0}
