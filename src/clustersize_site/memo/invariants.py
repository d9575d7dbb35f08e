"""Invariant and gate IDs (``docs/data/invariants.toml``) and the tests that enforce them.

A test enforces an ID by its name: ``test_inv_001_...``, ``test_gate_sec_001_...``, ``test_gate_sc_001_...``.
The tests are found by parsing the files under ``tests/`` (names in strings or comments do not count).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_TEST_ID_RE = re.compile(r"^test_(inv|gate_sec|gate_sc)_(\d{3})(?:_|$)")
ID_RE = re.compile(r"^(INV|GATE-SEC|GATE-SC)-\d{3}$")


def test_id(function_name: str) -> str | None:
    """The ID a test function enforces, from its name: ``test_gate_sec_001_pins`` -> ``GATE-SEC-001``."""
    m = _TEST_ID_RE.match(function_name)
    if not m:
        return None
    return f"{m.group(1).upper().replace('_', '-')}-{m.group(2)}"


@dataclass(frozen=True)
class TestRef:
    """One test function that enforces an invariant or gate ID."""

    __test__ = False  # not a pytest class

    id: str
    path: str  # repository-relative, POSIX
    name: str
    lineno: int
    doc: str
    source: str

    @property
    def anchor(self) -> str:
        """A stable HTML id for this test on the test index page."""
        return "t-" + re.sub(r"[^a-z0-9]+", "-", f"{self.path}-{self.name}".lower()).strip("-")


def scan_tests(root: Path, tests_dir: str = "tests") -> list[TestRef]:
    """Every test function (module level or in a class) whose name carries an ID, found by parsing the
    files (names in strings or comments do not count)."""
    found: list[TestRef] = []
    for path in sorted((root / tests_dir).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text, filename=str(path))
        except (
            SyntaxError
        ) as exc:  # a broken test file is a problem for pytest, not a silent skip here
            raise ValueError(f"{path}: cannot parse ({exc})") from None
        rel = path.relative_to(root).as_posix()
        for node in _test_functions(tree):
            ident = test_id(node.name)
            if ident is None:
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            source = "\n".join(text.splitlines()[first - 1 : node.end_lineno])
            doc = (ast.get_docstring(node) or "").strip()
            found.append(TestRef(ident, rel, node.name, node.lineno, doc, source))
    return found


def _test_functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield sub


def invariant_problems(registry: Iterable[str], tests: Iterable[TestRef]) -> list[str]:
    """Every registered ID has at least one enforcing test, and every ID a test names is registered."""
    ids = list(registry)
    problems = [
        f"{i!r} is not a well-formed ID (INV-nnn, GATE-SEC-nnn, GATE-SC-nnn)"
        for i in ids
        if not ID_RE.match(i)
    ]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    problems += [f"{i} is listed twice in the invariants table" for i in dupes]
    by_id: dict[str, list[TestRef]] = {}
    for t in tests:
        by_id.setdefault(t.id, []).append(t)
    for i in ids:
        if i not in by_id:
            problems.append(
                f"{i} has no enforcing test (name one test_{i.lower().replace('-', '_')}_...)"
            )
    for i in sorted(set(by_id) - set(ids)):
        names = ", ".join(f"{t.path}::{t.name}" for t in by_id[i])
        problems.append(f"{i} is enforced by {names} but missing from the invariants table")
    return problems
