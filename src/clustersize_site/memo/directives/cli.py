"""A documented command, run while the page builds: its output is shown, and the build fails when it exits
with another code than the page says (``exit:``, default 0)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..commands import run_cli
from ..errors import MemoError
from ..registry import Context, directive
from ..render import code_block


@directive("cli")
def cli(ctx: Context | None, cmdline: str, spec: Mapping[str, Any]) -> str:
    """``$ command`` and its output (``lines:`` keeps the first N lines; ``stderr: false`` hides stderr)."""
    expect = int(spec.get("exit", 0))
    code, out, err = run_cli(cmdline)
    if code != expect:
        raise MemoError(f"`{cmdline}` exited {code}, the page says {expect}:\n{err}")
    text = out
    limit = spec.get("lines")
    lines = text.rstrip("\n").splitlines()
    if limit and len(lines) > int(limit):
        text = "\n".join(lines[: int(limit)]) + f"\n… ({len(lines) - int(limit)} more lines)"
    shown = f"$ {cmdline}" + (f"\n{text.rstrip()}" if text.strip() else "")
    if err.strip() and spec.get("stderr", True):
        shown += "\n" + err.rstrip()
    return code_block(shown, "console", title=f"exit code {code}")
