"""The Pyodide runtime the worker fetches: checked against the pin in package.json and copied into the site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .paths import PYODIDE_DIR, ROOT

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
"""What the worker fetches: pyodide.mjs imports pyodide.asm.mjs, which fetches the wasm and the stdlib zip.
pyodide-lock.json is not fetched: the worker passes the lock's ``info`` inline (no extra packages exist)."""


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
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(
            f"calculator: Pyodide runtime file(s) missing from {PYODIDE_DIR}: {', '.join(missing)}; "
            "run `npm ci`"
        )


def copy_runtime(out_dir: Path) -> list[Path]:
    """Copy the runtime files into the site; fail the build if one is missing."""
    check_runtime()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(PYODIDE_DIR / name, out_dir / name)) for name in RUNTIME_FILES]
