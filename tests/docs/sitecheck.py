"""The built site, parsed, for the docs tests: every internal link and anchor resolves, and nothing is
loaded from another origin. Each check returns a list of problems (empty: passed)."""

from __future__ import annotations

import html.parser
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
