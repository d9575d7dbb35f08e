"""A reproducible wheel of ``src/clustersize`` (stdlib ``zipfile``): same source, same bytes. Its entries are
stored, not deflated: the calculator's worker writes them into Pyodide's file system by slicing the archive
(unzip.js), and a first visit fetches the wheel gzipped (``NAME.gz``, written by the hook), so it is no bigger on
the wire."""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from .paths import PACKAGE

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's timestamp (the earliest a zip can hold), so the bytes do not depend on the clock."""


def package_version(package: Path = PACKAGE) -> str:
    """``__version__`` of the package, read from its source (no import)."""
    text = (package / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise PluginError(f"calculator: no __version__ in {package / '_version.py'}")
    return match.group(1)


def wheel_name(version: str) -> str:
    """The wheel's file name for ``version``."""
    return f"clustersize-{version}-py3-none-any.whl"


def wheel_entries(package: Path = PACKAGE) -> list[tuple[str, bytes]]:
    """``(archive name, bytes)`` of every file the wheel holds, sorted, ``RECORD`` last."""
    version = package_version(package)
    files = sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )
    entries = [(f"clustersize/{p.relative_to(package).as_posix()}", p.read_bytes()) for p in files]
    info = f"clustersize-{version}.dist-info"
    entries += [
        (
            f"{info}/METADATA",
            f"Metadata-Version: 2.1\nName: clustersize\nVersion: {version}\n".encode(),
        ),
        (
            f"{info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: clustersize-calculator-hook\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        ),
    ]
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries)
    entries.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    return entries


def build_wheel(out_dir: Path, package: Path = PACKAGE) -> Path:
    """Write a pure-Python wheel of ``package`` (entries stored uncompressed) to ``out_dir``; same source, same
    bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name(package_version(package))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        for name, data in wheel_entries(package):
            item = zipfile.ZipInfo(name, ZIP_DATE)
            item.compress_type = zipfile.ZIP_STORED
            item.external_attr = 0o644 << 16
            zf.writestr(item, data)
    return target


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
