"""One source of truth: the memo's numbers come from the solver at build time, never from the Markdown.

* No result number of any memo scenario is typed into a hand-written page.
* Every memo block and inline value was expanded in the built site.
* Each scenario's command reproduces, through the real CLI, the numbers the memo printed.
* The figures are inline SVG coloured only through currentColor and CSS variables (light and dark schemes).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.config import load_config

from clustersize import api, examples
from clustersize.sensitivity import swings
from clustersize_site.memo.directives.sensitivity import every_choice, implicit_table

OWN_PAGES_EXCLUDE = {"calculator.md"}  # the calculator page has its own owner and checks


@pytest.fixture(scope="module")
def memo(memo_hook: ModuleType, root: Path) -> Any:
    return memo_hook.Memo.load(root, root / "docs")


def result_numbers(memo: Any, checks: ModuleType) -> set[str]:
    """Spellings of every result number >= 100 of every scenario (and every node count the sensitivity page
    computes) that is not also an input number."""
    inputs: set[float] = set()
    for raw in memo.configs.values():
        inputs |= {float(v) for v in checks.config_numbers(raw).values()}
    for sc in memo.scenarios.values():
        for assignment in sc.sets:
            value = assignment.partition("=")[2]
            if re.fullmatch(r"-?\d+(\.\d+)?", value):
                inputs.add(float(value))
        if sc.nodes:
            inputs.add(float(sc.nodes))
    out: set[str] = set()
    results = [v for sc in memo.scenarios.values() for v in sc.result.values()]
    for value in (*results, *computed_numbers(memo)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if abs(value) < 100 or float(value) in inputs:
            continue
        if isinstance(value, int) or float(value).is_integer():
            out |= {f"{int(value):,}", str(int(value))}
        else:
            out |= {f"{value:,.1f}", f"{value:.1f}", f"{value:,}", repr(value)}
    return out


def computed_numbers(memo: Any) -> list[int]:
    """The node counts the sensitivity page computes beyond the scenarios' results: each ranged scenario's
    one-at-a-time swings and every implicit choice."""
    out = [c.nodes for c in every_choice(implicit_table(memo))]
    for sc in memo.scenarios.values():
        if sc.result["ranged_inputs"]:
            out += [
                n for row in swings(sc.config).rows for n in (row.nodes_at_low, row.nodes_at_high)
            ]
    return out


def typed_numbers(text: str, numbers: set[str]) -> list[str]:
    """Result numbers written literally in Markdown (outside footnote definitions and URLs)."""
    found = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("[^"):
            continue
        line = re.sub(r"https?://\S+", " ", line)
        for token in re.findall(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w,]*\d)", line):
            if token in numbers:
                found.append(f"line {lineno}: {token}: {line.strip()}")
    return found


def test_no_result_number_is_typed_into_the_memo(
    memo: Any, checks: ModuleType, sources: dict[str, str]
) -> None:
    numbers = result_numbers(memo, checks)
    assert {"3,960", "4,991,754", "495"} <= numbers
    assert {
        f"{n:,}" for n in computed_numbers(memo) if n >= 100
    } <= numbers  # the sensitivity page's too
    problems = {
        name: typed_numbers(text, numbers)
        for name, text in sources.items()
        if name.startswith("docs/") and Path(name).name not in OWN_PAGES_EXCLUDE
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_planted_typed_result_number_is_caught(memo: Any, checks: ModuleType) -> None:
    numbers = result_numbers(memo, checks)
    planted = "The reference case fits 3,960 GPUs in 4991754 W.\nIts nodes: {{= ref.nodes }}.\n"
    assert typed_numbers(planted, numbers) == [
        "line 1: 3,960: The reference case fits 3,960 GPUs in 4991754 W.",
        "line 1: 4991754: The reference case fits 3,960 GPUs in 4991754 W.",
    ]


def test_every_memo_block_was_expanded(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "{{=" not in text, path
        assert "language-memo" not in text, path


def test_unknown_inline_value_fails_the_build(memo_hook: ModuleType, root: Path) -> None:
    memo_hook.on_config(load_config(str(root / "mkdocs.yml")))

    class _File:
        src_uri = "planted.md"

    class _Page:
        file = _File()

    with pytest.raises(memo_hook.MemoError, match="not a result field"):
        memo_hook.on_page_markdown("{{= ref.gpu_count }}", _Page(), None, None)
    with pytest.raises(memo_hook.MemoError, match="unknown memo generator"):
        memo_hook.on_page_markdown("```memo\nfrobnicate: 1\n```\n", _Page(), None, None)


def test_scenarios_reproduce_through_the_cli(memo: Any) -> None:
    """Every number the memo quotes is what its shown command prints (in-process for all, and one real
    subprocess run of the reference command)."""
    for sc in memo.scenarios.values():
        code, text = api.run(examples.text(sc.preset), sc.nodes, sc.sets)
        assert code == 0, sc.cmd
        assert json.loads(text) == sc.result, sc.cmd
    ref = memo.scenarios["ref"]
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *ref.argv, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(proc.stdout) == ref.result


def test_the_built_summary_shows_the_cli_answer(site_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", "--preset", "reference-5mw", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(proc.stdout)
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for key in ("nodes", "gpus", "switches_total", "p_total_w", "optics"):
        assert f"{result[key]:,}" in html, key


FIGURE_COLOUR = re.compile(
    r'\b(?:fill|stroke|color|stop-color)\s*[=:]\s*"?(#[0-9a-fA-F]{3,8}|rgb|hsl|[a-z]+\b)'
)


def colour_problems(svg: str) -> list[str]:
    """Colours written into the SVG markup instead of currentColor / CSS variables."""
    return [
        m.group(0)
        for m in FIGURE_COLOUR.finditer(svg)
        if m.group(1) not in ("none", "currentColor")
    ]


def test_figures_follow_the_colour_scheme(site_dir: Path) -> None:
    html = (site_dir / "trade-study" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg class=\"memo-fig\".*?</svg>", html, re.DOTALL)
    assert len(svgs) == 3  # GPUs vs cap, fabric power, racks
    for svg in svgs:
        assert "<title" in svg
        assert "<desc" in svg
        assert colour_problems(svg) == []
    css = (site_dir / "stylesheets" / "memo.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"]' in css


def test_the_tornado_figure_follows_the_colour_scheme(site_dir: Path) -> None:
    html = (site_dir / "sensitivity" / "index.html").read_text(encoding="utf-8")
    (svg,) = re.findall(r"<svg class=\"memo-fig\".*?</svg>", html, re.DOTALL)
    assert "<title" in svg
    assert "<desc" in svg
    assert 'class="memo-bar memo-p0"' in svg
    assert colour_problems(svg) == []


def test_planted_hard_coded_colour_is_caught() -> None:
    assert colour_problems('<polyline stroke="#000000"/><text fill="black">x</text>') == [
        'stroke="#000000',
        'fill="black',
    ]
    assert colour_problems('<text fill="currentColor"/><path fill="none"/>') == []
