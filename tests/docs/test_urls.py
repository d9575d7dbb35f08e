"""URLs: the verification page carries every required source URL, and every URL is well-formed https.

Only the local development server (loopback, `scripts/dev serve`) may be plain http. External liveness is
checked weekly by .github/workflows/links.yml, with the network; these tests never touch it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

REQUIRED = (
    "https://docs.github.com/en/actions/concepts/security/about-security-hardening-with-openid-connect",
    "https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions",
    "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets",
    "https://docs.github.com/en/code-security/how-tos/scan-code-for-vulnerabilities/configure-code-scanning/configuring-default-setup-for-code-scanning",
    "https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds",
)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def missing_required(hrefs: set[str], required: tuple[str, ...] = REQUIRED) -> list[str]:
    return [u for u in required if u not in hrefs]


def _not_loopback(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).hostname not in LOOPBACK]


def test_verification_page_links_every_required_url(site) -> None:  # type: ignore[no-untyped-def]
    page = site.pages["verification/index.html"]
    hrefs = {url for tag, _, url, _ in page.refs if tag == "a"}
    assert missing_required(hrefs) == []
    text = (site.root / "verification" / "index.html").read_text(encoding="utf-8")
    assert "2026-02-14" in text
    assert "2026-11-26" in text


def test_planted_missing_required_url_is_caught() -> None:
    hrefs = set(REQUIRED[1:])
    assert missing_required(hrefs) == [REQUIRED[0]]


def test_markdown_urls_are_well_formed_https(checks: ModuleType, sources: dict[str, str]) -> None:
    urls = [u for text in sources.values() for u in checks.urls_in_markdown(text)]
    assert len(urls) > 10
    assert checks.url_problems(_not_loopback(urls)) == []


def test_built_links_are_well_formed_https(checks: ModuleType, site) -> None:  # type: ignore[no-untyped-def]
    urls = [
        url
        for page in site.pages.values()
        for _, _, url, _ in page.refs
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//")
    ]
    assert checks.url_problems(_not_loopback(urls)) == []


def test_planted_bad_urls_are_caught(checks: ModuleType) -> None:
    problems = checks.url_problems(
        [
            "http://docs.github.com/en/actions",
            "https://nohost/path",
            "https://docs.github.com/a b",
            "https://docs.github.com/en/actions.",
            "https://docs.github.com/en/actions",
        ]
    )
    assert len(problems) == 4
    assert problems[0].endswith("not https")


def test_urls_in_markdown_finds_links_autolinks_and_bare_urls(checks: ModuleType) -> None:
    text = "[a](https://a.example/x) <https://b.example/y> see https://c.example/z."
    assert checks.urls_in_markdown(text) == [
        "https://a.example/x",
        "https://b.example/y",
        "https://c.example/z.",
    ]


def test_required_urls_are_in_the_verification_source(docs_dir: Path) -> None:
    text = (docs_dir / "verification.md").read_text(encoding="utf-8")
    assert missing_required({u for u in REQUIRED if f"({u})" in text}) == []
