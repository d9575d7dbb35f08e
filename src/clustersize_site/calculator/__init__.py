"""The calculator page's build: a reproducible wheel of ``src/clustersize`` (`wheel`),
the pinned Pyodide runtime copied into the site, its big files also gzipped (`runtime`), the standard library
trimmed to what the package imports (`stdlib`, `probe`), a Pyodide memory snapshot made under Node.js
(`snapshot`), the page data from `clustersize.web` (`page`), the service worker that keeps it all for offline
use (`sw`), the page script bundled into one classic script (`bundle`) and the MkDocs events (`hook`).
"""

from __future__ import annotations

from . import bundle, hook, page, runtime, snapshot, stdlib, sw, wheel
from .paths import PACKAGE, PYODIDE_DIR, ROOT
from .runtime import (
    FETCHED,
    GZIPPED,
    RUNTIME_FILES,
    SITE_RUNTIME_FILES,
    copy_runtime,
    lock_info,
    pyodide_version,
)
from .snapshot import build_snapshot, check_heap, initial_memory
from .stdlib import build_stdlib
from .wheel import build_wheel, package_version

__all__ = [
    "FETCHED",
    "GZIPPED",
    "PACKAGE",
    "PYODIDE_DIR",
    "ROOT",
    "RUNTIME_FILES",
    "SITE_RUNTIME_FILES",
    "build_snapshot",
    "build_stdlib",
    "build_wheel",
    "bundle",
    "check_heap",
    "copy_runtime",
    "hook",
    "initial_memory",
    "lock_info",
    "package_version",
    "page",
    "pyodide_version",
    "runtime",
    "snapshot",
    "stdlib",
    "sw",
    "wheel",
]
