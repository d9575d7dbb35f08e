"""INV-005, site-wide: no memo page types a hardware or facility figure without a link to its ledger figure or a
citation. The site build runs the same check on every page (``clustersize_site.memo.page``); these tests run
it on the real pages and on planted defects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from clustersize_site.memo.hook import SKIP_PAGES

REF = "\n\n[^nv]: NVIDIA, *DGX B200 User Guide* (stored copy read 2026-11-30).\n"


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


@pytest.mark.parametrize(
    "planted",
    [
        "A DGX B200 draws 14.3 kW at most.",
        "The switch is about 750 W typical with passive cables.",
        "Each leaf is a 64-port switch.",
        "The fabric runs 400G links to every GPU.",
        "An 800 Gb/s port carries twice a 400 Gb/s one.",
        "Passive copper reaches 3 m.",
        "A rack holds a 72-GPU domain.",
        "The hall runs at a PUE of 1.4.",
        "| Switch | 25.6 Tb/s |",
        "- Twin-port modules draw 17 Watts.",
    ],
)
def test_inv_005_planted_untraced_figure_is_caught(checks: ModuleType, planted: str) -> None:
    problems = checks.untraced_figures("# Page\n\nSome framing text.\n\n" + planted + REF)
    assert len(problems) == 1, problems
    assert "untraced figure" in problems[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "A DGX B200 draws [14.3 kW](ledger.md#fig-dgx-b200-max-w) at most.",
        "A DGX B200 draws 14.3 kW at most[^nv].",
        "It draws {{= dgx_b200.p_node_w }} while {{= cfg.fabric.leaf.ports }}-port leaves hold it.",
        "Run `--set fabric.optic_w_per_link_end=15` (a value in code) to try other optics.",
        "A design that fits with 1 W to spare; passive copper at 0 W per end.",
        "The check found 16 pages and 2,327 references on 2026-11-26.",
        "See <https://docs.nvidia.com/dgx/400G-guide> for the optics.",
    ],
)
def test_inv_005_traced_or_generated_figures_pass(checks: ModuleType, sentence: str) -> None:
    assert checks.untraced_figures("Intro.\n\n" + sentence + REF) == []


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
