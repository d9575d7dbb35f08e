"""MkDocs events for the 404 page: after the build, ``site/404.html`` is replaced by the standalone page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from . import render


def nav_links(nav: Any) -> Iterator[tuple[str, str]]:
    """``(title, path from the site root)`` of every page in a MkDocs ``nav`` list (directory URLs)."""
    for item in nav or []:
        if not isinstance(item, dict):
            continue
        for title, target in item.items():
            if isinstance(target, list):
                yield from nav_links(target)
            elif isinstance(target, str) and target.endswith(".md"):
                stem = target.removesuffix(".md")
                path = "" if stem == "index" else stem.removesuffix("/index") + "/"
                yield str(title), path


def on_post_build(config: MkDocsConfig) -> None:
    """Write the standalone ``404.html`` over the theme's."""
    site = Path(config["site_dir"])
    base = urlsplit(config["site_url"] or "/").path or "/"
    folders = [p.name for p in site.iterdir() if p.is_dir()]
    page = render(config["site_name"], base, list(nav_links(config["nav"])), folders)
    (site / "404.html").write_text(page, encoding="utf-8")
