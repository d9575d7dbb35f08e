"""One source of truth: the memo's numbers come from the solver at build time, never from the Markdown.

* No number a generator produces (every scenario's result, however small, and the other generators' numbers)
  is typed into a hand-written page, except where ``typed_numbers_allowed.toml`` says why it is no result.
* Every memo block and inline value was expanded in the built site.
* Each scenario's command reproduces, through the real CLI, the numbers the memo printed.
* The figures are inline SVG coloured only through currentColor and CSS variables (light and dark schemes).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.config import load_config

from clustersize import api, examples, fmt
from clustersize.sensitivity import swings
from clustersize_site.memo import typed
from clustersize_site.memo.directives import spines as memo_spines
from clustersize_site.memo.directives.sensitivity import every_choice, implicit_table
from clustersize_site.memo.generated import generated_numbers
from clustersize_site.memo.ledger import ledger_counts

OWN_PAGES_EXCLUDE = {"calculator.md"}  # the calculator page has its own owner and checks
ALLOWED = Path(__file__).with_name("typed_numbers_allowed.toml")
"""The numbers pages may type although a generator produces them, each with its reason."""


@pytest.fixture(scope="module")
def memo(memo_hook: ModuleType, root: Path) -> Any:
    return memo_hook.Memo.load(root, root / "docs")


@pytest.fixture(scope="module")
def pages(sources: dict[str, str]) -> dict[str, str]:
    """The hand-written memo pages' sources, by path relative to docs/."""
    return {
        name.removeprefix("docs/"): text
        for name, text in sources.items()
        if name.startswith("docs/") and Path(name).name not in OWN_PAGES_EXCLUDE
    }


@pytest.fixture(scope="module")
def numbers(memo: Any, pages: dict[str, str]) -> dict[str, list[str]]:
    """Every spelling of every generated number, with what generates it."""
    return generated_numbers(memo, pages)


@pytest.fixture(scope="module")
def allowed(root: Path) -> list[typed.Allowed]:
    entries, problems = typed.load_allowed(tomllib.loads(ALLOWED.read_text(encoding="utf-8")))
    assert problems == []
    return entries


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


def typed_numbers(text: str, numbers: Iterable[str]) -> list[str]:
    """Generated numbers written literally in Markdown (outside generated text, link targets and URLs)."""
    return [str(t) for t in typed.typed_numbers("planted.md", text, numbers)]


def test_no_result_number_is_typed_into_the_memo(
    memo: Any, pages: dict[str, str], numbers: dict[str, list[str]], allowed: list[typed.Allowed]
) -> None:
    assert {"3,960", "4,991,754", "495"} <= numbers.keys()
    assert {
        fmt.number(n) for n in computed_numbers(memo)
    } <= numbers.keys()  # the sensitivity page's too
    assert typed.typed_problems(pages, numbers, allowed) == []


def test_every_result_however_small_is_a_generated_number(
    memo: Any, numbers: dict[str, list[str]]
) -> None:
    """Each scenario's every numeric result field, in the formatter's spellings, small ones included."""
    ref = memo.scenarios["ref"].result
    for sc in memo.scenarios.values():
        for key, value in sc.result.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert fmt.number(value) in numbers, (sc.name, key)
                assert f"{sc.name}.{key}" in numbers[fmt.number(value)]
    small = {fmt.number(ref["evaluations"]), fmt.number(ref["tiers"]), fmt.number(ref["pods"])}
    assert small <= numbers.keys()
    watts = [fmt.megawatts(ref["p_total_w"]), fmt.kilowatts(ref["p_optics_w"])]
    watts += [fmt.styled(ref["p_total_w"], "W", "pct", ref["it_cap_w"])]
    watts += [fmt.with_unit(ref["gpus_per_mw"], "GPUs/MW")]
    assert {w.split()[0] for w in watts} <= numbers.keys()


def test_the_other_generators_numbers_are_generated_numbers(
    memo: Any, numbers: dict[str, list[str]], site_dir: Path
) -> None:
    """The solver's sentences, the trade study's sweep, the band, the implicit choices' changes, the spine
    example, the ledger and validation counts and the architecture page's module count are covered too."""
    detail = memo.scenarios["ref"].result["binding_detail"]
    in_detail = set(re.findall(r"\d+(?:,\d{3})*", detail))
    assert in_detail
    assert in_detail <= numbers.keys()
    html = (site_dir / "architecture" / "index.html").read_text(encoding="utf-8")
    modules = set(re.findall(r"The ([\d,]+) modules of", html))
    assert modules
    assert modules <= numbers.keys()
    sweep = api.sweep(examples.text("reference-5mw"), memo.trade.sweep)
    assert {fmt.number(r.gpus) for r in sweep.results} <= numbers.keys()
    band = swings(memo.scenarios["ranged"].config)
    assert {fmt.number(band.nodes_high - band.nodes_low)} <= numbers.keys()
    table = implicit_table(memo)
    assert {fmt.number(abs(c.delta)) for c in every_choice(table)} <= numbers.keys()
    naive = memo_spines.naive_values(memo.role(memo_spines.ROLE))
    assert {naive["spines"], naive["per_spine_solver"]} <= numbers.keys()
    assert fmt.number(ledger_counts(memo.ledger)["total"]) in numbers
    assert fmt.number(memo.validation.counts()["rows"]) in numbers


def test_planted_typed_result_number_is_caught(numbers: dict[str, list[str]]) -> None:
    planted = "The reference case fits 3,960 GPUs in 4991754 W.\nIts nodes: {{= ref.nodes }}.\n"
    assert typed_numbers(planted, numbers) == [
        "line 1: 3,960: The reference case fits 3,960 GPUs in 4991754 W.",
        "line 1: 4991754: The reference case fits 3,960 GPUs in 4991754 W.",
    ]


def test_planted_small_result_number_is_caught(
    memo: Any, pages: dict[str, str], numbers: dict[str, list[str]], allowed: list[typed.Allowed]
) -> None:
    """The reference's evaluation and tier counts typed into a page fail, and so does a number typed beside
    an allow-listed one on the same line: an entry covers only its own context."""
    ref = memo.scenarios["ref"].result
    evals, tiers = fmt.number(ref["evaluations"]), fmt.number(ref["tiers"])
    line = f"The reference takes {evals} evaluations on {tiers} tiers."
    planted = dict(pages)
    planted["trade-study.md"] += f"\n{line}\n"
    heading = next(e for e in allowed if e.context.startswith("## ") and e.number == tiers)
    planted[heading.page] = planted[heading.page].replace(
        heading.context, f"{heading.context} on {tiers} tiers", 1
    )
    problems = typed.typed_problems(planted, numbers, allowed)
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"{heading.page}: line ")
    assert f": {tiers}: {heading.context} on {tiers} tiers" in problems[0]
    assert "ref.tiers" in problems[0]
    assert problems[1].endswith(f": {evals}: {line} (generated: {', '.join(numbers[evals][:3])})")
    assert "ref.evaluations" in problems[1]
    assert f": {tiers}: {line}" in problems[2]
    written = line.replace(f"{evals} evaluations", "{{= ref.evaluations }} evaluations")
    assert typed_numbers(written, numbers) == [f"line 1: {tiers}: {written}"]


def test_stale_allow_entry_is_caught(
    pages: dict[str, str], numbers: dict[str, list[str]], allowed: list[typed.Allowed]
) -> None:
    """An entry whose text is gone from its page, or that names text where the number is not generated,
    excuses nothing and fails."""
    gone = allowed[0]
    edited = dict(pages)
    edited[gone.page] = edited[gone.page].replace(gone.context, "", 1)
    assert typed.typed_problems(edited, numbers, allowed) == [
        f"stale allow entry: {gone.page}: {gone.number} in {gone.context!r} excuses nothing"
    ]
    extra = typed.Allowed("index.md", "123456789", "a 123456789 nowhere", "prose", "planted")
    assert typed.typed_problems(pages, numbers, [*allowed, extra]) == [
        "stale allow entry: index.md: 123456789 in 'a 123456789 nowhere' excuses nothing"
    ]


def test_malformed_allow_entries_are_caught() -> None:
    entries, problems = typed.load_allowed(
        {
            "allow": [
                {
                    "page": "a.md",
                    "number": "3",
                    "context": "3 tiers",
                    "kind": "guess",
                    "reason": "x",
                },
                {
                    "page": "a.md",
                    "number": "3",
                    "context": "three tiers",
                    "kind": "prose",
                    "reason": "x",
                },
                {
                    "page": "a.md",
                    "number": "3",
                    "context": "3 tiers",
                    "kind": "prose",
                    "reason": "",
                },
            ]
        }
    )
    assert problems == [
        f"allow entry 0: kind 'guess' is not one of {', '.join(typed.KINDS)}",
        "allow entry 1: context 'three tiers' has no 3",
        "allow entry 2: needs exactly context, kind, number, page, reason, each set",
    ]
    assert len(entries) == 2


def test_generated_text_dates_versions_and_names_are_not_typed_numbers(
    numbers: dict[str, list[str]],
) -> None:
    tiers = "3"
    assert tiers in numbers
    text = (
        "1. A step: see [the table](page.md#3-tiers) or <https://example.org/3> on 2026-03-03,\n"
        "   version 3.3.3, preset reference-3mw, INV-003, `{{= ref.tiers }}` tiers.\n"
        "<!-- 3 tiers -->\n"
        "```memo\nheadline: 3\n```\n"
        "But 3 tiers here, and 3-tier there.\n"
    )
    assert typed_numbers(text, numbers) == [
        "line 7: 3: But 3 tiers here, and 3-tier there.",
        "line 7: 3: But 3 tiers here, and 3-tier there.",
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


def test_the_trade_sweep_is_an_inline_value(
    page_event: Any, memo_hook: ModuleType, memo: Any
) -> None:
    """The trade study quotes its ``--sweep`` spec from ``[trade]`` in scenarios.toml, not typed by hand."""
    text = page_event("trade-study.md", "`--sweep {{= trade.sweep }}`")
    assert text == f"`--sweep {memo.trade.sweep}`"
    with pytest.raises(memo_hook.MemoError, match=r"trade\.options"):
        page_event("trade-study.md", "{{= trade.options }}")
