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
    """Copy the cached file ``name`` to ``out``, making it first (``make(path)``) when the cache lacks it."""
    (path,) = cached_files([name], lambda targets: make(targets[0]), [out])
    return path


def cached_files(
    names: list[str], make: Callable[[list[Path]], Any], outs: list[Path]
) -> list[Path]:
    """Copy the cached files ``names`` to ``outs``, making them together first (``make(paths)``) when the cache
    lacks one; older files of the same kinds (each name up to its first ``-``) are dropped."""
    targets = [CACHE / name for name in names]
    if not all(t.is_file() for t in targets):
        CACHE.mkdir(parents=True, exist_ok=True)
        tmps = [t.with_name(t.name + ".tmp") for t in targets]
        make(tmps)
        for tmp, target in zip(tmps, targets, strict=True):
            tmp.replace(target)
            for old in CACHE.glob(f"{target.name.split('-', 1)[0]}-*"):
                if old not in targets:
                    old.unlink()
    copied = []
    for target, out in zip(targets, outs, strict=True):
        out.parent.mkdir(parents=True, exist_ok=True)
        copied.append(Path(shutil.copyfile(target, out)))
    return copied
