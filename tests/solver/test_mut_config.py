"""Config text must be valid Unicode: a lone surrogate anywhere in a string (both ends of the surrogate block
included) is refused with the field's path and the value escaped."""

from __future__ import annotations

import json

import pytest

from clustersize.api import prepare
from clustersize.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "shown"),
    [("\udfff", '"\\udfff"'), ("\ud800", '"\\ud800"'), ("a\udc00b", '"a\\udc00b"')],
)
def test_a_lone_surrogate_in_text_is_refused_with_the_value_escaped(text: str, shown: str) -> None:
    with pytest.raises(ConfigError) as caught:
        prepare(None, ["node.name=" + json.dumps(text)])
    assert str(caught.value) == (
        f"/node/name: must be valid Unicode text (it holds a lone surrogate), got {shown}"
    )


def test_text_just_outside_the_surrogate_block_is_kept() -> None:
    _, config = prepare(None, ["node.name=" + json.dumps("\ud7ff\ue000")])
    assert config.node.name == "\ud7ff\ue000"
