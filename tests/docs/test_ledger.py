"""The assumptions ledger covers every input number of every bundled config, with the config's value."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import examples


@pytest.fixture(scope="module")
def configs() -> dict[str, Any]:
    return {name: json.loads(examples.text(name)) for name in examples.names()}


@pytest.fixture(scope="module")
def ledger(docs_dir: Path) -> dict[str, Any]:
    return tomllib.loads((docs_dir / "data" / "ledger.toml").read_text(encoding="utf-8"))


def test_every_config_number_has_a_matching_entry(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any]
) -> None:
    assert checks.ledger_problems(configs, ledger) == []
    assert sum(len(checks.config_numbers(c)) for c in configs.values()) > 60


def test_nothing_is_claimed_verified(ledger: dict[str, Any]) -> None:
    """Honesty: no number has been checked against a primary source for a specific part."""
    statuses = {e["status"] for entries in ledger["configs"].values() for e in entries.values()}
    assert "verified" not in statuses
    ref = ledger["configs"]["reference-5mw"]
    assert {e["status"] for e in ref.values()} == {"placeholder"}


def test_config_numbers_walks_nested_numbers_only(checks: ModuleType) -> None:
    raw = {"a": 1, "b": {"c": 2.5, "d": True, "e": "x", "f": {"g": 0}}}
    assert checks.config_numbers(raw) == {"a": 1, "b.c": 2.5, "b.f.g": 0}


def test_planted_config_number_without_entry_is_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any]
) -> None:
    planted = copy.deepcopy(configs)
    planted["reference-5mw"]["fabric"]["core"] = {"name": "core", "ports": 128, "power_w": 2500}
    problems = checks.ledger_problems(planted, ledger)
    assert problems == [
        "reference-5mw: fabric.core.ports = 128 has no ledger entry",
        "reference-5mw: fabric.core.power_w = 2500 has no ledger entry",
    ]


def test_planted_changed_value_is_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any]
) -> None:
    planted = copy.deepcopy(configs)
    planted["h100-class-64p-400g"]["node"]["gpu_w"] = 750
    problems = checks.ledger_problems(planted, ledger)
    assert len(problems) == 1
    assert "h100-class-64p-400g: node.gpu_w = 750: the ledger records value 700" in problems[0]


def test_planted_stale_entry_and_bad_fields_are_caught(
    checks: ModuleType, configs: dict[str, Any], ledger: dict[str, Any]
) -> None:
    planted = copy.deepcopy(ledger)
    ref = planted["configs"]["reference-5mw"]
    ref["node.gpu_count"] = {"value": 8, "status": "placeholder", "source": "ref-placeholder"}
    ref["node.cpu_w"]["status"] = "guessed"
    ref["node.dram_w"]["status"] = "verified"
    ref["node.nvme_w"]["checked"] = "26/11/2026"
    ref["node.nic_w"]["source"] = "nope"
    planted["configs"]["ghost-config"] = {}
    problems = checks.ledger_problems(configs, planted)
    joined = "\n".join(problems)
    assert "ledger lists config 'ghost-config', which is not a bundled config" in joined
    assert "ledger entry 'node.gpu_count' matches no number in the config" in joined
    assert "status 'guessed' is not one of" in joined
    assert "status verified needs the date it was checked" in joined
    assert "checked '26/11/2026' is not an ISO date" in joined
    assert "source 'nope' is neither a [sources] key nor a text" in joined
    assert len(problems) == 6


def test_built_ledger_lists_every_number(
    checks: ModuleType, configs: dict[str, Any], site_dir: Path
) -> None:
    html = (site_dir / "ledger" / "index.html").read_text(encoding="utf-8")
    for name, raw in configs.items():
        assert f'id="ledger-{name}"' in html, name
        for path in checks.config_numbers(raw):
            assert f"<code>{path}</code>" in html, f"{name}: {path}"
    assert "not verified" in html
