"""The calculator page in Debian's chromium, against the built site on 127.0.0.1.

Every test's tab fails on a console error, a dialog (a script that should not have run) or any request to a host
other than 127.0.0.1 (see the ``tab`` fixture).
"""

from __future__ import annotations

import base64
import json
import shlex
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import examples

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
XSS2 = "<script>alert(2)</script>"


def run_command(cli: Any, command: str, cwd: Path | None = None) -> str:
    """Run a ``python -m clustersize ...`` line copied from the page; return its stdout."""
    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "clustersize"], command
    code, out, err = cli(*argv[3:], **({"cwd": cwd} if cwd else {}))
    assert code in (0, 3), err
    return str(out)


def test_prerendered_result_shows_before_pyodide(tab: Any, base_url: str, cli: Any) -> None:
    tab.page.route("**/pyodide-*/**", lambda route: None)  # hold the runtime: it never arrives
    tab.open(base_url + "calculator/", live=False)
    page = tab.page
    page.wait_for_selector("#csz[data-state=loading]")
    _, expected, _ = cli("--json")
    result = json.loads(expected)
    assert page.text_content("#csz [data-key=nodes]") == f"{result['nodes']:,}"
    assert page.text_content("#csz [data-key=gpus]") == f"{result['gpus']:,}"
    assert tab.result_json() == expected
    assert "Loading the Python runtime" in page.inner_text("#csz-status")
    assert page.is_visible("#csz-controls")  # the form is there at once; results wait for Pyodide


def test_without_javascript_numbers_and_cli_show(browser: Any, base_url: str, cli: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "calculator/")
    result = json.loads(cli("--json")[1])
    assert page.inner_text("#csz [data-key=nodes]") == f"{result['nodes']:,}"
    assert "needs JavaScript" in page.inner_text("#csz")
    assert "python -m clustersize --preset reference-5mw" in page.inner_text("article")
    context.close()


def test_live_default_equals_cli_and_runtime_is_self_hosted(
    tab: Any, base_url: str, cli: Any, hook: ModuleType
) -> None:
    tab.open(base_url + "calculator/")
    assert tab.result_json() == cli("--json")[1]
    page = tab.page
    workers = [w.url for w in page.workers if "/assets/calculator/" in w.url]
    assert [w.rsplit("/", 1)[1] for w in workers] == ["worker.js"]  # Pyodide lives there
    assert page.evaluate("typeof loadPyodide === 'undefined' && typeof pyodide === 'undefined'")
    status = page.inner_text("#csz-status")
    assert "Live" in status
    assert "memory snapshot" in status
    runtime = f"/calculator/pyodide-{hook.pyodide_version()}/"
    fetched = {u.split(runtime, 1)[1].split("?")[0] for u in tab.requests if runtime in u}
    assert fetched == set(hook.FETCHED)  # the gzipped runtime; nothing else is fetched
    wheels = {u.rsplit("/", 1)[1].split("?")[0] for u in tab.requests if ".whl" in u}
    assert wheels == {f"clustersize-{hook.package_version()}-py3-none-any.whl.gz"}  # gzipped too
    stdlib = {u.rsplit("/", 1)[1].split("?")[0] for u in tab.requests if "/calculator/stdlib-" in u}
    assert stdlib == {
        f"stdlib-{hook.pyodide_version()}.zip"
    }  # the trimmed one, not python_stdlib.zip


def test_edits_match_the_cli_and_the_copied_command(tab: Any, base_url: str, cli: Any) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    tab.fill("node.gpu_w", "1000")
    expected = cli("--preset", "reference-5mw", "--set", "node.gpu_w=1000", "--json")[1]
    assert tab.result_json() == expected
    command = page.text_content("#csz-cli")
    assert command == "python -m clustersize --preset reference-5mw --set node.gpu_w=1000 --json"
    assert run_command(cli, command) == expected
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("text=Copy command")
    page.wait_for_function("() => document.getElementById('csz-share-note').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == command
    page.click("text=Copy link")
    page.wait_for_function(
        "() => document.getElementById('csz-share-note').textContent === 'Link copied.'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    # a string, a choice, a checkbox, an optional object and --nodes: still the command's bytes
    tab.fill("node.name", "GPU node ‘B’ $HOME")
    page.select_option("[id='csz-f-fabric.tiers']", "3")
    tab.settle()
    page.check("[id='csz-f-fabric.rail_optimized']")
    tab.settle()
    tab.fill("fabric.core.ports", "128")
    page.fill("#csz-nodes", "300")
    tab.settle()
    assert json.loads(tab.result_json())["nodes"] == 300
    assert run_command(cli, page.text_content("#csz-cli")) == tab.result_json()
    assert "live" in page.get_attribute("#csz", "data-state")


def test_invalid_value_shows_the_cli_error_and_keeps_the_result(
    tab: Any, base_url: str, cli: Any
) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    before = tab.result_json()
    for typed in ("-5", "abc", "1e999"):
        tab.fill("node.gpu_w", typed)
        code, out, err = cli("--preset", "reference-5mw", "--set", f"node.gpu_w={typed}", "--json")
        error = json.loads(out)["error"]
        assert code == 2
        assert error["path"] == "/node/gpu_w"
        assert page.text_content("[id='csz-f-node.gpu_w-err']") == error["message"]
        assert error["message"] in err
        assert page.get_attribute("[id='csz-f-node.gpu_w']", "aria-invalid") == "true"
        assert page.input_value("[id='csz-f-node.gpu_w']") == typed  # nothing typed is lost
        assert page.is_visible("#csz-stale")
        assert tab.result_json() == before  # the last valid result stays
    page.fill("#csz-nodes", "0")
    tab.settle()
    error = json.loads(cli("--nodes", "0", "--json")[1])["error"]
    tab.fill("node.gpu_w", "700")
    page.fill("#csz-nodes", "0")
    tab.settle()
    assert page.text_content("#csz-nodes-err") == error["message"]
    page.fill("#csz-nodes", "")
    tab.settle()
    assert not page.is_visible("#csz-stale")
    assert tab.result_json() == before


def form_text(value: Any) -> str:
    """How the form shows a config value: JSON, a range as ``low..typical..high``."""
    if isinstance(value, dict):
        return "..".join(json.dumps(value[k]) for k in ("low", "typical", "high"))
    return json.dumps(value)


def test_preset_switch_and_undo(tab: Any, base_url: str, cli: Any) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    tab.fill("it_cap_mw", "7")
    for name in examples.names()[1:]:
        page.select_option("#csz-preset", name)
        tab.settle()
        assert tab.result_json() == cli("--preset", name, "--json")[1]
        raw = json.loads(examples.text(name))
        assert page.input_value("[id='csz-f-node.gpu_w']") == form_text(raw["node"]["gpu_w"])
        assert page.input_value("[id='csz-f-it_cap_mw']") == form_text(raw["it_cap_mw"])
    page.select_option("#csz-preset", examples.DEFAULT)
    tab.settle()
    tab.fill("it_cap_mw", "7")
    page.click("text=Clear all edits")
    tab.settle()
    assert tab.result_json() == cli("--json")[1]
    page.click("#csz-controls button:has-text('Undo')")
    tab.settle()
    assert page.input_value("[id='csz-f-it_cap_mw']") == "7"
    assert tab.result_json() == cli("--set", "it_cap_mw=7", "--json")[1]


def test_share_url_round_trip(tab: Any, base_url: str) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    page.select_option("#csz-preset", "dgx-h100")
    tab.settle()
    tab.fill("node.gpu_w", "650.5")
    tab.fill("fabric.name", "shared & linked")
    page.fill("#csz-sweep-stop", "4")
    page.fill("#csz-nodes", "40")
    tab.settle()
    url, result, command = page.url, tab.result_json(), page.text_content("#csz-cli")
    other = page.context.new_page()
    other.goto(url)
    other.wait_for_selector("#csz[data-state=live]")
    other.wait_for_function(
        "() => { const r = document.getElementById('csz'); return r.dataset.seq === r.dataset.pending; }"
    )
    assert other.text_content("#csz-json") == result
    assert other.text_content("#csz-cli") == command
    assert other.input_value("[id='csz-f-fabric.name']") == "shared & linked"
    assert other.input_value("#csz-sweep-stop") == "4"
    other.close()


def test_untrusted_input_is_text_never_markup(tab: Any, base_url: str) -> None:
    raw = json.loads(examples.text())
    raw["node"]["name"] = XSS
    raw["fabric"]["name"] = XSS2
    raw["description"] = XSS
    encoded = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    tab.open(base_url + f"calculator/#config={encoded}&set=node.gpu_w%3D{XSS}")
    page = tab.page
    assert XSS[:37] in page.text_content("[id='csz-f-node.gpu_w-err']")  # the CLI truncates at 40
    tab.fill("node.gpu_w", "700")
    assert page.text_content("#csz [data-key=node_name]") == XSS
    assert page.text_content("#csz [data-key=fabric_name]") == XSS2
    assert page.input_value("[id='csz-f-node.name']") == XSS
    # pasted text and a preset name from a link are data too
    page.click("text=Use your own config")
    raw["node"]["name"] = XSS2
    page.fill("#csz-paste", json.dumps(raw))
    page.click("text=Size this config")
    tab.settle()
    assert page.text_content("#csz [data-key=node_name]") == XSS2
    # a fresh load from a link: one cross-document navigation (a fragment-only goto then page.reload() once
    # reloaded the URL from before the goto, and the note was empty)
    page.goto("about:blank")
    tab.open(base_url + "calculator/#preset=" + XSS)
    assert XSS in page.text_content("#csz-link-note")
    counts = page.evaluate(
        "() => [document.querySelectorAll('img[src=x], #csz script:not([type])').length,"
        " window.__xss === undefined]"
    )
    assert counts == [0, True]


def test_pasted_config_exports_for_the_cli(
    tab: Any, base_url: str, cli: Any, tmp_path: Path
) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    raw = json.loads(examples.text("dgx-b200"))
    raw["it_cap_mw"] = 3.3
    page.click("text=Use your own config")
    (tmp_path / "list.json").write_text("[1, 2]")
    error = json.loads(cli("--config", str(tmp_path / "list.json"), "--json")[1])["error"]
    page.fill("#csz-paste", "[1, 2]")  # not a config: the core validator says so, nothing changes
    page.click("text=Size this config")
    page.wait_for_function(
        "() => document.getElementById('csz-paste-err').textContent.startsWith('/')"
    )
    assert page.text_content("#csz-paste-err") == error["message"]
    assert tab.result_json() == cli("--json")[1]
    page.fill("#csz-paste", json.dumps(raw, indent=1))
    page.click("text=Size this config")
    tab.settle()
    tab.fill("node.gpu_w", "1100")
    command = page.text_content("#csz-cli")
    assert "--config clustersize-config.json" in command
    with page.expect_download() as info:
        page.click("text=Export config JSON")
    info.value.save_as(tmp_path / "clustersize-config.json")
    assert run_command(cli, command, cwd=tmp_path) == tab.result_json()


def test_sweep_matches_the_cli(tab: Any, base_url: str, cli: Any) -> None:
    tab.open(base_url + "calculator/")
    page = tab.page
    page.fill("#csz-sweep-start", "2")
    page.fill("#csz-sweep-stop", "4")
    page.fill("#csz-sweep-step", "0.25")
    page.wait_for_selector("#csz-sweep[data-spec='it_cap_mw=2:4:0.25']")
    lines = cli("--sweep", "it_cap_mw=2:4:0.25", "--json")[1].splitlines()
    gpus = [f"{json.loads(line)['gpus']:,}" for line in lines]
    cells = page.eval_on_selector_all(
        "#csz-sweep tbody tr td:nth-child(2)", "els => els.map(e => e.textContent)"
    )
    assert cells == gpus
    assert page.eval_on_selector_all("#csz-sweep-chart circle", "els => els.length") == len(lines)
    sweep_cmd = page.text_content("#csz-sweep-cli")
    assert run_command(cli, sweep_cmd) == "\n".join(lines) + "\n"
    page.fill("#csz-sweep-step", "0")
    page.wait_for_selector("#csz-sweep-err:not([hidden])")
    assert (
        page.text_content("#csz-sweep-err")
        == json.loads(cli("--sweep", "it_cap_mw=2:4:0", "--json")[1])["error"]["message"]
    )


def test_plain_runtime_without_decompression_stream(
    tab: Any, base_url: str, cli: Any, hook: ModuleType
) -> None:
    """A browser without DecompressionStream fetches the plain wasm and module, served as application/wasm."""
    tab.page.add_init_script("delete window.DecompressionStream")
    own: list[str] = []  # the page's and its worker's requests (the service worker has its own)
    tab.page.context.on("request", lambda r: r.service_worker is None and own.append(r.url))
    tab.open(base_url + "calculator/")
    runtime = f"/calculator/pyodide-{hook.pyodide_version()}/"
    fetched = {u.split(runtime, 1)[1].split("?")[0] for u in own if runtime in u}
    assert fetched == set(hook.RUNTIME_FILES)  # every copied file is used; nothing gzipped
    wasm = [v["type"] for u, v in tab.responses.items() if u.endswith("pyodide.asm.wasm")]
    assert wasm
    assert set(wasm) == {"application/wasm"}
    tab.fill("node.gpu_w", "900")
    assert tab.result_json() == cli("--set", "node.gpu_w=900", "--json")[1]


def test_wrong_wasm_mime_type_says_so(tab: Any, base_url: str, cli: Any) -> None:
    """Only the plain wasm (no DecompressionStream) depends on the host's MIME type for it."""
    tab.allow_errors = True  # the browser itself logs the refused wasm
    tab.page.add_init_script("delete window.DecompressionStream")
    tab.open(base_url + "badmime/calculator/", live=False)
    page = tab.page
    page.wait_for_selector("#csz[data-state=failed]", timeout=30_000)
    status = page.inner_text("#csz-status")
    assert "could not start" in status
    assert "application/wasm" in status
    assert tab.result_json() == cli("--json")[1]  # the prerendered result stays


def test_snapshot_fallback_boots_afresh(tab: Any, base_url: str, cli: Any) -> None:
    """A snapshot the browser cannot use (here: not gzip) costs time, never the calculator."""
    tab.page.route("**/snapshot-*", lambda route: route.fulfill(status=200, body=b"not a snapshot"))
    tab.open(base_url + "calculator/")
    assert "booted without the memory snapshot" in tab.page.inner_text("#csz-status")
    tab.fill("node.gpu_w", "900")
    assert tab.result_json() == cli("--set", "node.gpu_w=900", "--json")[1]


def test_boot_timeout_says_so(tab: Any, base_url: str) -> None:
    tab.allow_errors = True
    tab.page.add_init_script("window.__cszBootTimeoutMs = 1500")
    tab.open(base_url + "stall/calculator/", live=False)
    tab.page.wait_for_selector("#csz[data-state=failed]", timeout=30_000)
    assert "did not start within 2 s" in tab.page.inner_text("#csz-status")


def test_instant_navigation(tab: Any, base_url: str, cli: Any) -> None:
    page = tab.page
    tab.open_instant(base_url)  # a click before Material has its sitemap would be a full page load
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-nav__link[href$='calculator/']").first.click()
    tab.wait_live()
    assert tab.result_json() == cli("--json")[1]
    tab.fill("node.gpu_w", "800")
    page.locator("a.md-logo").first.click()  # home, through instant navigation
    page.wait_for_function("() => !document.getElementById('csz')")
    page.locator("a.md-nav__link[href$='calculator/']").first.click()
    tab.wait_live()
    assert (
        page.evaluate("window.__sameDocument") is True
    )  # no full reload: Material swapped the page
    assert tab.result_json() == cli("--json")[1]


BUNDLE_AT_LIVE = """
document.addEventListener("csz:live", () => { window.__bundleAtLive = typeof window.document$; }, true);
"""


def test_site_scripts_wait_for_the_calculator_then_work(tab: Any, base_url: str, cli: Any) -> None:
    """Material's bundle and KaTeX start once the calculator is live (before, they would share the CPU and the
    link with the Pyodide boot); then Material's search and instant navigation work, the next page's math
    renders, and the calculator comes back live through instant navigation."""
    page = tab.page
    page.add_init_script(BUNDLE_AT_LIVE)
    tab.open_instant(base_url + "calculator/")  # Material parses its sitemap once it runs
    tab.wait_live()
    assert page.evaluate("window.__bundleAtLive") == "undefined"
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("headroom")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.keyboard.press("Escape")
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-nav__link[href$='power-model/']").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/power-model/')")
    page.wait_for_selector(".arithmatex .katex", timeout=30_000)
    page.locator(
        "a.md-nav__link[href$='calculator/']"
    ).first.click()  # back, still the same document
    page.wait_for_function("() => document.getElementById('csz')?.dataset.mounted === 'true'")
    tab.wait_live()
    tab.fill("node.gpu_w", "900")
    assert tab.result_json() == cli("--set", "node.gpu_w=900", "--json")[1]
    assert page.evaluate("window.__sameDocument") is True


def test_site_scripts_start_when_the_reader_reaches_for_them(tab: Any, base_url: str) -> None:
    """A reader who uses the site's own controls before the calculator is live is not kept waiting."""
    page = tab.page
    tab.open(base_url + "stall/calculator/", live=False)  # the runtime never arrives
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.document$") == "undefined"
    assert page.get_attribute("#csz", "data-state") != "live"
    page.locator(".md-header__title").first.click()
    page.wait_for_function("() => typeof window.document$ !== 'undefined'", timeout=10_000)
    page.keyboard.press("/")
    page.keyboard.type("headroom")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)


def test_keyboard_screen_reader_and_dark_scheme(tab: Any, base_url: str) -> None:
    page = tab.page
    page.emulate_media(color_scheme="dark")
    tab.open(base_url + "calculator/")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#csz input, #csz select, #csz textarea')]
            .filter(el => !el.labels.length && !el.getAttribute('aria-label')).map(el => el.id)"""
    )
    assert unlabelled == []
    positive = (
        "[...document.querySelectorAll('#csz [tabindex]')].filter(e => e.tabIndex > 0).length"
    )
    assert page.evaluate(positive) == 0  # focus follows the DOM order
    assert page.get_attribute("#csz-announce", "aria-live") == "polite"
    page.focus("#csz-preset")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "csz-nodes"
    page.keyboard.press("Tab")
    page.keyboard.type("9")  # Tab selected it_cap_mw's "5": now "9"
    tab.settle()
    assert "nodes" in page.text_content("#csz-announce")
    assert page.get_attribute("#csz-power-chart svg", "role") == "img"
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    fill = "el => getComputedStyle(el).fill"
    dark = page.eval_on_selector(".csz-c-node", fill)
    page.evaluate(
        "document.body.setAttribute('data-md-color-scheme', 'default')"
    )  # Material's toggle
    assert page.eval_on_selector(".csz-c-node", fill) != dark


def test_ranges_and_extra_loads_show_the_band_and_the_tornado(
    tab: Any, base_url: str, cli: Any
) -> None:
    """Type a range (low..typical..high) and an extra load: the band sits next to the point answer, the tornado
    draws each ranged input, and the copied command (ranges as the JSON the CLI takes) gives the same answer."""
    from clustersize import api, fmt
    from clustersize.sensitivity import swings

    tab.open(base_url + "calculator/")
    page = tab.page
    assert page.is_visible("#csz-tornado-none")  # the default example has no ranged inputs
    assert page.text_content("#csz-band") == "none (no ranged inputs)"
    tab.fill("node.gpu_w", "650..700..750")
    tab.fill("node.node_aux_w", "1400..1600..1800")
    page.click("#csz-f-extra_loads-add")
    tab.settle()
    page.fill("[id='csz-f-extra_loads.0.name']", "storage")
    page.fill("[id='csz-f-extra_loads.0.power_w']", "400..450..500")
    page.select_option("[id='csz-f-extra_loads.0.one_of']", "per_nodes")
    page.fill("[id='csz-f-extra_loads.0.per_nodes']", "1")
    page.select_option("[id='csz-f-cap_basis']", '"facility"')
    tab.settle()
    command = page.text_content("#csz-cli")
    assert """--set 'node.gpu_w={"low":650,"typical":700,"high":750}'""" in command
    assert '"power_w":{"low":400,"typical":450,"high":500},"per_nodes":1' in command
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("text=Copy command")
    page.wait_for_function("() => document.getElementById('csz-share-note').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == command
    assert run_command(cli, command) == tab.result_json()  # the CLI's answer, byte for byte
    result = json.loads(tab.result_json())
    assert result["cap_basis"] == "facility"
    band = f"{fmt.number(result['nodes_low'])}–{fmt.number(result['nodes_high'])}"
    assert page.text_content("#csz-band") == band
    assert result["nodes_low"] < result["nodes"] < result["nodes_high"]
    assert f"IT budget {fmt.number(result['it_budget_w'])} W" in page.text_content("#csz-chain")
    assert fmt.number(result["p_extra_w"]) in page.text_content("#csz-loads")
    sets = [
        a
        for a in __import__("shlex").split(command)
        if a.startswith(("node.", "extra_loads", "cap_basis"))
    ]
    table = swings(api.prepare(None, sets)[1])
    paths = page.eval_on_selector_all(
        "#csz-tornado-table tbody th", "els => els.map(e => e.textContent)"
    )
    assert paths == [r.path for r in table.rows]
    assert len(paths) == 3
    swung = page.eval_on_selector_all(
        "#csz-tornado-table tbody td:nth-child(5)", "els => els.map(e => e.textContent)"
    )
    assert swung == [fmt.number(r.swing) for r in table.rows]
    assert page.eval_on_selector_all("#csz-tornado rect", "els => els.length") == 2 * len(paths)
    # with --nodes, how many corners of the band the design fits at
    for nodes, fit in ((result["nodes_low"], "every"), (result["nodes_high"] + 1, "none")):
        page.fill("#csz-nodes", str(nodes))
        tab.settle()
        assert json.loads(tab.result_json())["band_fit"] == fit
        assert page.text_content("#csz-band") == f"{band}; fits across the band: {fit}"
    page.fill("#csz-nodes", "")
    tab.settle()
    # a range typed another way is the CLI's error, beside its field; the last band stays
    tab.fill("node.gpu_w", "650..750")
    error = json.loads(cli("--set", "node.gpu_w=650..750", "--json")[1])["error"]
    assert page.text_content("[id='csz-f-node.gpu_w-err']") == error["message"]
    assert page.text_content("#csz-band") == band
    tab.fill("node.gpu_w", "650..700..750")
    # the link brings the same form back: the range as typed, the load's row
    url = page.url
    other = page.context.new_page()
    other.goto(url)
    other.wait_for_selector("#csz[data-state=live]")
    other.wait_for_function(
        "() => { const r = document.getElementById('csz'); return r.dataset.seq === r.dataset.pending; }"
    )
    assert other.input_value("[id='csz-f-node.gpu_w']") == "650..700..750"
    assert other.input_value("[id='csz-f-extra_loads.0.power_w']") == "400..450..500"
    assert other.input_value("[id='csz-f-extra_loads.0.one_of']") == "per_nodes"
    assert other.text_content("#csz-json") == tab.result_json()
    other.close()
