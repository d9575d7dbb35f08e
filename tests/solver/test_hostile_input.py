"""Hostile and careless input: every input ends in exit 0, 2 or 3, one escaped stderr line on error, and valid
JSON on stdout with ``--json``; exit 1 is for bugs only.

The classes come from a review that drove the CLI with 3,200 fuzzed runs: numbers no float holds, integers past
Python's 4,300-digit conversion limit, lone surrogates, control characters and newlines in names, keys and paths,
byte-order marks, and sweeps whose work (not point count) is huge.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clustersize import api, examples
from clustersize.cli import main
from clustersize.config import load_json_text
from clustersize.fmt import printable
from clustersize.model import walk
from clustersize.topology import design, max_nodes_fabric
from solver.support import build, example_raw, wide_fabric_raw

NUMBER_PATHS = [m.dotted for m in walk() if m.spec.kind in ("number", "integer")]
TEXT_PATHS = [m.dotted for m in walk() if m.spec.kind == "string"]

# One representative of each hostile class, as the literal a user would type.
HOSTILE_NUMBERS = [
    "1" + "0" * 309,  # an int past the float range
    "1" + "0" * 400,
    "9" * 5000,  # past Python's 4,300-digit int-to-str limit
    "-" + "9" * 5000,
    "1e400",
    "-1e400",
    "1e-5000",
    "1e-999999999",
    "1.5e308",
    "0.0000000000000000000000000000000000000000000001",
    "NaN",
    "Infinity",
    "-0",
    "1e308",
]
VALID_NUMBERS = {"-0", "1e308", "1.5e308", "0.0000000000000000000000000000000000000000000001"}
HOSTILE_TEXT = [
    '"\\ud800"',  # a lone surrogate, as JSON
    '"a\\nb"',
    '"\\u001b[31mred\\u001b[0m"',
    '"cr\\rhere"',
    '"nul\\u0000"',
    '"line\\u2028sep"',
    '"bidi\\u202eevil"',
    "plain text with\nnewline",
    "\x1b]0;title\x07",
]
HOSTILE_KEYS = ["node.na\nme", "node.\x1b[2J", "\ud800", "node..gpu_w", "node.gpu_w.extra", ""]
HOSTILE_NODES = ["0", "-1", "1.5", "9" * 400, "9" * 5000, "\ud800", "1e3", " 7 ", "7\n"]
HOSTILE_SWEEPS = [
    "it_cap_mw=1:1e400:1",
    "it_cap_mw=1:2:1e-5000",
    "it_cap_mw=1:2:1e-999999999",
    "it_cap_mw=0:100000:1",
    "it_cap_mw=1:10000:1",
    "node.gpu_w=1e-300:1:1e-301",
    "it_cap_mw=1:2",
    "it_cap_mw=a:b:c",
    "nope=1:2:1",
    "it_cap_mw=\ud800:2:1",
    "it_cap_mw=1:2:1\n",  # valid: white space around numbers is stripped
]


def run_cli(argv: Sequence[str], stdin: str = "") -> tuple[int, str, str]:
    """``clustersize`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(list(argv), stdin=io.StringIO(stdin))
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def assert_contract(argv: Sequence[str], code: int, out: str, err: str) -> None:
    """The hardening contract for one run."""
    assert code in (0, 2, 3), (argv, code, err)
    assert "Traceback" not in out + err
    out.encode("utf-8")  # strict: a lone surrogate on stdout would fail the real stream
    err.encode("utf-8")
    lines = err.splitlines()
    if code != 0:
        assert len(lines) == 1, (argv, err)
    for line in lines:
        assert printable(line) == line, (argv, line)
    if "--json" in argv and out:
        for chunk in out.splitlines() if "--sweep" in argv and code != 2 else [out]:
            json.loads(chunk)
    if "--json" in argv and code == 2:
        assert "error" in json.loads(out)


@pytest.mark.parametrize("literal", HOSTILE_NUMBERS)
@pytest.mark.parametrize("path", ["it_cap_mw", "node.gpu_w", "fabric.leaf.ports", "min_nodes"])
def test_numbers_a_float_cannot_hold_are_refused_with_the_field_rule(
    path: str, literal: str
) -> None:
    for argv in (["--set", f"{path}={literal}"], ["--set", f"{path}={literal}", "--json"]):
        code, out, err = run_cli(argv)
        assert_contract(argv, code, out, err)
        if literal not in VALID_NUMBERS:
            assert code == 2, (argv, err)
            assert f"/{path.replace('.', '/')}" in err


@pytest.mark.parametrize("literal", HOSTILE_NUMBERS)
def test_hostile_numbers_in_a_config_file_are_refused_too(literal: str) -> None:
    text = examples.text().replace('"gpu_w": 700', f'"gpu_w": {literal}', 1)
    assert text != examples.text()
    for argv in (["--config", "-"], ["--config", "-", "--json"]):
        code, out, err = run_cli(argv, stdin=text)
        assert_contract(argv, code, out, err)


def test_a_tiny_number_is_not_read_as_zero() -> None:
    code, _, err = run_cli(["--set", "node.cpu_w=1e-5000"])
    assert code == 2
    assert "/node/cpu_w" in err
    assert "float cannot hold" in err


@pytest.mark.parametrize("value", HOSTILE_TEXT)
@pytest.mark.parametrize("path", TEXT_PATHS)
def test_hostile_text_never_breaks_the_one_line_rule(path: str, value: str) -> None:
    for argv in (["--set", f"{path}={value}"], ["--set", f"{path}={value}", "--json"]):
        code, out, err = run_cli(argv)
        assert_contract(argv, code, out, err)
        if "--json" not in argv and code == 0:
            assert "\x1b" not in out
            assert "\r" not in out


def test_a_lone_surrogate_is_refused_naming_the_field() -> None:
    code, out, err = run_cli(["--set", 'node.name="\\ud800"', "--json"])
    assert code == 2
    assert json.loads(out)["error"]["path"] == "/node/name"
    assert "\\ud800" in err


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_hostile_set_paths_give_one_line(key: str) -> None:
    for argv in (["--set", f"{key}=1"], ["--set", f"{key}=1", "--json"]):
        code, out, err = run_cli(argv)
        assert_contract(argv, code, out, err)
        assert code == 2


@pytest.mark.parametrize("nodes", HOSTILE_NODES)
def test_hostile_node_counts(nodes: str) -> None:
    for argv in (["--nodes", nodes], ["--nodes", nodes, "--json"]):
        code, out, err = run_cli(argv)
        assert_contract(argv, code, out, err)


@pytest.mark.parametrize("spec", HOSTILE_SWEEPS)
def test_hostile_sweeps_are_bounded(spec: str) -> None:
    for argv in (["--sweep", spec], ["--sweep", spec, "--json"]):
        code, out, err = run_cli(argv)
        assert_contract(argv, code, out, err)
        assert code == (0 if spec.endswith("\n") else 2), (argv, err)


def test_the_sweep_budget_counts_work_not_points() -> None:
    """Few points of a config that needs many evaluations each are bounded by the same budget."""
    text = json.dumps(wide_fabric_raw())
    with pytest.raises(api.UsageError, match="would evaluate up to"):
        api.sweep(text, "it_cap_mw=1:5000:1")
    small = api.sweep(text, "it_cap_mw=1:100:1")
    assert all(r.evaluations <= 45 for r in small.results)


def test_a_byte_order_mark_is_accepted_wherever_config_text_arrives() -> None:
    text = "\ufeff" + examples.text()
    assert load_json_text(text) == json.loads(examples.text())
    code, _, _ = run_cli(["--config", "-"], stdin=text)
    assert code == 0
    assert api.run(text)[0] == 0


def test_an_internal_error_is_one_line_and_json_with_json(monkeypatch: pytest.MonkeyPatch) -> None:
    import clustersize.cli as cli_module

    def boom(*_: object, **__: object) -> object:
        raise RuntimeError("bad\nthing \ud800")

    monkeypatch.setattr(cli_module, "size", boom)
    code, out, err = run_cli(["--json"])
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "internal error" in err
    assert json.loads(out)["error"]["kind"] == "internal"
    out.encode("utf-8")


def test_the_fabric_capacity_bounds_every_design() -> None:
    """Above ``max_nodes_fabric`` no design exists, so the search ceiling never cuts an answer short."""
    for tiers in ("auto", 2, 3):
        for rail in (False, True):
            raw = example_raw()
            raw["fabric"].update(tiers=tiers, rail_optimized=rail)
            raw["fabric"]["spine"]["ports"] = 8
            raw["fabric"]["leaf"]["ports"] = 8
            raw["fabric"].update(leaf_host_ports=4, leaf_uplink_ports=4)
            config = build(raw)
            bound = max_nodes_fabric(config)
            assert design(config, bound + 1) is None
            assert design(config, max(bound, 1)) is not None


def test_printable_escapes_exactly_what_breaks_a_line() -> None:
    assert printable("plain é 中 ✓") == "plain é 中 ✓"
    assert printable("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert printable("\x1b[2J\x00\x7f\x9b") == "\\x1b[2J\\x00\\x7f\\x9b"
    assert printable("\u2028\u2029\u202e\ufeff\ud800") == "\\u2028\\u2029\\u202e\\ufeff\\ud800"


hostile_value = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS + HOSTILE_TEXT),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.floats(allow_nan=False).map(repr),
    st.text(max_size=8).map(json.dumps),
    st.text(max_size=8),
)
hostile_argv = st.one_of(
    st.tuples(st.sampled_from(NUMBER_PATHS + TEXT_PATHS + HOSTILE_KEYS), hostile_value).map(
        lambda kv: ["--set", f"{kv[0]}={kv[1]}"]
    ),
    st.sampled_from(HOSTILE_NODES).map(lambda n: ["--nodes", n]),
    st.sampled_from(HOSTILE_SWEEPS).map(lambda s: ["--sweep", s]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_argv, min_size=1, max_size=3), st.booleans())
def test_fuzzed_command_lines_keep_the_contract(parts: list[list[str]], as_json: bool) -> None:
    argv = [arg for part in parts for arg in part]
    if sum(a == "--sweep" for a in argv) > 1 or sum(a == "--nodes" for a in argv) > 1:
        argv = parts[0]
    if as_json:
        argv.append("--json")
    code, out, err = run_cli(argv)
    assert_contract(argv, code, out, err)


def test_the_real_process_writes_escaped_lines_and_valid_json() -> None:
    """Through real pipes (strict UTF-8), not the in-process harness."""
    for argv in (
        ["--set", 'node.name="\\ud800"', "--json"],
        ["--set", "node.name=a\nb\x1b[31m"],
        ["--set", "it_cap_mw=" + "9" * 5000, "--json"],
        ["--sweep", "it_cap_mw=1:2:1e-999999999", "--json"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "clustersize", *argv], capture_output=True, timeout=60
        )
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        assert_contract(argv, proc.returncode, out, err)


def test_a_set_path_through_a_list_where_an_object_belongs_is_a_config_error() -> None:
    """``--set fabric.leaf.ports=…`` on a config whose ``fabric.leaf`` is a list names the object, exit 2."""
    text = json.dumps({**example_raw(), "fabric": {**example_raw()["fabric"], "leaf": [1]}})
    code, out, err = run_cli(
        ["--config", "-", "--set", "fabric.leaf.ports=64", "--json"], stdin=text
    )
    assert_contract(["--json"], code, out, err)
    assert code == 2
    assert json.loads(out)["error"]["message"] == "/fabric/leaf: must be an object, got an array"
