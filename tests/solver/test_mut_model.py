"""The model's walks from a class other than Config, the kind of a wattage field, and the shortest name."""

from __future__ import annotations

import pytest

from clustersize.config import parse_config
from clustersize.errors import ConfigError
from clustersize.model import Config, Fabric, item_fields, objects
from clustersize.schema import build_schema, schema_json
from clustersize.web import form_fields
from solver.support import example_raw, with_values


def test_walks_from_a_class_stay_inside_that_class() -> None:
    assert list(item_fields(Fabric)) == []  # a fabric holds no list
    assert [m.dotted for m in item_fields(Config)][:1] == ["extra_loads.*.name"]
    assert sorted(objects(Fabric)) == ["OpticsByTier", "Switch"]
    assert "ExtraLoad" in objects(Config)


@pytest.mark.parametrize("path", ["node__gpu_w", "fabric__leaf__power_w", "node__nameplate_w"])
def test_a_wattage_is_a_number(path: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(with_values(example_raw(), **{path: "700"}))
    pointer = "/" + path.replace("__", "/")
    assert caught.value.message == f'{pointer}: must be a number, got "700"'


def test_the_calculator_form_takes_a_wattage_as_a_number() -> None:
    gpu = next(f for f in form_fields() if f["path"] == "node.gpu_w")
    assert (gpu["kind"], gpu["unit"], gpu["ranged"]) == ("number", "W", True)
    assert (gpu["minimum"], gpu["exclusive_minimum"]) == (0, True)


def test_a_one_character_name_is_a_name() -> None:
    config = parse_config(with_values(example_raw(), node__name="A", fabric__leaf__name="Q"))
    assert (config.node.name, config.fabric.leaf.name) == ("A", "Q")
    with pytest.raises(ConfigError) as caught:
        parse_config(with_values(example_raw(), node__name=""))
    assert caught.value.path == "/node/name"


def test_the_schema_is_plain_json_data() -> None:
    import json

    schema = build_schema()
    assert json.loads(schema_json()) == schema
    assert schema["properties"]["extra_loads"]["default"] == []
