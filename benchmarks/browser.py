"""Calculator speed in headless Chromium on this machine (a benchmark script, not a timed test).

Serves the built site/ on 127.0.0.1 and measures, side by side with a bare page that only calls
``loadPyodide()`` on the same server, in the same run:

* first visit over an emulated 20 Mbps / 40 ms link (Chromium's network emulation through CDP, a fresh
  profile): navigation start until the calculator answers, and the body bytes the server sent until then; then
  the bytes sent in the background until the page says it works offline (the service worker's precache);
* on 127.0.0.1 (no emulation): the prerendered result's first contentful paint and the time to live on a cold
  visit (fresh profile), a warm revisit (the same profile, a new browser process: the service worker's cache
  and the memory snapshot), and an offline revisit (the network off: live, and how many requests failed);
* edit -> result: 50 edits of node.gpu_w, from the input event to the updated result in the DOM (p50/p95),
  once the page has stored itself for offline use (the one-time background precache is done);
* a 100-point sweep (it_cap_mw=1:100:1), request to drawn chart.

``--idle S`` waits S seconds between starting the browser and each warm or offline revisit (both pages alike):
by default the page is opened at the instant the browser process starts, so Chromium's own start-up work shares
the CPU with the revisit.

Run after ``mkdocs build``: ``uv run python benchmarks/browser.py [--runs N] [--idle S]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
LINK = {"latency": 40, "downloadThroughput": 2_500_000, "uploadThroughput": 2_500_000}
"""The emulated link: 20 Mbps (2,500,000 bytes/s) each way, 40 ms latency."""
TARGET_EDIT_P95_MS = 50
TARGET_FIRST_RATIO = 0.5
TARGET_FIRST_BYTES = 8_000_000
TARGET_WARM_RATIO = 0.35
TARGET_PRERENDER_MS = 300
MB = 1e6

# Records the paint of the prerendered result and the calculator's events, from navigation start.
PROBE = """
window.__csz = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__csz.fcp = e.startTime;
}).observe({ type: "paint", buffered: true });
document.addEventListener("DOMContentLoaded", () => {
  const el = document.querySelector("#csz [data-key=nodes]");
  const box = el && el.getBoundingClientRect();
  window.__csz.inFirstView = Boolean(el && el.textContent && box.top >= 0 && box.bottom <= innerHeight);
});
document.addEventListener("csz:live", (e) => { window.__csz.live = performance.now(); window.__csz.how = e.detail.how; });
document.addEventListener("csz:failed", (e) => { window.__csz.failed = e.detail.message; });
document.addEventListener("csz:offline-ready", () => { window.__csz.offline = performance.now(); });
"""

BARE = b"""<!doctype html><meta charset="utf-8"><title>bare loadPyodide()</title>
<script type="module">
import { loadPyodide } from "/calculator/pyodide-%s/pyodide.mjs";
await loadPyodide();
window.__bare = performance.now();
</script>"""

EDITS = """async (n) => {
  const root = document.getElementById("csz");
  const input = document.getElementById("csz-f-node.gpu_w");
  const times = [];
  for (let i = 0; i < n; i++) {
    const done = new Promise((resolve) => root.addEventListener("csz:result", resolve, { once: true }));
    input.value = String(600 + (i % 2 ? i : -i));
    const t0 = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await done;
    times.push(performance.now() - t0);
  }
  return times;
}"""

SWEEP = """async () => {
  const root = document.getElementById("csz");
  const done = new Promise((resolve) => root.addEventListener("csz:sweep", (e) => resolve(e.detail), { once: true }));
  const set = (id, v) => {
    const el = document.getElementById(id);
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };
  set("csz-sweep-start", "1"); set("csz-sweep-stop", "100"); set("csz-sweep-step", "1");
  return await done;
}"""


@functools.cache
def load_siteserver() -> Any:
    """The test suite's site server and browser settings (tests/calculator/siteserver.py)."""
    spec = importlib.util.spec_from_file_location(
        "siteserver", ROOT / "tests" / "calculator" / "siteserver.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["siteserver"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def pyodide_version() -> str:
    return str(json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"])


def profile(pw: Playwright, folder: str) -> BrowserContext:
    server = load_siteserver()
    return pw.chromium.launch_persistent_context(
        folder,
        executable_path=server.CHROMIUM,
        args=server.CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1280, "height": 900},
    )


def emulate_link(ctx: BrowserContext, page: Page) -> None:
    """Chromium's network emulation for this page and its worker (not its service worker)."""
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **LINK})


def forget_http_cache(ctx: BrowserContext) -> None:
    """Empty the HTTP cache (not the service worker's): a revisit after the host's short cache lifetime."""
    page = ctx.new_page()
    ctx.new_cdp_session(page).send("Network.clearBrowserCache")
    page.close()


class Visit:
    """One page load, with what the server sent and which requests failed."""

    def __init__(self, ctx: BrowserContext, traffic: Any, idle: float = 0.0) -> None:
        self.ctx, self.traffic = ctx, traffic
        self.failed: list[str] = []
        self.errors: list[str] = []
        ctx.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page = ctx.new_page()
        time.sleep(idle)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.start = (traffic.requests, traffic.bytes)

    def sent(self) -> tuple[int, int]:
        """Requests answered and body bytes sent since this visit started."""
        return self.traffic.requests - self.start[0], self.traffic.bytes - self.start[1]


def visit_calculator(
    ctx: BrowserContext, url: str, traffic: Any, link: bool = False, idle: float = 0.0
) -> dict[str, Any]:
    v = Visit(ctx, traffic, idle)
    page = v.page
    if link:
        emulate_link(ctx, page)
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function("() => window.__csz.live || window.__csz.failed", timeout=180_000)
    requests, sent = v.sent()
    page.wait_for_function("() => window.__csz.fcp !== undefined", timeout=10_000)
    out: dict[str, Any] = page.evaluate("() => window.__csz")
    if out.get("failed"):
        raise SystemExit(f"calculator failed to start: {out['failed']}")
    if not out.get("inFirstView"):
        raise SystemExit(
            "the prerendered result is not in the first viewport; first paint would not show it"
        )
    out["offline"] = None
    if page.evaluate("() => Boolean(document.getElementById('csz').dataset.sw)"):
        page.wait_for_function("() => window.__csz.offline", timeout=120_000)
        out["offline"] = page.evaluate("() => window.__csz.offline")
    out.update(requests=requests, sent=sent, total=v.sent()[1])
    out.update(failed=len(v.failed), errors=len(v.errors))
    page.close()
    return out


def visit_bare(
    ctx: BrowserContext, url: str, traffic: Any, link: bool = False, idle: float = 0.0
) -> dict[str, Any]:
    v = Visit(ctx, traffic, idle)
    if link:
        emulate_link(ctx, v.page)
    v.page.goto(url)
    v.page.wait_for_function("() => window.__bare", timeout=180_000)
    out = {"live": float(v.page.evaluate("() => window.__bare"))}
    out["requests"], out["sent"] = v.sent()
    v.page.close()
    return out


def visits(
    pw: Playwright,
    runs: int,
    visit: Callable[..., dict[str, Any]],
    offline: bool = True,
    idle: float = 0.0,
) -> dict[str, list[Any]]:
    """Each run: a fresh profile over the emulated link (first), the same on 127.0.0.1 (cold), then that
    profile again in a new browser process (warm, after ``idle`` s), and once more with the network off
    (offline, after ``idle`` s)."""
    out: dict[str, list[Any]] = {"first": [], "cold": [], "warm": [], "offline": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="csz-bench-") as folder:
            ctx = profile(pw, folder)
            out["first"].append(visit(ctx, link=True))
            ctx.close()
        with tempfile.TemporaryDirectory(prefix="csz-bench-") as folder:
            ctx = profile(pw, folder)
            out["cold"].append(visit(ctx))
            ctx.close()
            ctx = profile(pw, folder)
            out["warm"].append(visit(ctx, idle=idle))
            ctx.close()
            if not offline:
                continue
            ctx = profile(pw, folder)
            forget_http_cache(ctx)
            ctx.set_offline(True)
            try:
                out["offline"].append(visit(ctx, idle=idle))
            except Exception as err:  # reported: a build that does not work offline
                out["offline"].append({"error": str(err).splitlines()[0]})
            ctx.close()
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def med(rows: list[dict[str, Any]], key: str) -> float:
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def ratio(calc: list[dict[str, Any]], bare: list[dict[str, Any]]) -> float:
    """The median over runs of calculator live / bare live (each run's pair measured back to back)."""
    return statistics.median(c["live"] / b["live"] for c, b in zip(calc, bare, strict=True))


def interactions(pw: Playwright, url: str) -> tuple[list[float], dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="csz-bench-") as folder:
        ctx = profile(pw, folder)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_selector("#csz[data-state=live][data-seq]", timeout=120_000)
        if page.evaluate("() => Boolean(document.getElementById('csz').dataset.sw)"):
            # steady state: the service worker's one-time background precache has finished
            page.wait_for_selector("#csz-offline:not([hidden])", timeout=120_000)
        edits = page.evaluate(EDITS, 50)
        sweep = page.evaluate(SWEEP)
        ctx.close()
    return edits, sweep


def report(
    calc: dict[str, list[Any]],
    bare: dict[str, list[Any]],
    edits: list[float],
    sweep: dict[str, Any],
    runs: int,
    idle: float = 0.0,
) -> None:
    print(
        f"clustersize calculator, headless Chromium, Pyodide {pyodide_version()}, {runs} run(s), median"
    )
    if idle:
        print(f"warm and offline revisits {idle:g} s after the browser started (--idle)")
    print(
        "first visit over 20 Mbps / 40 ms, cold cache (ms from navigation start; MB = 10^6 bytes)"
    )
    print(
        f"{'':<26}{'live ms':>10}{'MB to live':>12}{'requests':>10}{'MB total':>10}{'offline-ready':>15}"
    )
    first, bfirst = calc["first"], bare["first"]
    offline_ms = med(first, "offline")
    print(
        f"{'calculator':<26}{med(first, 'live'):>10.0f}{med(first, 'sent') / MB:>12.2f}"
        f"{med(first, 'requests'):>10.0f}{med(first, 'total') / MB:>10.2f}{offline_ms:>15.0f}"
    )
    print(
        f"{'bare loadPyodide() page':<26}{med(bfirst, 'live'):>10.0f}{med(bfirst, 'sent') / MB:>12.2f}"
        f"{med(bfirst, 'requests'):>10.0f}"
    )
    first_ratio = ratio(first, bfirst)
    print(f"{'live / bare (per run)':<26}{first_ratio:>10.2f}")
    print("on 127.0.0.1 (ms from navigation start)")
    print(f"{'measure':<30}{'cold':>10}{'warm':>10}{'offline':>10}")
    for name, key, table in (
        ("prerendered result (FCP)", "fcp", calc),
        ("calculator live", "live", calc),
        ("bare loadPyodide() page", "live", bare),
    ):
        cells = [med(table.get(when, []), key) for when in ("cold", "warm", "offline")]
        print(f"{name:<30}" + "".join(f"{c:>10.0f}" for c in cells))
    ratios = [ratio(calc[w], bare[w]) for w in ("cold", "warm")]
    print(f"{'live / bare (per run)':<30}{ratios[0]:>10.2f}{ratios[1]:>10.2f}")
    hows = {w: sorted({str(r.get("how")) for r in calc[w]}) for w in ("cold", "warm", "offline")}
    print(f"{'how the worker started':<30}" + "".join(f"{'/'.join(h):>10}" for h in hows.values()))
    offline = calc["offline"]
    bad = [r["error"] for r in offline if "error" in r]
    failed = max((r.get("failed", 0) for r in offline), default=0)
    errors = max((r.get("errors", 0) for r in offline), default=0)
    print(
        f"offline revisit: {len(offline) - len(bad)}/{len(offline)} live, "
        f"{failed} failed request(s), {errors} console error(s)" + (f"; {bad[0]}" if bad else "")
    )
    p50, p95 = pct(edits, 0.5), pct(edits, 0.95)
    print(
        f"edit -> result (50 edits)     p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(edits):.1f} ms"
    )
    print(f"100-point sweep               {sweep['points']} points in {sweep['ms']:.0f} ms")
    checks = [
        (f"first visit: live <= {TARGET_FIRST_RATIO} x bare", first_ratio <= TARGET_FIRST_RATIO),
        (
            f"first visit: <= {TARGET_FIRST_BYTES / MB:.0f} MB to live",
            med(first, "sent") <= TARGET_FIRST_BYTES,
        ),
        (f"revisit: live <= {TARGET_WARM_RATIO} x bare warm", ratios[1] <= TARGET_WARM_RATIO),
        ("offline revisit: live, 0 failed requests", not bad and failed == 0 and bool(offline)),
        (f"edit p95 < {TARGET_EDIT_P95_MS} ms", p95 < TARGET_EDIT_P95_MS),
        (
            f"prerendered < {TARGET_PRERENDER_MS} ms (cold, warm)",
            max(med(calc["cold"], "fcp"), med(calc["warm"], "fcp")) < TARGET_PRERENDER_MS,
        ),
    ]
    for name, ok in checks:
        print(f"  [{'met' if ok else 'MISSED'}] {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported)")
    parser.add_argument(
        "--idle",
        type=float,
        default=0.0,
        help="seconds between starting the browser and a warm or offline revisit (default 0)",
    )
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    args = parser.parse_args()
    if not (args.site / "calculator" / "index.html").is_file():
        raise SystemExit("site/ is not built: run `uv run mkdocs build --strict` first")
    siteserver = load_siteserver()
    version = pyodide_version()
    lock = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
    extra = {
        "/__bare__/": BARE.replace(b"%s", version.encode()),
        # the bare page loads Pyodide's own lock file and full stdlib, which the calculator does not ship
        f"/calculator/pyodide-{version}/pyodide-lock.json": lock,
        f"/calculator/pyodide-{version}/python_stdlib.zip": ROOT
        / "node_modules"
        / "pyodide"
        / "python_stdlib.zip",
    }
    traffic = siteserver.Traffic()
    with siteserver.serve(args.site, extra, traffic=traffic) as base, sync_playwright() as pw:
        calc_url, bare_url = base + "calculator/", base + "__bare__/"
        bare: dict[str, list[Any]] = {}
        calc: dict[str, list[Any]] = {}
        for _ in range(args.runs):  # interleaved, so a change in the machine's load hits both pages
            for table, visit, offline in (
                (
                    bare,
                    lambda c, link=False, idle=0.0: visit_bare(c, bare_url, traffic, link, idle),
                    False,
                ),
                (
                    calc,
                    lambda c, link=False, idle=0.0: visit_calculator(
                        c, calc_url, traffic, link, idle
                    ),
                    True,
                ),
            ):
                for when, rows in visits(pw, 1, visit, offline, args.idle).items():
                    table.setdefault(when, []).extend(rows)
        edits, sweep = interactions(pw, calc_url)
    report(calc, bare, edits, sweep, args.runs, args.idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
