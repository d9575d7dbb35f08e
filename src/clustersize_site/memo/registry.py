"""The page directives: a ``memo`` block names one, and the registry maps that name to the function that
writes the block's Markdown.

A block is a YAML mapping whose first key names the directive and whose first value is its argument, e.g.
``headline: ref`` or ``trade: table``; the other keys are options. A function registers under the directive
name (``@directive("headline")``) or under a name and one argument (``@directive("trade: table")``); the more
specific registration wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints

from .data import Memo, Scenario
from .errors import MemoError
from .render import link


@dataclass(frozen=True)
class Context:
    """What a directive may read: the build's data and the page it writes into."""

    memo: Memo
    src: str
    """The page's source path, POSIX, relative to ``docs/`` (``reference/config.md``)."""

    def link(self, target: str, anchor: str = "") -> str:
        """A Markdown link target from this page to another source page."""
        return link(self.src, target, anchor)

    def scenario(self, name: str) -> Scenario:
        """The scenario called ``name``."""
        return self.memo.scenario(name)


Directive = Callable[[Context, Any, Mapping[str, Any]], str]
"""``(context, argument, options) -> Markdown``."""

DIRECTIVES: dict[str, Directive] = {}
"""Every directive, by ``name`` or ``name: argument``."""


def directive(key: str) -> Callable[[Directive], Directive]:
    """Register the decorated function as the directive ``key`` (``"name"`` or ``"name: argument"``)."""

    def register(fn: Directive) -> Directive:
        if key in DIRECTIVES:
            raise ValueError(f"directive {key!r} is registered twice")
        DIRECTIVES[key] = fn
        return fn

    return register


def expand_block(ctx: Context, body: str) -> str:
    """The Markdown for one ``memo`` block's YAML ``body``."""
    try:
        spec = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        raise MemoError(f"memo block is not YAML: {exc}") from None
    if not isinstance(spec, dict) or not spec:
        raise MemoError(f"memo block must be a mapping: {body!r}")
    kind, arg = next(iter(spec.items()))
    fn = DIRECTIVES.get(f"{kind}: {arg}") or DIRECTIVES.get(str(kind))
    if fn is not None:
        return fn(ctx, arg, spec)
    outputs = sorted(k.partition(": ")[2] for k in DIRECTIVES if k.startswith(f"{kind}: "))
    if outputs:
        raise MemoError(f"unknown {kind} output {arg!r} (one of: {', '.join(outputs)})")
    raise MemoError(f"unknown memo generator {kind!r}")
