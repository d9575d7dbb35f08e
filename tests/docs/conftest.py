"""Fixtures for the docs checks: the repository, the built site, the check functions and the memo hook.

The build-time checks live in ``src/clustersize_site/memo`` so the site build and these tests run the same
code; the checks only tests run are ``support.py`` (flags, commands, URLs) and ``sitecheck.py`` (built HTML).
Tests that need the built site fail (never skip) when ``site/`` is missing.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from builtsite import built_site
from clustersize_site.memo import claims, commands, invariants, ledger

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE = ROOT / "site"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    """The docs/ folder (hand-written pages and data files)."""
    return DOCS


@pytest.fixture(scope="session")
def checks() -> SimpleNamespace:
    """Every check function by name: the build's (ledger, invariants, INV-005, commands) and the tests' own."""
    support = importlib.import_module("docs.support")
    sitecheck = importlib.import_module("docs.sitecheck")
    ns = SimpleNamespace()
    for module in (ledger, invariants, claims, commands, support, sitecheck):
        vars(ns).update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return ns


@pytest.fixture(scope="session")
def memo_hook() -> ModuleType:
    """``clustersize_site.memo.hook``: the MkDocs events ``overrides/hooks/memo.py`` hands to MkDocs."""
    return importlib.import_module("clustersize_site.memo.hook")


@pytest.fixture
def page_event(memo_hook: ModuleType, root: Path) -> Callable[[str, str], str]:
    """``run(src, markdown)``: the build's page event on ``markdown`` as page ``src``, after ``on_config``
    has loaded the memo's data (as MkDocs calls them)."""
    from mkdocs.config import load_config

    memo_hook.on_config(load_config(str(root / "mkdocs.yml")))

    def run(src: str, markdown: str) -> str:
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src))
        text: str = memo_hook.on_page_markdown(markdown, page, None, None)
        return text

    return run


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site; fails with the command to build it when it is missing."""
    return built_site(SITE, "index.html")


@pytest.fixture(scope="session")
def site_base_path() -> str:
    """The URL path the site is served under, from ``site_url`` as MkDocs resolves it (``SITE_URL`` or its default)."""
    from mkdocs.config import load_config

    url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    assert url, "mkdocs.yml has no site_url"
    path = re.sub(r"^https?://[^/]+", "", url)
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def site(checks: SimpleNamespace, site_dir: Path, site_base_path: str):  # type: ignore[no-untyped-def]
    """The built site, parsed: ids and references of every page, and every CSS file."""
    return checks.Site.load(site_dir, site_base_path)


def markdown_sources() -> dict[str, str]:
    """Hand-written Markdown: every page under docs/ and the README, by repository-relative path."""
    out = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(DOCS.rglob("*.md"))
    }
    out["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def sources() -> dict[str, str]:
    return markdown_sources()
