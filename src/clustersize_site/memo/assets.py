"""Files the memo adds to the site: the self-hosted KaTeX (from ``node_modules/katex``, never a CDN) and the
config JSON Schema the pages link to."""

from __future__ import annotations

from pathlib import Path

from clustersize import schema

from .errors import MemoError

KATEX_DIST = Path("node_modules/katex/dist")
KATEX_REQUIRED = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")
KATEX_SITE_DIR = "assets/katex"
SCHEMA_SITE_PATH = "schema/config.schema.json"


def katex_files(root: Path) -> dict[str, Path]:
    """Site path -> source file of every KaTeX file the pages load (script, style, auto-render, fonts);
    a [`MemoError`][clustersize_site.memo.errors.MemoError] naming what is missing under ``root``."""
    dist = root / KATEX_DIST
    missing = [r for r in KATEX_REQUIRED if not (dist / r).is_file()]
    fonts = sorted((dist / "fonts").glob("*")) if (dist / "fonts").is_dir() else []
    if not fonts:
        missing.append("fonts/")
    if missing:
        raise MemoError(
            f"self-hosted KaTeX files missing under {dist}: {', '.join(missing)}. "
            "Run `npm ci` (scripts/dev does) to install katex from package-lock.json."
        )
    rels = [*KATEX_REQUIRED, *(f"fonts/{p.name}" for p in fonts)]
    return {f"{KATEX_SITE_DIR}/{rel}": dist / rel for rel in rels}


def schema_file() -> tuple[str, str]:
    """``(site path, text)`` of the published config JSON Schema."""
    return SCHEMA_SITE_PATH, schema.schema_json()
