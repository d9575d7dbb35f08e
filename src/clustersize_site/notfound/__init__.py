"""The site's 404 page: standalone, so it works at any base path.

A static host serves ``404.html`` at whatever URL was missing, so relative references resolve against that URL
and absolute ones against a base path fixed at build time; either breaks somewhere. This page therefore loads
nothing: its style and script are inlined from the files beside this module. The script points the page's links at
the site root, found from the missing URL (a known top-level folder in it, else the configured base path, else
``/``); without JavaScript the links use the configured base path.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

_HERE = Path(__file__).parent


def render(
    site_name: str, base_path: str, pages: Sequence[tuple[str, str]], top_level: Sequence[str]
) -> str:
    """The whole ``404.html``.

    ``base_path`` is the URL path the build was configured for (``/`` or ``/clustersize/``); ``pages`` are
    ``(title, path relative to the site root)`` links to offer; ``top_level`` names the site's top-level folders.
    """
    base = base_path if base_path.endswith("/") else base_path + "/"
    style = (_HERE / "notfound.css").read_text(encoding="utf-8")
    script = (_HERE / "notfound.js").read_text(encoding="utf-8")
    config = json.dumps({"base": base, "folders": sorted(set(top_level))}).replace("</", "<\\/")
    links = "\n".join(
        f'      <li><a href="{html.escape(base + path)}" data-site-path="{html.escape(path)}">'
        f"{html.escape(title)}</a></li>"
        for title, path in pages
    )
    name = html.escape(site_name)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="icon" href="data:,">
  <title>Page not found · {name}</title>
  <style>
{style}  </style>
</head>
<body>
  <main>
    <p class="code">404</p>
    <h1>Page not found</h1>
    <p>This address is not part of the {name} site. Try one of its pages:</p>
    <ul>
{links}
    </ul>
  </main>
  <script type="application/json" id="site-root">{config}</script>
  <script>
{script}  </script>
</body>
</html>
"""
