"""Documented ``python -m clustersize`` commands: parsing one command line, and running it in-process the way
a reader would run it in a shell (a scratch directory holding ``my.json``, a 100-column terminal)."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clustersize import cli, examples

from .errors import MemoError


@dataclass(frozen=True)
class Command:
    """One documented ``python -m clustersize`` command and the exit code the docs promise."""

    source: str
    lineno: int
    args: tuple[str, ...]
    expect: int = 0
    stdout_to: str | None = None
    stdin_from: str | None = None
    text: str = field(default="", compare=False)


def parse_command(source: str, lineno: int, line: str, expect: int) -> Command:
    """One shell line (``$`` prompt, ``uv run [--locked]``, ``python -m``, ``> FILE``, ``< FILE`` allowed) as
    a [`Command`][clustersize_site.memo.commands.Command]; ``ValueError`` when it is not a clustersize command."""
    words = shlex.split(line, comments=True)
    if words and words[0] == "$":
        words = words[1:]
    if words[:2] == ["uv", "run"]:
        words = words[2:]
        if words and words[0] == "--locked":
            words = words[1:]
    if words[:2] in (["python", "-m"], ["python3", "-m"]):
        words = words[2:]
    if not words or words[0] != "clustersize":
        raise ValueError(f"{source}:{lineno}: not a clustersize command: {line}")
    args: list[str] = []
    stdout_to = stdin_from = None
    it = iter(words[1:])
    for w in it:
        if w == ">":
            stdout_to = next(it)
        elif w == "<":
            stdin_from = next(it)
        elif w.startswith(">") and len(w) > 1:
            stdout_to = w[1:]
        elif w in ("|", "&&", ";", "2>&1"):
            raise ValueError(f"{source}:{lineno}: pipes and chains are not supported: {line}")
        else:
            args.append(w)
    return Command(source, lineno, tuple(args), expect, stdout_to, stdin_from, line)


@contextlib.contextmanager
def environ(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore them."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_cli(cmdline: str) -> tuple[int, str, str]:
    """Run one documented ``python -m clustersize ...`` command in-process, in a scratch directory holding
    ``my.json`` (the default example); return ``(exit_code, stdout, stderr)``."""
    try:
        cmd = parse_command("memo block", 0, cmdline, 0)
    except ValueError as exc:
        raise MemoError(str(exc)) from None
    if cmd.stdout_to:
        raise MemoError(f"`{cmdline}`: a shown command may not redirect its output")
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp), environ(COLUMNS="100"):
        Path("my.json").write_text(examples.text(), encoding="utf-8")
        stdin = io.StringIO(
            Path(cmd.stdin_from).read_text(encoding="utf-8") if cmd.stdin_from else ""
        )
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(cmd.args), stdin=stdin)
            except SystemExit as exc:  # --help and --version exit through argparse
                code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue(), err.getvalue()
