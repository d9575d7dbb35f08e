"""The calculator page's MkDocs events (``overrides/hooks/calculator.py`` is the entry point MkDocs loads).

``on_config`` checks the pinned Pyodide; building ``docs/calculator.md`` writes the wheel, the trimmed stdlib and
the snapshot and hands the template its data; ``on_post_build`` copies the runtime files, bundles the page script
and writes the service worker (it lists the built files).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .bundle import bundle_ui
from .page import page_data, page_json
from .paths import OUT_DIR, PACKAGE, PAGE
from .runtime import check_runtime, copy_runtime, gzipped, pyodide_version
from .snapshot import build_snapshot
from .stdlib import build_stdlib
from .sw import write_sw
from .wheel import build_wheel

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the pinned Pyodide and its runtime files before any page is built."""
    version = pyodide_version()
    check_runtime()
    _state.clear()
    _state["pyodide"] = version
    return config


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """For the calculator page: write the wheel, the compiled stdlib and package, and the snapshot, and pass the
    page data to the template."""
    if page.file.src_uri != PAGE:
        return context
    out = Path(config["site_dir"]) / OUT_DIR
    version = _state["pyodide"]
    wheel = build_wheel(out)
    gzipped(wheel, wheel.with_name(wheel.name + ".gz"))  # what a first visit fetches
    stdlib, pycache = build_stdlib(
        wheel, out / f"stdlib-{version}.zip", out / f"pycache-{version}.zip"
    )
    snapshot = build_snapshot(wheel, stdlib, out / f"snapshot-{version}.bin.gz")
    data = page_data(version, wheel, (stdlib, pycache), snapshot)
    _state["data"] = data
    context["calculator"] = data  # type: ignore[typeddict-unknown-key]
    context["calculator_json"] = page_json(data)  # type: ignore[typeddict-unknown-key]
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Copy the Pyodide runtime into the site, bundle the page script and write the service worker (the page
    must have been built)."""
    if "data" not in _state:
        raise PluginError(f"calculator: docs/{PAGE} was not built, so the wheel was not written")
    site = Path(config["site_dir"])
    copy_runtime(site / OUT_DIR / f"pyodide-{_state['pyodide']}")
    bundle_ui(site)
    write_sw(site, _state["data"])


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    """Rebuild when the package changes under ``mkdocs serve``."""
    server.watch(str(PACKAGE))
    return server
