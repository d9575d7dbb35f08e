"""The solver core imports nothing outside the standard library, so it runs unchanged in Pyodide."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import clustersize

PACKAGE = Path(clustersize.__file__).parent


def imported_top_level_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_core_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__", "clustersize"}
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 10
    offenders = {
        f"{path.name}: {module}"
        for path in files
        for module in imported_top_level_modules(path) - allowed
    }
    assert not offenders


def test_the_import_check_catches_a_third_party_import(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("import numpy\nfrom yaml import safe_load\n")
    assert imported_top_level_modules(planted) - set(sys.stdlib_module_names) == {"numpy", "yaml"}


def test_package_data_ships_schema_and_examples() -> None:
    data = PACKAGE / "data"
    assert (data / "config.schema.json").is_file()
    assert len(list((data / "examples").glob("*.json"))) >= 4
    assert (PACKAGE / "py.typed").is_file()
