"""The 404 page works at any base path: it loads nothing, and its links find the site root from the URL.

A static host (GitHub Pages, Netlify, ...) answers a missing URL with ``404.html`` at that URL; a page with any
subresource breaks at some depth or base path. These tests serve the built site under several base paths, the
way such a host does, and open missing pages in Debian's chromium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from clustersize_site.notfound import render
from clustersize_site.notfound.hook import nav_links

LOADS = re.compile(
    r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)=(?![\"']data:)", re.I
)


class StaticHost(SimpleHTTPRequestHandler):
    """Serves the site under ``prefix``; anything missing gets the site's 404.html with status 404."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = self.path.split("?", 1)[0]
        if path.startswith(self.prefix):
            self.path = "/" + path[len(self.prefix) :]
            local = Path(self.translate_path(self.path))
            if local.is_file() or (local / "index.html").is_file():
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def host(site: Path, prefix: str) -> Iterator[str]:
    """The site on a static host under ``prefix``; yields the origin (no trailing slash)."""
    from calculator.siteserver import serve

    with serve(site, base=type("Host", (StaticHost,), {"prefix": prefix})) as url:
        yield url.rstrip("/")


def test_the_404_page_loads_nothing(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert not LOADS.search(page)
    assert "url(" not in page
    assert "example.invalid" not in page


def test_a_planted_load_is_caught() -> None:
    assert LOADS.search('<link rel="stylesheet" href="/assets/x.css">')
    assert LOADS.search('<script src="x.js"></script>')
    assert not LOADS.search('<a href="/calculator/">Calculator</a>')


def test_no_page_of_the_built_site_names_the_placeholder_host(site: Path) -> None:
    hits = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".json") and b"example.invalid" in p.read_bytes()
    ]
    assert hits == []


def test_the_404_links_every_nav_page(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert 'data-site-path="calculator/"' in page
    assert 'data-site-path="reference/cli/"' in page
    assert 'data-site-path=""' in page


def test_nav_links_follow_directory_urls() -> None:
    nav = [{"Home": "index.md"}, {"Ref": [{"CLI": "reference/cli.md"}, {"Idx": "x/index.md"}]}]
    assert list(nav_links(nav)) == [("Home", ""), ("CLI", "reference/cli/"), ("Idx", "x/")]


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["/", "/clustersize/", "/a/b/"])
def test_a_missing_page_renders_cleanly_at_any_base_path(
    site: Path, browser: Any, prefix: str
) -> None:
    with host(site, prefix) as origin:
        for missing in ("nope", "reference/nope/", "deep/er/still/nope.html"):
            page = browser.new_page()
            url = origin + prefix + missing
            errors: list[str] = []
            requests: list[str] = []

            def on_console(m: Any, url: str = url, errors: list[str] = errors) -> None:
                # the document's own 404 status is the point, not an error
                if m.type == "error" and m.location.get("url") != url:
                    errors.append(f"{m.text} ({m.location})")

            page.on("console", on_console)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            response = page.goto(url)
            assert response is not None
            assert response.status == 404
            assert page.locator("h1").inner_text() == "Page not found"
            assert requests == [url]  # nothing else is fetched
            assert errors == []
            calc = page.locator('a[data-site-path="reference/cli/"]').get_attribute("href")
            if missing.startswith("reference/") or prefix == "/":
                assert calc == prefix + "reference/cli/"
                assert page.goto(origin + calc).status == 200  # type: ignore[union-attr]
            page.close()


def test_render_escapes_and_keeps_the_config_out_of_markup() -> None:
    html = render('a<b "site"', "/x", [("T<", "p/")], ["f</script>"])
    assert "a&lt;b &quot;site&quot;" in html
    assert "<\\/script>" in html
    assert 'href="/x/p/"' in html
