"""Node.js Pyodide (the npm package the site ships) gives byte-identical answers to CPython and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize import examples

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "node" / "cases.py"
SELFCHECK = ROOT / "tests" / "node" / "selfcheck.py"

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def corpus_text(corpus_module: ModuleType) -> str:
    cases = corpus_module.corpus()
    assert len(cases) > 300
    return json.dumps(cases, ensure_ascii=False)


@pytest.fixture(scope="module")
def snapshot(
    hook: ModuleType, wheel: Path, stdlib: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The memory snapshot the site ships, for this wheel and stdlib (built or taken from the build cache)."""
    path: Path = hook.build_snapshot(
        wheel, stdlib, tmp_path_factory.mktemp("snap") / "snapshot.bin.gz"
    )
    return path


def compare(corpus_text: str, expected: str, got: str) -> None:
    cases, want, have = json.loads(corpus_text), json.loads(expected), json.loads(got)
    assert len(have) == len(want) == len(cases)
    for case, w, h in zip(cases, want, have, strict=True):
        assert h == w, f"Pyodide differs from CPython for {json.dumps(case)[:300]}"
    assert got == expected  # the whole answer, byte for byte


def test_corpus_matches_cpython(
    cases_module: ModuleType, corpus_text: str, pyodide_call: Any
) -> None:
    expected = cases_module.run_corpus(corpus_text)
    answers = json.loads(expected)
    assert {code for code, _ in answers} == {
        0,
        2,
        3,
    }  # results, invalid configs and infeasible ones
    compare(corpus_text, expected, pyodide_call(CASES, "run_corpus", corpus_text))


def test_corpus_matches_cpython_from_snapshot(
    cases_module: ModuleType, corpus_text: str, pyodide_call: Any, snapshot: Path
) -> None:
    """The browser restores a memory snapshot instead of booting: same answers."""
    expected = cases_module.run_corpus(corpus_text)
    compare(corpus_text, expected, pyodide_call(CASES, "run_corpus", corpus_text, snapshot))


def test_api_run_is_the_cli(cases_module: ModuleType, cli: Any, tmp_path: Path) -> None:
    """The CPython side of the parity is the CLI's own stdout (checked on the bundled examples)."""
    for name in examples.names():
        path = tmp_path / f"{name}.json"
        path.write_text(examples.text(name), encoding="utf-8")
        code, out, _ = cli("--config", str(path), "--json", "--set", "node.gpu_w=999.5")
        assert [code, out] == cases_module.run_case(
            {"config": examples.text(name), "sets": ["node.gpu_w=999.5"]}
        )
        code, out, _ = cli("--config", str(path), "--json", "--sweep", "it_cap_mw=1:3:0.5")
        assert [code, out] == cases_module.run_case(
            {"config": examples.text(name), "sweep": "it_cap_mw=1:3:0.5"}
        )


def test_selfcheck_in_cpython_and_pyodide(pyodide_call: Any, load: Any) -> None:
    """The solver's invariants hold in both interpreters, on the same seeded configs."""
    module = load("calculator_selfcheck", SELFCHECK)
    args = json.dumps({"count": 300, "seed": 7})
    here = module.main(args)
    assert json.loads(here)["random"] >= 150
    assert pyodide_call(SELFCHECK, "main", args) == here


def test_wheel_is_reproducible(hook: ModuleType, wheel: Path, tmp_path: Path) -> None:
    again = hook.build_wheel(tmp_path)
    assert again.read_bytes() == wheel.read_bytes()


def test_cli_under_test_is_src() -> None:
    """The CLI the tests compare against is this repository's clustersize (src/)."""
    import clustersize

    assert Path(clustersize.__file__).resolve().parent == ROOT / "src" / "clustersize"


def test_worker_module_matches_cpython_from_snapshot(
    cases_module: ModuleType, corpus_text: str, pyodide_call: Any, snapshot: Path
) -> None:
    """clustersize.web, which the browser worker calls, replies in Pyodide (restored from the site's snapshot)
    byte for byte as in CPython: results, formatted cells, sweeps and errors."""
    expected = cases_module.run_web_corpus(corpus_text)
    replies = [json.loads(r) for r in json.loads(expected)]
    assert {r["code"] for r in replies} == {0, 2, 3}
    assert any("cells" in r for r in replies)
    compare(corpus_text, expected, pyodide_call(CASES, "run_web_corpus", corpus_text, snapshot))


def test_page_data_in_pyodide_is_cpythons(pyodide_call: Any) -> None:
    """The page data the build computes in CPython is what the same module computes in Pyodide."""
    from clustersize import web

    assert pyodide_call("clustersize.web", "page_json", None) == web.page_json()


def test_corpus_covers_the_planning_keys(cases_module: ModuleType, corpus_text: str) -> None:
    """The corpus the Pyodide tests compare holds the planning keys: ranges (band, band_fit, tornado rows, a
    range's own errors), extra loads of both kinds, the facility basis, a margin and the nameplate basis."""
    replies = [json.loads(r) for r in json.loads(cases_module.run_web_corpus(corpus_text))]
    results = [json.loads(r["json"]) for r in replies if "json" in r]
    ok = [r for r in results if "error" not in r]
    errors = [r["error"].get("path") for r in results if "error" in r]
    assert any(r["nodes_low"] is not None and r["band_fit"] is not None for r in ok)
    assert any(len(r["ranged_inputs"]) >= 10 for r in ok)
    assert any(len((reply.get("tornado") or {}).get("rows", [])) >= 10 for reply in replies)
    both = [r for r in ok if len(r["extra_loads"]) >= 2 and r["nodes"] > 6]
    assert any(  # one unit per node, and a fixed count
        {x["count"] for x in r["extra_loads"]} >= {r["nodes"], 6} for r in both
    )
    assert any(r["cap_basis"] == "facility" and r["planning_margin"] > 0 for r in ok)
    assert any(r["power_basis"] == "nameplate" for r in ok)
    assert {"/node/gpu_w/low", "/node/nameplate_w", "/extra_loads/0/per_nodes"} <= set(errors)
