"""The bundled example configs (package data under ``clustersize/data/examples``)."""

from __future__ import annotations

from pathlib import Path

DEFAULT = "reference-5mw"
"""The example sized when no config is given: the 5 MW reference case."""


def _folder() -> Path:
    # A plain path (not importlib.resources): cheaper to import, and the package is always unpacked.
    return Path(__file__).parent / "data" / "examples"


def names() -> list[str]:
    """Names of the bundled examples, the default first."""
    found = sorted(p.name[: -len(".json")] for p in _folder().iterdir() if p.name.endswith(".json"))
    return [DEFAULT, *(n for n in found if n != DEFAULT)]


def text(name: str = DEFAULT) -> str:
    """The JSON text of one bundled example; ``KeyError`` names the choices when it does not exist."""
    if name not in names():
        raise KeyError(f"no bundled example {name!r}; choose one of: {', '.join(names())}")
    return (_folder() / f"{name}.json").read_text(encoding="utf-8")
