"""The calculator's runtime build: the trimmed, compiled stdlib (and that the Node.js Pyodide parity tests run on
it), the snapshot guard, and the service worker's precache list."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PROBE_SCRIPT = """
import os, sys, sysconfig, zipfile, zlib  # what the trimmed stdlib has

def main(_text):
    path = next(p for p in sys.path if p.endswith(".zip"))
    try:
        import tomllib  # in Pyodide's full stdlib, imported by nothing the page runs
        missing = False
    except ModuleNotFoundError:
        missing = True
    site = sysconfig.get_path("purelib")
    pycs = {}
    for d, _, names in os.walk(os.path.join(site, "clustersize")):
        for n in names:
            if n.endswith(".pyc"):
                with open(os.path.join(d, n), "rb") as fh:
                    data = fh.read()
                    pycs[os.path.relpath(os.path.join(d, n), site)] = (len(data), zlib.crc32(data))
    return repr((zipfile.ZipFile(path).namelist(), missing, pycs))
"""


@pytest.mark.node
def test_parity_runs_on_the_shipped_compiled_python(
    pyodide_call: Any, compiled: tuple[Path, Path], tmp_path: Path
) -> None:
    """The Node.js Pyodide the parity tests use has the site's trimmed stdlib on sys.path, not the full one,
    and the package's shipped bytecode in its __pycache__ (what a first visit runs)."""
    script = tmp_path / "probe_stdlib.py"
    script.write_text(PROBE_SCRIPT, encoding="utf-8")
    names, tomllib_missing, pycs = eval(pyodide_call(script, "main", ""))  # a repr of plain data
    assert names == zipfile.ZipFile(compiled[0]).namelist()
    assert tomllib_missing
    with zipfile.ZipFile(compiled[1]) as shipped:
        want = {n: (len(b), zlib.crc32(b)) for n in shipped.namelist() for b in [shipped.read(n)]}
    assert pycs == want  # nothing recompiled them: Python used the shipped bytecode as it is


def test_package_bytecode_covers_every_module(
    site: Path, hook: ModuleType, wheel: Path, compiled: tuple[Path, Path]
) -> None:
    shipped = site / "calculator" / f"pycache-{hook.pyodide_version()}.zip"
    assert shipped.read_bytes() == compiled[1].read_bytes()
    names = zipfile.ZipFile(shipped).namelist()
    modules = [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".py")]
    assert len(names) == len(modules)
    for module in modules:
        folder, name = module.rsplit("/", 1)
        assert any(n.startswith(f"{folder}/__pycache__/{name[:-3]}.cpython-3") for n in names), (
            module
        )


def test_stdlib_is_trimmed_and_compiled(site: Path, hook: ModuleType, stdlib: Path) -> None:
    shipped = site / "calculator" / f"stdlib-{hook.pyodide_version()}.zip"
    assert (
        shipped.read_bytes() == stdlib.read_bytes()
    )  # the site ships the stdlib the parity tests ran on
    names = zipfile.ZipFile(shipped).namelist()
    full = zipfile.ZipFile(hook.PYODIDE_DIR / "python_stdlib.zip").namelist()
    assert names == sorted(names)
    assert all(n.endswith(".pyc") and n[:-1] in full for n in names)
    for needed in (
        "json/__init__.pyc",
        "argparse.pyc",
        "fractions.pyc",
        "difflib.pyc",
        "zipfile/__init__.pyc",
    ):
        assert (
            needed in names
        )  # the package's imports, also the lazy one on the error path (difflib)
    assert len(names) < len(full) / 3
    assert shipped.stat().st_size < 0.7 * (hook.PYODIDE_DIR / "python_stdlib.zip").stat().st_size


def test_snapshot_heap_fits_a_fresh_instance(site: Path, hook: ModuleType) -> None:
    """The shipped snapshot passes the guard: its heap is at most the wasm's initial memory."""
    import gzip

    limit = hook.initial_memory()
    assert limit > 0
    assert limit % 65536 == 0
    packed = gzip.decompress(
        (site / "calculator" / f"snapshot-{hook.pyodide_version()}.bin.gz").read_bytes()
    )
    raw = hook.snapshot.unpack(packed)
    assert len(packed) < len(raw) / 2  # the zero runs it leaves out are more than half of it
    hook.check_heap(raw[:16], len(raw), limit)
    (header,) = struct.unpack_from("<I", raw, 4)
    assert len(raw) - header <= limit


def test_snapshot_packing_leaves_out_long_zero_runs_and_round_trips(hook: ModuleType) -> None:
    pack, unpack, gap = hook.snapshot.pack, hook.snapshot.unpack, hook.snapshot.GAP
    image = bytes(gap) + b"a" + bytes(gap - 1) + b"b" + bytes(gap) + b"c" + bytes(2 * gap)
    packed = pack(image)
    assert packed.startswith(hook.snapshot.MAGIC)
    assert struct.unpack_from("<II", packed, 8) == (len(image), 2)  # "a..b" (a short gap) and "c"
    assert struct.unpack_from("<4I", packed, 16) == (gap, gap + 1, 3 * gap + 1, 1)
    assert packed[32:] == b"a" + bytes(gap - 1) + b"b" + b"c"
    for case in (image, b"", bytes(3 * gap), b"x" * 5000, b"x" + bytes(gap) + b"y"):
        assert unpack(pack(case)) == case
    with pytest.raises(ValueError, match="not a packed"):
        unpack(image)
    with pytest.raises(ValueError, match="does not match"):
        unpack(packed + b"z")


def test_snapshot_guard_names_the_sizes(hook: ModuleType) -> None:
    header = struct.pack("<4I", 0, 128, 0, 0)
    hook.check_heap(header, 128 + 32 * 2**20, 32 * 2**20)  # exactly fits
    with pytest.raises(PluginError, match=r"heap is 40\.0 MiB, more than the 30\.0 MiB .* restore"):
        hook.check_heap(header, 128 + 40 * 2**20, 30 * 2**20)


@pytest.mark.node
def test_oversize_snapshot_fails_the_build(
    hook: ModuleType, wheel: Path, stdlib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A planted limit below the real heap: the build stops with the guard's message, not a slow page."""
    import clustersize_site.calculator.node as node_module

    monkeypatch.setattr(
        node_module, "CACHE", tmp_path / "cache"
    )  # make it, not take it from the cache
    monkeypatch.setattr(hook.snapshot, "initial_memory", lambda: 2**20)
    with pytest.raises(
        PluginError, match=r"more than the 1\.0 MiB a fresh pyodide\.asm\.wasm starts with"
    ):
        hook.build_snapshot(wheel, stdlib, tmp_path / "snapshot.bin.gz")
    assert not (tmp_path / "snapshot.bin.gz").exists()
    assert not list((tmp_path / "cache").glob("snapshot-*"))


@pytest.mark.node
def test_restore_fails_when_the_heap_outgrew_the_initial_memory(
    node: str, hook: ModuleType
) -> None:
    """What the guard prevents: Pyodide cannot restore a snapshot whose heap grew past the initial memory."""
    script = ROOT / "tests" / "node" / "oversize_snapshot.mjs"
    proc = subprocess.run(
        [node, str(script), str(hook.PYODIDE_DIR)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["heap"] > hook.initial_memory()
    assert report["restored"] is False
    assert "out of bounds" in report["error"]


# --- the service worker -------------------------------------------------------------------------------------


def precache(site: Path) -> dict[str, Any]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(
        r"^const PRECACHE = /\*\* @type \{Precache\} \*/ \((.*)\); // @precache$", text, re.M
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_service_worker_stores_only_this_sites_files(site: Path, hook: ModuleType) -> None:
    data = precache(site)
    assert re.fullmatch(r"clustersize-calculator-[0-9a-f]{16}", data["cache"])
    urls = [e["url"] for e in data["entries"]]
    assert len(urls) == len(set(urls))
    for entry in data["entries"]:
        for url in (entry["url"], entry.get("gz", "")):
            assert not re.match(r"[a-z]+:|//|/", url), (
                url
            )  # relative to the site root: same origin only
        source = site / entry.get("gz", entry["url"]).split("?", 1)[0]  # what it is stored from
        assert source.is_file() or (source / "index.html").is_file(), entry
    runtime = f"calculator/pyodide-{hook.pyodide_version()}/"
    assert {runtime + n for n in hook.RUNTIME_FILES} <= set(urls)  # stored decompressed
    assert "calculator/" in urls
    assert any(u.startswith("calculator/snapshot-") for u in urls)
    assert any(u.startswith("assets/calculator/worker.js") for u in urls)
    shared = {e["url"] for e in data["entries"] if e.get("shared")}
    assert shared == {
        "search/search_index.json",
        "sitemap.xml",
    }  # only the calculator gets them from here
    memo = [u for u in urls if u.startswith("stylesheets/memo.css")]
    assert (
        len(memo) == 1
    )  # the page names the version it loads (fingerprint.py): never stale, not shared
    assert re.fullmatch(r"stylesheets/memo\.css\?v=[0-9a-f]{16}", memo[0])
    assert not any(
        u.startswith(("calculator/", "assets/calculator/")) or "?v=" in u for u in shared
    )
    assert not any(re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", u) for u in shared)  # hashed names


def test_a_changed_file_changes_the_cache_name(tmp_path: Path) -> None:
    from clustersize_site.calculator import sw

    site = fake_site(tmp_path)
    data = fake_data()
    first = precache_of(sw.write_sw(site, data))
    assert [e["url"] for e in first["entries"]][:3] == [
        "calculator/",
        "assets/site.css",
        "assets/calculator/a.js",
    ]
    assert precache_of(sw.write_sw(site, data)) == first  # same files, same name
    (site / "assets" / "calculator" / "a.js").write_text("changed")
    assert precache_of(sw.write_sw(site, data))["cache"] != first["cache"]
    (site / "assets" / "calculator" / "a.js").unlink()
    (site / "calculator" / "index.html").write_text('<link rel="stylesheet" href="../missing.css">')
    with pytest.raises(PluginError, match=r"missing\.css"):
        sw.write_sw(site, data)


def precache_of(path: Path) -> dict[str, Any]:
    return precache(path.parent)


def fake_data() -> dict[str, str]:
    return {
        "runtime_path": "calculator/pyodide-1.0.0/",
        "wheel_path": "calculator/w.whl",
        "wheel_digest": "aa",
        "stdlib_path": "calculator/stdlib.zip",
        "stdlib_digest": "bb",
        "pycache_path": "calculator/pycache.zip",
        "pycache_digest": "dd",
        "snapshot_path": "calculator/snapshot.bin.gz",
        "snapshot_key": "calculator/snapshot.bin",
        "snapshot_digest": "cc",
    }


def fake_site(root: Path) -> Path:
    """A site with a calculator page that loads one stylesheet, one same-origin and one foreign script."""
    site = root / "site"
    files = {
        "calculator/index.html": '<link rel="stylesheet" href="../assets/site.css"><link rel="canonical" '
        'href="https://example.org/calculator/"><script src="https://cdn.example/x.js"></script>',
        "assets/site.css": "body{}",
        "assets/calculator/a.js": "a",
        "calculator/pyodide-1.0.0/pyodide.mjs": "m",
        "calculator/pyodide-1.0.0/pyodide.asm.mjs.gz": "g",
        "calculator/pyodide-1.0.0/pyodide.asm.wasm.gz": "g",
        "calculator/w.whl": "w",
        "calculator/w.whl.gz": "v",
        "calculator/stdlib.zip": "s",
        "calculator/pycache.zip": "p",
        "calculator/snapshot.bin.gz": "z",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    return site
