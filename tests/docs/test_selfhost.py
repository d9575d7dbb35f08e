"""Self-hosting: the built site loads no script, stylesheet, font or image from another origin, and the
self-hosted KaTeX it does load is in the site."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config import load_config


def test_nothing_loads_from_another_origin(checks: ModuleType, site) -> None:  # type: ignore[no-untyped-def]
    assert checks.foreign_origin_problems(site) == []


def test_no_google_fonts_or_cdn_anywhere(site_dir: Path) -> None:
    for path in [*site_dir.rglob("*.html"), *site_dir.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in (
            "fonts.googleapis.com",
            "fonts.gstatic.com",
            "cdn.jsdelivr.net",
            "unpkg.com",
            "cdnjs",
        ):
            assert needle not in text, f"{path.relative_to(site_dir)} mentions {needle}"


def test_katex_is_self_hosted(site_dir: Path, site) -> None:  # type: ignore[no-untyped-def]
    katex = site_dir / "assets" / "katex"
    for rel in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js"):
        assert (katex / rel).is_file(), rel
    assert list((katex / "fonts").glob("KaTeX_Main-Regular.woff2"))
    page = site.pages["power-model/index.html"]
    loads = {  # the file, whatever ?v=HASH names its version (fingerprint.py)
        url.split("?", 1)[0]
        for tag, _, url, is_load in page.refs
        if is_load and tag in ("script", "link")
    }
    assert "../assets/katex/katex.min.js" in loads
    assert "../assets/katex/contrib/auto-render.min.js" in loads
    assert "../assets/katex/katex.min.css" in loads
    assert "../javascripts/katex-init.js" in loads


def test_planted_foreign_loads_are_caught(checks: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.net/katex.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/css">'
        '<img srcset="a.png 1x, https://img.example.com/b.png 2x">'
        '<div style="background: url(https://img.example.com/c.png)"></div>'
        "<style>@import 'https://css.example.com/x.css';</style>"
        '<a href="https://example.org/">a link is not a load</a>'
        '<link rel="canonical" href="https://example.invalid/">'
        '<img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    (tmp_path / "site.css").write_text(
        "@font-face { src: url(https://fonts.example.com/f.woff2) } .ok { background: url(local.png) }",
        encoding="utf-8",
    )
    problems = checks.foreign_origin_problems(checks.Site.load(tmp_path))
    joined = "\n".join(problems)
    for needle in (
        "cdn.example.net",
        "//fonts.example.com/css",
        "img.example.com/b.png",
        "c.png",
        "x.css",
        "f.woff2",
    ):
        assert needle in joined, needle
    assert len(problems) == 6, problems


def test_build_fails_without_katex(memo_hook: ModuleType, root: Path, tmp_path: Path) -> None:
    """The hook refuses to build when node_modules/katex is missing (no silent CDN fallback)."""
    config = load_config(str(root / "mkdocs.yml"))
    config.config_file_path = str(tmp_path / "mkdocs.yml")  # a root without node_modules/
    with pytest.raises(memo_hook.MemoError, match="self-hosted KaTeX files missing"):
        memo_hook.on_files([], config)
