"""The build-time checks over the memo's data: each returns a list of problems (empty: the check passed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .invariants import invariant_problems
from .ledger import figure_links, ledger_problems

if TYPE_CHECKING:
    from .data import Memo


def data_problems(memo: Memo) -> list[str]:
    """The ledger matches the configs (and every figure is used by a config, a validation row or a page
    link), every validation row matches its published figure or is a marked source anomaly, every invariant ID
    has an enforcing test (and no test names an unlisted ID), and every trade-study option and scenario role
    names a scenario."""
    pages = (p.read_text(encoding="utf-8") for p in sorted(memo.data.parent.rglob("*.md")))
    used = memo.validation.figures | figure_links(pages)
    problems = ledger_problems(memo.configs, memo.ledger, used)
    problems += memo.validation.problems()
    problems += invariant_problems([i.id for i in memo.invariants], memo.tests)
    problems += [
        f"trade study option {o!r} is not a scenario"
        for o in memo.trade.options
        if o not in memo.scenarios
    ]
    problems += [
        f"role {role!r} names {name!r}, which is not a scenario"
        for role, name in memo.roles.items()
        if name not in memo.scenarios
    ]
    return problems
