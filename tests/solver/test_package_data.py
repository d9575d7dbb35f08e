"""The package's own data (bundled examples, the committed schema) and the model's public walks."""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clustersize import examples, schema
from clustersize.declare import FieldSpec
from clustersize.model import ExtraLoad, Fabric, Node, OpticsByTier, Rack, Switch, objects

DATA = Path(examples.__file__).parent / "data"


def default_encoding(encoding: str) -> Callable[..., Any]:
    """``open`` on a platform whose default text encoding is ``encoding`` (Windows: cp1252; here EBCDIC)."""

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "b" not in mode and kwargs.get("encoding") is None:
            kwargs["encoding"] = encoding
        return builtins.open(file, mode, *args, **kwargs)

    return fake_open


@pytest.mark.parametrize("encoding", ["cp500", "cp1252"])
def test_package_data_is_read_as_utf8_whatever_the_platform_default(
    monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr(examples, "open", default_encoding(encoding), raising=False)
    monkeypatch.setattr(schema, "open", default_encoding(encoding), raising=False)
    for name in examples.names():
        assert examples.text(name) == (DATA / "examples" / f"{name}.json").read_bytes().decode()
    assert schema.committed_schema_text() == schema.schema_json()
    assert "×" in schema.committed_schema_text()  # not ASCII: a wrong decoding would show


def test_an_unknown_example_names_the_choices() -> None:
    with pytest.raises(KeyError) as caught:
        examples.text("nope")
    assert caught.value.args == (
        "no bundled example 'nope'; choose one of: "
        "reference-5mw, dgx-b200, dgx-b300, dgx-h100, gb200-nvl72",
    )


def test_objects_walks_from_the_class_given() -> None:
    assert objects(Fabric) == {"Switch": Switch, "OpticsByTier": OpticsByTier}
    assert objects(Node) == {}
    assert objects() == {
        "Node": Node,
        "Fabric": Fabric,
        "Switch": Switch,
        "OpticsByTier": OpticsByTier,
        "ExtraLoad": ExtraLoad,
        "Rack": Rack,
    }


def test_a_fractional_bound_is_published_as_written() -> None:
    prop = schema._property(FieldSpec("number", "d", unit="W", minimum=0.5, maximum=2.5), None)
    assert prop == {
        "type": "number",
        "description": "d Unit: W.",
        "minimum": 0.5,
        "maximum": 2.5,
        "x-unit": "W",
    }
    whole = schema._property(FieldSpec("number", "d", minimum=0.0, maximum=10.0), None)
    assert (whole["minimum"], whole["maximum"]) == (0, 10)
    assert isinstance(whole["minimum"], int)
    assert json.dumps(whole).count(".0") == 0
