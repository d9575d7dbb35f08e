"""The built calculator page: prerendered by the solver, self-hosted runtime, nothing from other origins."""

from __future__ import annotations

import gzip
import html as htmllib
import json
import re
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from clustersize import RESULT_FIELDS, examples
from clustersize.schema import build_schema

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def page(site: Path) -> str:
    return (site / "calculator" / "index.html").read_text(encoding="utf-8")


def embedded(page: str) -> dict[str, Any]:
    """The data the hook puts on the calculator's root element (data-page, HTML-escaped JSON)."""
    match = re.search(r'<section id="csz"[^>]*\sdata-page="([^"]*)"', page)
    assert match is not None
    data: dict[str, Any] = json.loads(htmllib.unescape(match.group(1)))
    return data


def test_prerendered_result_is_the_cli(page: str, cli: Any) -> None:
    code, out, _ = cli("--json")
    assert code == 0
    block = re.search(r'<code id="csz-json">(.*?)</code>', page, re.S)
    assert block is not None
    assert htmllib.unescape(block.group(1)) == out
    result = json.loads(out)
    assert f'<span data-key="nodes">{result["nodes"]:,}</span>' in page
    assert f'<span data-key="gpus">{result["gpus"]:,}</span>' in page
    assert embedded(page)["result_json"] == out


def test_page_data_comes_from_the_package(page: str, site: Path, hook: ModuleType) -> None:
    data = embedded(page)
    assert data["schema"] == build_schema()
    assert list(data["schema"]["properties"]) == list(build_schema()["properties"])  # order kept
    assert data["presets"] == {name: examples.text(name) for name in examples.names()}
    assert data["default"] == examples.DEFAULT
    assert [tuple(f) for f in data["fields"]] == list(RESULT_FIELDS)
    version = hook.pyodide_version()
    pin = json.loads((hook.ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    lock = json.loads((hook.ROOT / "package-lock.json").read_text())["packages"]
    assert data["pyodide"] == version == pin == lock["node_modules/pyodide"]["version"]


def test_runtime_files_are_exactly_the_needed_ones(site: Path, hook: ModuleType) -> None:
    runtime = site / "calculator" / f"pyodide-{hook.pyodide_version()}"
    assert sorted(p.name for p in runtime.iterdir()) == sorted(hook.SITE_RUNTIME_FILES)
    for name in hook.RUNTIME_FILES:
        assert (runtime / name).read_bytes() == (hook.PYODIDE_DIR / name).read_bytes()
    for name in hook.GZIPPED:  # the gzipped copies a first visit fetches are the same bytes
        packed = (runtime / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (hook.PYODIDE_DIR / name).read_bytes()
        assert len(packed) < 0.4 * len(gzip.decompress(packed))


def test_site_wheel_is_built_from_src(site: Path, hook: ModuleType, wheel: Path) -> None:
    shipped = site / "calculator" / wheel.name
    assert shipped.read_bytes() == wheel.read_bytes()
    with zipfile.ZipFile(shipped) as zf:  # stored: the worker slices its files out (unzip.js)
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
    packed = (site / "calculator" / f"{wheel.name}.gz").read_bytes()  # what a first visit fetches
    assert gzip.decompress(packed) == wheel.read_bytes()
    assert len(packed) < 0.5 * len(wheel.read_bytes())
    assert (site / "calculator" / f"snapshot-{hook.pyodide_version()}.bin.gz").is_file()


def test_missing_runtime_file_fails_the_build(
    hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "pyodide"
    fake.mkdir()
    for name in hook.RUNTIME_FILES[:-1]:
        (fake / name).write_bytes(b"x")
    monkeypatch.setattr(hook.runtime, "PYODIDE_DIR", fake)
    with pytest.raises(PluginError, match=hook.RUNTIME_FILES[-1]):
        hook.copy_runtime(tmp_path / "out")


def test_no_third_party_origin_at_run_time(page: str, site: Path) -> None:
    """Scripts, styles, images and the worker's imports are all same-origin (links to docs are fine)."""
    for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page):
        if re.search(r'rel="(?:canonical|alternate)"', tag):
            continue  # names the page's public address; nothing is fetched
        for url in re.findall(r'\b(?:src|href)="([^"]+)"', tag):
            assert not re.match(r"(?:https?:)?//", url), tag
    for js in (site / "assets" / "calculator").glob("*.js"):
        text = js.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/)|cdn\.jsdelivr", text), js.name
    assert "innerHTML" not in "".join(
        p.read_text(encoding="utf-8") for p in (site / "assets" / "calculator").glob("*.js")
    )


def test_page_works_without_javascript(page: str) -> None:
    """The prerendered numbers and the CLI instructions are plain HTML; the form needs JavaScript."""
    assert "<noscript>" in page
    assert "python -m clustersize" in page
    assert 'id="csz-controls" class="csz-controls" hidden' in page


def module_graph(entry: Path) -> set[str]:
    """The file names of the sibling modules ``entry`` imports, directly or not (``from "./x.js"``)."""
    seen: set[str] = set()
    todo = [entry.name]
    while todo:
        name = todo.pop()
        for dep in re.findall(
            r'^\s*(?:import|export)\b[^;]*?from "\./([\w.-]+\.js)"',
            (entry.parent / name).read_text(),
            re.M,
        ):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def test_page_script_is_one_classic_bundle_of_its_modules(
    page: str, site: Path, hook: ModuleType
) -> None:
    """The page loads calculator.js and its modules as one deferred classic script (compiled code a revisit
    reuses, one fetch); the site keeps no copy of a module the bundle holds, and keeps the worker's own."""
    tags = re.findall(r"<script\b[^>]*\bsrc=\"[^\"]*assets/calculator/calculator\.js\"[^>]*>", page)
    assert len(tags) == 1, tags
    assert "type=" not in tags[0]
    assert " defer " in tags[0]
    bundle = (site / "assets" / "calculator" / "calculator.js").read_text(encoding="utf-8")
    assert bundle.startswith(
        '"use strict";\n(() => {'
    )  # a strict IIFE: the modules' names stay private
    statement = r"^\s*(?:import\s+[\w{*]|export\s*[{*]|export\s+(?:default|const|let|var|function|class|async)\b)"
    assert not re.search(statement, bundle, re.M)  # no module syntax left
    sources = hook.ROOT / "overrides" / "assets" / "calculator"
    held = module_graph(sources / "calculator.js")
    assert {"state.js", "engine.js", "form.js", "share.js"} <= held
    for name in held:
        assert f"// overrides/assets/calculator/{name}\n" in bundle, name
        assert not (site / "assets" / "calculator" / name).exists(), name
    for name in module_graph(sources / "worker.js") | {"worker.js", "boot.js", "sitescripts.js"}:
        assert (site / "assets" / "calculator" / name).read_bytes() == (
            sources / name
        ).read_bytes(), name


def test_a_page_script_that_does_not_bundle_fails_the_build(tmp_path: Path) -> None:
    from clustersize_site.calculator import bundle

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "calculator.js").write_text('import { x } from "./missing.js";\nx();\n')
    (assets / "worker.js").write_text("self.onmessage = () => {};\n")
    with pytest.raises(PluginError, match=r"bundling calculator\.js failed:\n.*missing\.js"):
        bundle.bundle_ui(tmp_path / "site", assets)
