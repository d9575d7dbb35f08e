"""INV-005's two checks on planted sentences: every sentence of ``planted.toml`` (beside this file) planted to
break a check is reported once, and every sentence written to pass is not.

The site build runs the same checks (``clustersize_site.memo.page``); test_figures.py and test_koopman.py run
them on the real pages and through the build.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import ModuleType

import pytest

PLANTED = tomllib.loads(Path(__file__).with_name("planted.toml").read_text(encoding="utf-8"))
"""Check name (a function of ``clustersize_site.memo.claims``) -> its ``problem`` text, ``references``,
``caught`` and ``passes`` sentences."""


def sentences(kind: str) -> list[object]:
    """``(check, sentence)`` for every sentence of ``kind`` (``caught`` or ``passes``) of every check."""
    return [
        pytest.param(check, sentence, id=f"{check}-{i}")
        for check, table in PLANTED.items()
        for i, sentence in enumerate(table[kind])
    ]


def ending(check: str) -> str:
    """What ends every page the check reads here: its footnote definitions."""
    return "\n\n" + PLANTED[check]["references"] + "\n"


def test_inv_005_both_checks_have_planted_sentences() -> None:
    assert sorted(PLANTED) == ["uncited_claims", "untraced_figures"]
    assert all(table["caught"] and table["passes"] for table in PLANTED.values())


@pytest.mark.parametrize(("check", "planted"), sentences("caught"))
def test_inv_005_planted_sentence_is_caught(checks: ModuleType, check: str, planted: str) -> None:
    """An untraced figure, or a number or comparative word with no citation, is reported once."""
    problems = getattr(checks, check)("# Page\n\nSome framing text.\n\n" + planted + ending(check))
    assert len(problems) == 1, problems
    assert PLANTED[check]["problem"] in problems[0]


@pytest.mark.parametrize(("check", "sentence"), sentences("passes"))
def test_inv_005_traced_cited_or_generated_sentence_passes(
    checks: ModuleType, check: str, sentence: str
) -> None:
    """Traced, cited, test-linked and generated figures, code, math and link targets are not reported."""
    assert getattr(checks, check)("Intro.\n\n" + sentence + ending(check)) == []
