"""MkDocs hook for the what-if calculator page (docs/calculator.md, template overrides/calculator.html).

At build time it:

* runs ``clustersize`` from ``src/`` (the exact source the CLI runs) and prerenders the default 5 MW result,
  the JSON Schema, the bundled presets and the result-field table into the page, so numbers show without
  JavaScript and the form is generated from the one schema;
* writes a wheel of ``src/clustersize`` (stdlib ``zipfile``, reproducible bytes) to ``site/calculator/``;
* copies only the Pyodide runtime files the worker fetches from ``node_modules/pyodide`` (the pinned npm
  package) to ``site/calculator/pyodide-<version>/``, failing the build if one is missing;
* makes a Pyodide memory snapshot with that wheel imported (Node.js, the same npm Pyodide), gzipped, so the
  worker restores a started interpreter instead of booting one (measured: see docs/calculator.md).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from clustersize import fmt

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PACKAGE = SRC / "clustersize"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PAGE = "calculator.md"
OUT_DIR = "calculator"
# What the worker fetches: pyodide.mjs imports pyodide.asm.mjs, which fetches the wasm and the stdlib zip.
# pyodide-lock.json is not fetched: the worker passes the lock's "info" inline (no extra packages exist).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SNAPSHOT_CACHE = ROOT / "node_modules" / ".cache" / "clustersize-calculator"
# Boot the npm Pyodide in Node.js, install the wheel, import the package, and dump the interpreter's memory.
# The worker restores it (loadPyodide's _loadSnapshot) and unpacks the same wheel again for package data.
SNAPSHOT_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const env = process.env;
const { loadPyodide } = await import(pathToFileURL(env.CSZ_PYODIDE_MJS).href);
const info = JSON.parse(readFileSync(env.CSZ_LOCK, "utf8")).info;
const py = await loadPyodide({ lockFileContents: { info, packages: {} }, _makeSnapshot: true });
const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
py.unpackArchive(new Uint8Array(readFileSync(env.CSZ_WHEEL)), "wheel", { extractDir: site });
py.runPython(env.CSZ_IMPORTS);
writeFileSync(env.CSZ_OUT, py.makeMemorySnapshot());
"""
SNAPSHOT_IMPORTS = (
    "import json, platform, sysconfig\n"
    "import clustersize, clustersize.api, clustersize.cli, clustersize.config, clustersize.output"
)

_state: dict[str, Any] = {}


# --- the wheel ------------------------------------------------------------------------------------------------


def package_version(package: Path = PACKAGE) -> str:
    """``__version__`` of the package, read from its source (no import)."""
    text = (package / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise PluginError(f"calculator: no __version__ in {package / '_version.py'}")
    return match.group(1)


def wheel_name(version: str) -> str:
    return f"clustersize-{version}-py3-none-any.whl"


def build_wheel(out_dir: Path, package: Path = PACKAGE) -> Path:
    """Write a pure-Python wheel of ``package`` to ``out_dir``; same source, same bytes."""
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
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name(version)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            item = zipfile.ZipInfo(name, ZIP_DATE)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            zf.writestr(item, data)
    return target


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


# --- the Pyodide runtime --------------------------------------------------------------------------------------


def pyodide_version() -> str:
    """Version of node_modules/pyodide, checked against the exact pin in package.json."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    pin = pinned.get("pyodide", "")
    if not re.fullmatch(r"\d+\.\d+\.\d+", pin):
        raise PluginError(
            f"calculator: package.json must pin pyodide to an exact version, got {pin!r}"
        )
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        raise PluginError("calculator: node_modules/pyodide is missing; run `npm ci` first")
    found = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if found != pin:
        raise PluginError(
            f"calculator: node_modules has pyodide {found}, package.json pins {pin}; run `npm ci`"
        )
    return found


def lock_info() -> dict[str, Any]:
    """The ``info`` block of Pyodide's lock file: the worker passes it as a lock with no packages."""
    lock = PYODIDE_DIR / "pyodide-lock.json"
    if not lock.is_file():
        raise PluginError(f"calculator: missing Pyodide runtime file {lock}; run `npm ci`")
    info: dict[str, Any] = json.loads(lock.read_text(encoding="utf-8"))["info"]
    return info


def check_runtime() -> None:
    """Fail the build naming any runtime file missing from node_modules/pyodide."""
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(
            f"calculator: Pyodide runtime file(s) missing from {PYODIDE_DIR}: {', '.join(missing)}; "
            "run `npm ci`"
        )


def copy_runtime(out_dir: Path) -> list[Path]:
    """Copy the runtime files into the site; fail the build if one is missing."""
    check_runtime()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(PYODIDE_DIR / name, out_dir / name)) for name in RUNTIME_FILES]


def build_snapshot(wheel: Path, out: Path) -> Path:
    """Write the gzipped memory snapshot for ``wheel`` to ``out`` (cached by wheel, Pyodide and script)."""
    key = hashlib.sha256(
        wheel.read_bytes()
        + (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()[:4096]
        + (PYODIDE_DIR / "package.json").read_bytes()
        + (SNAPSHOT_JS + SNAPSHOT_IMPORTS).encode()
    ).hexdigest()[:24]
    cached = SNAPSHOT_CACHE / f"snapshot-{key}.bin.gz"
    if not cached.is_file():
        node = shutil.which("node")
        if node is None:
            raise PluginError("calculator: Node.js (>= 20) is needed to build the Pyodide snapshot")
        SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
        raw = SNAPSHOT_CACHE / f"snapshot-{key}.bin"
        env = {
            **os.environ,
            "CSZ_PYODIDE_MJS": str(PYODIDE_DIR / "pyodide.mjs"),
            "CSZ_LOCK": str(PYODIDE_DIR / "pyodide-lock.json"),
            "CSZ_WHEEL": str(wheel),
            "CSZ_OUT": str(raw),
            "CSZ_IMPORTS": SNAPSHOT_IMPORTS,
        }
        proc = subprocess.run(
            [node, "--input-type=module", "-e", SNAPSHOT_JS],
            env=env,
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
            open(cached, "wb") as fh,
            gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=6, mtime=0) as gz,
        ):
            shutil.copyfileobj(src, gz)
        raw.unlink()
        for old in SNAPSHOT_CACHE.glob("snapshot-*.bin.gz"):
            if old != cached:
                old.unlink()
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(cached, out))


# --- the page data --------------------------------------------------------------------------------------------


# Run in a fresh interpreter on src/: always the current source (also under `mkdocs serve`), never a copy
# imported earlier or installed elsewhere.
SOLVER_DATA_PY = """
import json, pathlib, sys
import clustersize
from clustersize import RESULT_FIELDS, api, examples
from clustersize.schema import build_schema

code, text = api.run(None)
print(json.dumps({
    "where": str(pathlib.Path(clustersize.__file__).resolve().parent),
    "code": code,
    "result_json": text,
    "default": examples.DEFAULT,
    "presets": {name: examples.text(name) for name in examples.names()},
    "schema": build_schema(),
    "fields": [list(f) for f in RESULT_FIELDS],
}, ensure_ascii=False))
"""


def solver_data() -> dict[str, Any]:
    """Schema, presets, result fields and the default result, from the solver in ``src/``."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUTF8": "1", "PYTHONSAFEPATH": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", SOLVER_DATA_PY],
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
    if Path(data.pop("where")) != PACKAGE:
        raise PluginError(f"calculator: clustersize was not imported from {PACKAGE}")
    if data.pop("code") != 0:
        raise PluginError(f"calculator: the default example did not solve: {data['result_json']}")
    return data


def page_data(pyodide: str, wheel: Path, snapshot: Path) -> dict[str, Any]:
    """Everything the page needs: the solver's own data plus where the runtime files are."""
    data = solver_data()
    return {
        "version": package_version(),
        "pyodide": pyodide,
        "lock_info": lock_info(),
        "runtime_path": f"{OUT_DIR}/pyodide-{pyodide}/",
        "wheel_path": f"{OUT_DIR}/{wheel.name}",
        "wheel_digest": hashlib.sha256(wheel.read_bytes()).hexdigest()[:16],
        "snapshot_path": f"{OUT_DIR}/{snapshot.name}",
        "snapshot_digest": hashlib.sha256(snapshot.read_bytes()).hexdigest()[:16],
        **data,
        "units": {key: unit for key, unit, _ in data["fields"]},
        "result": json.loads(data["result_json"]),
    }


def page_json(data: Any) -> str:
    """Compact JSON with the key order kept (the template HTML-escapes it into an attribute)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- MkDocs events --------------------------------------------------------------------------------------------


def on_config(config: Any) -> Any:
    version = pyodide_version()
    check_runtime()  # fail fast, before any page is built
    _state.clear()
    _state["pyodide"] = version
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["csz_fmt"] = fmt.number
    env.filters["csz_share"] = fmt.share
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if page.file.src_uri != PAGE:
        return context
    out = Path(config["site_dir"]) / OUT_DIR
    wheel = build_wheel(out)
    snapshot = build_snapshot(wheel, out / f"snapshot-{_state['pyodide']}.bin.gz")
    _state["wheel"] = wheel
    data = page_data(_state["pyodide"], wheel, snapshot)
    context["calculator"] = data
    context["calculator_json"] = page_json(data)
    return context


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"]) / OUT_DIR
    if "wheel" not in _state:
        raise PluginError(f"calculator: docs/{PAGE} was not built, so the wheel was not written")
    copy_runtime(site / f"pyodide-{_state['pyodide']}")


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(PACKAGE))
    return server
