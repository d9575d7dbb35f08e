"""The calculator page's data: the solver's own (`clustersize.web.page_data`, run
on ``src/`` in a fresh interpreter) plus where the build put the runtime, the wheel, the trimmed stdlib, the
snapshot and the service worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from ..fingerprint import digest
from .paths import OUT_DIR, PACKAGE, SRC
from .runtime import lock_info
from .sw import NAME as SW_NAME
from .sw import WORKER
from .wheel import package_version


def solver_data() -> dict[str, Any]:
    """``python -m clustersize.web`` on ``src/``: always the current source (also under ``mkdocs serve``),
    never a copy imported earlier or installed elsewhere."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUTF8": "1", "PYTHONSAFEPATH": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize.web"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        raise PluginError(f"calculator: the solver failed:\n{proc.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(proc.stdout)
    if data["version"] != package_version(PACKAGE):
        raise PluginError(
            f"calculator: clustersize {data['version']} was not imported from {PACKAGE}"
        )
    if data["code"] != 0:
        raise PluginError(f"calculator: the default example did not solve: {data['result_json']}")
    return data


def page_data(
    pyodide: str, wheel: Path, compiled: tuple[Path, Path], snapshot: Path
) -> dict[str, Any]:
    """Everything the page needs: the solver's data plus where the runtime files are. Paths are relative to
    the site root; ``snapshot_key`` is the URL under which the service worker stores the snapshot
    decompressed (the worker never fetches it from the network). ``compiled``: the trimmed stdlib and the
    package's ``__pycache__`` (`stdlib.build_stdlib`)."""
    stdlib, pycache = compiled
    return {
        "pyodide": pyodide,
        "lock_info": lock_info(),
        "runtime_path": f"{OUT_DIR}/pyodide-{pyodide}/",
        "wheel_path": f"{OUT_DIR}/{wheel.name}",
        "wheel_digest": digest(wheel),
        "stdlib_path": f"{OUT_DIR}/{stdlib.name}",
        "stdlib_digest": digest(stdlib),
        "pycache_path": f"{OUT_DIR}/{pycache.name}",
        "pycache_digest": digest(pycache),
        "snapshot_path": f"{OUT_DIR}/{snapshot.name}",
        "snapshot_key": f"{OUT_DIR}/{snapshot.name.removesuffix('.gz')}",
        "snapshot_digest": digest(snapshot),
        "worker_path": WORKER,
        "sw_path": SW_NAME,
        **solver_data(),
    }


def page_json(data: Any) -> str:
    """Compact JSON with the key order kept (the template HTML-escapes it into an attribute)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
