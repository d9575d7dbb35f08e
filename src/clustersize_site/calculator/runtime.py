"""The Pyodide runtime the worker fetches: checked against the pin in package.json, copied into the site, and
its two big files also written gzipped (a static host may not compress; the worker decompresses them)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .node import cached
from .paths import PYODIDE_DIR, ROOT

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""Copied into the site as they are: pyodide.mjs loads pyodide.asm.mjs, which instantiates the wasm.
pyodide-lock.json is not fetched: the worker passes the lock's ``info`` inline (no extra packages exist); the
standard library is the trimmed one `stdlib` builds, not ``python_stdlib.zip``."""
GZIPPED = ("pyodide.asm.mjs", "pyodide.asm.wasm")
"""Also written as ``NAME.gz`` (9.6 MB of wasm is 3.5 MB gzipped): what a first visit fetches."""
STDLIB_ZIP = "python_stdlib.zip"
"""Pyodide's full standard library, which `stdlib` trims (not shipped)."""
SITE_RUNTIME_FILES = RUNTIME_FILES + tuple(f"{name}.gz" for name in GZIPPED)
"""Everything in the site's runtime folder."""
FETCHED = ("pyodide.mjs", *(f"{name}.gz" for name in GZIPPED))
"""What a first visit fetches from the runtime folder (a browser without DecompressionStream fetches the
plain files instead; a revisit reads them from the service worker's cache)."""


def pyodide_version() -> str:
    """Version of node_modules/pyodide, checked against the exact pin in package.json."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    pin = pinned.get("pyodide", "")
    if not re.fullmatch(r"\d+\.\d+\.\d+", pin):
        raise PluginError(
            f"calculator: package.json must pin pyodide to an exact version, got {pin!r}"
        )
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise PluginError("calculator: node_modules/pyodide is missing; run `npm ci` first")
    found: str = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if found != pin:
        raise PluginError(
            f"calculator: node_modules has pyodide {found}, package.json pins {pin}; run `npm ci`"
        )
    return found


def lock_info() -> dict[str, Any]:
    """The ``info`` block of Pyodide's lock file: the worker passes it as a lock with no packages."""
    lock = PYODIDE_DIR / "pyodide-lock.json"
    if not lock.is_file():
        raise PluginError(f"calculator: missing Pyodide runtime file {lock}; run `npm ci`")
    info: dict[str, Any] = json.loads(lock.read_text(encoding="utf-8"))["info"]
    return info


def check_runtime() -> None:
    """Fail the build naming any runtime file missing from node_modules/pyodide."""
    needed = (*RUNTIME_FILES, STDLIB_ZIP)  # the stdlib the site ships is trimmed from the full one
    missing = [name for name in needed if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(
            f"calculator: Pyodide runtime file(s) missing from {PYODIDE_DIR}: {', '.join(missing)}; "
            "run `npm ci`"
        )


def copy_runtime(out_dir: Path) -> list[Path]:
    """Copy the runtime files into the site, and their gzipped copies; fail the build if one is missing."""
    check_runtime()
    out_dir.mkdir(parents=True, exist_ok=True)
    copied = [Path(shutil.copyfile(PYODIDE_DIR / name, out_dir / name)) for name in RUNTIME_FILES]
    return copied + [gzipped(PYODIDE_DIR / name, out_dir / f"{name}.gz") for name in GZIPPED]


def gzipped(source: Path, out: Path) -> Path:
    """Write ``source`` gzipped (level 9, no name or time in the header: same bytes, same output) to ``out``,
    from the build cache when the same bytes were compressed before."""
    data = source.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:24]
    return cached(
        f"{source.name}-{key}.gz",
        lambda target: target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0)),
        out,
    )
