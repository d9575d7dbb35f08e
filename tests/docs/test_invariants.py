"""The invariants table: every ID has an enforcing test, and every test ID is in the table.

The build runs the same check (overrides/hooks/memo.py); here it runs on the real repository and on planted
test trees.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import ModuleType


def _registry(docs_dir: Path) -> list[str]:
    data = tomllib.loads((docs_dir / "data" / "invariants.toml").read_text(encoding="utf-8"))
    return [i["id"] for i in data["invariant"]]


def test_every_id_is_enforced_and_every_test_id_is_listed(
    checks: ModuleType, root: Path, docs_dir: Path
) -> None:
    ids = _registry(docs_dir)
    assert ids == [
        "INV-001",
        "INV-002",
        "INV-003",
        "INV-004",
        "INV-005",
        "INV-006",
        "INV-007",
        "GATE-SEC-001",
        "GATE-SEC-002",
        "GATE-SC-001",
        "GATE-SC-002",
    ]
    assert checks.invariant_problems(ids, checks.scan_tests(root)) == []


def test_test_names_map_to_ids(checks: ModuleType) -> None:
    assert checks.test_id("test_inv_001_fits") == "INV-001"
    assert checks.test_id("test_gate_sec_002_codeql") == "GATE-SEC-002"
    assert checks.test_id("test_gate_sc_001") == "GATE-SC-001"
    assert checks.test_id("test_invariants_table") is None
    assert checks.test_id("test_inv_01_short") is None


def _plant(tmp_path: Path, source: str) -> Path:
    (tmp_path / "tests" / "sub").mkdir(parents=True)
    (tmp_path / "tests" / "sub" / "test_planted.py").write_text(source, encoding="utf-8")
    return tmp_path


def test_planted_test_with_unlisted_id_is_caught(checks: ModuleType, tmp_path: Path) -> None:
    root = _plant(
        tmp_path, "def test_inv_009_new_rule():\n    pass\n\ndef test_inv_001_ok():\n    pass\n"
    )
    problems = checks.invariant_problems(["INV-001"], checks.scan_tests(root))
    assert problems == [
        "INV-009 is enforced by tests/sub/test_planted.py::test_inv_009_new_rule but missing from the "
        "invariants table"
    ]


def test_planted_id_without_test_is_caught(checks: ModuleType, tmp_path: Path) -> None:
    root = _plant(tmp_path, "class TestX:\n    def test_inv_001_in_class(self):\n        pass\n")
    problems = checks.invariant_problems(["INV-001", "INV-006"], checks.scan_tests(root))
    assert problems == ["INV-006 has no enforcing test (name one test_inv_006_...)"]


def test_names_in_strings_and_comments_do_not_count(checks: ModuleType, tmp_path: Path) -> None:
    root = _plant(
        tmp_path,
        '# def test_inv_002_comment(): pass\nSRC = "def test_inv_002_string(): pass"\n',
    )
    assert checks.scan_tests(root) == []
    assert checks.invariant_problems(["INV-002"], []) == [
        "INV-002 has no enforcing test (name one test_inv_002_...)"
    ]


def test_planted_malformed_and_duplicate_ids_are_caught(checks: ModuleType) -> None:
    problems = checks.invariant_problems(["INV-1", "GATE-SC-001", "GATE-SC-001"], [])
    assert any("'INV-1' is not a well-formed ID" in p for p in problems)
    assert any("GATE-SC-001 is listed twice" in p for p in problems)


def test_built_table_links_every_enforcing_test(
    checks: ModuleType, root: Path, docs_dir: Path, site_dir: Path
) -> None:
    """The published table has a row per ID, and each enforcing test is linked to its index entry."""
    table = (site_dir / "invariants" / "index.html").read_text(encoding="utf-8")
    index = (site_dir / "reference" / "tests" / "index.html").read_text(encoding="utf-8")
    for ident in _registry(docs_dir):
        assert f'id="{ident.lower()}"' in table, ident
    for test in checks.scan_tests(root):
        assert f"#{test.anchor}" in table, test.name
        assert f'id="{test.anchor}"' in index, test.name
