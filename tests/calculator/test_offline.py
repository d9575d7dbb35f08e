"""The calculator after one visit: offline-ready, a revisit with the network off, a stored snapshot that cannot
be used. Debian's chromium against the built site on 127.0.0.1 (the ``tab`` fixture fails on console errors and
on requests to other hosts)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_offline_revisit_answers_like_the_cli(
    tab: Any, base_url: str, cli: Any, traffic: Any
) -> None:
    """After one visit the page says it works offline; with the network off and the HTTP cache emptied (a
    revisit after the host's cache lifetime), a reload is live from the memory snapshot and edits still give
    the CLI's bytes, without one request reaching the server or failing."""
    page = tab.page
    tab.open(base_url + "calculator/")
    assert "booted without the memory snapshot" in page.inner_text("#csz-status")  # a first visit
    page.wait_for_selector("#csz-offline:not([hidden])", timeout=60_000)
    assert "Works offline" in page.inner_text("#csz-offline")
    failed: list[str] = []
    page.context.on("requestfailed", lambda r: failed.append(r.url))
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.context.set_offline(True)
    before = traffic.requests
    page.reload()
    tab.wait_live()
    assert "from a memory snapshot" in page.inner_text("#csz-status")
    tab.fill("node.gpu_w", "900")
    assert tab.result_json() == cli("--set", "node.gpu_w=900", "--json")[1]
    page.fill("#csz-sweep-stop", "3")
    page.wait_for_selector("#csz-sweep[data-spec='it_cap_mw=1:3:0.5']")
    assert failed == []
    # Nothing the page or its worker asked for reached the network; only the browser's own update check of
    # the service worker script does (Chromium's offline emulation does not cover it; offline it just fails).
    assert [p for p in traffic.paths[before:] if p != "/sw.js"] == []


def test_revisit_with_an_unusable_cached_snapshot_boots_afresh(
    tab: Any, base_url: str, cli: Any
) -> None:
    """A stored snapshot the browser cannot restore costs time, never the calculator."""
    page = tab.page
    tab.open(base_url + "calculator/")
    page.wait_for_selector("#csz-offline:not([hidden])", timeout=60_000)
    page.evaluate(
        """async () => {
          const url = window.__cszEarly.boot.snapshot;  // where the service worker stores it
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            if (await cache.match(url)) await cache.put(url, new Response('not a snapshot'));
          }
        }"""
    )
    page.reload()
    tab.wait_live()
    assert "booted without the memory snapshot" in page.inner_text("#csz-status")
    tab.fill("node.gpu_w", "900")
    assert tab.result_json() == cli("--set", "node.gpu_w=900", "--json")[1]


def test_a_revisit_takes_the_page_and_what_it_loads_from_the_static_routes(
    tab: Any, base_url: str
) -> None:
    """On a revisit the browser answers the page and each stylesheet and script it loads from the service
    worker's cache through its static routes, without waking the worker: the site files' URLs name their
    version (``?v=``, fingerprint.py), so none of them needs the fetch handler's check of who asks."""
    page = tab.page
    tab.open(base_url + "calculator/")
    page.wait_for_selector("#csz-offline:not([hidden])", timeout=60_000)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    routed: dict[str, Any] = {}

    def seen(event: dict[str, Any]) -> None:
        response = event["response"]
        if event.get("type") in ("Document", "Stylesheet", "Script") and response["url"].startswith(
            base_url
        ):
            routed[response["url"].removeprefix(base_url)] = response.get("serviceWorkerRouterInfo")

    cdp.on("Network.responseReceived", seen)
    page.reload()
    tab.wait_live()
    loaded = [u for u in routed if not u.startswith("calculator/pyodide-")]
    assert {"calculator/", "assets/calculator/calculator.js", "assets/calculator/boot.js"} <= set(
        loaded
    )
    assert any(
        u.startswith("stylesheets/memo.css?v=") for u in loaded
    )  # a site-wide file, versioned
    assert {u: routed[u] and routed[u]["actualSourceType"] for u in loaded} == dict.fromkeys(
        loaded, "cache"
    )
