"""Where the calculator's build reads from and writes to."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
"""The repository root."""
SRC = ROOT / "src"
"""What the page data is computed from (``PYTHONPATH``), so a build always shows the current source."""
PACKAGE = SRC / "clustersize"
"""The package the wheel holds."""
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
"""The pinned npm Pyodide (``npm ci``)."""
PAGE = "calculator.md"
"""The calculator page, relative to ``docs/``."""
OUT_DIR = "calculator"
"""Where the wheel, snapshot and runtime go, relative to the site."""
OWN = ("assets/calculator/", f"{OUT_DIR}/")
"""Where only the calculator's files live, relative to the site root (its service worker versions them)."""
CACHE = ROOT / "node_modules" / ".cache" / "clustersize-calculator"
"""What the build made before (the snapshot, the trimmed stdlib, gzipped runtime files), by key; ``npm ci``
clears it."""
