"""The README's shell commands work for a newcomer, exactly as written, right after set-up (issue #15).

The rules, applied to every fenced ``bash``/``sh``/``shell``/``console`` block of README.md:

* Commands: in a ``console`` block, each line after a ``$`` prompt (other lines are output); in the other
  blocks, each non-blank line that is not a comment.
* Set-up is not run: ``scripts/dev serve`` (serves until Ctrl-C) and ``scripts/dev test`` (this suite runs
  under it; it would recurse). The suite runs after them, which is the state a newcomer is in when they reach
  the next section. ``test_exactly_the_two_setup_commands_are_skipped`` pins that these two, and only these,
  are skipped.
* Each other block is typed into a new login shell, as a newcomer opening a terminal would:
  ``env -i HOME=<empty dir> PATH=/usr/local/bin:/usr/bin:/bin bash -lc``, its commands in order, one shell
  per block (so a block may ``source`` something for the lines after it, but not for the next block: the
  quick start activates ``.venv`` as its first line, and keeps the bare ``clustersize`` commands the docs
  checks in tests/docs/test_cli_docs.py recognise). That
  shell has no ``~/.local/bin`` on PATH and a HOME without uv. It starts in a scratch copy of the repository
  root: top-level files copied, directories (``src``, ``.venv`` …) linked, so a file a command writes there,
  e.g. ``my.json``, stays out of the checkout.
* Each command must exit with its documented code: 0, or N when the line ends in a ``# exits N`` comment
  (``# exits 3: 600 nodes need 6.1 MW``).

Run ``python tests/test_readme.py [README]`` to check another copy, e.g. an old one from ``git show``.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docs.support import fenced_blocks

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHELL_LANGS = ("bash", "sh", "shell", "console")
SETUP = ("scripts/dev serve", "scripts/dev test")
NEWCOMER_PATH = "/usr/local/bin:/usr/bin:/bin"
EXIT_NOTE = re.compile(r"#\s*exits?\s+(\d+)\b")  # the same rule as the docs checks
TIMEOUT_S = 300


@dataclass(frozen=True)
class Command:
    """One command line of a README shell block, and the exit code the README promises for it."""

    block: int  # index of its fenced block
    lineno: int
    text: str  # as the reader types it (without the ``$`` prompt)
    expect: int

    @property
    def words(self) -> str:
        """The command without its comment, whitespace-normalized (for matching set-up commands)."""
        return " ".join(shlex.split(self.text, comments=True))


def shell_commands(text: str) -> list[Command]:
    """Every command in the fenced shell blocks of a Markdown text, in order."""
    out: list[Command] = []
    block = -1
    for _, lang, body in fenced_blocks(text):
        if lang in SHELL_LANGS:
            block += 1
            for lineno, raw in body:
                line = raw.strip()
                if lang == "console":
                    if not (line == "$" or line.startswith("$ ")):
                        continue
                    line = line[1:].strip()
                if not line or line.startswith("#"):
                    continue
                note = EXIT_NOTE.search(line)
                out.append(Command(block, lineno, line, int(note.group(1)) if note else 0))
    return out


def split_setup(commands: list[Command]) -> tuple[list[Command], list[Command]]:
    """(the set-up commands, which are not run; every other command)."""
    setup = [c for c in commands if c.words in SETUP]
    return setup, [c for c in commands if c.words not in SETUP]


def scratch_root(root: Path, scratch: Path) -> Path:
    """A stand-in for the repository root: top-level files copied, directories linked."""
    work = scratch / "repo"
    work.mkdir()
    for entry in root.iterdir():
        if entry.is_dir():
            (work / entry.name).symlink_to(entry, target_is_directory=True)
        elif entry.is_file():
            shutil.copy2(entry, work / entry.name)
    return work


def newcomer_shell(script: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a new login shell with a clean environment: only HOME and a minimal PATH."""
    return subprocess.run(
        ["env", "-i", f"HOME={home}", f"PATH={NEWCOMER_PATH}", "bash", "-lc", script],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def run_block(commands: list[Command], cwd: Path, home: Path, logs: Path) -> list[str]:
    """Type one block's commands into one new login shell; one problem per unexpected exit code."""
    parts = []
    for k, c in enumerate(commands):
        log = shlex.quote(str(logs / str(k)))
        # A brace group runs in the shell itself (``source`` still takes effect) and keeps the command's own
        # redirections; the newline before ``}`` leaves a trailing comment harmless.
        parts.append(f"{{ {c.text}\n}} </dev/null >{log}.out 2>{log}.err\necho $? >{log}.rc\n")
    shell = newcomer_shell("".join(parts), cwd, home)
    problems = []
    for k, c in enumerate(commands):
        rc_file = logs / f"{k}.rc"
        if not rc_file.exists():
            problems.append(
                f"README.md:{c.lineno}: `{c.text}` never ran (the shell ended early): "
                f"{shell.stderr.strip()[-300:]}"
            )
            continue
        rc = int(rc_file.read_text().strip())
        if rc != c.expect:
            err = (logs / f"{k}.err").read_text(errors="replace").strip().splitlines()
            problems.append(
                f"README.md:{c.lineno}: `{c.text}` exited {rc}, documented {c.expect}: "
                f"{err[-1] if err else '(no stderr)'}"
            )
    return problems


def readme_problems(text: str, root: Path = ROOT, scratch: Path | None = None) -> list[str]:
    """Run every non-set-up command of a README text as a newcomer would; return the failures."""
    if scratch is None:
        with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
            return readme_problems(text, root, Path(tmp))
    _, commands = split_setup(shell_commands(text))
    work = scratch_root(root, scratch)
    home = scratch / "home"
    home.mkdir()
    problems = []
    for block in sorted({c.block for c in commands}):
        logs = scratch / f"logs-{block}"
        logs.mkdir()
        problems += run_block([c for c in commands if c.block == block], work, home, logs)
    return problems


# ---------------------------------------------------------------------------------------------------------
# The README itself


def test_every_readme_command_exits_as_documented_in_a_newcomer_shell(tmp_path: Path) -> None:
    assert (ROOT / ".venv" / "bin" / "clustersize").is_file(), (
        "no .venv: set up first (scripts/dev test does, before pytest)"
    )
    assert readme_problems(README.read_text(encoding="utf-8"), scratch=tmp_path) == []


def test_exactly_the_two_setup_commands_are_skipped() -> None:
    setup, rest = split_setup(shell_commands(README.read_text(encoding="utf-8")))
    assert [c.words for c in setup] == list(SETUP)
    assert len(rest) >= 8, "the CLI quick start is missing or was not recognized"


def test_the_readme_documents_a_non_zero_exit_code() -> None:
    codes = {c.expect for c in shell_commands(README.read_text(encoding="utf-8"))}
    assert codes >= {0, 3}, "the quick start's `# exits 3` line was not read"


def test_the_newcomer_shell_has_neither_uv_nor_clustersize(tmp_path: Path) -> None:
    """What makes the check mean something: the clean shell cannot reach the set-up's uv or the venv."""
    found = newcomer_shell("command -v uv; command -v clustersize; exit 0", tmp_path, tmp_path)
    assert found.stdout.strip() == "", (
        f"found on the newcomer PATH {NEWCOMER_PATH}: {found.stdout.strip()}"
    )


# ---------------------------------------------------------------------------------------------------------
# The checker, on planted READMEs

SETUP_BLOCK = (
    "```bash\nscripts/dev serve   # build and serve\nscripts/dev test    # the suite\n```\n"
)

# The quick start as it was before issue #15 (commit 40739d3): it needs uv on PATH.
OLD_QUICK_START = """```console
$ uv run python -m clustersize                  # size the bundled 5 MW reference example
$ uv run python -m clustersize --example > my.json
$ uv run python -m clustersize --config my.json --json
$ uv run python -m clustersize --set node.gpu_w=1000          # what if the GPUs draw 1 kW?
$ uv run python -m clustersize --nodes 400                    # does exactly 400 nodes fit?
$ uv run python -m clustersize --sweep it_cap_mw=1:10:1       # one row per cap, 1 to 10 MW
$ uv run python -m clustersize --schema                       # the config JSON Schema
```
"""


def test_planted_old_quick_start_fails(tmp_path: Path) -> None:
    problems = readme_problems(SETUP_BLOCK + OLD_QUICK_START, scratch=tmp_path)
    assert len(problems) == 7
    assert problems[0] == (
        "README.md:6: `uv run python -m clustersize                  # size the bundled 5 MW "
        "reference example` exited 127, documented 0: bash: line 1: uv: command not found"
    )
    assert all("exited 127, documented 0" in p for p in problems)


def test_planted_console_script_without_activation_fails(tmp_path: Path) -> None:
    text = "```console\n$ clustersize --version\n```\n"
    assert readme_problems(text, scratch=tmp_path) == [
        "README.md:2: `clustersize --version` exited 127, documented 0: "
        "bash: line 1: clustersize: command not found"
    ]


def test_activation_lasts_for_its_block_only(tmp_path: Path) -> None:
    text = (
        "```console\n$ source .venv/bin/activate\n$ clustersize --version\n```\n"
        "```console\n$ clustersize --version\n```\n"
    )
    problems = readme_problems(text, scratch=tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("README.md:6: `clustersize --version` exited 127")


def test_planted_wrong_exit_codes_are_caught(tmp_path: Path) -> None:
    text = (
        "```bash\n"
        ".venv/bin/clustersize --nodes 600\n"
        ".venv/bin/clustersize --nodes 600   # exits 3: over the cap\n"
        ".venv/bin/clustersize --nodes 400   # exits 3\n"
        "```\n"
    )
    problems = readme_problems(text, scratch=tmp_path)
    assert [p.split(":", 2)[:2] for p in problems] == [["README.md", "2"], ["README.md", "4"]]
    assert "exited 3, documented 0: clustersize: infeasible" in problems[0]
    assert "exited 0, documented 3" in problems[1]


def test_files_written_by_commands_stay_out_of_the_checkout(tmp_path: Path) -> None:
    name = "readme-check-planted.json"
    text = f"```console\n$ .venv/bin/clustersize --example > {name}\n$ test -s {name}\n```\n"
    assert readme_problems(text, scratch=tmp_path) == []
    assert (tmp_path / "repo" / name).is_file()
    assert not (ROOT / name).exists()


def test_command_parsing() -> None:
    text = (
        "intro\n"
        "```bash\nscripts/dev serve   # serve\n\n# a comment\nscripts/dev  test\n```\n"
        "```console\n$ clustersize --nodes 600   # exits 3: too many\nclustersize: output line\n"
        "$ clustersize   # says exits 3, but not at the end # ok\n```\n"
        "```python\nprint('not shell')\n```\n"
        "```text\n$ not a shell block\n```\n"
    )
    got = [(c.block, c.lineno, c.text, c.expect) for c in shell_commands(text)]
    assert got == [
        (0, 3, "scripts/dev serve   # serve", 0),
        (0, 6, "scripts/dev  test", 0),
        (1, 9, "clustersize --nodes 600   # exits 3: too many", 3),
        (1, 11, "clustersize   # says exits 3, but not at the end # ok", 0),
    ]
    setup, rest = split_setup(shell_commands(text))
    assert [c.lineno for c in setup] == [3, 6]
    assert [c.lineno for c in rest] == [9, 11]


# ---------------------------------------------------------------------------------------------------------
# The set-up the README promises: scripts/dev says what it is doing, one line per step. Run on a copy of the
# script with stub python3 (its pip "installs" a stub uv into ~/.local/bin), uv and npm that log their calls.

STUBS = {
    "python3": 'echo "python3 $*" >>"$HOME/calls"\n'
    '[ -z "${PIP_FAILS:-}" ] || exit 1\n'
    'mkdir -p "$HOME/.local/bin"\n'
    'printf \'#!/bin/bash\\necho "uv $*" >>"$HOME/calls"\\n\' >"$HOME/.local/bin/uv"\n'
    'chmod +x "$HOME/.local/bin/uv"\n',
    "npm": 'echo "npm $*" >>"$HOME/calls"\nmkdir -p node_modules && touch node_modules/.package-lock.json\n',
}


def dev_run(tmp: Path, *args: str, **env: str) -> tuple[int, list[str], list[str]]:
    """Run a copy of scripts/dev with the stubs; return (exit code, its ``dev:`` lines, the stub calls)."""
    root, home, stubs = tmp / "root", tmp / "home", tmp / "stubs"
    if not root.exists():
        (root / "scripts").mkdir(parents=True)
        shutil.copy2(ROOT / "scripts" / "dev", root / "scripts" / "dev")
        (root / "package-lock.json").write_text("{}\n", encoding="utf-8")
        home.mkdir()
        stubs.mkdir()
        for name, body in STUBS.items():
            (stubs / name).write_text("#!/bin/bash\n" + body, encoding="utf-8")
            (stubs / name).chmod(0o755)
    (home / "calls").write_text("", encoding="utf-8")
    clean_env = [
        f"HOME={home}",
        f"PATH={stubs}:/usr/bin:/bin",
        *(f"{k}={v}" for k, v in env.items()),
    ]
    proc = subprocess.run(
        ["env", "-i", *clean_env, "bash", "scripts/dev", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    said = [line for line in proc.stderr.splitlines() if line.startswith("dev: ")]
    return proc.returncode, said, (home / "calls").read_text(encoding="utf-8").splitlines()


UV_VERSION = re.search(r"^UV_VERSION=(\S+)$", (ROOT / "scripts" / "dev").read_text(), re.M)


def test_first_setup_says_each_step(tmp_path: Path) -> None:
    assert UV_VERSION, "scripts/dev pins uv as UV_VERSION=..."
    version = UV_VERSION.group(1)
    rc, said, calls = dev_run(tmp_path, "build")
    assert rc == 0
    assert [line.split(" (")[0] for line in said] == [
        f"dev: installing uv {version} from PyPI",
        "dev: uv is in ~/.local/bin, not on your PATH; the README's commands don't need it",
        "dev: syncing Python dependencies from uv.lock into .venv/",
        "dev: installing npm packages from package-lock.json",
        "dev: building the site into site/",
    ]
    assert 'export PATH="$HOME/.local/bin:$PATH"' in said[1]
    assert calls == [
        f"python3 -m pip install --quiet --user uv=={version}",
        "uv sync --locked --quiet",
        "npm ci --no-audit --no-fund --loglevel=error",
        "uv run --locked mkdocs build --strict",
    ]


def test_second_setup_reuses_uv_and_node_modules_quietly(tmp_path: Path) -> None:
    dev_run(tmp_path, "build")
    rc, said, calls = dev_run(tmp_path, "build")
    assert rc == 0
    assert [line.split(" (")[0] for line in said] == [
        "dev: syncing Python dependencies from uv.lock into .venv/",
        "dev: building the site into site/",
    ]
    assert calls == ["uv sync --locked --quiet", "uv run --locked mkdocs build --strict"]


def test_setup_says_so_when_uv_cannot_be_installed(tmp_path: Path) -> None:
    rc, said, calls = dev_run(tmp_path, "build", PIP_FAILS="1")
    assert rc == 1
    assert said[-1].startswith("dev: could not install uv with pip: install uv ")
    assert [c.split(" uv==")[0] for c in calls] == [
        "python3 -m pip install --quiet --user",
        "python3 -m pip install --quiet",
    ]


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else README
    found = readme_problems(path.read_text(encoding="utf-8"))
    print("\n".join(found) or f"{path}: every command exits as documented")
    sys.exit(1 if found else 0)
