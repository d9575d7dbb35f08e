"""One memo page: its page checks, then its ``memo`` blocks and inline values expanded to Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import directives as _directives  # noqa: F401  # importing the package registers every directive
from . import inline
from .claims import uncited_claims, untraced_figures
from .data import Memo
from .errors import MemoError
from .registry import Context, expand_block

FENCE = re.compile(
    r"^(?P<fence>`{3,})memo[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
"""One ``memo`` block in Markdown."""

_LEFTOVER = re.compile(r"\{\{=.*?\}\}|^`{3,}memo\b", re.MULTILINE)

PAGE_CHECKS: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    "koopman.md": ("INV-005", uncited_claims),
}
"""Checks of one page's hand-written Markdown, by page: the ID the check enforces and the check."""

SITE_CHECKS: tuple[tuple[str, Callable[[str], list[str]]], ...] = (("INV-005", untraced_figures),)
"""Checks of every page's hand-written Markdown: the ID the check enforces and the check."""


def expand_page(memo: Memo, src: str, markdown: str) -> str:
    """Page ``src`` (relative to ``docs/``) with its checks passed and its generated content filled in."""
    checks = [PAGE_CHECKS[src]] if src in PAGE_CHECKS else []
    for ident, check in [*checks, *SITE_CHECKS]:
        problems = check(markdown)
        if problems:
            raise MemoError(f"{ident} ({src}):\n  " + "\n  ".join(problems))
    ctx = Context(memo, src)
    try:
        out = FENCE.sub(lambda m: expand_block(ctx, m["body"]), markdown)
        out = inline.expand(ctx, out)
    except MemoError as exc:
        raise MemoError(f"{src}: {exc}") from None
    leftover = _LEFTOVER.search(out)
    if leftover:
        raise MemoError(f"{src}: unexpanded memo syntax {leftover.group(0)!r}")
    return out
