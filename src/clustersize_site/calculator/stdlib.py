"""The compiled Python the page ships: the standard library trimmed from Pyodide's full ``python_stdlib.zip``
(2.5 MB) and the package's bytecode. ``stdlib.mjs`` runs `probe` in Node.js Pyodide, which drives
``clustersize.web`` through every path the page takes and keeps only the stdlib files imported, compiled to
``.pyc`` by that same Pyodide, and compiles the installed package into its ``__pycache__`` (a first visit
compiles nothing at boot)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .node import HELPER, cached_files, run_node
from .paths import PYODIDE_DIR
from .runtime import STDLIB_ZIP

SCRIPT = Path(__file__).with_name("stdlib.mjs")
"""The Node.js script that records the imports and writes the zip."""
PROBE = Path(__file__).with_name("probe.py")
"""What runs inside Pyodide: exercise the package, list and compile the imported stdlib files."""


def stdlib_key(wheel: Path) -> str:
    """What the trimmed stdlib depends on: the wheel, Pyodide's stdlib and build, and the two scripts."""
    return hashlib.sha256(
        wheel.read_bytes()
        + (PYODIDE_DIR / STDLIB_ZIP).read_bytes()
        + (PYODIDE_DIR / "package.json").read_bytes()
        + SCRIPT.read_bytes()
        + PROBE.read_bytes()
        + HELPER.read_bytes()
    ).hexdigest()[:24]


def build_stdlib(wheel: Path, out: Path, pycache: Path) -> tuple[Path, Path]:
    """Write the trimmed, compiled stdlib zip for ``wheel`` to ``out`` and the package's ``__pycache__`` (a zip
    to unpack into site-packages after the wheel) to ``pycache`` (from the cache when there)."""

    def make(targets: list[Path]) -> None:
        run_node(
            SCRIPT,
            [str(PYODIDE_DIR), str(wheel), str(PROBE), *map(str, targets)],
            "the compiled Python standard library",
        )

    key = stdlib_key(wheel)
    made = cached_files([f"stdlib-{key}.zip", f"pycache-{key}.zip"], make, [out, pycache])
    return made[0], made[1]
