"""The CLI: reports, JSON, what-ifs, sweeps and stable exit codes; never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clustersize import RESULT_FIELDS, __version__, examples
from clustersize.cli import build_parser

REQUIRED_JSON_KEYS = [
    "nodes",
    "gpus",
    "gpus_per_mw",
    "leaves",
    "spines",
    "host_ports",
    "uplinks_total",
    "p_node_total_w",
    "p_switching_w",
    "p_optics_w",
    "p_total_w",
    "cores",
    "tiers",
    "binding_constraint",
    "it_cap_w",
    "headroom_w",
    "links_total",
    "optics",
    "version",
]


def cli(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "clustersize", *args],
        input=data,
        capture_output=True,
        check=False,
        timeout=60,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def assert_clean_error(proc: subprocess.CompletedProcess[str], code: int) -> None:
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("clustersize: error: ")]
    assert len(errors) == 1, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line not in errors]
    assert all("no --config given" in line for line in notes), proc.stderr


def test_no_config_sizes_the_bundled_example_and_says_so() -> None:
    proc = cli()
    assert proc.returncode == 0
    assert "bundled example 'reference-5mw'" in proc.stderr
    for label in ("nodes", "GPUs", "headroom", "binding", "tiers", "optics", "% of cap", "INV-004"):
        assert label in proc.stdout


def test_json_has_every_result_field_in_declared_order() -> None:
    proc = cli("--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert list(data) == [key for key, _, _ in RESULT_FIELDS]
    assert set(REQUIRED_JSON_KEYS) <= set(data)
    assert data["version"] == __version__
    assert proc.stdout == cli("--json").stdout  # stable bytes


def test_config_file_and_stdin_give_the_same_answer(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(examples.text("dgx-b200"))
    from_file = cli("--config", str(path), "--json")
    from_stdin = cli("--config", "-", "--json", stdin=examples.text("dgx-b200"))
    from_preset = cli("--preset", "dgx-b200", "--json")
    assert from_file.returncode == 0
    assert from_file.stdout == from_stdin.stdout == from_preset.stdout


def test_set_is_validated_like_the_file() -> None:
    proc = cli("--set", "node.gpu_w=-5", "--json")
    assert_clean_error(proc, 2)
    assert proc.stderr.splitlines()[-1] == "clustersize: error: /node/gpu_w: must be > 0, got -5"
    err = json.loads(proc.stdout)["error"]
    assert (err["path"], err["rule"], err["exit_code"]) == ("/node/gpu_w", "must be > 0", 2)


def test_set_changes_the_answer() -> None:
    base = json.loads(cli("--json").stdout)
    hot = json.loads(cli("--json", "--set", "node.gpu_w=1000").stdout)
    assert hot["nodes"] < base["nodes"]


def test_nodes_evaluates_a_fixed_size() -> None:
    base = json.loads(cli("--json").stdout)
    ok = cli("--json", "--nodes", str(base["nodes"]))
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["mode"] == "fixed_nodes"
    over = cli("--json", "--nodes", str(base["nodes"] + 1))
    assert over.returncode == 3
    assert json.loads(over.stdout)["status"] == "infeasible"
    assert over.stderr.splitlines()[-1].startswith("clustersize: infeasible: ")


def test_infeasible_min_nodes_exits_3() -> None:
    proc = cli("--set", "min_nodes=100000")
    assert proc.returncode == 3
    assert "shortfall" in proc.stdout or "fabric" in proc.stdout


def test_sweep_prints_one_row_per_value() -> None:
    table = cli("--sweep", "it_cap_mw=1:3:0.5")
    assert table.returncode == 0
    assert len(table.stdout.strip().splitlines()) == 1 + 5
    lines = cli("--sweep", "it_cap_mw=1:3:0.5", "--json").stdout.splitlines()
    nodes = [json.loads(line)["nodes"] for line in lines]
    assert len(nodes) == 5
    assert nodes == sorted(nodes)


@pytest.mark.parametrize(
    "spec",
    ["it_cap_mw=1:3", "it_cap_mw=3:1:1", "it_cap_mw=1:3:0", "it_cap=1:3:1", "it_cap_mw=a:b:c"],
)
def test_bad_sweeps_are_usage_errors(spec: str) -> None:
    assert_clean_error(cli("--sweep", spec), 2)


def test_sweep_validates_every_point_before_printing() -> None:
    proc = cli("--sweep", "node.gpu_w=-100:100:50")
    assert_clean_error(proc, 2)
    assert proc.stdout == ""
    assert "at sweep value -100" in proc.stderr


def test_schema_example_and_version() -> None:
    assert json.loads(cli("--schema").stdout)["additionalProperties"] is False
    assert cli("--example").stdout == examples.text()
    assert cli("--example", "gb200-nvl72").stdout == examples.text("gb200-nvl72")
    assert cli("--list-examples").stdout.split() == examples.names()
    assert cli("--version").stdout.strip() == f"clustersize {__version__}"


def test_malformed_json_gives_line_and_column() -> None:
    proc = cli("--config", "-", stdin='{"it_cap_mw": 5,\n}')
    assert_clean_error(proc, 2)
    assert "line 2 column 1" in proc.stderr


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d, "is a directory"),
        (lambda d: d / "missing.json", "no such file"),
        (lambda d: _write(d / "bin", bytes(range(256)) * 4), "not UTF-8"),
        (lambda d: _write(d / "big", b" " * 100_000_000), "larger than"),
        (lambda d: _write(d / "deep", b"[" * 200_000), "nest at most"),
        (lambda d: _write(d / "arr", b"[1, 2]"), "must be an object"),
        (lambda d: _write(d / "empty", b""), "invalid JSON"),
    ],
)
def test_hostile_inputs_never_trace_back(tmp_path: Path, make: object, needle: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    proc = cli("--config", str(path), "--json")
    assert_clean_error(proc, 2)
    assert needle in proc.stderr
    assert "error" in json.loads(proc.stdout)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_unknown_flag_is_a_usage_error_with_json_object() -> None:
    proc = cli("--bogus", "--json")
    assert_clean_error(proc, 2)
    assert json.loads(proc.stdout)["error"]["kind"] == "usage"


def test_nodes_must_be_positive() -> None:
    assert_clean_error(cli("--nodes", "0"), 2)


def test_console_script_is_declared() -> None:
    text = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert 'clustersize = "clustersize.cli:main"' in text


def test_parser_documents_exit_codes() -> None:
    help_text = build_parser().format_help()
    for code in ("0", "1", "2", "3"):
        assert f"  {code}  " in help_text


def test_internal_errors_are_one_line_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from clustersize import cli as cli_module

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("synthetic bug")

    monkeypatch.setattr(cli_module, "size", boom)
    assert cli_module.main([]) == 1


def test_print_and_exit_flags_refuse_sizing_flags_instead_of_ignoring_them() -> None:
    proc = cli("--example", "--set", "node.gpu_w=1000")
    assert_clean_error(proc, 2)
    assert "cannot be combined with --set" in proc.stderr
