"""Markdown for the memo: tables, code blocks, figures and page-relative links.

Pure functions over text; nothing here decides or formats a number (that is [`clustersize.fmt`][clustersize.fmt]).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Any


def cell(text: Any) -> str:
    """A Markdown table cell: pipes escaped, newlines folded."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    """A Markdown pipe table; ``align`` is one letter per column (``l``/``r``/``c``), default left."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    spec = [marks.get(align[i] if i < len(align) else "l", ":--") for i in range(len(header))]
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "| " + " | ".join(spec) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def code_block(text: str, lang: str = "text", title: str = "") -> str:
    """A fenced code block long enough to hold any backticks in ``text``."""
    fence = "```"
    while fence in text:
        fence += "`"
    head = fence + lang + (f' title="{title}"' if title else "")
    return f"{head}\n{text.rstrip()}\n{fence}"


def figure(svg: str, caption: str) -> str:
    """An HTML figure block (no blank lines, so Markdown passes it through untouched)."""
    return f'<figure class="memo-figure">{svg}<figcaption>{caption}</figcaption></figure>'


def indent(text: str, n: int) -> str:
    """Every non-blank line of ``text`` indented by ``n`` spaces (blank lines emptied)."""
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def slug(path: str) -> str:
    """An HTML id fragment for a dotted path or a name: ``fabric.leaf.ports`` -> ``fabric-leaf-ports``."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def link(src: str, target: str, anchor: str = "") -> str:
    """A Markdown link target from page ``src`` to page ``target`` (both relative to ``docs/``)."""
    rel = posixpath.relpath(target, posixpath.dirname(src) or ".")
    return rel + (f"#{anchor}" if anchor else "")
