"""The bundled example configs (package data under ``clustersize/data/examples``)."""

from __future__ import annotations

import os

DEFAULT = "reference-5mw"
"""The example sized when no config is given: the 5 MW reference case."""

# A plain path (not importlib.resources or pathlib): cheaper to import, and the package is always unpacked.
_FOLDER = os.path.join(os.path.dirname(__file__), "data", "examples")


def names() -> list[str]:
    """Names of the bundled examples, the default first."""
    found = sorted(name[: -len(".json")] for name in os.listdir(_FOLDER) if name.endswith(".json"))
    return [DEFAULT, *(n for n in found if n != DEFAULT)]


def text(name: str = DEFAULT) -> str:
    """The JSON text of one bundled example; ``KeyError`` names the choices when it does not exist."""
    if name not in names():
        raise KeyError(f"no bundled example {name!r}; choose one of: {', '.join(names())}")
    with open(os.path.join(_FOLDER, f"{name}.json"), encoding="utf-8") as fh:
        return fh.read()
