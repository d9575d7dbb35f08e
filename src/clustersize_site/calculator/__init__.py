"""The calculator page's build: a reproducible wheel of ``src/clustersize`` (`wheel`),
the pinned Pyodide runtime copied into the site (`runtime`), a Pyodide memory
snapshot made under Node.js (`snapshot`), the page data from
`clustersize.web` (`page`) and the MkDocs events
(`hook`).
"""

from __future__ import annotations

from . import hook, page, runtime, snapshot, wheel
from .paths import PACKAGE, PYODIDE_DIR, ROOT
from .runtime import RUNTIME_FILES, copy_runtime, lock_info, pyodide_version
from .snapshot import build_snapshot
from .wheel import build_wheel, package_version

__all__ = [
    "PACKAGE",
    "PYODIDE_DIR",
    "ROOT",
    "RUNTIME_FILES",
    "build_snapshot",
    "build_wheel",
    "copy_runtime",
    "hook",
    "lock_info",
    "package_version",
    "page",
    "pyodide_version",
    "runtime",
    "snapshot",
    "wheel",
]
