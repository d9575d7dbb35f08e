"""Helpers for the solver tests: configs as plain data, built and varied cheaply."""

from __future__ import annotations

import copy
import json
from typing import Any

from clustersize import examples
from clustersize.config import parse_config
from clustersize.model import Config


def example_raw(name: str = examples.DEFAULT) -> dict[str, Any]:
    """A bundled example as plain JSON data."""
    raw: dict[str, Any] = json.loads(examples.text(name))
    return raw


def with_values(raw: dict[str, Any], **paths: Any) -> dict[str, Any]:
    """A copy of ``raw`` with dotted paths (``node__gpu_w`` spelling) replaced."""
    out = copy.deepcopy(raw)
    for dotted, value in paths.items():
        *parents, leaf = dotted.split("__")
        node = out
        for p in parents:
            node = node[p]
        node[leaf] = value
    return out


def build(raw: dict[str, Any], **paths: Any) -> Config:
    """A validated config from ``raw`` with replacements."""
    return parse_config(with_values(raw, **paths))
