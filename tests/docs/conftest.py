"""Fixtures for the docs checks: the repository, the built site and the check functions of the memo hook.

The check logic lives in ``overrides/hooks/memo_checks.py`` so the site build and these tests run the same
code. Tests that need the built site fail (never skip) when ``site/`` is missing.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE = ROOT / "site"
HOOKS = ROOT / "overrides" / "hooks"


def _hook_module(name: str) -> ModuleType:
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    return importlib.import_module(name)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    """The docs/ folder (hand-written pages and data files)."""
    return DOCS


@pytest.fixture(scope="session")
def checks() -> ModuleType:
    """``overrides/hooks/memo_checks.py``."""
    return _hook_module("memo_checks")


@pytest.fixture(scope="session")
def memo_hook() -> ModuleType:
    """``overrides/hooks/memo.py`` (the MkDocs hook itself)."""
    return _hook_module("memo")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site; fails with the command to build it when it is missing."""
    if not (SITE / "index.html").is_file():
        pytest.fail(
            "site/ is missing or incomplete: build it first with `scripts/dev build` "
            "(or `uv run --locked mkdocs build --strict`); `scripts/dev test` does this before pytest."
        )
    return SITE


@pytest.fixture(scope="session")
def site_base_path() -> str:
    """The URL path the site is served under, from ``site_url`` in mkdocs.yml."""
    m = re.search(
        r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert m, "mkdocs.yml has no site_url"
    path = re.sub(r"^https?://[^/]+", "", m.group(1))
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def site(checks: ModuleType, site_dir: Path, site_base_path: str):  # type: ignore[no-untyped-def]
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
