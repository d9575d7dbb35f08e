"""Every page names the content of the site-wide files it loads: after the build, a stylesheet, script or icon URL
that points into the site, and whose file name carries no content hash, gets ``?v=`` and a hash of the built file.

A changed file then has a new URL on every page, so no reader gets a stale copy from a cache after a deploy,
whatever cache lifetime the host sends; and the calculator's service worker can answer these URLs from its cache
without starting (static routes, ``sw.js``). The calculator's own folders are left as they are: its service
worker keeps those files under a cache name that changes with any of them.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

TAG = re.compile(r"<(?:link|script)\b[^>]*>")
URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]+)(")')
REL = re.compile(r'\srel="([^"]*)"')
LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload"}
"""``<link rel>`` values whose target the page loads (not ``canonical``, ``prev``, ``next``)."""
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
"""File names that already carry a content hash (Material's bundle and stylesheets)."""
DIGEST_LENGTH = 16


def digest(path: Path) -> str:
    """A short content hash of a built file, for a URL's ``?v=``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]


def loads(tag: str) -> bool:
    """Whether a `TAG` makes the page load its URL (a script, or a link that is not ``canonical``, ``prev`` …)."""
    if not tag.startswith("<link"):
        return True
    rel = REL.search(tag)
    return rel is not None and bool(set(rel.group(1).split()) & LOADED_RELS)


def target(site: Path, page: str, url: str, keep: tuple[str, ...]) -> str | None:
    """The file ``url`` names, relative to the site root, when it is a plain same-site file this module versions;
    else None. ``page``: the page's folder relative to the site root (``""`` for the home page); ``keep``: folders
    left as they are."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", url) or "?" in url or "#" in url:
        return None  # another origin, a data: URL, an anchor, or already versioned
    path = url.lstrip("/") if url.startswith("/") else posixpath.normpath(posixpath.join(page, url))
    if path.startswith("..") or path.startswith(keep) or HASHED.search(path):
        return None
    return path if (site / path).is_file() else None


def fingerprint_page(
    html: str, site: Path, page: str, digests: dict[str, str], keep: tuple[str, ...] = ()
) -> str:
    """``html`` with each loaded site file's URL followed by ``?v=DIGEST`` (``digests`` caches them by path)."""

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        if not loads(text):
            return text

        def attr(m: re.Match[str]) -> str:
            path = target(site, page, m.group(2), keep)
            if path is None:
                return m.group(0)
            if path not in digests:
                digests[path] = digest(site / path)
            return f"{m.group(1)}{m.group(2)}?v={digests[path]}{m.group(3)}"

        return URL_ATTR.sub(attr, text)

    return TAG.sub(tag, html)


def fingerprint_site(site: Path, keep: tuple[str, ...] = ()) -> int:
    """Version the site-file URLs of every built page in ``site``, except those in the folders ``keep``; return
    how many pages changed."""
    digests: dict[str, str] = {}
    changed = 0
    for file in sorted(site.rglob("*.html")):
        page = file.parent.relative_to(site).as_posix()
        page = "" if page == "." else page
        html = file.read_text(encoding="utf-8")
        new = fingerprint_page(html, site, page, digests, keep)
        if new != html:
            file.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def on_post_build(config: MkDocsConfig) -> None:
    """MkDocs event (``overrides/hooks/fingerprint.py``, listed first so the pages are versioned before the
    calculator's service worker lists what its page loads)."""
    from .calculator.paths import (
        OWN,
    )  # here, not at the top: the calculator's build imports this module

    fingerprint_site(Path(config["site_dir"]), keep=OWN)
