"""The mutation report (scripts/mutation_report.py) over fake mutmut output, and the committed equivalents file."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = Path(__file__).parent / "equivalent.toml"

RESULTS = """\
    clustersize.topology.x_ceil_div__mutmut_1: killed
    clustersize.topology.x_ceil_div__mutmut_2: survived
    clustersize.topology.x_ceil_div__mutmut_3: timeout
    clustersize.solve.x_exact__mutmut_1: no tests
    clustersize.solve.x_exact__mutmut_2: survived
    clustersize.solve.x_exact__mutmut_3: killed
"""
DIFFS = {
    "clustersize.topology.x_ceil_div__mutmut_2": (
        "# clustersize.topology.x_ceil_div__mutmut_2: survived\n"
        "--- src/clustersize/topology.py\n+++ src/clustersize/topology.py\n"
        "@@ -1,3 +1,3 @@\n def ceil_div(a: int, b: int) -> int:\n"
        "-    return -(-a // b)\n+    return -(-a // b + 0)\n"
    ),
}


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mutation_report", ROOT / "scripts" / "mutation_report.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation_report"] = module  # dataclasses look their module up while they are built
    spec.loader.exec_module(module)
    return module


report = _load()


def fake_mutmut(results: str = RESULTS) -> report.Mutmut:  # type: ignore[name-defined]
    def run(args: Sequence[str]) -> str:
        if list(args) == ["results", "--all", "true"]:
            return results
        assert args[0] == "show", args
        return DIFFS.get(args[1], f"# {args[1]}\n")

    return run


def entry(name: str, change: str = "return -(-a // b + 0)") -> str:
    return f'[[mutant]]\nname = "{name}"\nreason = "adding zero changes nothing"\nchange = "{change}"\n'


def run(tmp_path: Path, equivalent: str, results: str = RESULTS) -> tuple[int, list[str]]:
    eq, out = tmp_path / "equivalent.toml", tmp_path / "out" / "survivors.txt"
    eq.write_text(equivalent, encoding="utf-8")
    code = report.main(["--equivalent", str(eq), "--out", str(out)], fake_mutmut(results))
    survivors = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    return code, survivors


def test_parse_results_reads_name_and_status() -> None:
    statuses = report.parse_results(RESULTS + "\nsome banner line\n")
    assert len(statuses) == 6
    assert statuses["clustersize.solve.x_exact__mutmut_1"] == "no tests"
    assert statuses["clustersize.topology.x_ceil_div__mutmut_3"] == "timeout"


def test_summary_counts_and_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, survivors = run(tmp_path, "")
    assert code == 1
    assert survivors == [
        "clustersize.solve.x_exact__mutmut_1: no tests",
        "clustersize.solve.x_exact__mutmut_2: survived",
        "clustersize.topology.x_ceil_div__mutmut_2: survived",
    ]
    lines = capsys.readouterr().out.splitlines()
    assert "mutants 6, killed 2, survived 3, timeouts 1, equivalent 0, score 50.0 %" in lines


def test_equivalents_leave_the_count_and_the_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, survivors = run(tmp_path, entry("clustersize.topology.x_ceil_div__mutmut_2"))
    assert code == 1  # two survivors are still new
    assert "clustersize.topology.x_ceil_div__mutmut_2: survived" not in survivors
    assert len(survivors) == 2
    out = capsys.readouterr().out
    assert "mutants 6, killed 2, survived 2, timeouts 1, equivalent 1, score 60.0 %" in out


def test_nothing_new_surviving_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = "\n".join(
        line
        for line in RESULTS.splitlines()
        if "x_exact__mutmut_1" not in line and "x_exact__mutmut_2" not in line
    )
    code, survivors = run(tmp_path, entry("clustersize.topology.x_ceil_div__mutmut_2"), results)
    assert (code, survivors) == (0, [])
    assert "score 100.0 %" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "change", "why"),
    [
        ("clustersize.topology.x_ceil_div__mutmut_9", "x", "no such mutant"),
        ("clustersize.topology.x_ceil_div__mutmut_1", "x", "killed, so not equivalent"),
        ("clustersize.topology.x_ceil_div__mutmut_2", "return -(-a // b)", "now mutates"),
    ],
)
def test_stale_equivalents_fail_and_count_as_survivors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, change: str, why: str
) -> None:
    code, survivors = run(tmp_path, entry(name, change))
    assert code == 1
    out = capsys.readouterr().out
    assert "stale entries" in out
    assert f"{name}: {why}" in out
    assert "equivalent 0," in out
    if "x_ceil_div__mutmut_2" in name:
        assert "clustersize.topology.x_ceil_div__mutmut_2: survived" in survivors


def test_unchecked_mutants_fail_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = RESULTS.replace("x_exact__mutmut_3: killed", "x_exact__mutmut_3: not checked")
    code, _ = run(tmp_path, "", results)
    assert code == 1
    assert "clustersize.solve.x_exact__mutmut_3: not checked" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[[mutant]]\nname = "a"\nreason = "r"\n', "needs change"),
        ('[[mutant]]\nname = "a"\nreason = ""\nchange = "c"\n', "needs reason"),
        ('[[mutant]]\nname = "a"\nreason = """two\nlines"""\nchange = "c"\n', "one line"),
        (entry("a") + entry("a"), "listed twice: a"),
        ("[[mutant]\n", "Expected"),
    ],
)
def test_bad_equivalents_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, error: str
) -> None:
    code, _ = run(tmp_path, text)
    assert code == 2
    assert error in capsys.readouterr().err


def test_no_results_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(tmp_path, "", results="nothing here\n")
    assert code == 2
    assert "run `mutmut run` first" in capsys.readouterr().err


def test_added_code_reads_the_plus_lines_of_a_diff() -> None:
    diff = "--- a\n+++ b\n@@ -1 +1,2 @@\n-    old\n+    new one\n+    new two\n context\n"
    assert report.added_code(diff) == "new one / new two"


def test_committed_equivalents_are_well_formed() -> None:
    entries = report.load_equivalents(EQUIVALENT.read_text(encoding="utf-8"))
    for name in entries:
        assert name.startswith("clustersize."), name
        assert "__mutmut_" in name, name
