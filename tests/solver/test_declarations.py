"""The declarations, executed afresh, still say what the published schema and the golden records say.

The declaration helpers (``spec``, ``_count``, ``_watts``, ``_text`` in ``clustersize.model``, ``out`` in
``clustersize.result``) run once, when their module is first imported, and everything after reads what they
left behind. These tests load a second copy of the module inside the test (and point the validator and the
schema generator at the model copy), so a wrong bound, unit, default or ``default_from`` in a helper shows up
here as a difference from the committed schema, the golden key list or the reviewed CLI transcripts.
(Mutation testing needs this: its workers inherit the first import.)
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from dataclasses import fields
from types import ModuleType

import pytest

from clustersize import config, examples, schema
from clustersize.api import prepare
from clustersize.errors import ConfigError
from solver.support import example_raw
from solver.test_cli_text import CASES, GOLDEN, normalise, transcript
from solver.test_json_order import golden_keys
from solver.test_mut_web import ask, cli_json


def fresh(name: str) -> ModuleType:
    """A second copy of module ``name``, executed now (``sys.modules`` keeps the first)."""
    spec = importlib.util.find_spec(name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Validator and schema generator switched to a freshly executed model."""
    first = importlib.import_module("clustersize.model")
    copy = fresh("clustersize.model")
    for module in (config, schema):
        taken = [n for n, v in vars(module).items() if n in vars(first) and v is vars(first)[n]]
        taken.remove("Range")  # a value the solver reads everywhere by identity, not a declaration
        assert {"Config", "members", "walk"} <= set(taken)  # what each reads of the model
        for name in taken:
            monkeypatch.setattr(module, name, getattr(copy, name))
    return copy


def test_fresh_declarations_give_the_committed_schema(model: ModuleType) -> None:
    assert schema.schema_json() == schema.committed_schema_text()


@pytest.mark.parametrize("name", examples.names())
def test_fresh_declarations_accept_the_bundled_examples(model: ModuleType, name: str) -> None:
    _, cfg = prepare(examples.text(name))
    assert isinstance(cfg, model.Config)
    assert isinstance(cfg.fabric.core_switch, model.Switch)


def test_fresh_core_defaults_to_the_spine(model: ModuleType) -> None:
    core = next(f for f in fields(model.Fabric) if f.name == "core")
    assert model.spec_of(core).default_from == "spine"
    raw = config.set_path(example_raw(), "fabric.core.ports", 128)
    assert raw["fabric"]["core"] == {**raw["fabric"]["spine"], "ports": 128}


@pytest.mark.parametrize("name", [n for n in CASES if n not in ("help", "version")])
def test_fresh_declarations_give_the_golden_transcripts(
    model: ModuleType, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    got = normalise(transcript(capsys, CASES[name]))
    assert got == (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")


def test_fresh_result_declarations_give_the_golden_keys() -> None:
    result = fresh("clustersize.result")
    assert [key for key, _, _ in result.RESULT_FIELDS] == golden_keys()
    assert list(result.RESULT_LABELS) == golden_keys()
    for key, unit, doc in result.RESULT_FIELDS:
        assert isinstance(unit, str), key
        assert doc.strip(), key
        assert result.RESULT_LABELS[key].strip(), key


@pytest.mark.parametrize("value", ['"700"', "true", "null"])
def test_fresh_wattage_declarations_refuse_what_is_not_a_number(
    model: ModuleType, value: str
) -> None:
    """A wattage takes a number or a range: the kind its declaration gives is what the validator checks."""
    with pytest.raises(ConfigError) as caught:
        prepare(examples.text(), [f"node.gpu_w={value}"])
    assert (caught.value.path, caught.value.rule) == ("/node/gpu_w", "must be a number")


@pytest.mark.parametrize("call", ["run", "sweep", "results_csv", "bom_csv"])
def test_fresh_web_calls_read_nodes_first(capsys: pytest.CaptureFixture[str], call: str) -> None:
    """The web calls are wrapped when the module runs: a fresh copy still answers a bad --nodes as the CLI does,
    with the field named."""
    web = fresh("clustersize.web")
    code, out = cli_json(capsys, "--nodes", "0")
    reply = ask(getattr(web, call), nodes="0", spec="it_cap_mw=1:2:1")
    assert reply == {"code": code, "error": json.loads(out)["error"], "json": out, "field": "nodes"}


def test_fresh_web_run_sizes_the_nodes_given(capsys: pytest.CaptureFixture[str]) -> None:
    web = fresh("clustersize.web")
    code, out = cli_json(capsys, "--nodes", "7")
    reply = ask(web.run, nodes="7")
    assert (reply["code"], reply["json"]) == (code, out) == (0, out)
    assert json.loads(out)["nodes"] == 7
