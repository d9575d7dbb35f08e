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


RANGES = st.fixed_dictionaries(
    {
        "low": st.sampled_from([-1, 0, 0.5, 1, 1.2, 650]),
        "typical": st.sampled_from([0, 1, 1.3, 2, 700]),
        "high": st.sampled_from([1, 1.5, 3, 750, 10**6]),
    },
    optional={"hi": st.just(1), "note": st.just("x")},
).flatmap(lambda r: st.sampled_from([r, {k: v for k, v in r.items() if k != "high"}]))
LOADS = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["storage", "", " "]),
            "power_w": st.one_of(st.sampled_from([0, 450]), RANGES),
        },
        optional={
            "count": st.sampled_from([0, 1, 12, 2.5]),
            "per_nodes": st.sampled_from([0, 1, 16]),
            "colour": st.just("red"),
        },
    ),
    max_size=3,
).flatmap(lambda items: st.sampled_from([items, [*items, 7], [*items, {}]]))
MUTANTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7),
    st.sampled_from(["", " ", "x", "auto", "8", "<img src=x onerror=alert(1)>"]),
    st.sampled_from(["it", "facility", "components", "nameplate", "IT"]),
    st.just([]),
    st.just({}),
    RANGES,
    LOADS,
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


def ranges_in_order(value: object) -> bool:
    """Whether every complete range in ``value`` has low <= typical <= high (JSON Schema cannot say so)."""
    if isinstance(value, list):
        return all(ranges_in_order(v) for v in value)
    if not isinstance(value, dict):
        return True
    ends = [value.get(k) for k in ("low", "typical", "high")]
    if all(isinstance(e, int | float) and not isinstance(e, bool) for e in ends):
        return bool(ends[0] <= ends[1] <= ends[2])  # type: ignore[operator]
    return all(ranges_in_order(v) for v in value.values())


def cross_field_ok(raw: dict[str, Any]) -> bool:
    """Rules JSON Schema cannot express (sums across fields, range order); the core alone enforces these."""
    if not ranges_in_order(raw):
        return False
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


@settings(max_examples=600, deadline=None)
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


def test_schema_accepts_every_planning_key_and_ranges_on_every_ranged_field() -> None:
    from solver.support import planning_raw

    raw = planning_raw()
    VALIDATOR.validate(raw)
    assert core_accepts(raw)


def _ranged_properties() -> list[tuple[str, dict[str, Any]]]:
    schema = build_schema()
    objects = {"": schema, **schema["$defs"]}
    return [
        (f"{name}.{key}", prop)
        for name, obj in objects.items()
        for key, prop in obj["properties"].items()
        if "anyOf" in prop
    ]


def test_every_ranged_field_is_a_number_or_a_closed_low_typical_high_object() -> None:
    from clustersize.model import item_fields, walk

    ranged = {m.name for m in (*walk(), *item_fields()) if m.spec.ranged}
    found = _ranged_properties()
    assert {name.rsplit(".", 1)[-1] for name, _ in found} == ranged
    assert (
        len(found) == 14
    )  # 6 node parts + nameplate, Switch (leaf, spine, core), optic, 3 optics by tier, extra load, pue
    for _, prop in found:
        number, obj = prop["anyOf"]
        assert number == {"type": "number"}
        assert obj["additionalProperties"] is False
        assert obj["required"] == ["low", "typical", "high"]
        for end in obj["properties"].values():
            assert end["description"]
            for bound in ("minimum", "exclusiveMinimum", "maximum"):
                assert end.get(bound) == prop.get(bound)


@pytest.mark.parametrize(
    "change",
    [
        {"node": {"gpu_w": {"low": 1, "typical": 2, "high": 3, "extra": 1}}},
        {"node": {"gpu_w": {"low": 1, "typical": 2}}},
        {"node": {"gpu_w": {"low": 0, "typical": 2, "high": 3}}},
        {"extra_loads": [{"name": "a", "power_w": 1, "count": 1, "per_nodes": 1}]},
        {"extra_loads": [{"name": "a", "power_w": 1}]},
        {"extra_loads": [{"name": "a", "power_w": 1, "count": 1, "x": 1}]},
        {"cap_basis": "facility", "pue": None},
        {"power_basis": "nameplate"},
        {"planning_margin": 0.51},
    ],
)
def test_schema_and_core_both_reject_bad_planning_input(change: dict[str, Any]) -> None:
    raw = example_raw("b200-class-128p")
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(raw.get(key), dict):
            raw[key].update(value)
        elif value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    assert not VALIDATOR.is_valid(raw)
    assert not core_accepts(raw)


def test_range_order_is_the_one_rule_only_the_core_enforces() -> None:
    raw = example_raw()
    raw["node"]["gpu_w"] = {"low": 800, "typical": 700, "high": 900}
    assert VALIDATOR.is_valid(raw)
    assert not cross_field_ok(raw)
    assert not core_accepts(raw)
