"""Calculator speed in headless Chromium on this machine (a benchmark script, not a timed test).

Serves the built site/ on 127.0.0.1 and measures, on a cold cache (a fresh browser profile) and a warm one
(the same profile, visited again):

* prerendered result: navigation start to first contentful paint (the result is in the HTML, in the first
  viewport, so the first paint shows it);
* live: navigation start until the calculator answers (Pyodide restored from the memory snapshot in the
  worker, wheel installed); also without the snapshot (the worker's fallback: a plain boot);
* baseline: a bare page that only calls ``loadPyodide()`` on the same server, in the same run;
* edit -> result: 50 edits of node.gpu_w, from the input event to the updated result in the DOM (p50/p95);
* a 100-point sweep (it_cap_mw=1:100:1), request to drawn chart.

Run after ``mkdocs build``: ``uv run python benchmarks/browser.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
TARGET_EDIT_P95_MS = 50
TARGET_LIVE_RATIO = 1.2
TARGET_PRERENDER_MS = 300

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
document.addEventListener("csz:live", () => { window.__csz.live = performance.now(); });
document.addEventListener("csz:failed", (e) => { window.__csz.failed = e.detail.message; });
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


def visit_calculator(ctx: BrowserContext, url: str, snapshot: bool = True) -> dict[str, float]:
    if not snapshot:
        ctx.route("**/snapshot-*", lambda route: route.abort())
    page = ctx.new_page()
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function("() => window.__csz.live || window.__csz.failed", timeout=120_000)
    page.wait_for_function("() => window.__csz.fcp !== undefined", timeout=10_000)
    out: dict[str, Any] = page.evaluate("() => window.__csz")
    if out.get("failed"):
        raise SystemExit(f"calculator failed to start: {out['failed']}")
    if not out.get("inFirstView"):
        raise SystemExit(
            "the prerendered result is not in the first viewport; first paint would not show it"
        )
    page.close()
    return out


def visit_bare(ctx: BrowserContext, url: str) -> float:
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__bare", timeout=120_000)
    value = float(page.evaluate("() => window.__bare"))
    page.close()
    return value


def cold_and_warm(pw: Playwright, runs: int, visit: Any) -> tuple[list[Any], list[Any]]:
    """Each run: a fresh profile (cold), then the same profile again (warm)."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="csz-bench-") as folder:
            ctx = profile(pw, folder)
            cold.append(visit(ctx))
            ctx.close()
            ctx = profile(pw, folder)  # a new browser process on the same disk cache
            warm.append(visit(ctx))
            ctx.close()
    return cold, warm


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="cold/warm pairs per page (median reported)"
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
        # the bare page loads the default lock file, which the calculator does not need or ship
        f"/calculator/pyodide-{version}/pyodide-lock.json": lock,
    }
    med = statistics.median
    with siteserver.serve(args.site, extra) as base, sync_playwright() as pw:
        calc_url = base + "calculator/"
        bare_cold, bare_warm = cold_and_warm(
            pw, args.runs, lambda c: visit_bare(c, base + "__bare__/")
        )
        calc_cold, calc_warm = cold_and_warm(pw, args.runs, lambda c: visit_calculator(c, calc_url))
        plain_cold, plain_warm = cold_and_warm(
            pw, args.runs, lambda c: visit_calculator(c, calc_url, snapshot=False)
        )
        with tempfile.TemporaryDirectory(prefix="csz-bench-") as folder:
            ctx = profile(pw, folder)
            page = ctx.new_page()
            page.goto(calc_url)
            page.wait_for_selector("#csz[data-state=live][data-seq]", timeout=120_000)
            edits = page.evaluate(EDITS, 50)
            sweep = page.evaluate(SWEEP)
            ctx.close()

    rows = [
        ("prerendered result (FCP)", [r["fcp"] for r in calc_cold], [r["fcp"] for r in calc_warm]),
        ("calculator live", [r["live"] for r in calc_cold], [r["live"] for r in calc_warm]),
        ("bare loadPyodide() page", bare_cold, bare_warm),
        (
            "live without the snapshot",
            [r["live"] for r in plain_cold],
            [r["live"] for r in plain_warm],
        ),
    ]
    print(
        f"clustersize calculator, headless Chromium, Pyodide {version}, {args.runs} run(s), median ms"
    )
    print(f"{'measure':<30}{'cold':>10}{'warm':>10}")
    for name, cold, warm in rows:
        print(f"{name:<30}{med(cold):>10.0f}{med(warm):>10.0f}")
    live_ratio = (med(rows[1][1]) / med(bare_cold), med(rows[1][2]) / med(bare_warm))
    print(f"{'live / bare':<30}{live_ratio[0]:>10.2f}{live_ratio[1]:>10.2f}")
    p50, p95 = pct(edits, 0.5), pct(edits, 0.95)
    print(
        f"edit -> result (50 edits)     p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(edits):.1f} ms"
    )
    print(f"100-point sweep               {sweep['points']} points in {sweep['ms']:.0f} ms")
    checks = [
        (f"edit p95 < {TARGET_EDIT_P95_MS} ms", p95 < TARGET_EDIT_P95_MS),
        (f"live <= {TARGET_LIVE_RATIO} x bare (cold, warm)", max(live_ratio) <= TARGET_LIVE_RATIO),
        (
            f"prerendered < {TARGET_PRERENDER_MS} ms (cold, warm)",
            max(med(rows[0][1]), med(rows[0][2])) < TARGET_PRERENDER_MS,
        ),
        ("stretch: live < 1000 ms warm", med(rows[1][2]) < 1000),
    ]
    for name, ok in checks:
        print(f"  [{'met' if ok else 'MISSED'}] {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
