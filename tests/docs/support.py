"""Checks only the docs tests run (the site build does not): CLI flags written in the docs, the documented
example commands, and the URLs written in Markdown.

Each check is a pure function that returns a list of problems: an empty list means the check passed. The tests
run them on the real repository and on planted defects, so each check is shown to be able to fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from clustersize_site.memo.commands import Command, parse_command

# --------------------------------------------------------------------------------------------------------------
# CLI flags written in docs and README, and the documented example commands
# --------------------------------------------------------------------------------------------------------------

FLAG_RE = re.compile(r"(?<![\w/.-])--[a-z][a-z0-9-]*")

FOREIGN_FLAGS: dict[str, tuple[str, ...]] = {
    # flag: tools that own it; the flag may only appear on a line that names one of them
    "--locked": ("uv",),
    "--out-dir": ("uv",),
    "--strict": ("mkdocs",),
    "--repo": ("gh",),
    "--source-ref": ("gh",),
    "--owner": ("gh",),
    "--signer-workflow": ("gh",),
    "--schemafile": ("check-jsonschema",),
    "--check-extern": ("linkchecker",),
    "--no-status": ("linkchecker",),
    "--no-audit": ("npm",),
    "--no-fund": ("npm",),
    "--runs": ("benchmarks/browser.py",),
    "--idle": ("benchmarks/browser.py",),
    "--junitxml": ("pytest", "scripts/dev"),
    "--cov": ("pytest", "scripts/dev"),
}


def flag_problems(documents: Mapping[str, str], parser_flags: Iterable[str]) -> list[str]:
    """Every ``--flag`` written in the documents exists in the parser (or belongs to another tool named on
    the same line), and every parser flag is written in at least one document."""
    known = set(parser_flags)
    seen: set[str] = set()
    problems: list[str] = []
    for name, text in documents.items():
        for lineno, line in enumerate(text.splitlines(), 1):
            for flag in FLAG_RE.findall(line):
                seen.add(flag)
                if flag in known:
                    continue
                tools = FOREIGN_FLAGS.get(flag, ())
                if tools and any(
                    re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", line) for t in tools
                ):
                    continue
                problems.append(
                    f"{name}:{lineno}: {flag} is not a clustersize flag: {line.strip()}"
                )
    problems += [f"parser flag {f} is not documented anywhere" for f in sorted(known - seen)]
    return problems


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w-]*)")


def fenced_blocks(text: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """Every fenced block of a Markdown text: ``(line of its opening fence, language, [(line, text), ...])``,
    lines numbered from 1."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang = m.group(1), m.group(2)
        j = i + 1
        body: list[tuple[int, str]] = []
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append((j + 1, lines[j]))
            j += 1
        yield i + 1, lang, body
        i = j + 1


_CMD_PREFIX = re.compile(
    r"^(?:\$\s+)?(?:uv\s+run\s+(?:--locked\s+)?)?(?:python3?\s+-m\s+clustersize|clustersize)(?=\s|$)"
)
_EXIT_NOTE = re.compile(r"#\s*exits?\s+(\d+)\b")


def documented_commands(text: str, source: str) -> list[Command]:
    """The clustersize commands in a Markdown document's fenced shell blocks and ``memo`` cli directives.

    A line is a command when it starts (after an optional ``$`` prompt and ``uv run [--locked]``) with
    ``python -m clustersize``. A trailing ``# exit N`` comment states the promised exit code (default 0);
    ``> FILE`` and ``< FILE`` redirections are honoured. In a ``memo`` block, ``cli:`` is the command and
    ``exit:`` the promised code.
    """
    out: list[Command] = []
    for start, lang, body in fenced_blocks(text):
        if lang == "memo":
            cmd = next((t for _, t in body if t.strip().startswith("cli:")), None)
            if cmd is not None:
                code = next(
                    (int(t.split(":", 1)[1]) for _, t in body if t.strip().startswith("exit:")), 0
                )
                cmd_text = cmd.split(":", 1)[1].strip()
                out.append(parse_command(source, start, cmd_text, code))
        elif lang in ("bash", "sh", "shell", "console", "text", ""):
            for lineno, raw in body:
                line = raw.strip()
                if _CMD_PREFIX.match(line):
                    note = _EXIT_NOTE.search(line)
                    out.append(
                        parse_command(source, lineno, line, int(note.group(1)) if note else 0)
                    )
    return out


# --------------------------------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------------------------------

_MD_URL = re.compile(
    r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>|(?<![(<\"'=])\b(https?://[^\s)<>\"'`]+)"
)


def urls_in_markdown(text: str) -> list[str]:
    """Every http(s) URL written in Markdown: link targets, autolinks and bare URLs."""
    return [next(g for g in m.groups() if g) for m in _MD_URL.finditer(text)]


def url_problems(urls: Iterable[str]) -> list[str]:
    """Each URL is well-formed https: scheme https, a host with a dot, no spaces or stray brackets."""
    problems = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme != "https":
            problems.append(f"{url}: not https")
        elif not parts.hostname or "." not in parts.hostname:
            problems.append(f"{url}: no valid host")
        elif re.search(r"[\s<>\"{}|\\^`]", url) or url.endswith((".", ",", ";", ":")):
            problems.append(f"{url}: malformed (spaces, brackets or trailing punctuation)")
    return problems
