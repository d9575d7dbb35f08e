"""``clustersize.jsontext``: strict config JSON in (the size, depth, duplicate-key, NaN and number rules, each a
one-line error at ``/``), and ``dumps``, which writes back what was read (the calculator's export)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clustersize import jsontext
from clustersize.errors import ConfigError, HugeNumber
from clustersize.jsontext import MAX_CONFIG_BYTES, MAX_DEPTH, dumps, load_json_text, loads


def refusal(text: str) -> dict[str, object]:
    with pytest.raises(ConfigError) as info:
        load_json_text(text)
    return info.value.to_dict()


def at_root(rule: str) -> dict[str, object]:
    return {
        "kind": "invalid_config",
        "path": "/",
        "rule": rule,
        "message": f"/: {rule}",
        "exit_code": 2,
    }


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


# --- reading --------------------------------------------------------------------------------------------------


def test_a_byte_order_mark_is_skipped_only_at_the_start() -> None:
    assert load_json_text('\ufeff{"a": 1}') == {"a": 1}
    assert refusal('{"a": 1}\ufeff') == at_root("invalid JSON at line 1 column 9: Extra data")


def test_the_size_limit_counts_the_text_after_the_mark() -> None:
    filler = " " * (MAX_CONFIG_BYTES - 2)
    assert load_json_text("{" + filler + "}") == {}
    assert load_json_text("\ufeff{" + filler + "}") == {}
    assert refusal("{ " + filler + "}") == at_root("config must be at most 1,000,000 bytes")
    with pytest.raises(ConfigError) as info:
        load_json_text("{ " + filler + "}")
    assert info.value.got == MAX_CONFIG_BYTES + 1  # the size read, kept on the error for callers


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        (nested(MAX_DEPTH), None),
        (nested(MAX_DEPTH + 1), MAX_DEPTH + 1),
        ('{"a": ' + nested(MAX_DEPTH - 1) + "}", None),
        ('{"a": ' + nested(MAX_DEPTH) + "}", MAX_DEPTH + 1),
        (nested(MAX_DEPTH, '"' + "[{" * 40 + '"'), None),  # brackets in a string do not nest
        (nested(MAX_DEPTH, '"\\"' + "[" * 40 + '"'), None),  # ... nor after an escaped quote
        (nested(MAX_DEPTH, '"\\\\", ' + nested(1)), MAX_DEPTH + 1),  # an escaped backslash ends
        ("[" + nested(MAX_DEPTH - 1) + ", " + nested(MAX_DEPTH - 1) + "]", None),  # siblings
        ("[" + "[], " * 40 + nested(MAX_DEPTH - 1) + "]", None),  # closed brackets are not depth
        (
            "[[[], " + nested(MAX_DEPTH - 1) + "]]",
            MAX_DEPTH + 1,
        ),  # closing one level keeps the rest
        ("XX" + nested(MAX_DEPTH + 1), MAX_DEPTH + 1),  # only brackets count, before parsing
    ],
)
def test_nesting_deeper_than_the_limit_is_refused_with_its_depth(
    text: str, depth: int | None
) -> None:
    if depth is None:
        assert load_json_text(text) == json.loads(text)
    else:
        assert refusal(text) == at_root(
            f"config must nest at most {MAX_DEPTH} levels deep, got {depth}"
        )


def test_a_key_given_twice_is_refused_naming_it() -> None:
    assert refusal('{"node": {"gpu_w": 1, "gpu_w": 2}}') == at_root(
        'invalid JSON: key "gpu_w" appears twice in one object'
    )
    assert load_json_text('{"a": {"k": 1}, "b": {"k": 2}}') == {"a": {"k": 1}, "b": {"k": 2}}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            '{"a": 1,}',
            "invalid JSON at line 1 column 9: Expecting property name enclosed in double quotes",
        ),
        ('{\n  "a": tru\n}', "invalid JSON at line 2 column 8: Expecting value"),
        ('{"a": NaN}', "invalid JSON: NaN is not a number JSON allows"),
        ('{"a": -Infinity}', "invalid JSON: -Infinity is not a number JSON allows"),
    ],
)
def test_invalid_json_is_one_line_at_the_root(text: str, rule: str) -> None:
    assert refusal(text) == at_root(rule)


def test_numbers_no_float_holds_are_kept_as_written() -> None:
    digits = "9" * jsontext.MAX_INT_DIGITS
    data = loads(f"[{digits}, -{digits[1:]}, {digits}9, 1e400, -1e-400, 0e-400, 0.000, 1.5e-3, 7]")
    assert data[:2] == [int(digits), -int(digits[1:])]  # at most 40 characters
    huge, big, tiny = data[2], data[3], data[4]
    assert [type(huge), type(big), type(tiny)] == [HugeNumber] * 3
    assert [(h.text, h.tiny) for h in (huge, big, tiny)] == [
        (digits + "9", False),
        ("1e400", False),
        ("-1e-400", True),
    ]
    assert data[5:] == [0.0, 0.0, 0.0015, 7]
    assert [type(v) for v in data[5:]] == [float, float, float, int]
    assert loads("1E-400").tiny is True
    assert loads("0.0E-400") == 0.0


def test_loads_passes_its_options_to_json() -> None:
    assert loads('{"a": 1, "b": 2}', object_pairs_hook=list) == [("a", 1), ("b", 2)]
    with pytest.raises(ConfigError, match="Infinity is not a number JSON allows"):
        loads("[Infinity]")


# --- writing --------------------------------------------------------------------------------------------------

WRITTEN: list[Any] = [
    {},
    [],
    "text",
    0,
    7,
    1.5,
    None,
    True,
    {"a": 1, "b": [1, 2, {"c": None, "d": []}], "e": {}, "f": {"g": {"h": "i"}}},
    [[1, [2, [3]]], {"k": "Grüße ✓"}, False],
    {"é": ["ü", 0.0]},
]


@pytest.mark.parametrize("data", WRITTEN)
@pytest.mark.parametrize("indent", [2, 4, 1])
def test_dumps_writes_what_json_dumps_writes(data: Any, indent: int) -> None:
    assert dumps(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


def test_dumps_indents_by_two_unless_told() -> None:
    assert dumps({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}'


def test_dumps_writes_huge_numbers_and_lone_surrogates_as_read() -> None:
    source = '{"a": [1e400, -1e-5000, 1' + "0" * 60 + '], "\\ud800": "x\\udfff", "b": {}}'
    text = dumps(loads(source))
    assert text == (
        '{\n  "a": [\n    1e400,\n    -1e-5000,\n    1'
        + "0" * 60
        + '\n  ],\n  "\\ud800": "x\\udfff",\n  "b": {}\n}'
    )
    text.encode("utf-8")


def test_escape_surrogates_escapes_only_lone_surrogates() -> None:
    assert jsontext.escape_surrogates('"a\ud800b\udfffé"') == '"a\\ud800b\\udfffé"'
    assert jsontext.escape_surrogates("plain ✓") == "plain ✓"
