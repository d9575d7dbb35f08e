"""INV-005: the Koopman page states no empirical performance without a citation or a test artifact.

Every sentence of docs/koopman.md with a number or a comparative performance word must carry a footnote
citation (whose definition exists) or a link to an enforcing test on the test index. The site build runs the
same check (overrides/hooks/memo.py); these tests run it on the real page and on planted defects.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REFS = "\n\n[^a]: A. Author, *A paper* (2020).\n"


def test_inv_005_koopman_page_cites_every_claim(checks: ModuleType, docs_dir: Path) -> None:
    """The real Koopman page has no uncited number or comparative performance word."""
    text = (docs_dir / "koopman.md").read_text(encoding="utf-8")
    assert checks.uncited_claims(text) == []


def test_inv_005_koopman_page_states_the_non_claim(checks: ModuleType, docs_dir: Path) -> None:
    """The page says in so many words that it proposes constraints, not a guarantee."""
    text = (docs_dir / "koopman.md").read_text(encoding="utf-8")
    assert "operator-informed constraints, not a predictive-control guarantee" in text
    for author in ("Nandanoori", "Niemann", "Koopman", "Mezić", "Williams"):
        assert f"[^{author.lower().replace('ć', 'c')}" in text, f"no citation of {author}"


@pytest.mark.parametrize(
    "planted",
    [
        "Koopman-based scheduling reduces queue wait by 30%.",
        "The lifted model is faster than the baseline.",
        "This policy outperforms first-come first-served.",
        "Utilisation improves with the operator-informed admission rule.",
        "We measured 12 fewer stalled jobs per hour.",
        "A lower power draw follows.",
        "1. The controller keeps better headroom.",
    ],
)
def test_inv_005_planted_uncited_claim_is_caught(checks: ModuleType, planted: str) -> None:
    """A sentence with a number or a comparative word and no citation is reported."""
    problems = checks.uncited_claims("# Page\n\nSome framing text.\n\n" + planted + REFS)
    assert len(problems) == 1, problems
    assert "uncited claim" in problems[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Koopman-based scheduling reduces queue wait by 30%[^a].",
        "The check is enforced by [a test](reference/tests.md#inv-005) and fails on 2 planted claims.",
        "The lifted state is \\(x_{t+1} = K x_t\\) for all \\(t \\ge 0\\).",
        "See <https://doi.org/10.1000/xyz123> for the observables.",
    ],
)
def test_inv_005_cited_or_non_claim_sentences_pass(checks: ModuleType, sentence: str) -> None:
    """Cited claims, test-linked claims, math and link targets are not reported."""
    assert checks.uncited_claims("Intro.\n\n" + sentence + REFS) == []


def test_inv_005_citation_must_be_defined(checks: ModuleType) -> None:
    """A footnote marker without a definition is no citation."""
    problems = checks.uncited_claims("It is 40% faster[^ghost].\n" + REFS)
    assert any("[^ghost] is used but not defined" in p for p in problems)
    assert any("uncited claim" in p for p in problems)


def test_inv_005_code_blocks_and_reference_list_are_not_prose(checks: ModuleType) -> None:
    """Fenced code and the footnote definitions themselves may hold numbers."""
    text = "Intro.\n\n```text\nspeedup 3x, 50% lower\n```\n" + REFS
    assert checks.uncited_claims(text) == []


def test_inv_005_build_fails_on_planted_uncited_claim(
    page_event: Callable[[str, str], str], memo_hook: ModuleType
) -> None:
    """The site build refuses a Koopman page with an uncited claim (the hook raises)."""
    planted = "# Koopman\n\nIt cuts energy use by 15%.\n"
    with pytest.raises(memo_hook.MemoError, match="INV-005"):
        page_event("koopman.md", planted)
