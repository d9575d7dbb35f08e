"""Fixtures for the calculator tests: the build hook, Node.js Pyodide, the built site served on 127.0.0.1, and
Debian's chromium driven by playwright. A missing prerequisite fails (never skips) with how to get it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

from builtsite import built_site

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("CSZ_SITE", ROOT / "site"))  # CSZ_SITE: test another built copy
HERE = Path(__file__).resolve().parent
NODE_DIR = ROOT / "tests" / "node"


def load_module(name: str, path: Path) -> ModuleType:
    """Import a file by path (tests run with --import-mode=importlib; these are helpers, not packages)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run ``python -m clustersize ARGS`` (the CLI from src/); return (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="session")
def load() -> Any:
    """``load(name, path)``: import a helper file by path."""
    return load_module


@pytest.fixture(scope="session")
def hook() -> ModuleType:
    """The calculator's site build, ``clustersize_site.calculator`` (wheel, runtime, snapshot, page data);
    ``overrides/hooks/calculator.py`` is only MkDocs' entry point to it."""
    import clustersize_site.calculator as calculator

    return calculator


@pytest.fixture(scope="session")
def siteserver() -> ModuleType:
    return load_module("calculator_siteserver", HERE / "siteserver.py")


@pytest.fixture(scope="session")
def corpus_module() -> ModuleType:
    return load_module("calculator_corpus", HERE / "corpus.py")


@pytest.fixture(scope="session")
def cases_module() -> ModuleType:
    """tests/node/cases.py: the parity cases' answers, run alike in CPython and in Node.js Pyodide."""
    return load_module("calculator_cases", NODE_DIR / "cases.py")


@pytest.fixture(scope="session")
def site() -> Path:
    return built_site(SITE, "calculator/index.html")


@pytest.fixture(scope="session")
def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        pytest.fail(
            "Node.js >= 20 is required for the Pyodide parity tests (Debian: apt-get install nodejs)"
        )
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (scripts/dev test does)")
    return exe


@pytest.fixture(scope="session")
def wheel(hook: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from src/ now, by the site's own builder."""
    path: Path = hook.build_wheel(tmp_path_factory.mktemp("wheel"))
    return path


def run_in_pyodide(
    node: str,
    wheel: Path,
    source: Path | str,
    call: str,
    text: str | None,
    tmp: Path,
    snapshot: Path | None = None,
    compiled: tuple[Path, Path] | None = None,
) -> str:
    """``call(text)`` inside Node.js Pyodide with ``wheel`` installed, from a script file (a ``Path``) or an
    installed module (its dotted name, e.g. ``"clustersize.web"``); ``text=None`` calls a module's function
    with no argument. ``compiled``: the site's trimmed stdlib (instead of Pyodide's) and the package's
    bytecode."""
    args = [node, str(NODE_DIR / "pyodide_run.mjs"), "--wheel", str(wheel)]
    if compiled is not None:
        args += ["--stdlib", str(compiled[0]), "--pycache", str(compiled[1])]
    args += ["--script", str(source)] if isinstance(source, Path) else ["--module", source]
    args += ["--call", call, "--output", str(tmp / "out.txt")]
    if text is not None:
        (tmp / "in.txt").write_text(text, encoding="utf-8")
        args += ["--input", str(tmp / "in.txt")]
    if snapshot is not None:
        args += ["--snapshot", str(snapshot)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT)
    assert proc.returncode == 0, f"node failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return (tmp / "out.txt").read_text(encoding="utf-8")


# --- browser ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def traffic(siteserver: ModuleType) -> Any:
    """What the test server answered (requests and body bytes), for tests that must see no network."""
    return siteserver.Traffic()


@pytest.fixture(scope="session")
def base_url(site: Path, siteserver: ModuleType, traffic: Any) -> Iterator[str]:
    with siteserver.serve(site, traffic=traffic) as url:
        yield url


@pytest.fixture(scope="session")
def browser(siteserver: ModuleType) -> Iterator[Any]:
    chromium = siteserver.CHROMIUM
    if not os.access(chromium, os.X_OK):
        pytest.fail(f"{chromium} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=siteserver.CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Tab:
    """One browser page plus everything it did: requests, console errors, dialogs."""

    page: Any
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    responses: dict[str, dict[str, str]] = field(default_factory=dict)
    allow_errors: bool = False

    def open(self, url: str, live: bool = True) -> None:
        self.page.goto(url)
        if live:
            self.wait_live()

    def wait_live(self) -> None:
        self.page.wait_for_selector("#csz[data-state=live]", timeout=60_000)
        self.settle()

    def settle(self) -> None:
        """Wait until the result for the latest edit is on the page."""
        self.page.wait_for_function(
            "() => { const r = document.getElementById('csz');"
            " return r.dataset.state === 'live' && r.dataset.seq === r.dataset.pending; }",
            timeout=30_000,
        )

    def result_json(self) -> str:
        return str(self.page.text_content("#csz-json"))

    def fill(self, path: str, value: str) -> None:
        self.page.fill(f"[id='csz-f-{path}']", value)
        self.settle()


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    t = Tab(page)

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            t.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda r: t.requests.append(r.url))
    context.on(
        "response",
        lambda r: t.responses.__setitem__(r.url, {"type": r.headers.get("content-type", "")}),
    )
    page.on(
        "console",
        lambda m: t.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: t.errors.append(f"pageerror: {e}"))

    def on_dialog(d: Any) -> None:
        t.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield t
    context.close()
    hosts = {urlsplit(u).hostname for u in t.requests if not u.startswith(("data:", "blob:"))}
    assert not t.foreign, f"requests left 127.0.0.1: {t.foreign}"
    assert hosts <= {"127.0.0.1"}, f"requests left 127.0.0.1: {hosts}"
    assert not t.dialogs, f"a dialog opened (script ran): {t.dialogs}"
    if not t.allow_errors:
        assert not t.errors, "console errors:\n" + "\n".join(t.errors)


@pytest.fixture(scope="session")
def cli() -> Any:
    """``cli(*args, cwd=ROOT) -> (code, stdout, stderr)`` of ``python -m clustersize``."""
    return run_cli


@pytest.fixture(scope="session")
def compiled(
    hook: ModuleType, wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The trimmed standard library and the package's bytecode the site ships, for this wheel (built or taken
    from the build cache)."""
    tmp = tmp_path_factory.mktemp("compiled")
    paths: tuple[Path, Path] = hook.build_stdlib(wheel, tmp / "stdlib.zip", tmp / "pycache.zip")
    return paths


@pytest.fixture(scope="session")
def stdlib(compiled: tuple[Path, Path]) -> Path:
    return compiled[0]


@pytest.fixture(scope="session")
def pyodide_call(
    node: str, wheel: Path, compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """``pyodide_call(script or module, func, text, snapshot=None) -> str`` in Node.js Pyodide with the wheel
    installed, the site's trimmed standard library (not Pyodide's full one) and the package's bytecode: what
    the browser runs."""

    def call(source: Path | str, func: str, text: str | None, snapshot: Path | None = None) -> str:
        tmp = tmp_path_factory.mktemp("pyodide")
        return run_in_pyodide(node, wheel, source, func, text, tmp, snapshot, compiled)

    return call
