"""The assumptions ledger covers every input number of every bundled config with a sourced figure of the
config's value, and its rules (status, source, quote, date, reasoning, checked arithmetic) fail on planted
defects."""

from __future__ import annotations

import copy
import html
import json
import re
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import examples
from clustersize_site.memo.arith import evaluate


@pytest.fixture(scope="module")
def configs() -> dict[str, Any]:
    return {name: json.loads(examples.text(name)) for name in examples.names()}


@pytest.fixture(scope="module")
def ledger(docs_dir: Path) -> dict[str, Any]:
    return tomllib.loads((docs_dir / "data" / "ledger.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def used(checks: ModuleType, docs_dir: Path, sources: dict[str, str]) -> set[str]:
    """The figure keys the validation rows and the pages' links name (what the build passes as ``used``)."""
    spec = tomllib.loads((docs_dir / "data" / "validation.toml").read_text(encoding="utf-8"))
    named = {f for t in spec["table"] for f in t.get("figures", [])} | {
        p["figure"] for p in spec["power"]
    }
    pages = [text for name, text in sources.items() if name.startswith("docs/")]
    return named | checks.figure_links(pages)


def statuses(ledger: dict[str, Any], name: str) -> set[str]:
    return {ledger["figures"][key]["status"] for key in ledger["configs"][name].values()}


def test_every_config_number_has_a_matching_entry(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any], used: set[str]
) -> None:
    assert checks.ledger_problems(configs, ledger, used) == []
    assert sum(len(checks.config_numbers(c)) for c in configs.values()) > 60


def test_the_reference_is_all_placeholder_and_every_preset_cites_vendor_documents(
    ledger: dict[str, Any],
) -> None:
    """Honesty both ways: the plan's baseline claims nothing, each real-system preset rests on vendor figures."""
    assert statuses(ledger, examples.DEFAULT) == {"placeholder"}
    for name in examples.names()[1:]:
        assert "verified" in statuses(ledger, name), name
        for key in ledger["configs"][name].values():
            fig = ledger["figures"][key]
            if fig["status"] == "verified":
                urls = fig["source"] if isinstance(fig["source"], list) else [fig["source"]]
                assert all(u.startswith("https://docs.nvidia.com/") for u in urls), key


def test_config_numbers_walks_nested_numbers_only(checks: ModuleType) -> None:
    raw = {"a": 1, "b": {"c": 2.5, "d": True, "e": "x", "f": {"g": 0}}}
    assert checks.config_numbers(raw) == {"a": 1, "b.c": 2.5, "b.f.g": 0}


def test_lists_and_ranges_are_walked(checks: ModuleType) -> None:
    raw = {"x": {"low": 1, "typical": 2, "high": 3}, "loads": [{"w": 5, "n": "s"}], "r": {"low": 1}}
    assert checks.config_numbers(raw) == {
        "x.low": 1, "x.typical": 2, "x.high": 3, "loads.0.w": 5, "r.low": 1,
    }  # fmt: skip
    assert checks.config_values(raw) == {
        "x": {"low": 1, "typical": 2, "high": 3}, "loads.0.w": 5, "r.low": 1,
    }  # fmt: skip


def test_planted_config_number_without_entry_is_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any], used: set[str]
) -> None:
    planted = copy.deepcopy(configs)
    planted["reference-5mw"]["fabric"]["core"] = {"name": "core", "ports": 128, "power_w": 2500}
    problems = checks.ledger_problems(planted, ledger, used)
    assert problems == [
        "reference-5mw: fabric.core.ports = 128 has no ledger entry",
        "reference-5mw: fabric.core.power_w = 2500 has no ledger entry",
    ]


def test_planted_changed_value_is_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any], used: set[str]
) -> None:
    planted = copy.deepcopy(configs)
    planted["dgx-h100"]["node"]["gpu_w"] = 750
    problems = checks.ledger_problems(planted, ledger, used)
    assert len(problems) == 1
    assert "dgx-h100: node.gpu_w = 750: the ledger records value 700" in problems[0]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("fabric", "optic_w_per_link_end"),
            {"low": 7.5, "typical": 8, "high": 9},
            "the ledger records value",
        ),
        (("fabric", "optic_w_per_link_end"), 8, "the ledger records value"),
        (
            ("extra_loads", 0, "power_w"),
            200000,
            "extra_loads.0.power_w = 200000: the ledger records",
        ),
    ],
)
def test_planted_changed_range_or_list_item_is_caught(
    checks: ModuleType,
    configs: dict[str, Any],
    ledger: dict[str, Any],
    used: set[str],
    path: tuple[Any, ...],
    value: Any,
    message: str,
) -> None:
    planted = copy.deepcopy(configs)
    node = planted["gb200-nvl72"]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    problems = checks.ledger_problems(planted, ledger, used)
    assert len(problems) == 1, problems
    assert message in problems[0], problems


def test_planted_stale_entry_and_bad_fields_are_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any], used: set[str]
) -> None:
    planted = copy.deepcopy(ledger)
    figs = planted["figures"]
    planted["configs"]["reference-5mw"]["node.gpu_count"] = "ref-gpus-per-node"
    planted["configs"]["dgx-b200"]["node.dram_w"] = (
        "no-such-figure"  # dgx-dram-w stays used (dgx-h100)
    )
    figs["ref-cpu-w"]["status"] = "guessed"
    figs["ref-dram-w"]["reasoning"] = " "
    del figs["dgx-b200-max-w"]["read"]
    figs["dgx-b200-gpus"]["read"] = "26/11/2026"
    figs["qm9700-ports"]["source"] = "docs.nvidia.com/networking"
    figs["b200-gpu-w"]["source"] = ["https://docs.vultr.com/x", "http://example.org/y"]
    figs["h100-sxm-gpu-w"]["stated"] = ""
    figs["gb200-su-tdp-w"]["formula"] = "1.2 * 100000"
    figs["dgx-b300-max-w"]["formula"] = "__import__('os')"
    figs["ndr-optic-w-per-end"]["formula"] = {"low": "15/2", "mid": "8"}
    del figs["gb200-aux-w"]["derivation"]
    figs["orphan"] = {"what": "x", "value": 1, "unit": "W", "status": "estimate", "reasoning": "r"}
    planted["configs"]["ghost-config"] = {}
    problems = checks.ledger_problems(configs, planted, used)
    expected = [
        "ledger lists config 'ghost-config', which is not a bundled config",
        "ledger entry 'node.gpu_count' matches no number in the config",
        "its entry names figure 'no-such-figure', which the ledger does not hold",
        "figure 'ref-cpu-w': status 'guessed' is not one of",
        "figure 'ref-dram-w': status placeholder needs the reasoning behind the value",
        "figure 'dgx-b200-max-w': status verified needs the date the source was read (got None)",
        "figure 'dgx-b200-gpus': status verified needs the date the source was read (got '26/11/2026')",
        "figure 'qm9700-ports': status verified needs an https source",
        "figure 'b200-gpu-w': status secondary needs an https source",
        "figure 'h100-sxm-gpu-w': status secondary needs the figure as the source states it",
        "figure 'gb200-su-tdp-w': formula '1.2 * 100000' gives 120000, not the value 1200000",
        "figure 'dgx-b300-max-w': formula: \"__import__('os')\" may hold only numbers",
        "figure 'ndr-optic-w-per-end': formula of a range must be a table of",
        "figure 'gb200-aux-w': a formula needs its derivation in words",
        "figure 'orphan' is used by no config, validation row or page link",
    ]
    for text in expected:
        assert sum(text in p for p in problems) == 1, (text, problems)
    assert len(problems) == len(expected)


def test_formulas_are_exact_arithmetic_only() -> None:
    assert evaluate("(15/2 + 17/2) / 2") == 8
    assert evaluate("0.1 + 0.2") * 10 == 3  # exact decimals, not binary floats
    for bad in ("2 ** 10", "abs(-1)", "x + 1", "1 / 0", "1 +"):
        with pytest.raises(ValueError, match=r"expression|divides|may hold only"):
            evaluate(bad)


def test_every_derived_figure_shows_its_arithmetic(ledger: dict[str, Any]) -> None:
    """A remainder, a split or a quotient is a formula the build evaluates, not only prose."""
    for key in ("dgx-h100-aux-w", "dgx-b200-aux-w", "dgx-b300-aux-w", "gb200-aux-w", "gb200-su-overhead-w",
                "dgx-b300-max-w", "gb200-rack-trays-w", "ndr-optic-w-per-end", "qm9700-w"):  # fmt: skip
        assert "formula" in ledger["figures"][key], key
        assert ledger["figures"][key]["derivation"], key


def test_counts_per_status(checks: ModuleType, ledger: dict[str, Any]) -> None:
    counts = checks.ledger_counts(ledger)
    by_hand: dict[str, int] = {}
    for table in ledger["configs"].values():
        for key in table.values():
            status = ledger["figures"][key]["status"]
            by_hand[status] = by_hand.get(status, 0) + 1
    assert {s: counts[s] for s in by_hand} == by_hand
    assert (
        counts["total"] == sum(by_hand.values()) == sum(len(t) for t in ledger["configs"].values())
    )
    assert (
        counts["default.placeholder"]
        == counts["default.total"]
        == len(ledger["configs"][examples.DEFAULT])
    )
    assert counts["default.verified"] == 0


def _text(html_text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text)))


def test_built_ledger_lists_every_number_and_counts_per_status(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any], site_dir: Path
) -> None:
    page = (site_dir / "ledger" / "index.html").read_text(encoding="utf-8")
    for name, raw in configs.items():
        assert f'id="ledger-{name}"' in page, name
        for path in checks.config_values(raw):
            assert f"<code>{path}</code>" in page, f"{name}: {path}"
    for key in ledger["figures"]:
        assert f'id="fig-{key}"' in page, key
    text = _text(page)
    counts = checks.ledger_counts(ledger)
    names = examples.names()
    for status in checks.LEDGER_STATUSES:
        row = " ".join(f"{counts[f'{n}.{status}']:,}" for n in names) + f" {counts[status]:,}"
        assert row in text, status
    assert "Not read:" in text
    assert "stored copy read 2026-11-30" in text


def test_executive_summary_says_which_status_its_inputs_carry(
    checks: ModuleType, ledger: dict[str, Any], site_dir: Path
) -> None:
    text = _text((site_dir / "index.html").read_text(encoding="utf-8"))
    counts = checks.ledger_counts(ledger)
    assert (
        f"The reference case's {counts['default.total']} inputs are {counts['default.placeholder']} placeholder, "
        f"{counts['default.estimate']} estimate, {counts['default.secondary']} secondary and "
        f"{counts['default.verified']} verified"
    ) in text
