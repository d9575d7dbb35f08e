"""The Pyodide memory snapshot: Node.js runs ``snapshot.mjs`` on the npm Pyodide with the trimmed stdlib and the
wheel installed and ``clustersize.web`` imported; the result is checked against what a browser can restore,
stored without its long runs of zero bytes (`pack`; the worker reads it with snapfile.js), gzipped and cached by
wheel, stdlib, Pyodide and script."""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
from pathlib import Path

from mkdocs.exceptions import PluginError

from .node import HELPER, cached, run_node
from .paths import PYODIDE_DIR

SCRIPT = Path(__file__).with_name("snapshot.mjs")
"""The Node.js script that makes the snapshot."""
WASM_PAGE = 65536
"""Bytes in a WebAssembly memory page."""
MAGIC = b"CSZSNAP1"
"""The first bytes of a packed snapshot (the layout is in snapfile.js, which reads it)."""
GAP = 1024
"""The shortest run of zero bytes `pack` leaves out: shorter ones cost more in the run table than they save."""


def snapshot_key(wheel: Path, stdlib: Path) -> str:
    """What the snapshot depends on: the wheel, the stdlib, the Pyodide build, the script and the packing."""
    return hashlib.sha256(
        wheel.read_bytes()
        + stdlib.read_bytes()
        + (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()[:4096]
        + (PYODIDE_DIR / "package.json").read_bytes()
        + SCRIPT.read_bytes()
        + HELPER.read_bytes()
        + MAGIC
        + str(GAP).encode()
    ).hexdigest()[:24]


def build_snapshot(wheel: Path, stdlib: Path, out: Path) -> Path:
    """Write the gzipped memory snapshot for ``wheel`` and ``stdlib`` to ``out`` (from the cache when there)."""

    def make(target: Path) -> None:
        raw = target.with_name(target.name + ".raw")
        args = [str(PYODIDE_DIR), str(wheel), str(stdlib), str(raw)]
        run_node(SCRIPT, args, "the Pyodide snapshot")
        try:
            image = raw.read_bytes()
            check_heap(image[:16], len(image), initial_memory())
            with (
                open(target, "wb") as fh,
                gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=6, mtime=0) as gz,
            ):
                gz.write(pack(image))
        finally:
            raw.unlink(missing_ok=True)

    return cached(f"snapshot-{snapshot_key(wheel, stdlib)}.bin.gz", make, out)


def pack(image: bytes) -> bytes:
    """``image`` without its runs of `GAP` or more zero bytes: `MAGIC`, the total length and the number of runs
    kept (u32, little-endian), each run's offset and length, then the runs' bytes."""
    runs: list[tuple[int, int]] = []
    start = 0
    for zeros in re.finditer(rb"\x00{%d,}" % GAP, image):
        if zeros.start() > start:
            runs.append((start, zeros.start()))
        start = zeros.end()
    if start < len(image):
        runs.append((start, len(image)))
    table = b"".join(struct.pack("<II", a, b - a) for a, b in runs)
    head = MAGIC + struct.pack("<II", len(image), len(runs))
    return head + table + b"".join(image[a:b] for a, b in runs)


def unpack(packed: bytes) -> bytes:
    """The snapshot `pack` was given: its inverse, for the tests (the browser reads it with snapfile.js)."""
    if packed[: len(MAGIC)] != MAGIC:
        raise ValueError("not a packed clustersize memory snapshot")
    total, count = struct.unpack_from("<II", packed, len(MAGIC))
    image = bytearray(total)
    at = len(MAGIC) + 8 + 8 * count
    for k in range(count):
        offset, length = struct.unpack_from("<II", packed, len(MAGIC) + 8 + 8 * k)
        image[offset : offset + length] = packed[at : at + length]
        at += length
    if at != len(packed):
        raise ValueError("the packed snapshot's length does not match its runs")
    return bytes(image)


def check_heap(header: bytes, size: int, limit: int) -> None:
    """Fail the build when the snapshot's heap (``size`` bytes less the header whose length the second word
    of ``header`` gives) is larger than ``limit``, the memory a fresh ``pyodide.asm.wasm`` starts with: Pyodide
    copies the heap into that memory without growing it, so the browser could not restore the snapshot and
    would silently boot the slow way."""
    (header_bytes,) = struct.unpack_from("<I", header, 4)
    heap = size - header_bytes
    if heap > limit:
        raise PluginError(
            f"calculator: the Pyodide memory snapshot's heap is {heap / 2**20:.1f} MiB, more than the "
            f"{limit / 2**20:.1f} MiB a fresh pyodide.asm.wasm starts with, so no browser could restore it "
            "(Pyodide copies the heap into the new instance's memory without growing it); import less "
            "before the snapshot is taken (snapshot.mjs)"
        )


def initial_memory(wasm: Path | None = None) -> int:
    """The initial size in bytes of the memory ``pyodide.asm.wasm`` defines (its memory section)."""
    data = (wasm or PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()
    pos = 8  # after the magic number and the version
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = _leb(data, pos)
        if section == 5:  # memory: a count, then per memory its flags, initial pages (and maximum)
            _count, at = _leb(data, pos)
            pages, _ = _leb(data, at + 1)
            return pages * WASM_PAGE
        pos += size
    raise PluginError("calculator: pyodide.asm.wasm defines no memory; is it a Pyodide build?")


def _leb(data: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 number at ``pos``, and the position after it."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos
