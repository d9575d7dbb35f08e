"""The run-time invariant checks turn a broken design into exit code 1 with the invariant's ID.

Each test injects one bug into the solver (a search that stops one node short or overshoots, a fabric that
overruns a switch radix) and runs the real CLI in-process: the answer must never be printed as if it were
right, and the one error line must name the invariant that caught it.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Callable

import pytest

from clustersize import cli, examples, topology
from clustersize.api import prepare
from clustersize.errors import EXIT_INTERNAL
from clustersize.model import Config
from clustersize.topology import Topology

# The module, not the function the package re-exports under the same name.
solve = importlib.import_module("clustersize.solve")

ARGS = ["--preset", "reference-5mw"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main([*ARGS, *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_caught(capsys: pytest.CaptureFixture[str], ident: str, *args: str) -> str:
    """Run the CLI; it must exit 1 with one error line naming ``ident``, and with --json an error object."""
    code, out, err = run_cli(capsys, *args)
    assert code == EXIT_INTERNAL
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"clustersize: error: {ident} violated: "), err
    assert "Traceback" not in out + err
    code, out, _ = run_cli(capsys, "--json", *args)
    assert code == EXIT_INTERNAL
    error = json.loads(out)["error"]
    assert (error["kind"], error["exit_code"]) == ("internal", EXIT_INTERNAL)
    assert error["message"].startswith(f"{ident} violated: ")
    return lines[0]


def real_answer() -> int:
    return solve.max_nodes(prepare(examples.text("reference-5mw"), [])[1])[0]


def test_the_healthy_solver_passes_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["invariants_checked"] == ["INV-001", "INV-002", "INV-003", "INV-004"]
    code, out, _ = run_cli(capsys, "--json", "--nodes", "10")
    assert code == 0
    assert json.loads(out)["invariants_checked"] == ["INV-001", "INV-002", "INV-003"]


def test_inv_001_an_answer_over_the_cap_is_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that overshoots by one node reports a design over the cap: INV-001 stops it."""
    n = real_answer()
    monkeypatch.setattr(solve, "max_nodes", lambda config: (n + 1, 1))
    line = assert_caught(capsys, "INV-001")
    assert "W over the IT budget" in line


def test_inv_004_an_answer_one_short_is_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that stops one node short would under-size the cluster: INV-004 sees N + 1 fits."""
    n = real_answer()
    monkeypatch.setattr(solve, "max_nodes", lambda config: (n - 1, 1))
    line = assert_caught(capsys, "INV-004")
    assert line.endswith(f"INV-004 violated: {n} nodes also fit")


def test_inv_004_a_next_design_exactly_at_the_cap_counts_as_fitting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cap exactly at the power of N nodes, an answer of N - 1 is one short."""
    n = real_answer()
    monkeypatch.setattr(solve, "max_nodes", lambda config: (n - 1, 1))
    line = assert_caught(
        capsys, "INV-004", "--set", "it_cap_mw=4.991754"
    )  # N nodes draw 4,991,754 W
    assert line.endswith(f"INV-004 violated: {n} nodes also fit")


def overrun(tier: str, by: int) -> Callable[[Config, int], Topology | None]:
    """``topology.design`` with one tier using ``by`` ports more than its radix."""

    def broken(config: Config, nodes: int) -> Topology | None:
        topo = topology.design(config, nodes)
        if topo is None:
            return None
        radix = {
            "leaf": config.fabric.leaf.ports,
            "spine": config.fabric.spine.ports,
            "core": config.fabric.core_switch.ports,
        }[tier]
        return dataclasses.replace(topo, **{f"{tier}_ports_used": radix + by})

    return broken


@pytest.mark.parametrize("tier", ["leaf", "spine", "core"])
@pytest.mark.parametrize("mode", [[], ["--nodes", "10"]], ids=["max_nodes", "fixed_nodes"])
def test_inv_002_a_switch_over_its_radix_is_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tier: str, mode: list[str]
) -> None:
    """A fabric that needs one port more than a switch has must not be reported: INV-002 names the tier."""
    monkeypatch.setattr(solve, "design", overrun(tier, 1))
    line = assert_caught(capsys, "INV-002", *mode)
    assert line.endswith(f"INV-002 violated: a {tier} uses 65 of 64 ports")


@pytest.mark.parametrize("tier", ["leaf", "spine", "core"])
def test_inv_002_a_switch_using_exactly_its_radix_is_fine(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tier: str
) -> None:
    monkeypatch.setattr(solve, "design", overrun(tier, 0))
    code, _, err = run_cli(capsys, "--nodes", "10")
    assert (code, err) == (0, "")
