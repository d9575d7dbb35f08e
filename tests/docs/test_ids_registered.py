"""Every invariant or gate ID the docs name exists in the registry (docs/data/invariants.toml).

The build checks that each registered ID has an enforcing test; this checks the other direction for prose: an
``INV-009`` typed into a page, a data file, a docstring the API reference renders, or a ``test_inv_009_…`` name
quoted in a page must be a registered ID. It reads the sources, not the built site.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "docs" / "data" / "invariants.toml"

# INV-001, GATE-SEC-001, GATE-SC-001 ... (any prefix, so a misspelt family is caught too), and the test-name
# spelling test_inv_001 / test_gate_sec_001.
ID_RE = re.compile(r"\b(?:INV|GATE)(?:-[A-Z]+)*-\d+\b")
TEST_NAME_RE = re.compile(r"\btest_((?:inv|gate)(?:_[a-z]+)*_\d+)(?=_|\b)")


def registry() -> set[str]:
    data = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))
    return {entry["id"] for entry in data["invariant"]}


def doc_sources(root: Path) -> dict[str, str]:
    """Everything the site is built from that can name an ID, by repository-relative path."""
    paths = [
        *sorted((root / "docs").rglob("*.md")),
        *sorted((root / "docs" / "data").glob("*.toml")),
        *sorted((root / "src").rglob("*.py")),
        root / "README.md",
        root / "SECURITY.md",
        root / "mkdocs.yml",
    ]
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in paths}


def ids_named(text: str) -> set[str]:
    """The IDs a text names, in either spelling (``INV-001`` or ``test_inv_001_…``)."""
    named = set(ID_RE.findall(text))
    named |= {m.upper().replace("_", "-") for m in TEST_NAME_RE.findall(text)}
    return named


def unregistered(sources: dict[str, str], known: set[str]) -> list[str]:
    """``path: ID`` for every ID a source names that the registry does not list."""
    return [
        f"{path}: {ident} is not in docs/data/invariants.toml"
        for path, text in sorted(sources.items())
        for ident in sorted(ids_named(text) - known)
    ]


def test_every_id_named_in_the_docs_is_registered() -> None:
    sources = doc_sources(ROOT)
    assert {"README.md", "docs/invariants.md", "src/clustersize/solve.py"} <= set(sources)
    assert unregistered(sources, registry()) == []
    named = set().union(*map(ids_named, sources.values()))
    assert {"INV-001", "INV-004", "GATE-SEC-001", "GATE-SC-001"} <= named  # the scan does see IDs


@pytest.mark.parametrize(
    ("planted", "ident"),
    [
        ("Enforced at run time (INV-009).", "INV-009"),
        ("| GATE-SEC-003 | scanned |", "GATE-SEC-003"),
        ("see GATE-SUP-001", "GATE-SUP-001"),
        ("Run `pytest -k test_inv_012_rule`.", "INV-012"),
        ("`test_gate_sc_009_attest`", "GATE-SC-009"),
    ],
)
def test_a_planted_unregistered_id_is_caught(tmp_path: Path, planted: str, ident: str) -> None:
    for rel in ("docs/data/x.toml", "src/pkg/m.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# INV-001\n", encoding="utf-8")
    for rel in ("README.md", "SECURITY.md", "mkdocs.yml"):
        (tmp_path / rel).write_text("", encoding="utf-8")
    (tmp_path / "docs" / "page.md").write_text(f"# Page\n\nINV-001 holds. {planted}\n", "utf-8")
    problems = unregistered(doc_sources(tmp_path), registry())
    assert problems == [f"docs/page.md: {ident} is not in docs/data/invariants.toml"]


def test_placeholders_and_other_words_are_not_ids() -> None:
    assert ids_named("`INV-…` has no test; INVENTORY-1; test_inventory_001; GATE-keeping") == set()
    assert ids_named("test_inv_001_fits and INV-004") == {"INV-001", "INV-004"}
