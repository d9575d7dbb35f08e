"""Build steps that run the npm Pyodide under Node.js, and the cache of what they made."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .paths import CACHE

HELPER = Path(__file__).with_name("pyodide_node.mjs")
"""What the Node.js scripts share (boot Pyodide, install the wheel): part of what they make depends on."""


def run_node(script: Path, args: list[str], what: str, timeout: int = 300) -> str:
    """Run ``node SCRIPT ARGS``; return its stdout, or fail the build with the tail of its error output."""
    node = shutil.which("node")
    if node is None:
        raise PluginError(f"calculator: Node.js (>= 20) is needed to build {what}")
    proc = subprocess.run(
        [node, str(script), *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise PluginError(f"calculator: making {what} failed:\n" + "\n".join(tail))
    return proc.stdout


def cached(name: str, make: Callable[[Path], Any], out: Path) -> Path:
    """Copy the cached file ``name`` to ``out``, making it first (``make(path)``) when the cache lacks it; older
    files of the same kind (the name up to its first ``-``) are dropped."""
    target = CACHE / name
    if not target.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        make(tmp)
        tmp.replace(target)
        kind = name.split("-", 1)[0]
        for old in CACHE.glob(f"{kind}-*"):
            if old != target:
                old.unlink()
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(target, out))
