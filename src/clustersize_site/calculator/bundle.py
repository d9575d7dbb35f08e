"""The calculator's page script, bundled: esbuild joins ``calculator.js`` and the ES modules it imports into one
classic script in the built site, and the site keeps no copy of the modules it absorbed.

Why a classic script: Chromium keeps compiled code for classic scripts that a service worker stores, not for
module scripts, and a module graph costs one fetch per module, level by level. On a revisit the ~20 modules
were compiled anew and fetched in four rounds while the worker booted on the other core; one code-cached
script removes both (docs/calculator.md, "How fast is this", has the measurement). The sources stay ES
modules: the Node.js tests import them, and `tsc` checks them.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from .paths import ROOT

ASSETS = ROOT / "overrides" / "assets" / "calculator"
"""The calculator's scripts as written (MkDocs copies them to the site's ``assets/calculator/``)."""
ENTRY = "calculator.js"
"""The page's script: what the bundle starts from, and its name in the site."""
KEPT_ENTRIES = ("worker.js",)
"""Scripts loaded on their own: the modules they import stay in the site as they are."""
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
"""The pinned esbuild (package.json, ``npm ci``)."""


def esbuild(entry: Path, args: list[str]) -> dict[str, object]:
    """Run esbuild on ``entry`` with ``args``; return its metafile (what it read and wrote)."""
    if not ESBUILD.exists():
        raise PluginError("calculator: node_modules/.bin/esbuild is missing; run `npm ci`")
    with tempfile.TemporaryDirectory(prefix="csz-esbuild-") as tmp:
        meta = Path(tmp) / "meta.json"
        proc = subprocess.run(
            [
                str(ESBUILD),
                str(entry),
                "--bundle",
                "--log-level=warning",
                f"--metafile={meta}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
        if proc.returncode != 0 or proc.stderr.strip():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
            raise PluginError(f"calculator: bundling {entry.name} failed:\n" + "\n".join(tail))
        found: dict[str, object] = json.loads(meta.read_text(encoding="utf-8"))
        return found


def inputs(meta: dict[str, object]) -> set[Path]:
    """The source files a metafile says esbuild read, as absolute paths."""
    read = meta.get("inputs", {})
    assert isinstance(read, dict)
    return {(ROOT / name).resolve() for name in read}


def bundle_ui(site: Path, assets: Path = ASSETS) -> Path:
    """Write the bundled page script to ``site/assets/calculator/calculator.js`` and delete the site's copies of
    the modules it holds (those no kept entry imports); return the bundle's path."""
    out_dir = site / "assets" / "calculator"
    target = out_dir / ENTRY
    meta = esbuild(
        assets / ENTRY,
        [
            "--format=iife",
            "--charset=utf8",
            f"--outfile={target}",
        ],  # esbuild keeps the modules' strict mode
    )
    kept: set[Path] = set()
    with tempfile.TemporaryDirectory(prefix="csz-esbuild-") as tmp:
        for name in KEPT_ENTRIES:
            kept |= inputs(esbuild(assets / name, ["--format=esm", f"--outdir={tmp}"]))
    for source in inputs(meta) - kept:
        if source.parent == assets.resolve() and source.name != ENTRY:
            (out_dir / source.name).unlink(missing_ok=True)
    return target
