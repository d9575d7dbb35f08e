"""How a config field is declared: its [`FieldSpec`][clustersize.declare.FieldSpec] and the ``spec`` helper.

[`clustersize.model`][clustersize.model] declares every field with these; everything else reads them through
[`clustersize.model.walk`][clustersize.model.walk].
"""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field
from typing import Any, Literal

Kind = Literal["integer", "number", "string", "boolean", "object", "choice", "array"]


@dataclass(frozen=True)
class FieldSpec:
    """How one config field is typed, bounded and documented.

    ``kind`` is the JSON type: ``integer``, ``number``, ``string``, ``boolean``, ``object`` (then ``obj`` is the
    dataclass), ``array`` (a list of ``obj`` items, at most ``maximum`` of them) or ``choice`` (one of
    ``choices``). ``default_from`` names a sibling field whose value an absent object field takes (``fabric.core``
    defaults to ``fabric.spine``). A ``ranged`` number also accepts a [`Range`][clustersize.model.Range]
    ``{"low", "typical", "high"}`` whose three values each keep the bounds. ``requires`` lists ``(value, path)``
    pairs: when this field equals ``value``, the dotted ``path`` (from the root) must be given.
    """

    kind: Kind
    doc: str
    unit: str = ""
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    obj: type | None = None
    choices: tuple[object, ...] = ()
    required: bool = True
    default_from: str | None = None
    ranged: bool = False
    requires: tuple[tuple[object, str], ...] = ()


@dataclass(frozen=True)
class ModelField:
    """One declared field met by [`walk`][clustersize.model.walk]: where it sits and how it is declared."""

    path: tuple[str, ...]
    spec: FieldSpec
    default: Any

    @property
    def name(self) -> str:
        """The key inside its object."""
        return self.path[-1]

    @property
    def dotted(self) -> str:
        """The ``--set`` path, e.g. ``fabric.leaf.ports``."""
        return ".".join(self.path)

    @property
    def pointer(self) -> str:
        """The JSON pointer, e.g. ``/fabric/leaf/ports``."""
        return "/" + "/".join(self.path)


def spec(
    kind: Kind,
    doc: str,
    *,
    unit: str = "",
    minimum: float | None = None,
    exclusive_minimum: bool = False,
    maximum: float | None = None,
    default: Any = MISSING,
    obj: type | None = None,
    choices: tuple[object, ...] = (),
    default_from: str | None = None,
    ranged: bool = False,
    requires: tuple[tuple[object, str], ...] = (),
) -> Any:
    """Declare one config field (see [`FieldSpec`][clustersize.declare.FieldSpec]); a field with no ``default`` is required."""
    meta = FieldSpec(
        kind=kind,
        doc=doc,
        unit=unit,
        minimum=minimum,
        exclusive_minimum=exclusive_minimum,
        maximum=maximum,
        obj=obj,
        choices=choices,
        required=default is MISSING,
        default_from=default_from,
        ranged=ranged,
        requires=requires,
    )
    if default is MISSING:
        return field(metadata={"spec": meta})
    return field(default=default, metadata={"spec": meta})


def spec_of(f: Field[Any]) -> FieldSpec:
    """The [`FieldSpec`][clustersize.declare.FieldSpec] a dataclass field was declared with."""
    declared: FieldSpec = f.metadata["spec"]
    return declared
