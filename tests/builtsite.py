"""The built site the docs and calculator tests read: one check that it is there, one message if not."""

from __future__ import annotations

from pathlib import Path

import pytest


def built_site(site: Path, page: str) -> Path:
    """``site`` when ``site/page`` exists; otherwise the test fails with the command that builds it."""
    if not (site / page).is_file():
        pytest.fail(
            f"site/ is missing or incomplete (no {page}): build it first with `scripts/dev build` "
            "(or `uv run --locked mkdocs build --strict`); `scripts/dev test` does this before pytest."
        )
    return site
