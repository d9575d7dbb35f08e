"""INV-005, site-wide: no memo page types a hardware or facility figure without a link to its ledger figure or a
citation. The site build runs the same check on every page (``clustersize_site.memo.page``); these tests run
it on the real pages and on planted defects (planted sentences: test_planted.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from clustersize_site.memo.hook import SKIP_PAGES


def memo_pages(docs_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs_dir.rglob("*.md"))
        if p.relative_to(docs_dir).as_posix() not in SKIP_PAGES
    }


def test_inv_005_no_page_types_an_untraced_figure(checks: ModuleType, docs_dir: Path) -> None:
    """Every page, the calculator's too (its own hook builds it, so only this test checks it)."""
    pages = {
        p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in docs_dir.rglob("*.md")
    }
    assert set(memo_pages(docs_dir)) < set(pages)
    assert len(pages) > 10
    assert {name: checks.untraced_figures(text) for name, text in pages.items()} == {
        key: [] for key in pages
    }


def test_inv_005_the_pages_do_type_traced_figures(checks: ModuleType, docs_dir: Path) -> None:
    """The check has something to hold: typed figures exist, and each links to the ledger."""
    pages = memo_pages(docs_dir)
    linked = sum(text.count("ledger.md#fig-") for text in pages.values())
    assert linked >= 5


def test_inv_005_memo_blocks_and_code_are_generated_not_typed(checks: ModuleType) -> None:
    text = "Intro.\n\n```memo\ncli: python -m clustersize --set node.gpu_w=1000\n```\n\n```text\n750 W\n```\n"
    assert checks.untraced_figures(text) == []


def test_inv_005_an_undefined_footnote_is_no_citation(checks: ModuleType) -> None:
    assert checks.untraced_figures("It draws 14.3 kW[^ghost].\n")


def test_inv_005_build_fails_on_planted_untraced_figure(
    page_event: Callable[[str, str], str], memo_hook: ModuleType
) -> None:
    """The site build refuses any page (not only the Koopman page) that types an untraced figure."""
    planted = "# Trade study\n\nPassive copper reaches a rack or two, about 3 m.\n"
    with pytest.raises(memo_hook.MemoError, match=r"INV-005 \(trade-study\.md\)"):
        page_event("trade-study.md", planted)
