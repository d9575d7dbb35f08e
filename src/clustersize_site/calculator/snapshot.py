"""The Pyodide memory snapshot: Node.js runs ``snapshot.mjs`` on the npm Pyodide with the wheel installed and
``clustersize.web`` imported; the result is gzipped and cached by wheel, Pyodide and script."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from .paths import PYODIDE_DIR, ROOT

SCRIPT = Path(__file__).with_name("snapshot.mjs")
"""The Node.js script that makes the snapshot."""
CACHE = ROOT / "node_modules" / ".cache" / "clustersize-calculator"
"""Made snapshots, by key (cleared by ``npm ci``)."""


def snapshot_key(wheel: Path) -> str:
    """What the snapshot depends on: the wheel, the Pyodide build and the script."""
    return hashlib.sha256(
        wheel.read_bytes()
        + (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()[:4096]
        + (PYODIDE_DIR / "package.json").read_bytes()
        + SCRIPT.read_bytes()
    ).hexdigest()[:24]


def build_snapshot(wheel: Path, out: Path) -> Path:
    """Write the gzipped memory snapshot for ``wheel`` to ``out`` (from the cache when there)."""
    cached = CACHE / f"snapshot-{snapshot_key(wheel)}.bin.gz"
    if not cached.is_file():
        make_snapshot(wheel, cached)
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(cached, out))


def make_snapshot(wheel: Path, target: Path) -> None:
    """Run ``snapshot.mjs`` and gzip its output to ``target``; drop older cached snapshots."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("calculator: Node.js (>= 20) is needed to build the Pyodide snapshot")
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_suffix("")
    proc = subprocess.run(
        [node, str(SCRIPT), str(PYODIDE_DIR), str(wheel), str(raw)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0 or not raw.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise PluginError("calculator: making the Pyodide snapshot failed:\n" + "\n".join(tail))
    with (
        raw.open("rb") as src,
        open(target, "wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=6, mtime=0) as gz,
    ):
        shutil.copyfileobj(src, gz)
    raw.unlink()
    for old in target.parent.glob("snapshot-*.bin.gz"):
        if old != target:
            old.unlink()
