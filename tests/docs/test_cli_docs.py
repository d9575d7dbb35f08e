"""CLI/flag consistency, and every documented example command runs and exits as the docs say.

Flags: every ``--flag`` written in docs/ or the README exists in the real parser (or belongs to another tool
named on the same line), and every parser flag is written somewhere. Commands: every ``python -m
clustersize`` line in a fenced shell block, and every ``memo`` cli block, is run in order per document in a
scratch directory; a line's trailing ``# exit N`` states the promised exit code (default 0).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import cli, examples
from clustersize_site.memo.registry import DIRECTIVES

SEEDED = {
    # Files a page tells the reader to produce elsewhere: the calculator's "Export config JSON" download.
    "clustersize-config.json": examples.text(),
}


def parser_flags() -> set[str]:
    return {o for a in cli.build_parser()._actions for o in a.option_strings if o.startswith("--")}


def test_every_flag_exists_and_every_parser_flag_is_documented(
    checks: ModuleType, sources: dict[str, str]
) -> None:
    assert checks.flag_problems(sources, parser_flags()) == []


def test_planted_unknown_flag_is_caught(checks: ModuleType, sources: dict[str, str]) -> None:
    planted = dict(sources)
    planted["docs/planted.md"] = "Run `python -m clustersize --config my.json --max-power 5`.\n"
    assert checks.flag_problems(planted, parser_flags()) == [
        "docs/planted.md:1: --max-power is not a clustersize flag: "
        "Run `python -m clustersize --config my.json --max-power 5`."
    ]


def test_planted_undocumented_parser_flag_is_caught(
    checks: ModuleType, sources: dict[str, str]
) -> None:
    assert checks.flag_problems(sources, {*parser_flags(), "--dry-run"}) == [
        "parser flag --dry-run is not documented anywhere"
    ]


def test_foreign_flag_needs_its_tool_on_the_line(checks: ModuleType) -> None:
    docs = {"a.md": "`mkdocs build --strict`\n`python -m clustersize --strict`\n"}
    problems = checks.flag_problems(docs, set())
    assert problems == [
        "a.md:2: --strict is not a clustersize flag: `python -m clustersize --strict`"
    ]


def run_documented(commands: Sequence[Any], workdir: Path) -> list[str]:
    """Run documented commands in order in ``workdir``; return one problem per unexpected exit code."""
    for name, text in SEEDED.items():
        (workdir / name).write_text(text, encoding="utf-8")
    problems = []
    for c in commands:
        stdin = (workdir / c.stdin_from).read_bytes() if c.stdin_from else b""
        proc = subprocess.run(
            [sys.executable, "-m", "clustersize", *c.args],
            cwd=workdir,
            input=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if c.stdout_to:
            (workdir / c.stdout_to).write_bytes(proc.stdout)
        if proc.returncode != c.expect:
            err = proc.stderr.decode(errors="replace").strip()
            problems.append(
                f"{c.source}:{c.lineno}: `{c.text}` exited {proc.returncode}, documented {c.expect}: {err}"
            )
    return problems


ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    [p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")] + ["README.md"]
)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documented_commands_exit_as_documented(
    checks: ModuleType, sources: dict[str, str], document: str, tmp_path: Path
) -> None:
    commands = checks.documented_commands(sources[document], document)
    assert run_documented(commands, tmp_path) == []


def test_the_runbook_and_readme_document_commands(
    checks: ModuleType, sources: dict[str, str]
) -> None:
    runbook = checks.documented_commands(sources["docs/runbook.md"], "runbook")
    assert len(runbook) >= 12
    assert {c.expect for c in runbook} == {0, 2, 3}
    assert len(checks.documented_commands(sources["README.md"], "README")) >= 5


def test_command_parsing(checks: ModuleType) -> None:
    text = (
        "```console\n"
        "$ uv run --locked python -m clustersize --example > my.json\n"
        "$ python -m clustersize --config - --json < my.json   # exits 0\n"
        "python -m clustersize --nodes 600   # exit 3\n"
        "mkdocs build --strict\n"
        "```\n"
        "```memo\ncli: python -m clustersize --set node.gpu_w=-5\nexit: 2\n```\n"
    )
    got = [
        (c.args, c.expect, c.stdout_to, c.stdin_from) for c in checks.documented_commands(text, "t")
    ]
    assert got == [
        (("--example",), 0, "my.json", None),
        (("--config", "-", "--json"), 0, None, "my.json"),
        (("--nodes", "600"), 3, None, None),
        (("--set", "node.gpu_w=-5"), 2, None, None),
    ]


def test_planted_wrong_exit_code_is_caught(checks: ModuleType, tmp_path: Path) -> None:
    text = "```bash\npython -m clustersize --nodes 600\npython -m clustersize --nodes 1  # exit 3\n```\n"
    problems = run_documented(checks.documented_commands(text, "planted.md"), tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith(
        "planted.md:2: `python -m clustersize --nodes 600` exited 3, documented 0"
    )
    assert problems[1].startswith(
        "planted.md:3: `python -m clustersize --nodes 1  # exit 3` exited 0"
    )


def test_build_fails_when_a_shown_command_exits_otherwise(memo_hook: ModuleType) -> None:
    run_cli_block = DIRECTIVES["cli"]
    with pytest.raises(memo_hook.MemoError, match="exited 3, the page says 0"):
        run_cli_block(None, "python -m clustersize --nodes 600", {})
