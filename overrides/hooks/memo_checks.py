"""Checks shared by the memo build hook (``memo.py``) and the docs tests (``tests/docs``).

Every check is a pure function that returns a list of problems: an empty list means the check passed. The
build hook turns problems into a failed build; the tests run the same functions on the real repository and on
planted defects, so each check is shown to be able to fail.
"""

from __future__ import annotations

import ast
import datetime as dt
import html.parser
import posixpath
import re
import shlex
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

# --------------------------------------------------------------------------------------------------------------
# Config numbers and the assumptions ledger
# --------------------------------------------------------------------------------------------------------------

LEDGER_STATUSES = ("placeholder", "indicative", "verified")
"""Allowed ``status`` of a ledger entry, weakest first."""


def config_numbers(obj: Any, prefix: str = "") -> dict[str, int | float]:
    """Every number in decoded config JSON, keyed by dotted path (``node.gpu_w``); booleans are not numbers."""
    out: dict[str, int | float] = {}
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            out.update(config_numbers(value, f"{prefix}{key}."))
    elif isinstance(obj, int | float) and not isinstance(obj, bool):
        out[prefix.rstrip(".")] = obj
    return out


def ledger_problems(configs: Mapping[str, Any], ledger: Mapping[str, Any]) -> list[str]:
    """Every number of every config has exactly one ledger entry with the same value, a known status, a
    source and a valid check date; and the ledger has no entry that matches no config number.

    ``configs`` maps config name to decoded JSON; ``ledger`` is the parsed ``docs/data/ledger.toml``:
    ``{"sources": {key: text}, "configs": {name: {dotted_path: {value, status, source, checked?}}}}``.
    """
    problems: list[str] = []
    sources = ledger.get("sources", {})
    entries = ledger.get("configs", {})
    for name in sorted(set(entries) - set(configs)):
        problems.append(f"ledger lists config {name!r}, which is not a bundled config")
    for name, raw in configs.items():
        numbers = config_numbers(raw)
        have = entries.get(name, {})
        for path, value in numbers.items():
            entry = have.get(path)
            where = f"{name}: {path} = {value!r}"
            if entry is None:
                problems.append(f"{where} has no ledger entry")
                continue
            if entry.get("value") != value or type(entry.get("value")) is bool:
                problems.append(
                    f"{where}: the ledger records value {entry.get('value')!r}; re-check the source "
                    "and update the entry"
                )
            status = entry.get("status")
            if status not in LEDGER_STATUSES:
                problems.append(f"{where}: status {status!r} is not one of {LEDGER_STATUSES}")
            source = entry.get("source")
            if not isinstance(source, str) or not (source in sources or len(source) > 20):
                problems.append(f"{where}: source {source!r} is neither a [sources] key nor a text")
            checked = entry.get("checked", "")
            if checked:
                try:
                    dt.date.fromisoformat(str(checked))
                except ValueError:
                    problems.append(f"{where}: checked {checked!r} is not an ISO date (YYYY-MM-DD)")
            if status == "verified" and not checked:
                problems.append(f"{where}: status verified needs the date it was checked")
        for path in sorted(set(have) - set(numbers)):
            problems.append(f"{name}: ledger entry {path!r} matches no number in the config")
    return problems


# --------------------------------------------------------------------------------------------------------------
# Invariant / gate IDs and the tests that enforce them
# --------------------------------------------------------------------------------------------------------------

_TEST_ID_RE = re.compile(r"^test_(inv|gate_sec|gate_sc)_(\d{3})(?:_|$)")
ID_RE = re.compile(r"^(INV|GATE-SEC|GATE-SC)-\d{3}$")


def test_id(function_name: str) -> str | None:
    """The ID a test function enforces, from its name: ``test_gate_sec_001_pins`` -> ``GATE-SEC-001``."""
    m = _TEST_ID_RE.match(function_name)
    if not m:
        return None
    return f"{m.group(1).upper().replace('_', '-')}-{m.group(2)}"


@dataclass(frozen=True)
class TestRef:
    """One test function that enforces an invariant or gate ID."""

    __test__ = False  # not a pytest class

    id: str
    path: str  # repository-relative, POSIX
    name: str
    lineno: int
    doc: str
    source: str

    @property
    def anchor(self) -> str:
        """A stable HTML id for this test on the test index page."""
        return "t-" + re.sub(r"[^a-z0-9]+", "-", f"{self.path}-{self.name}".lower()).strip("-")


def scan_tests(root: Path, tests_dir: str = "tests") -> list[TestRef]:
    """Every test function (module level or in a class) whose name carries an ID, found by parsing the
    files (names in strings or comments do not count)."""
    found: list[TestRef] = []
    base = root / tests_dir
    for path in sorted(base.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text, filename=str(path))
        except (
            SyntaxError
        ) as exc:  # a broken test file is a problem for pytest, not a silent skip here
            raise ValueError(f"{path}: cannot parse ({exc})") from None
        rel = path.relative_to(root).as_posix()
        for node in _test_functions(tree):
            ident = test_id(node.name)
            if ident is None:
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            source = "\n".join(text.splitlines()[first - 1 : node.end_lineno])
            doc = (ast.get_docstring(node) or "").strip()
            found.append(TestRef(ident, rel, node.name, node.lineno, doc, source))
    return found


def _test_functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield sub


def invariant_problems(registry: Iterable[str], tests: Iterable[TestRef]) -> list[str]:
    """Every registered ID has at least one enforcing test, and every ID a test names is registered."""
    ids = list(registry)
    problems = [
        f"{i!r} is not a well-formed ID (INV-nnn, GATE-SEC-nnn, GATE-SC-nnn)"
        for i in ids
        if not ID_RE.match(i)
    ]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    problems += [f"{i} is listed twice in the invariants table" for i in dupes]
    by_id: dict[str, list[TestRef]] = {}
    for t in tests:
        by_id.setdefault(t.id, []).append(t)
    for i in ids:
        if i not in by_id:
            problems.append(
                f"{i} has no enforcing test (name one test_{i.lower().replace('-', '_')}_...)"
            )
    for i in sorted(set(by_id) - set(ids)):
        names = ", ".join(f"{t.path}::{t.name}" for t in by_id[i])
        problems.append(f"{i} is enforced by {names} but missing from the invariants table")
    return problems


# --------------------------------------------------------------------------------------------------------------
# INV-005: the Koopman page states no empirical performance without a citation or a test artifact
# --------------------------------------------------------------------------------------------------------------

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


def _prose_blocks(lines: list[str]) -> Iterator[str]:
    """Paragraphs, list items, table rows and headings; skips fenced code, math blocks, footnote defs."""
    fence: str | None = None
    in_math = in_footnote = False
    current: list[str] = []

    def flush() -> Iterator[str]:
        if current:
            yield " ".join(s.strip() for s in current)
            current.clear()

    for line in lines:
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        m = re.match(r"^(`{3,}|~{3,})", stripped)
        if m:
            yield from flush()
            fence = m.group(1)
            continue
        if in_math:
            if stripped.endswith("\\]") or stripped.endswith("$$"):
                in_math = False
            continue
        if stripped in ("\\[", "$$") or (
            stripped.startswith(("\\[", "$$")) and not stripped.endswith(("\\]", "$$"))
        ):
            yield from flush()
            in_math = True
            continue
        if _FOOTNOTE_DEF.match(stripped):
            yield from flush()
            in_footnote = True
            continue
        if in_footnote:
            if not stripped or line.startswith(("    ", "\t")):
                if not stripped:
                    in_footnote = False
                continue
            in_footnote = False
        if not stripped:
            yield from flush()
            continue
        if re.match(r"^(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|!!!|\?\?\?)", stripped):
            yield from flush()
            stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)  # a list marker is not a claim
        current.append(stripped)
    yield from flush()


def _sentences(block: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(block) if s.strip()]


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
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^\s*(`{3,}|~{3,})\s*([\w-]*)", lines[i])
        if not m:
            i += 1
            continue
        fence, lang = m.group(1), m.group(2)
        j = i + 1
        body: list[tuple[int, str]] = []
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append((j + 1, lines[j]))
            j += 1
        if lang == "memo":
            cmd = next((t for _, t in body if t.strip().startswith("cli:")), None)
            if cmd is not None:
                code = next(
                    (int(t.split(":", 1)[1]) for _, t in body if t.strip().startswith("exit:")), 0
                )
                cmd_text = cmd.split(":", 1)[1].strip()
                out.append(parse_command(source, i + 1, cmd_text, code))
        elif lang in ("bash", "sh", "shell", "console", "text", ""):
            for lineno, raw in body:
                line = raw.strip()
                if _CMD_PREFIX.match(line):
                    note = _EXIT_NOTE.search(line)
                    out.append(
                        parse_command(source, lineno, line, int(note.group(1)) if note else 0)
                    )
        i = j + 1
    return out


def parse_command(source: str, lineno: int, line: str, expect: int) -> Command:
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


# --------------------------------------------------------------------------------------------------------------
# Built HTML: internal links/anchors, and nothing loaded from another origin
# --------------------------------------------------------------------------------------------------------------

_LINK_ATTRS = {
    "a": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
_NOT_LOADS = {"canonical", "alternate", "author", "help", "license", "next", "prev", "search", "me"}
_CSS_URL = re.compile(
    r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)|@import\s+(['\"])([^'\"]+)\3", re.IGNORECASE
)


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, bool]] = []  # (tag, attr, url, is_load)
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name") if tag in ("a",) else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        rel = set(a.get("rel", "").lower().split())
        for attr in _LINK_ATTRS.get(tag, ()):
            if attr not in a or not a[attr].strip():
                continue
            values = (
                [s.strip().split()[0] for s in a[attr].split(",") if s.strip()]
                if attr == "srcset"
                else [a[attr].strip()]
            )
            is_load = tag != "a" and not (tag == "link" and rel and rel <= _NOT_LOADS)
            for v in values:
                self.refs.append((tag, attr, v, is_load))
        if a.get("style"):
            self.css.append(a["style"])
        if tag == "style":
            self._in_style = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


@dataclass
class Site:
    """A parsed built site: pages by site-relative path, their ids and references, and CSS files."""

    root: Path
    base_path: str = "/"
    pages: dict[str, _Page] = field(default_factory=dict)
    css_files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, base_path: str = "/") -> Site:
        site = cls(root, base_path if base_path.endswith("/") else base_path + "/")
        for path in sorted(root.rglob("*.html")):
            page = _Page()
            page.feed(path.read_text(encoding="utf-8", errors="replace"))
            site.pages[path.relative_to(root).as_posix()] = page
        for path in sorted(root.rglob("*.css")):
            site.css_files[path.relative_to(root).as_posix()] = path.read_text(
                encoding="utf-8", errors="replace"
            )
        return site

    def resolve(self, page: str, url: str) -> tuple[str | None, str]:
        """``(site-relative file or None when outside the site, fragment)`` for an internal URL."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return None, parts.fragment
            target = path[len(self.base_path) :]
        else:
            target = urljoin("/" + page, path)[1:] if path else page
        is_dir = target in ("", ".") or target.endswith(("/", "/."))
        target = posixpath.normpath(target) if target else "."
        if target == ".." or target.startswith("../"):
            return None, parts.fragment
        target = "" if target == "." else target
        if is_dir or (target and (self.root / target).is_dir()) or not target:
            target = f"{target}/index.html".lstrip("/")
        return target, parts.fragment


def _is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def link_problems(site: Site) -> list[str]:
    """Every internal link, resource reference and CSS ``url()`` resolves to a file in the site, and every
    fragment to an id in the target page."""
    problems: list[str] = []
    for page_path, page in site.pages.items():
        for tag, attr, url, _ in page.refs:
            if _is_external(url) or url.startswith(("mailto:", "data:", "javascript:", "tel:")):
                continue
            target, frag = site.resolve(page_path, url)
            problems += _check_target(site, f"{page_path}: <{tag} {attr}={url!r}>", target, frag)
        for css in page.css:
            problems += _css_problems(site, page_path, css)
    for css_path, text in site.css_files.items():
        problems += _css_problems(site, css_path, text)
    return problems


def _check_target(site: Site, where: str, target: str | None, frag: str) -> list[str]:
    if target is None:
        return [f"{where}: points outside the site"]
    if not (site.root / target).is_file():
        return [f"{where}: {target} does not exist"]
    if frag and target.endswith(".html"):
        page = site.pages.get(target)
        if page is not None and unquote(frag) not in page.ids:
            return [f"{where}: no id {frag!r} in {target}"]
    return []


def _css_problems(site: Site, base: str, css: str) -> list[str]:
    problems = []
    for m in _CSS_URL.finditer(css):
        url = (m.group(2) or m.group(4) or "").strip()
        if not url or _is_external(url) or url.startswith(("data:", "#")):
            continue
        target, _ = site.resolve(base, url)
        problems += _check_target(site, f"{base}: url({url})", target, "")
    return problems


def foreign_origin_problems(site: Site) -> list[str]:
    """Nothing in the site loads a script, stylesheet, font, image or frame from another origin: no
    absolute or protocol-relative URL in a loading attribute, an inline style, a ``<style>`` block or a
    CSS file (``url()`` and ``@import``). Plain ``<a href>`` links and ``rel=canonical`` are not loads."""
    problems: list[str] = []
    for page_path, page in site.pages.items():
        for tag, attr, url, is_load in page.refs:
            if is_load and _is_external(url) and not url.startswith("data:"):
                problems.append(f"{page_path}: <{tag} {attr}={url!r}> loads from another origin")
        for css in page.css:
            problems += [f"{page_path}: inline CSS loads {u!r}" for u in _css_external(css)]
    for css_path, text in site.css_files.items():
        problems += [f"{css_path}: loads {u!r}" for u in _css_external(text)]
    return problems


def _css_external(css: str) -> list[str]:
    urls = [(m.group(2) or m.group(4) or "").strip() for m in _CSS_URL.finditer(css)]
    return [u for u in urls if _is_external(u) and not u.startswith("data:")]
