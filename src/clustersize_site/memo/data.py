"""Build-time data of the memo, loaded once per build: the bundled configs, the named scenarios of
``docs/data/scenarios.toml`` (each solved once), the trade study, the assumptions ledger, the validation
rows (each solved once), the invariants and the tests that enforce them.

Scenarios are data: code never names one. It asks for a role (``[roles]`` in ``scenarios.toml``, e.g. the
reference case), and pages name scenarios in their ``memo`` blocks and ``{{= NAME.FIELD }}`` values.
"""

from __future__ import annotations

import json
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clustersize import Config, api, examples
from clustersize.output import result_to_dict

from .errors import MemoError
from .invariants import TestRef, scan_tests
from .validation import Validation
from .validation import load as load_validation


@dataclass(frozen=True)
class Scenario:
    """A named sizing: a bundled example, --set what-ifs (``@PRESET`` resolved) and an optional node count,
    with its validated config and its result (the ``--json`` object)."""

    name: str
    title: str
    short: str
    preset: str
    sets: list[str]
    nodes: int | None
    config: Config
    result: dict[str, Any]

    @property
    def argv(self) -> list[str]:
        """The CLI arguments that reproduce this scenario."""
        return scenario_argv(self.preset, self.sets, self.nodes)

    @property
    def cmd(self) -> str:
        """The shell command that reproduces this scenario (arguments shell-quoted)."""
        return "python -m clustersize " + shlex.join(self.argv)


def scenario_argv(preset: str, sets: list[str], nodes: int | None) -> list[str]:
    """``--preset PRESET [--set PATH=VALUE ...] [--nodes N]``."""
    args = ["--preset", preset]
    for s in sets:
        args += ["--set", s]
    if nodes is not None:
        args += ["--nodes", str(nodes)]
    return args


@dataclass(frozen=True)
class Invariant:
    """One row of ``docs/data/invariants.toml``."""

    id: str
    statement: str
    enforced: str


@dataclass(frozen=True)
class Trade:
    """The topology trade study: its options (scenario names, in table order) and the figure's sweep."""

    options: tuple[str, ...]
    sweep: str


@dataclass(frozen=True)
class Implicit:
    """The implicit planning choices of ``[implicit]`` in ``scenarios.toml``: the scenario they apply to and
    the values (keywords of [`implicit_choices`][clustersize.sensitivity.implicit_choices]; a missing one is
    the scenario config's own)."""

    scenario: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Memo:
    """Everything the pages need, computed once per build."""

    root: Path
    data: Path
    configs: dict[str, dict[str, Any]]
    scenarios: dict[str, Scenario]
    roles: dict[str, str]
    trade: Trade
    implicit: Implicit | None
    ledger: dict[str, Any]
    validation: Validation
    invariants: list[Invariant]
    tests: list[TestRef]

    @classmethod
    def load(cls, root: Path, docs_dir: Path) -> Memo:
        """Read ``docs_dir/data``, solve every scenario, scan ``root/tests``; run the data checks."""
        from .checks import data_problems  # the checks read a Memo

        data = docs_dir / "data"
        configs = {name: json.loads(examples.text(name)) for name in examples.names()}
        spec = read_toml(data / "scenarios.toml")
        trade = spec.get("trade", {})
        ledger = read_toml(data / "ledger.toml")
        memo = cls(
            root=root,
            data=data,
            configs=configs,
            scenarios={
                name: _scenario(name, s, configs) for name, s in spec.get("scenario", {}).items()
            },
            roles=dict(spec.get("roles", {})),
            trade=Trade(tuple(trade.get("options", ())), trade.get("sweep", "")),
            implicit=_implicit(spec.get("implicit")),
            ledger=ledger,
            validation=load_validation(
                read_toml(data / "validation.toml"), ledger.get("figures", {})
            ),
            invariants=[Invariant(**i) for i in read_toml(data / "invariants.toml")["invariant"]],
            tests=scan_tests(root),
        )
        problems = data_problems(memo)
        if problems:
            raise MemoError("memo data checks failed:\n  " + "\n  ".join(problems))
        return memo

    def scenario(self, name: str) -> Scenario:
        """The scenario called ``name``."""
        try:
            return self.scenarios[name]
        except KeyError:
            raise MemoError(f"no scenario {name!r} (see docs/data/scenarios.toml)") from None

    def role(self, role: str) -> Scenario:
        """The scenario that plays ``role`` (``[roles]`` in ``docs/data/scenarios.toml``)."""
        if role not in self.roles:
            raise MemoError(f"no scenario plays the role {role!r} ([roles] in scenarios.toml)")
        return self.scenario(self.roles[role])

    def tests_for(self, ident: str) -> list[TestRef]:
        """The tests that enforce one invariant or gate ID."""
        return [t for t in self.tests if t.id == ident]


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as data; a missing or malformed file is a [`MemoError`][clustersize_site.memo.errors.MemoError]."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MemoError(f"{path}: {exc}") from None


def lookup(raw: dict[str, Any], dotted: str) -> Any:
    """The value at a dotted path of decoded JSON; ``KeyError`` names the path when it is not there."""
    node: Any = raw
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(dotted)
        node = node[part]
    return node


def _scenario(name: str, spec: dict[str, Any], configs: dict[str, dict[str, Any]]) -> Scenario:
    preset = spec.get("preset", examples.DEFAULT)
    if preset not in configs:
        raise MemoError(f"scenario {name!r}: no bundled example {preset!r}")
    sets = [_resolve(name, assignment, configs) for assignment in spec.get("set", [])]
    sets += _ranges(name, preset, sets, spec.get("ranges", {}))
    nodes = spec.get("nodes")
    try:
        _, config = api.prepare(examples.text(preset), sets)
        result = result_to_dict(api.size(config, nodes))
    except Exception as exc:
        cmd = " ".join(["python -m clustersize", *scenario_argv(preset, sets, nodes)])
        raise MemoError(f"scenario {name!r} ({cmd}) failed: {exc}") from None
    title = spec.get("title", name)
    return Scenario(name, title, spec.get("short", title), preset, sets, nodes, config, result)


def _resolve(name: str, assignment: str, configs: dict[str, dict[str, Any]]) -> str:
    """A ``--set PATH=VALUE``, with a ``@PRESET`` value replaced by that example's value at ``PATH``."""
    path, _, value = assignment.partition("=")
    if value.startswith("@"):
        try:
            value = json.dumps(lookup(configs[value[1:]], path))
        except KeyError:
            raise MemoError(
                f"scenario {name!r}: {assignment!r}: {value[1:]} has no {path}"
            ) from None
    return f"{path}={value}"


def _ranges(name: str, preset: str, sets: list[str], ends: dict[str, Any]) -> list[str]:
    """``PATH={"low", "typical", "high"}`` what-ifs from ``ranges = {PATH = [LOW, HIGH]}``: the typical value is
    the one the config holds at ``PATH`` (after ``sets``), so a band brackets the scenario's own point answer."""
    if not ends:
        return []
    raw = api.raw_config(examples.text(preset), sets)
    out = []
    for path, pair in ends.items():
        try:
            typical = lookup(raw, path)
        except KeyError:
            raise MemoError(f"scenario {name!r}: ranges: {preset} has no {path}") from None
        if not (isinstance(pair, list) and len(pair) == 2):
            raise MemoError(f"scenario {name!r}: ranges: {path} must be [LOW, HIGH], got {pair!r}")
        value = {"low": pair[0], "typical": typical, "high": pair[1]}
        out.append(f"{path}={json.dumps(value, separators=(',', ':'))}")
    return out


def _implicit(spec: dict[str, Any] | None) -> Implicit | None:
    """``[implicit]`` as data (None when the file has none)."""
    if not spec:
        return None
    values = {k: v for k, v in spec.items() if k != "scenario"}
    if "scenario" not in spec:
        raise MemoError("[implicit] in scenarios.toml names no scenario")
    return Implicit(str(spec["scenario"]), values)
