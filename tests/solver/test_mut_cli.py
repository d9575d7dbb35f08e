"""The CLI's output switches and its refusals of numbers no float holds, run in-process.

`--bom` and `--csv` print exactly what the library functions behind them return (the calculator's downloads
compare with these bytes), each combination of output flags that cannot be honoured is refused with its own
line, and a number literal out of a float's range is refused with the field's own bound.
"""

from __future__ import annotations

import pytest

from clustersize import bom, cli, csvout, examples
from clustersize.api import prepare, size, sweep
from clustersize.config import _huge_rule
from clustersize.declare import FieldSpec
from clustersize.errors import EXIT_OK, EXIT_USAGE, HugeNumber


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bom_prints_the_bill_of_materials_of_the_design(capsys: pytest.CaptureFixture[str]) -> None:
    _, config = prepare(examples.text("dgx-b200"))
    want = bom.csv_text(bom.rows(size(config), config))
    assert run(capsys, "--preset", "dgx-b200", "--bom") == (EXIT_OK, want, "")
    assert want.startswith("item,")
    assert want.count("\r\n") > 3


def test_csv_prints_the_result_and_the_sweep_rows(capsys: pytest.CaptureFixture[str]) -> None:
    _, config = prepare(examples.text())
    one = csvout.results_csv([size(config)])
    assert run(capsys, "--preset", examples.DEFAULT, "--csv") == (EXIT_OK, one, "")
    swept = sweep(examples.text(), "it_cap_mw=1:3:1")
    code, out, _ = run(capsys, "--preset", examples.DEFAULT, "--csv", "--sweep", "it_cap_mw=1:3:1")
    assert (code, out) == (EXIT_OK, csvout.results_csv(swept.results))
    assert len(out.splitlines()) == 4  # a header and one row a point


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bom", "--json"], "--bom prints CSV for one design; it cannot be combined with --json"),
        (["--bom", "--csv"], "--bom prints CSV for one design; it cannot be combined with --csv"),
        (
            ["--bom", "--sweep", "it_cap_mw=1:2:1"],
            "--bom prints CSV for one design; it cannot be combined with --sweep",
        ),
        (
            ["--csv", "--bom", "--json"],
            "--bom prints CSV for one design; it cannot be combined with --json",
        ),
        (["--csv", "--json"], "--csv prints CSV; it cannot be combined with --json"),
        (
            ["--schema", "--bom", "--csv"],
            "--schema prints and exits; it cannot be combined with --bom, --csv",
        ),
        (
            ["--list-examples", "--csv"],
            "--list-examples prints and exits; it cannot be combined with --csv",
        ),
    ],
)
def test_output_flags_that_clash_are_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)  # with --json, stdout holds the same error as JSON
    assert (code, err) == (EXIT_USAGE, f"clustersize: error: {message}\n")


def test_csv_alone_and_with_a_sweep_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--csv", "--nodes", "10")[0] == EXIT_OK
    assert run(capsys, "--bom", "--nodes", "10")[0] == EXIT_OK


@pytest.mark.parametrize(
    ("assignment", "rule"),
    [
        ("it_cap_mw=1e999", "/it_cap_mw: must be <= 10000, got 1e999"),
        ("min_nodes=1e999", "/min_nodes: must be <= 10000000, got 1e999"),
        (
            "it_cap_mw=1e-999",
            "/it_cap_mw: must be 0 or at least 1e-300 in magnitude (a float cannot hold it), got 1e-999",
        ),
        ("it_cap_mw=-1e999", "/it_cap_mw: must be > 0, got -1e999"),  # an exclusive bound
        ("pue=-1e999", "/pue: must be >= 1, got -1e999"),  # an inclusive bound
        ("planning_margin=-1e999", "/planning_margin: must be >= 0, got -1e999"),
    ],
)
def test_a_number_no_float_holds_breaks_the_fields_own_bound(
    capsys: pytest.CaptureFixture[str], assignment: str, rule: str
) -> None:
    assert run(capsys, "--set", assignment) == (EXIT_USAGE, "", f"clustersize: error: {rule}\n")


def test_an_unbounded_field_refuses_a_huge_number_by_the_float_range() -> None:
    free = FieldSpec("number", "a test field")
    for text in ("1e999", "-1e999"):
        assert _huge_rule(free, HugeNumber(text)) == "must be a number a 64-bit float can hold"
    upper_only = FieldSpec("number", "a test field", maximum=5)
    assert (
        _huge_rule(upper_only, HugeNumber("-1e999")) == "must be a number a 64-bit float can hold"
    )
    assert _huge_rule(upper_only, HugeNumber("1e999")) == "must be <= 5"
    lower_only = FieldSpec("number", "a test field", minimum=2, exclusive_minimum=True)
    assert _huge_rule(lower_only, HugeNumber("1e999")) == "must be a number a 64-bit float can hold"
    assert _huge_rule(lower_only, HugeNumber("-1e999")) == "must be > 2"
    assert _huge_rule(lower_only, HugeNumber("1e-999", tiny=True)).startswith(
        "must be 0 or at least 1e-300"
    )


def test_at_most_a_thousand_extra_loads(capsys: pytest.CaptureFixture[str]) -> None:
    load = '{"name": "storage", "power_w": 1, "count": 1}'
    most = "extra_loads=[" + ", ".join([load] * 1000) + "]"
    assert run(capsys, "--set", most, "--json")[0] == EXIT_OK
    code, _, err = run(capsys, "--set", most[:-1] + ", " + load + "]")
    assert (code, err) == (
        EXIT_USAGE,
        "clustersize: error: /extra_loads: must have at most 1000 items, got 1,001\n",
    )


def test_a_range_part_is_a_plain_number_never_a_range(capsys: pytest.CaptureFixture[str]) -> None:
    nested = '{"low": {"low": 1, "typical": 2, "high": 3}, "typical": 700, "high": 750}'
    code, _, err = run(capsys, "--set", f"node.gpu_w={nested}")
    assert (code, err) == (
        EXIT_USAGE,
        "clustersize: error: /node/gpu_w/low: must be a number, got an object\n",
    )
