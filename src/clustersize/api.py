"""The public API: one call from text to answer, what the CLI and the browser calculator both run.

Everything a caller needs is importable from here (and re-exported by the package). ``run`` returns ``(exit_code, json_text)`` with exactly the bytes ``python -m clustersize --json`` prints, so the
calculator in Pyodide and the CLI agree byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, Overflow, Subnormal, Underflow
from fractions import Fraction
from typing import Any

from . import examples
from .config import (
    apply_set,
    check_nodes,
    check_path,
    load_config_text,
    load_json_text,
    parse_config,
    set_path,
)
from .errors import EXIT_INFEASIBLE, EXIT_OK, ClusterSizeError, ConfigError, UsageError
from .model import Config, Fabric, Node, Switch
from .output import error_to_dict, result_to_dict, to_json
from .result import RESULT_FIELDS, RESULT_LABELS, RESULT_UNITS, Result
from .solve import evaluate, evaluations_bound, solve

__all__ = [
    "RESULT_FIELDS",
    "RESULT_LABELS",
    "RESULT_UNITS",
    "ClusterSizeError",
    "Config",
    "ConfigError",
    "Fabric",
    "Node",
    "Result",
    "Sweep",
    "Switch",
    "UsageError",
    "config_text",
    "evaluate",
    "exit_code",
    "load_config_text",
    "parse_config",
    "prepare",
    "raw_config",
    "run",
    "size",
    "solve",
    "sweep",
]

MAX_SWEEP_POINTS = 10_000
"""Most points one ``--sweep`` may ask for."""
MAX_SWEEP_EVALUATIONS = 100_000
"""Most designs one ``--sweep`` may evaluate in all (points × evaluations per point, bounded before solving):
about 5 s on a 2-core machine."""
SWEEP_MAGNITUDE = 30
"""``--sweep`` START, STOP and STEP must lie within ``1e±SWEEP_MAGNITUDE`` (or be 0)."""


def config_text(preset: str | None, text: str | None) -> str | None:
    """The config a caller means: a bundled preset by name, else pasted/uploaded text (None: the default example)."""
    return examples.text(preset) if preset is not None else text


def raw_config(config_text: str | None, sets: Sequence[str] = ()) -> dict[str, Any]:
    """Config JSON text (None: the default bundled example) as raw data with ``--set`` what-ifs applied.

    Not validated beyond being a JSON object: what the calculator exports, and what [`prepare`][clustersize.api.prepare] validates.
    """
    data = load_json_text(examples.text() if config_text is None else config_text)
    if not isinstance(data, dict):
        raise ConfigError("/", "must be an object", data)
    raw: dict[str, Any] = data
    for assignment in sets:
        raw = apply_set(raw, assignment)
    return raw


def prepare(config_text: str | None, sets: Sequence[str] = ()) -> tuple[dict[str, Any], Config]:
    """Parse config text (None: the default bundled example), apply ``--set`` what-ifs, validate.

    Returns the raw JSON data (with the what-ifs) and the validated config.
    """
    raw = raw_config(config_text, sets)
    return raw, parse_config(raw)


def size(config: Config, nodes: int | None = None) -> Result:
    """Solve for the most nodes, or evaluate exactly ``nodes`` nodes."""
    return solve(config) if nodes is None else evaluate(config, nodes)


def exit_code(result: Result) -> int:
    """0 when the result is ok, 3 when infeasible."""
    return EXIT_OK if result.status == "ok" else EXIT_INFEASIBLE


def run(
    config_text: str | None, nodes: int | None = None, sets: Sequence[str] = ()
) -> tuple[int, str]:
    """Size a config given as JSON text; return ``(exit_code, json_text)`` exactly as ``--json`` prints."""
    try:
        if nodes is not None:
            nodes = check_nodes(nodes)
        _, config = prepare(config_text, sets)
        result = size(config, nodes)
    except ClusterSizeError as err:
        return err.exit_code, to_json(error_to_dict(err))
    return exit_code(result), to_json(result_to_dict(result))


def parse_sweep(spec: str) -> tuple[str, list[int | float]]:
    """Split ``PATH=START:STOP:STEP`` into the path and its values (START to STOP inclusive)."""
    path, sep, rng = spec.partition("=")
    parts = rng.split(":")
    if not sep or len(parts) != 3:
        raise UsageError(
            f"--sweep expects PATH=START:STOP:STEP (e.g. it_cap_mw=1:10:1), got {_shown(spec)}"
        )
    too_big = UsageError(
        f"--sweep START, STOP and STEP must be 0 or between 1e-{SWEEP_MAGNITUDE} and "
        f"1e{SWEEP_MAGNITUDE} in size, got {_shown(rng)}"
    )
    try:
        start, stop, step = (_bound(p) for p in parts)
    except InvalidOperation:
        raise UsageError(
            f"--sweep START, STOP and STEP must be numbers, got {_shown(rng)}"
        ) from None
    except OverflowError:
        raise too_big from None
    if not all(d.is_finite() for d in (start, stop, step)) or step <= 0 or stop < start:
        raise UsageError(
            f"--sweep needs finite numbers with STEP > 0 and STOP >= START, got {_shown(rng)}"
        )
    if any(d and abs(d.adjusted()) > SWEEP_MAGNITUDE for d in (start, stop, step)):
        raise too_big
    # Exact arithmetic on the numbers as typed (Decimal's default 28 digits could round a point past STOP).
    first, last, by = (Fraction(d) for d in (start, stop, step))
    if (last - first) / by >= MAX_SWEEP_POINTS:
        raise UsageError(
            f"--sweep asks for more than {MAX_SWEEP_POINTS:,} points, got {_shown(rng)}; "
            "use a larger STEP"
        )
    points = [first + i * by for i in range(int((last - first) / by) + 1)]
    whole = first.denominator == by.denominator == 1
    values: list[int | float] = [int(x) if whole else float(x) for x in points]
    check_path(path.strip())
    return path.strip(), values


def _bound(text: str) -> Decimal:
    """One ``--sweep`` number, read alike on every platform (64-bit CPython and 32-bit Pyodide hold different
    decimal exponents): exactly within 1e±1,000,000; past that, ``OverflowError``. Not a number:
    ``InvalidOperation``."""
    text = text.strip()
    context = Context(prec=max(len(text), 28), Emax=10**6, Emin=-(10**6), traps=[InvalidOperation])
    value = context.create_decimal(text)
    if any(context.flags[signal] for signal in (Overflow, Underflow, Subnormal)):
        raise OverflowError(text)
    return value


@dataclass(frozen=True)
class Sweep:
    """One ``--sweep``: the swept path, its values and one result per value."""

    path: str
    values: list[int | float]
    results: list[Result]

    @property
    def exit_code(self) -> int:
        """0 when every point is ok, 3 when any is infeasible."""
        return max((exit_code(r) for r in self.results), default=EXIT_OK)


def sweep(
    config_text: str | None, spec: str, nodes: int | None = None, sets: Sequence[str] = ()
) -> Sweep:
    """Size one config once per sweep value; every point is validated before any is solved."""
    path, values = parse_sweep(spec)
    raw, _ = prepare(config_text, sets)
    configs = []
    for value in values:
        try:
            configs.append(parse_config(set_path(raw, path, value)))
        except ConfigError as err:
            raise ConfigError(
                err.path, f"{err.rule} (at sweep value {value})", err.got, show_got=err.show_got
            ) from None
    work = sum(evaluations_bound(c, nodes) for c in configs)
    if work > MAX_SWEEP_EVALUATIONS:
        raise UsageError(
            f"--sweep would evaluate up to {work:,} designs ({len(configs):,} points); "
            f"at most {MAX_SWEEP_EVALUATIONS:,}: use fewer points"
        )
    return Sweep(path, values, [size(c, nodes) for c in configs])


def _shown(text: str) -> str:
    """User text for a message: JSON-quoted, at most 60 characters."""
    quoted = json.dumps(text if len(text) <= 60 else text[:57] + "...", ensure_ascii=False)
    return quoted
