"""The command line: ``python -m clustersize`` / ``clustersize``.

Exit codes are [`EXIT_CODES`][clustersize.errors.EXIT_CODES], printed in ``--help``. Errors are one line on stderr
naming the JSON path and the rule; with ``--json`` the error is also a JSON object on stdout. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from . import bom, csvout, examples
from ._version import __version__
from .api import prepare, size, sweep
from .config import MAX_CONFIG_BYTES, NodesError, check_nodes
from .errors import (
    EXIT_CODES,
    EXIT_INFEASIBLE,
    EXIT_OK,
    ClusterSizeError,
    InternalError,
    UsageError,
)
from .fmt import printable
from .output import error_to_dict, result_to_dict, to_json, to_json_line
from .report import render, sweep_table
from .schema import schema_json

EPILOG = (
    "exit codes:\n"
    + "".join(f"  {code}  {meaning}\n" for code, meaning in EXIT_CODES)
    + """
examples:
  python -m clustersize                               size the bundled 5 MW reference example
  python -m clustersize --example > my.json           start a config from the example
  python -m clustersize --config my.json --json       size it, as JSON
  python -m clustersize --config my.json --nodes 400  does exactly 400 nodes fit?
  python -m clustersize --set node.gpu_w=1000         what if the GPUs draw 1 kW?
  python -m clustersize --sweep it_cap_mw=1:10:1      one result per cap from 1 to 10 MW
  python -m clustersize --set cap_basis=facility      the cap is facility power: IT cap = cap / pue
  python -m clustersize --set planning_margin=0.2     fit under 80 % of the IT cap
  python -m clustersize --set 'node.gpu_w={"low": 650, "typical": 700, "high": 750}'
                                                      a range: the answer at typical, and its band
  python -m clustersize --bom > bom.csv               the bill of materials as CSV
  python -m clustersize --sweep it_cap_mw=1:10:1 --csv > sweep.csv
                                                      the sweep as CSV, one row per point
"""
)


class _Parser(argparse.ArgumentParser):
    """An argparse parser that raises [`UsageError`][clustersize.errors.UsageError] instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    """The real CLI parser (the docs render its help at build time)."""
    p = _Parser(
        prog="clustersize",
        description="Power-first sizing of AI/HPC GPU clusters: the most nodes whose IT power "
        "(nodes + switches + optics) fits the cap, and where every watt goes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument(
        "--config",
        metavar="PATH",
        help="config JSON file, or - for stdin (default: the bundled 5 MW reference example)",
    )
    src.add_argument(
        "--preset",
        metavar="NAME",
        choices=examples.names(),
        help=f"size a bundled example by name: {', '.join(examples.names())}",
    )
    p.add_argument(
        "--json", action="store_true", help="print one JSON object (JSON lines with --sweep)"
    )
    p.add_argument(
        "--nodes",
        metavar="N",
        type=_nodes_arg,
        help="evaluate exactly N nodes: does it fit cap and fabric?",
    )
    p.add_argument(
        "--set",
        metavar="PATH=VALUE",
        action="append",
        default=[],
        dest="sets",
        help="what-if without editing the file, e.g. node.gpu_w=1000 (repeatable; VALUE is JSON or text)",
    )
    p.add_argument(
        "--sweep",
        metavar="PATH=START:STOP:STEP",
        help="one result per value from START to STOP inclusive, e.g. it_cap_mw=1:10:0.5",
    )
    _add_csv_flags(p)
    info = p.add_mutually_exclusive_group()
    info.add_argument("--schema", action="store_true", help="print the config JSON Schema and exit")
    info.add_argument(
        "--example",
        metavar="NAME",
        nargs="?",
        const=examples.DEFAULT,
        choices=examples.names(),
        help=f"print a bundled example config and exit (default {examples.DEFAULT})",
    )
    info.add_argument(
        "--list-examples", action="store_true", help="list the bundled example configs and exit"
    )
    p.add_argument("--version", action="version", version=f"clustersize {__version__}")
    return p


def _add_csv_flags(p: argparse.ArgumentParser) -> None:
    """``--csv`` (the results) and ``--bom`` (the bill of materials, physical build #11)."""
    p.add_argument(
        "--csv",
        action="store_true",
        help="print CSV: a header of the result fields and one row (one per point with --sweep)",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help="print the bill of materials as CSV (item, model, count, unit_w, total_w, ...) instead of "
        "the report; not with --json or --sweep",
    )


def _nodes_arg(text: str) -> int:
    try:
        return check_nodes(text)
    except NodesError as err:  # argparse prefixes "argument --nodes:"
        raise argparse.ArgumentTypeError(str(err).removeprefix("--nodes ")) from None


def read_config(path: str, stdin: TextIO) -> str:
    """Read config text from a file or ``-`` (stdin), refusing directories, huge and non-UTF-8 input."""
    limit = MAX_CONFIG_BYTES
    try:
        if path == "-":
            data = (
                stdin.buffer.read(limit + 1)
                if hasattr(stdin, "buffer")
                else stdin.read(limit + 1).encode()
            )
        else:
            if os.path.isdir(path):
                raise UsageError(f"--config {path}: is a directory, not a config file")
            if os.path.getsize(path) > limit:
                raise UsageError(f"--config {path}: larger than {limit:,} bytes; not a config file")
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise UsageError(f"--config {path}: no such file") from None
    except PermissionError:
        raise UsageError(f"--config {path}: permission denied") from None
    except OSError as exc:
        raise UsageError(f"--config {path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise UsageError(f"--config {path}: larger than {limit:,} bytes; not a config file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"--config {path}: not UTF-8 text (byte {exc.start}); is it a binary file?"
        ) from None


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it).

    Whatever happens, an error is exactly one line on stderr (control characters escaped) and, with ``--json``,
    one JSON object on stdout; never a traceback.
    """
    stdin = stdin if stdin is not None else sys.stdin
    args_json = "--json" in (sys.argv[1:] if argv is None else argv)
    try:
        return _main(build_parser().parse_args(argv), stdin)
    except ClusterSizeError as err:
        return _fail(err, args_json)
    except KeyboardInterrupt:
        print("clustersize: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, never a traceback
        return _fail(InternalError(f"{type(exc).__name__}: {exc}"), args_json)


def _fail(err: ClusterSizeError, args_json: bool) -> int:
    """Report an error: one escaped line on stderr; the error object on stdout with ``--json``."""
    print(f"clustersize: {printable(err.headline)}", file=sys.stderr)
    if args_json:
        sys.stdout.write(to_json(error_to_dict(err)))
    return err.exit_code


def _main(args: argparse.Namespace, stdin: TextIO) -> int:
    if args.schema or args.list_examples or args.example is not None:
        return _print_and_exit(args)
    notice = ""
    if args.config is not None:
        text, source = (
            read_config(args.config, stdin),
            ("stdin" if args.config == "-" else args.config),
        )
    else:
        name = args.preset or examples.DEFAULT
        text, source = examples.text(name), f"bundled example {name!r}"
        if args.preset is None:
            notice = f"no --config given: sized the bundled example {name!r} (see --example)"
    if args.sets:
        source += " with " + " ".join(f"--set {s}" for s in args.sets)
    _check_output_usage(args)
    code = _sweep(args, text) if args.sweep else _size(args, text, source)
    if notice and code == EXIT_OK:  # on failure the one stderr line is the reason
        print(f"clustersize: {notice}", file=sys.stderr)
    return code


def _print_and_exit(args: argparse.Namespace) -> int:
    """``--schema``, ``--list-examples`` and ``--example``: print and exit, alone."""
    info = "--schema" if args.schema else "--list-examples" if args.list_examples else "--example"
    sizing = [
        flag
        for flag, given in (
            ("--config", args.config is not None),
            ("--preset", args.preset is not None),
            ("--nodes", args.nodes is not None),
            ("--set", bool(args.sets)),
            ("--sweep", args.sweep is not None),
            ("--bom", args.bom),
            ("--csv", args.csv),
        )
        if given
    ]
    if sizing:
        raise UsageError(f"{info} prints and exits; it cannot be combined with {', '.join(sizing)}")
    if args.schema:
        sys.stdout.write(schema_json())
    elif args.list_examples:
        sys.stdout.write("".join(f"{name}\n" for name in examples.names()))
    else:
        sys.stdout.write(examples.text(args.example))
    return EXIT_OK


def _size(args: argparse.Namespace, text: str, source: str) -> int:
    _, config = prepare(text, args.sets)
    result = size(config, args.nodes)
    if args.bom:
        sys.stdout.write(bom.csv_text(bom.rows(result, config)))
    elif args.csv:
        sys.stdout.write(csvout.results_csv([result]))
    else:
        sys.stdout.write(to_json(result_to_dict(result)) if args.json else render(result, source))
    if result.status != "ok":
        print(f"clustersize: infeasible: {result.binding_detail}", file=sys.stderr)
        return EXIT_INFEASIBLE
    if args.nodes is not None and result.unit_note:  # --nodes N not a whole number of units: a note
        print(f"clustersize: note: {printable(result.unit_note)}", file=sys.stderr)
    return EXIT_OK


def _check_output_usage(args: argparse.Namespace) -> None:
    """One output at a time: ``--bom`` prints CSV for one design (not with ``--json``, ``--csv`` or
    ``--sweep``); ``--csv`` prints the results as CSV (not with ``--json``)."""
    given = (("--json", args.json), ("--csv", args.csv), ("--sweep", args.sweep))
    clash = [flag for flag, on in given if on]
    if args.bom and clash:
        raise UsageError(f"--bom prints CSV for one design; it cannot be combined with {clash[0]}")
    if args.csv and args.json:
        raise UsageError("--csv prints CSV; it cannot be combined with --json")


def _sweep(args: argparse.Namespace, text: str) -> int:
    swept = sweep(text, args.sweep, args.nodes, args.sets)
    if args.json:
        sys.stdout.write("".join(to_json_line(result_to_dict(r)) for r in swept.results))
    elif args.csv:
        sys.stdout.write(csvout.results_csv(swept.results))
    else:
        sys.stdout.write(sweep_table(swept.path, swept.values, swept.results))
    if swept.exit_code != EXIT_OK:
        bad = sum(r.status != "ok" for r in swept.results)
        print(
            f"clustersize: {bad} of {len(swept.results)} sweep points are infeasible",
            file=sys.stderr,
        )
    return swept.exit_code
