"""Compare and export in Debian's chromium against the built site: a design pinned as A beside the edited B, with
B − A, round-trips through a share link; every CSV download is byte for byte what the CLI prints."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clustersize import fmt
from clustersize.compare import COMPARED, deltas

pytestmark = pytest.mark.browser


def cli_bytes(*args: str) -> tuple[int, bytes]:
    """``python -m clustersize ARGS``: exit code and stdout as bytes (CSV's CRLF line ends kept)."""
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *args], capture_output=True, check=False, timeout=60
    )
    return proc.returncode, proc.stdout


def compare_table(page: Any) -> dict[str, list[str]]:
    """The compare table: result key -> [A, B, B − A] as shown."""
    rows = page.eval_on_selector_all(
        "#csz-compare-table tbody tr",
        "trs => trs.map(tr => [tr.dataset.compare, ...[...tr.cells].slice(1).map(c => c.textContent)])",
    )
    return {key: cells for key, *cells in rows}


def wait_compared(page: Any) -> None:
    page.wait_for_function(
        "() => { const r = document.getElementById('csz');"
        " return r.dataset.state === 'live' && r.dataset.seq === r.dataset.pending"
        " && r.dataset.compared === r.dataset.seq; }",
        timeout=30_000,
    )


def expected_table(a_args: list[str], b_args: list[str]) -> dict[str, list[str]]:
    a = json.loads(cli_bytes(*a_args, "--json")[1])
    b = json.loads(cli_bytes(*b_args, "--json")[1])
    ca, cb, d = fmt.cells(a), fmt.cells(b), deltas(a, b)
    return {key: [ca[key], cb[key], d[key]] for key in COMPARED}


def test_compare_round_trips_through_a_share_link(tab: Any, base_url: str) -> None:
    page = tab.page
    tab.open(base_url + "calculator/")
    assert not page.is_visible("#csz-compare-table")
    page.click("text=Pin this design as A")
    tab.fill("node.gpu_w", "1000")
    page.fill("#csz-nodes", "300")
    tab.settle()
    wait_compared(page)
    want = expected_table(
        ["--preset", "reference-5mw"],
        ["--preset", "reference-5mw", "--set", "node.gpu_w=1000", "--nodes", "300"],
    )
    assert compare_table(page) == want
    assert want["nodes"][2] == "\u2212195"  # B has 300 nodes, A 495
    assert (
        page.text_content("#csz-compare-a")
        == "A is python -m clustersize --preset reference-5mw --json"
    )
    assert "a.preset=reference-5mw" in page.url
    other = page.context.new_page()
    other.goto(page.url)
    wait_compared(other)
    assert compare_table(other) == want  # both designs travel in the link
    assert other.input_value("[id='csz-f-node.gpu_w']") == "1000"
    other.close()
    page.click("text=Clear A")
    tab.settle()
    assert not page.is_visible("#csz-compare-table")
    assert "a.preset" not in page.url


def download(page: Any, label: str, folder: Path) -> bytes:
    with page.expect_download() as info:
        page.click(f"#csz-downloads button:has-text('{label}')")
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def test_csv_downloads_are_the_cli_bytes(tab: Any, base_url: str, tmp_path: Path) -> None:
    page = tab.page
    tab.open(base_url + "calculator/")
    page.select_option("#csz-preset", "dgx-h100")
    tab.settle()
    tab.fill("node.gpu_w", "650.5")
    page.fill("#csz-nodes", "40")
    tab.settle()
    page.fill("#csz-sweep-stop", "4")
    args = ["--preset", "dgx-h100", "--set", "node.gpu_w=650.5", "--nodes", "40"]
    sweep = ["--sweep", "it_cap_mw=1:4:0.5"]
    for label, extra in (
        ("Result CSV", ["--csv"]),
        ("Sweep CSV", [*sweep, "--csv"]),
        ("Bill of materials CSV", ["--bom"]),
    ):
        got = download(page, label, tmp_path)
        code, want = cli_bytes(*args, *extra)
        assert code == 0
        assert got == want, label
        assert got.endswith(b"\r\n")
        note = page.text_content("#csz-download-note")
        command = note.split("the bytes of ", 1)[1]
        argv = shlex.split(command)
        assert argv[:3] == ["python", "-m", "clustersize"]
        assert cli_bytes(*argv[3:]) == (0, got)  # the command the page names prints the same bytes
