"""What a person reads: the CLI's text report, sweep table, help and error lines, pinned as golden transcripts.

Each case runs the real CLI in-process and compares the whole transcript (exit code, stderr, stdout) with a
reviewed file under ``golden/cli/``. A change of wording, layout or number is then a visible diff, not a
silent drift. To accept a deliberate change: ``UPDATE_GOLDEN=1 pytest tests/solver/test_cli_text.py`` rewrites
the files (and fails, so the run is never green by itself); review ``git diff`` and commit.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from clustersize import __version__, cli
from clustersize.api import prepare, size
from clustersize.report import sweep_table

GOLDEN = Path(__file__).parent / "golden" / "cli"

CASES: dict[str, list[str]] = {
    "reference": ["--preset", "reference-5mw"],
    "dgx_b200": ["--preset", "dgx-b200"],
    "dgx_h100": ["--preset", "dgx-h100"],
    "fixed_fits": ["--preset", "reference-5mw", "--nodes", "100"],
    "fixed_over_power": ["--preset", "reference-5mw", "--nodes", "600"],
    "fixed_over_fabric": ["--preset", "reference-5mw", "--set", "fabric.tiers=2", "--nodes", "300"],
    "two_tiers_forced": ["--preset", "reference-5mw", "--set", "fabric.tiers=2"],
    "min_nodes_short": ["--preset", "reference-5mw", "--set", "min_nodes=600"],
    "nothing_fits": ["--preset", "reference-5mw", "--set", "it_cap_mw=0.001"],
    "fractional_watts": ["--preset", "gb200-nvl72", "--set", "node.nic_w=12.345"],
    "default_example": [],
    "sweep": ["--preset", "reference-5mw", "--sweep", "it_cap_mw=1:3:0.5"],
    "sweep_infeasible": ["--preset", "reference-5mw", "--sweep", "min_nodes=400:500:50"],
    "sweep_what_if": ["--preset", "dgx-b200", "--set", "pue=1.2", "--sweep", "node.gpu_w=900:1100:100"],
    "sweep_fixed_nodes_with_set": [
        "--preset", "reference-5mw", "--set", "node.gpu_w=1000", "--nodes", "300",
        "--sweep", "it_cap_mw=3:5:1",
    ],
    "three_tiers_bound": [
        "--preset", "reference-5mw", "--set", "it_cap_mw=100", "--set", "fabric.tiers=3",
        "--set", "fabric.core.ports=4",
    ],
    "json_over_fabric": [
        "--preset", "reference-5mw", "--set", "fabric.tiers=2", "--nodes", "300", "--json",
    ],
    "json_rounding": [
        "--preset", "reference-5mw", "--set", "it_cap_mw=3", "--set", "fabric.leaf_host_ports=40",
        "--set", "fabric.leaf_uplink_ports=24", "--json",
    ],
    "sweep_json": ["--preset", "gb200-nvl72", "--sweep", "it_cap_mw=1:2:1", "--json"],
    "json_fixed": ["--preset", "gb200-nvl72", "--json", "--nodes", "10"],
    "help": ["--help"],
    "version": ["--version"],
    "list_examples": ["--list-examples"],
    "example_named": ["--example", "gb200-nvl72"],
    # errors: one line naming the path and the rule, a stable exit code, with --json an error object
    "bad_value_json": ["--preset", "reference-5mw", "--set", "node.gpu_w=-5", "--json"],
    "unknown_key_suggests": ["--preset", "reference-5mw", "--set", "node.gpu=5"],
    "set_without_equals": ["--preset", "reference-5mw", "--set", "node.gpu_w", "--json"],
    "unknown_flag_json": ["--bogus", "--json"],
    "unknown_preset": ["--preset", "nope"],
    "unknown_example": ["--example", "nope"],
    "nodes_zero": ["--nodes", "0"],
    "nodes_text_json": ["--nodes", "12abc", "--json"],
    "sweep_bad_shape": ["--preset", "reference-5mw", "--sweep", "it_cap_mw=1:3"],
    "sweep_not_numbers": ["--preset", "reference-5mw", "--sweep", "it_cap_mw=a:b:c"],
    "sweep_backwards": ["--preset", "reference-5mw", "--sweep", "it_cap_mw=3:1:1"],
    "sweep_zero_step": ["--preset", "reference-5mw", "--sweep", "it_cap_mw=1:3:0"],
    "sweep_unknown_path": ["--preset", "reference-5mw", "--sweep", "it_cap=1:3:1"],
    "sweep_too_many": ["--preset", "reference-5mw", "--sweep", "min_nodes=1:100001:1"],
    "sweep_invalid_point": ["--preset", "reference-5mw", "--sweep", "node.gpu_w=-100:100:50"],
    "print_flag_combined": [
        "--example", "--preset", "dgx-b200", "--nodes", "5", "--set", "pue=1.1",
        "--sweep", "pue=1:2:1",
    ],
    "schema_with_config": ["--schema", "--config", "my.json"],
    "list_with_nodes": ["--list-examples", "--nodes", "3", "--json"],
}  # fmt: skip


def transcript(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    """``$ clustersize ARGS``, the exit code, stderr lines (``! ``) and stdout, as one text."""
    try:
        code = cli.main(args)
    except SystemExit as stop:  # --help and --version exit through argparse
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    head = f"$ clustersize {' '.join(args)}\nexit {code}\n"
    return head + "".join(f"! {line}\n" for line in err.splitlines()) + "---\n" + out


def normalise(text: str) -> str:
    """The version is the one moving part of a transcript."""
    for shown in (f'"{__version__}"', f"clustersize {__version__}"):
        text = text.replace(shown, shown.replace(__version__, "VERSION"))
    return text


@pytest.mark.parametrize("name", CASES)
def test_transcript_matches_golden(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps help to the terminal width
    got = normalise(transcript(capsys, CASES[name]))
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        pytest.fail(f"rewrote {path.relative_to(Path.cwd())}; review the diff and commit it")
    want = path.read_text(encoding="utf-8")
    if (
        name == "help"
    ):  # argparse's line wrapping differs between Python versions; the words may not
        got, want = " ".join(got.split()), " ".join(want.split())
    assert got == want


def test_every_golden_file_is_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(CASES)


def test_a_sweep_table_never_drops_a_point() -> None:
    _, config = prepare(None)
    one = size(config)
    assert sweep_table("pue", [1, 2], [one, one]).count("\n") == 3
    for values, results in (([1, 2], [one]), ([1], [one, one])):
        with pytest.raises(ValueError, match="zip"):
            sweep_table("pue", values, results)


def test_report_numbers_are_the_json_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report and --json describe the same design: spot-check the figures a reader acts on."""
    assert cli.main(["--preset", "reference-5mw", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert cli.main(["--preset", "reference-5mw"]) == 0
    text = capsys.readouterr().out
    assert re.search(rf"^nodes +{data['nodes']:,} ", text, re.M)
    assert re.search(rf"^GPUs +{data['gpus']:,} ", text, re.M)
    assert f"{data['p_total_w']:,.0f} W" in text
    assert f"{data['headroom_w']:,.0f} W" in text
    assert f"({data['evaluations']} designs evaluated)" in text
