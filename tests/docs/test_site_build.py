"""The shape of the site build: the MkDocs hook file only hands over the events of the typed package, page
directives are registered explicitly, and no scenario is named in code (scenarios are data)."""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from clustersize_site.memo import registry
from clustersize_site.memo.errors import MemoError
from clustersize_site.memo.page import FENCE

ROOT = Path(__file__).resolve().parents[2]
EVENTS = {"on_config", "on_files", "on_page_markdown"}


def test_the_hook_file_hands_over_the_package_events(memo_hook: ModuleType) -> None:
    spec = importlib.util.spec_from_file_location("memo_entry", ROOT / "overrides/hooks/memo.py")
    assert spec is not None
    assert spec.loader is not None
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    handed = {name for name in dir(entry) if name.startswith("on_")}
    assert handed == EVENTS
    assert all(getattr(entry, name) is getattr(memo_hook, name) for name in EVENTS)


def test_every_directive_a_page_uses_is_registered() -> None:
    used = {
        m["body"].split(":", 1)[0].strip()
        for path in (ROOT / "docs").rglob("*.md")
        for m in FENCE.finditer(path.read_text(encoding="utf-8"))
    }
    assert {"headline", "trade", "architecture"} <= used
    assert used <= {key.partition(": ")[0] for key in registry.DIRECTIVES}


def test_a_directive_cannot_register_twice() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        registry.directive("headline")(lambda ctx, arg, spec: "")


def test_an_unknown_directive_output_names_the_choices() -> None:
    with pytest.raises(MemoError, match=r"unknown trade output 'chart' \(one of: commands"):
        registry.expand_block(None, "trade: chart\n")  # type: ignore[arg-type]


def string_constants(text: str) -> set[str]:
    """Every string literal in Python source (docstrings and f-string parts included)."""
    return {
        node.value
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def scenario_names_in(files: dict[str, str], names: set[str]) -> list[str]:
    """``path: name`` for every scenario name written as a whole string literal in code."""
    return [
        f"{path}: {name}"
        for path, text in sorted(files.items())
        for name in sorted(names & string_constants(text))
    ]


def test_no_scenario_is_named_in_code() -> None:
    spec = tomllib.loads((ROOT / "docs/data/scenarios.toml").read_text(encoding="utf-8"))
    names = set(spec["scenario"])
    assert {"ref", "naive20"} <= names
    files = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for p in [*(ROOT / "src/clustersize_site").rglob("*.py"), ROOT / "overrides/hooks/memo.py"]
    }
    assert scenario_names_in(files, names) == []


def test_planted_scenario_name_in_code_is_caught() -> None:
    planted = {"x.py": 'r = memo.scenario("naive20").result\nREF = "ref"\nhelp = "the ref case"\n'}
    assert scenario_names_in(planted, {"ref", "naive20"}) == ["x.py: naive20", "x.py: ref"]
