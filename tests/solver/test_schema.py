"""The JSON Schema: generated from the model, committed, and in agreement with the core validator."""

from __future__ import annotations

import copy
import json
import math
from fractions import Fraction
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersize import ConfigError, examples
from clustersize.config import config_paths, parse_config
from clustersize.schema import build_schema, committed_schema_text, schema_json
from solver.strategies import node_power_kw
from solver.support import example_raw

VALIDATOR = jsonschema.Draft202012Validator(build_schema())


def test_committed_schema_equals_the_generated_one() -> None:
    assert committed_schema_text() == schema_json(), (
        "regenerate: python -m clustersize --schema > src/clustersize/data/config.schema.json"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(build_schema())
    assert build_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_object_forbids_unknown_keys_and_every_field_has_a_description() -> None:
    schema = build_schema()
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        assert obj["additionalProperties"] is False
        for prop in obj["properties"].values():
            assert prop["description"]


def test_power_fields_carry_their_unit() -> None:
    node = build_schema()["$defs"]["Node"]["properties"]
    assert node["gpu_w"]["x-unit"] == "W"
    assert "Unit: W" in node["gpu_w"]["description"]
    assert build_schema()["properties"]["it_cap_mw"]["x-unit"] == "MW"


@pytest.mark.parametrize("name", examples.names())
def test_jsonschema_accepts_every_bundled_example(name: str) -> None:
    VALIDATOR.validate(json.loads(examples.text(name)))


def leaf_paths() -> list[str]:
    objects = {
        p
        for p in config_paths()
        if p in {"node", "fabric"} or p.endswith(("leaf", "spine", "core"))
    }
    return [p for p in config_paths() if p not in objects]


MUTANTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7),
    st.sampled_from(["", " ", "x", "auto", "8", "<img src=x onerror=alert(1)>"]),
    st.just([]),
    st.just({}),
)


def core_accepts(raw: dict[str, Any]) -> bool:
    try:
        parse_config(raw)
    except ConfigError:
        return False
    return True


def _kind(dotted: str) -> str:
    from clustersize.model import walk

    kind: str = next(m.spec.kind for m in walk() if m.dotted == dotted)
    return kind


def cross_field_ok(raw: dict[str, Any]) -> bool:
    """Rules JSON Schema cannot express (sums across fields); the core alone enforces these."""
    try:
        fab, node = raw["fabric"], raw["node"]
        ok = fab["leaf_host_ports"] + fab["leaf_uplink_ports"] <= fab["leaf"]["ports"]
        planes = fab.get("planes", 1)
        host_ports = node["nics_per_node"] * node["ports_per_nic_to_fabric"]
        ok = ok and host_ports % planes == 0  # planes split the host ports evenly (#11)
        if fab.get("rail_optimized") is True:
            ports = node["ports_per_nic_to_fabric"] // math.gcd(
                node["ports_per_nic_to_fabric"], planes
            )
            ok = ok and fab["leaf_host_ports"] >= ports
        if isinstance(raw.get("rack"), dict):  # a rack must power one node (#11)
            ok = ok and Fraction(repr(raw["rack"]["max_kw"])) >= node_power_kw(node)
        return bool(ok)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return True


@settings(max_examples=400, deadline=None)
@given(
    name=st.sampled_from(examples.names()),
    path=st.sampled_from(leaf_paths()),
    value=MUTANTS,
    drop=st.booleans(),
)
def test_jsonschema_and_core_validator_agree(
    name: str, path: str, value: object, drop: bool
) -> None:
    raw = copy.deepcopy(example_raw(name))
    *parents, key = path.split(".")
    node = raw
    for p in parents:
        node = node.setdefault(p, copy.deepcopy(raw["fabric"]["spine"]) if p == "core" else {})
    if drop:
        node.pop(key, None)
    else:
        node[key] = value
    schema_ok = VALIDATOR.is_valid(raw)
    core_ok = core_accepts(raw)
    if schema_ok and isinstance(value, float) and value.is_integer() and not drop:
        # JSON Schema counts 8.0 as an integer; the core is deliberately stricter and rejects a float
        # where a count is required (INV-003). Everything else must agree exactly.
        assert core_ok == (_kind(path) == "number")
    elif schema_ok and not cross_field_ok(raw):
        assert not core_ok
    else:
        assert schema_ok == core_ok, (path, value, drop)


def test_unknown_key_mutants_are_rejected_by_both() -> None:
    raw = example_raw()
    raw["node"]["gpu_W"] = 1
    assert not VALIDATOR.is_valid(raw)
    assert not core_accepts(raw)
