"""INV-005: the memo states nothing it cannot back. The Koopman page states no empirical performance without a
citation or a test artifact ([`uncited_claims`][clustersize_site.memo.claims.uncited_claims]), and no page
types a hardware or facility figure without a link to its ledger figure or a citation
([`untraced_figures`][clustersize_site.memo.claims.untraced_figures])."""

from __future__ import annotations

import re
from collections.abc import Iterator

CLAIM_WORDS = re.compile(
    r"\b(faster|slower|better|worse|best|outperform\w*|improv\w*|reduc\w*|increas\w*|decreas\w*|"
    r"speed-?ups?|higher|lower|more\s+efficient|less\s+efficient|efficien\w*|accura\w*|optimal\w*|"
    r"superior|inferior|beats?|gains?|savings?|percent\w*|throughput\s+of|x\s+times)\b",
    re.IGNORECASE,
)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:")
_TEST_ARTIFACT = re.compile(r"\]\([^)]*reference/tests\.md#[^)]+\)")
_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|(?<!\\)\$[^$\n]+?\$", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>\s]+>|https?://\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(*_`\[])")
_BLOCK_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|!!!|\?\?\?)")
_INLINE_VALUE = re.compile(r"\{\{=.*?\}\}")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_LEDGER_LINK = re.compile(r"\]\([^)]*#fig-[a-z0-9][a-z0-9-]*\)")
FIGURE = re.compile(
    r"(?<![\w.,/])(?P<n>\d[\d,]*(?:\.\d+)?)[ -]?"
    r"(?P<unit>kW|MW|GW|W|[Ww]atts?|Gb/s|Gbps|Tb/s|TB/s|GB/s|GbE|G|ports?|GPUs?|lanes?|m|U|°C)(?![\w/])"
    r"|\bPUE\s+(?:of\s+)?(?P<pue>\d+(?:\.\d+)?)"
)
"""A typed hardware or facility figure: a number with a unit of power, bandwidth, ports, GPUs, length, rack
units or temperature, or a PUE."""


def uncited_claims(markdown: str) -> list[str]:
    """Sentences of a page that carry a number or a comparative performance word but no citation marker.

    A citation marker is a footnote reference ``[^key]`` whose definition exists on the page, or a link to
    an enforcing test on the test index (``reference/tests.md#...``). Fenced code, math, link targets,
    HTML comments and the footnote definitions themselves are not prose and are not checked. Undefined
    footnote references are reported too.
    """
    text = _HTML_COMMENT.sub(" ", markdown)
    lines = text.splitlines()
    defined = {m.group(1) for line in lines if (m := _FOOTNOTE_DEF.match(line))}
    problems: list[str] = []
    for block in _prose_blocks(lines):
        for key in _FOOTNOTE_REF.findall(block):
            if key not in defined:
                problems.append(f"footnote [^{key}] is used but not defined: {block[:80]!r}")
        for sentence in _sentences(block):
            cited = bool(
                any(k in defined for k in _FOOTNOTE_REF.findall(sentence))
                or _TEST_ARTIFACT.search(sentence)
            )
            bare = _LINK_TARGET.sub("]", _MATH.sub(" ", _FOOTNOTE_REF.sub(" ", sentence)))
            claim = re.search(r"\d|%", bare) or CLAIM_WORDS.search(bare)
            if claim and not cited:
                problems.append(f"uncited claim ({claim.group(0)!r}): {sentence.strip()}")
    return problems


def untraced_figures(markdown: str) -> list[str]:
    """Sentences of a page that type a hardware or facility figure ([`FIGURE`][clustersize_site.memo.claims.FIGURE])
    without a link to its ledger figure (``ledger.md#fig-KEY``) or a defined footnote citation.

    Generated text is not typed: inline values (``{{= … }}``) and ``memo`` blocks (fenced, like all code) are
    skipped, and so are code spans, math, link targets and HTML comments. Zero and one of a unit are no figure
    ("fits with 1 W to spare", "0 W for passive copper" state no hardware value).
    """
    text = _INLINE_VALUE.sub(" ", _HTML_COMMENT.sub(" ", markdown))
    lines = text.splitlines()
    defined = {m.group(1) for line in lines if (m := _FOOTNOTE_DEF.match(line))}
    problems: list[str] = []
    for block in _prose_blocks(lines):
        for sentence in _sentences(block):
            traced = bool(
                _LEDGER_LINK.search(sentence)
                or any(k in defined for k in _FOOTNOTE_REF.findall(sentence))
            )
            bare = _LINK_TARGET.sub("]", _MATH.sub(" ", _CODE_SPAN.sub(" ", sentence)))
            found = [m.group(0) for m in FIGURE.finditer(bare) if _is_figure(m)]
            if found and not traced:
                problems.append(f"untraced figure {found[0]!r}: {sentence.strip()}")
    return problems


def _is_figure(m: re.Match[str]) -> bool:
    number = (m.group("n") or m.group("pue")).replace(",", "")
    return float(number) not in (0.0, 1.0)


class _Lines:
    """Which lines are prose: a line is skipped inside fenced code, a math block or a footnote definition,
    and breaks the current block when it opens one of those or is blank."""

    SKIP, BREAK, PROSE = "skip", "break", "prose"

    def __init__(self) -> None:
        self.fence: str | None = None
        self.math = False
        self.footnote = False

    def step(self, line: str, stripped: str) -> str:
        """``SKIP``, ``BREAK`` or ``PROSE`` for the next line (and the state after it)."""
        if self.fence is not None:
            if stripped.startswith(self.fence):
                self.fence = None
            return self.SKIP
        m = re.match(r"^(`{3,}|~{3,})", stripped)
        if m:
            self.fence = m.group(1)
            return self.BREAK
        if self.math:
            self.math = not (stripped.endswith("\\]") or stripped.endswith("$$"))
            return self.SKIP
        if stripped in ("\\[", "$$") or (
            stripped.startswith(("\\[", "$$")) and not stripped.endswith(("\\]", "$$"))
        ):
            self.math = True
            return self.BREAK
        if _FOOTNOTE_DEF.match(stripped):
            self.footnote = True
            return self.BREAK
        if self.footnote:
            if not stripped or line.startswith(("    ", "\t")):
                self.footnote = bool(stripped)
                return self.SKIP
            self.footnote = False
        return self.PROSE if stripped else self.BREAK


def _prose_blocks(lines: list[str]) -> Iterator[str]:
    """Paragraphs, list items, table rows and headings; skips fenced code, math blocks, footnote defs."""
    state = _Lines()
    current: list[str] = []

    def flush() -> Iterator[str]:
        if current:
            yield " ".join(s.strip() for s in current)
            current.clear()

    for line in lines:
        stripped = line.strip()
        kind = state.step(line, stripped)
        if kind == _Lines.SKIP:
            continue
        if kind == _Lines.BREAK:
            yield from flush()
            continue
        if _BLOCK_START.match(stripped):
            yield from flush()
            stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)  # a list marker is not a claim
        current.append(stripped)
    yield from flush()


def _sentences(block: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(block) if s.strip()]
