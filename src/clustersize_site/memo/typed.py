"""One source of truth for the memo's numbers: no page types a generated number
([`generated_numbers`][clustersize_site.memo.generated.generated_numbers]) by hand, however small, unless an
entry of an explicit allow-list says why that occurrence is not a result.

A page is read as its source. Generated text is not typed and is masked out first: ``memo`` blocks, inline
values (``{{= … }}``), link targets and URLs, HTML comments and ordered-list markers (Markdown syntax, not
numbers). Everything else is checked, code spans, fenced code, math and footnotes included.

An allow-list entry names the ``page``, the ``number`` as typed, a ``context``: text of one source line that
contains that number (the entry covers the number only where it sits inside that text), and a ``reason`` of a
known ``kind`` ([`KINDS`][clustersize_site.memo.typed.KINDS]). An entry that covers nothing is stale and is a
problem too, so the list cannot outlive the text it excuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .generated import NUMBER
from .inline import INLINE
from .page import FENCE

KINDS = {
    "section": "a section, step or table number of the text",
    "input": "an input (a config value, a --set or --nodes value, a ledger figure), not a result",
    "formula": "a constant of a formula",
    "exit-code": "a CLI exit code",
    "prose": "a number the prose uses for itself (an example, a rule's threshold, a numbering), not a sizing",
    "outside": "a figure of an outside source or tool: a citation, a quoted table, a measurement, a setting",
}
"""The kinds of reason a number may be typed, and what each means."""

_MASKED = (
    FENCE,
    INLINE,
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"\]\([^)]*\)|<https?://[^>\s]+>|https?://\S+"),
    re.compile(r"^[ \t]*(?:>[ \t]*)*\d+[.)](?=[ \t])", re.MULTILINE),
)


@dataclass(frozen=True)
class Allowed:
    """One allow-list entry: ``number`` may stand inside ``context`` on ``page`` (relative to ``docs/``)."""

    page: str
    number: str
    context: str
    kind: str
    reason: str


@dataclass(frozen=True)
class Typed:
    """One generated number typed into a page: its line (1-based), the number, its column (0-based) and the
    line's source."""

    page: str
    line: int
    number: str
    column: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.number}: {self.text.strip()}"


def masked(markdown: str) -> str:
    """``markdown`` with its generated text and syntax blanked, same length and lines."""
    for pattern in _MASKED:
        markdown = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    return markdown


def typed_numbers(page: str, markdown: str, numbers: Iterable[str]) -> list[Typed]:
    """Every occurrence of one of ``numbers`` typed in ``markdown`` (page ``page``), in order."""
    wanted = set(numbers)
    out = []
    for lineno, (line, raw) in enumerate(
        zip(masked(markdown).splitlines(), markdown.splitlines(), strict=True), 1
    ):
        for m in NUMBER.finditer(line):
            if m.group(0) in wanted:
                out.append(Typed(page, lineno, m.group(0), m.start(), raw))
    return out


def covers(entry: Allowed, typed: Typed) -> bool:
    """Whether ``entry`` excuses ``typed``: same page and number, and the number stands inside the entry's
    context on that line."""
    if (entry.page, entry.number) != (typed.page, typed.number):
        return False
    end = typed.column + len(typed.number)
    return any(
        m.start() <= typed.column and end <= m.start() + len(entry.context)
        for m in re.finditer(f"(?={re.escape(entry.context)})", typed.text)
    )


def load_allowed(data: Mapping[str, Any]) -> tuple[list[Allowed], list[str]]:
    """The ``[[allow]]`` entries of a decoded TOML file, and what is wrong with them (a missing or unknown
    key, an unknown kind, a context that does not contain its number)."""
    entries, problems = [], []
    for i, raw in enumerate(data.get("allow", [])):
        keys = {"page", "number", "context", "kind", "reason"}
        if not isinstance(raw, dict) or set(raw) != keys or not all(raw.values()):
            problems.append(f"allow entry {i}: needs exactly {', '.join(sorted(keys))}, each set")
            continue
        entry = Allowed(**{k: str(v) for k, v in raw.items()})
        if entry.kind not in KINDS:
            problems.append(
                f"allow entry {i}: kind {entry.kind!r} is not one of {', '.join(KINDS)}"
            )
        if entry.number not in NUMBER.findall(entry.context):
            problems.append(f"allow entry {i}: context {entry.context!r} has no {entry.number}")
        entries.append(entry)
    return entries, problems


def typed_problems(
    pages: Mapping[str, str], numbers: Mapping[str, list[str]], allowed: Iterable[Allowed]
) -> list[str]:
    """Each generated number typed into a page (``pages``: source by name relative to ``docs/``) that no entry
    of ``allowed`` excuses, naming what generates it, then each entry that excuses nothing."""
    entries = list(allowed)
    used: set[Allowed] = set()
    problems = []
    for page, text in pages.items():
        for typed in typed_numbers(page, text, numbers):
            excused = [e for e in entries if covers(e, typed)]
            used.update(excused)
            if not excused:
                sources = ", ".join(numbers[typed.number][:3])
                problems.append(f"{page}: {typed} (generated: {sources})")
    problems += [
        f"stale allow entry: {e.page}: {e.number} in {e.context!r} excuses nothing"
        for e in entries
        if e not in used
    ]
    return problems
