"""Runs inside Pyodide at build time (``stdlib.mjs``): drive `clustersize.web` the way the page does, list the
standard-library files that got imported, and write them compiled as the trimmed stdlib zip the page ships, with
the package's own bytecode (its ``__pycache__``).

Besides the page's own paths (run, sweep, export, page data, each success and error path), every module of the
package is imported and every module the package's source names in an ``import`` (also inside functions, such
as ``difflib`` on the error path) is imported too, so a lazy import is never left out. Standard library only.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import json
import os
import sys

__all__ = ["compiled_package", "compiled_stdlib", "exercise", "imported_files", "main", "write_zip"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's timestamp, so the zip does not depend on the clock."""

BAD_TEXTS = ["", "{", "[]", "null", '{"it_cap_mw": NaN}', '{"a": 1, "a": 2}', "\ufeff{}"]
"""Config texts that are not configs: each takes a different error path."""
SETS = [
    ["node.gpu_w=1000", "it_cap_mw=12.5"],
    ["node.name=<b>x</b>", "fabric.tiers=3"],
    ['fabric.core={"name": "c", "ports": 512, "power_w": 9000}'],
    ["node.gpu=5"],
    ["node.gpu_w"],
    ["node.gpu_w=abc"],
    ["node.gpu_w=-5"],
    ["nodes.gpu_w=5"],
]
"""What-ifs: valid ones, an unknown key (the did-you-mean path), malformed and out-of-range values."""
SWEEPS = ["it_cap_mw=1:10:0.5", "node.gpu_w=100:2000:100", "it_cap_mw=5:1:1", "bogus=1:2:1", "x"]
NODES = ["", "1", "400", "0", "abc", "1e3"]


def _call(func: str, msg: dict[str, object]) -> None:
    from clustersize import web

    json.loads(getattr(web, func)(json.dumps(msg)))


def exercise() -> None:
    """Every call the page makes, on every bundled example, with valid and invalid input."""
    from clustersize import examples, web

    web.page_json()
    web.info()
    for name in examples.names():
        text = examples.text(name)
        for base in ({"preset": name}, {"config": text}):
            for nodes in NODES:
                _call("run", {**base, "sets": [], "nodes": nodes})
            for sets in SETS:
                _call("run", {**base, "sets": sets, "nodes": ""})
                _call("export", {**base, "sets": sets})
            for spec in SWEEPS:
                _call("sweep", {**base, "sets": [], "nodes": "", "spec": spec})
    for text in BAD_TEXTS:
        _call("run", {"config": text, "sets": [], "nodes": ""})
        _call("export", {"config": text, "sets": []})


def _try_import(name: str) -> None:
    """Import ``name``; one the full stdlib does not have either (a type-checking-only import) is skipped."""
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module(name)


def import_everything(package: str = "clustersize") -> None:
    """Import each module of ``package`` and each module its source imports anywhere (lazy imports too)."""
    root = os.path.dirname(importlib.import_module(package).__file__ or "")
    for dirpath, _dirs, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as fh:
                tree = ast.parse(fh.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        _try_import(alias.name)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    _try_import(node.module)
            rel = os.path.relpath(path, os.path.dirname(root))[: -len(".py")]
            module = rel.replace(os.sep, ".").removesuffix(".__init__")
            if not module.endswith("__main__"):
                importlib.import_module(module)


def imported_files(zip_path: str) -> list[str]:
    """The files inside ``zip_path`` (the stdlib zip on ``sys.path``) that the imported modules came from,
    with the ``__init__.py`` of every package above them."""
    prefix = zip_path.rstrip("/") + "/"
    files: set[str] = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
        if isinstance(origin, str) and origin.startswith(prefix):
            files.add(origin[len(prefix) :])
    for path in list(files):
        parts = path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            files.add("/".join([*parts[:depth], "__init__.py"]))
    return sorted(files)


def _pyc(source: bytes, shown: str, tmp: str) -> bytes:
    """``source`` compiled by this interpreter as an unchecked-hash ``.pyc`` (used without the source);
    ``shown`` is the file name its code objects carry."""
    import py_compile

    src, out = os.path.join(tmp, "src.py"), os.path.join(tmp, "src.pyc")
    with open(src, "wb") as fh:
        fh.write(source)
    mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
    py_compile.compile(src, out, dfile=shown, doraise=True, invalidation_mode=mode)
    with open(out, "rb") as fh:
        return fh.read()


def write_zip(entries: dict[str, bytes], out: str) -> None:
    """``entries`` (name → bytes) as a zip at ``out``: sorted, deflated, no clock in it."""
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name in sorted(entries):
            item = zipfile.ZipInfo(name, ZIP_DATE)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            dst.writestr(item, entries[name])


def compiled_stdlib(files: list[str], zip_path: str, tmp: str) -> dict[str, bytes]:
    """``files`` (paths inside the stdlib zip ``zip_path``) compiled: ``NAME.pyc`` each (zipimport loads a
    ``.pyc`` without its source)."""
    import zipfile

    with zipfile.ZipFile(zip_path) as src:
        return {name + "c": _pyc(src.read(name), f"{zip_path}/{name}", tmp) for name in files}


def compiled_package(package: str, tmp: str) -> dict[str, bytes]:
    """The installed ``package`` compiled into its ``__pycache__``, as paths relative to site-packages."""
    from importlib.util import cache_from_source

    root = os.path.dirname(importlib.import_module(package).__file__ or "")
    site = os.path.dirname(root)
    out = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(cache_from_source(path), site)] = _pyc(fh.read(), path, tmp)
    return out


def main(stdlib_out: str, pycache_out: str) -> str:
    """Exercise the package, then write the stdlib files it imported, compiled, to ``stdlib_out`` and the
    package's bytecode to ``pycache_out``; return the stdlib names (JSON)."""
    exercise()
    import_everything()
    zip_path = next(p for p in sys.path if p.endswith(".zip"))
    files = imported_files(zip_path)  # before this function imports what only the build needs
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_zip(compiled_stdlib(files, zip_path, tmp), stdlib_out)
        write_zip(compiled_package("clustersize", tmp), pycache_out)
    return json.dumps(files)
