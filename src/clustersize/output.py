"""Results and errors as JSON: the exact bytes of ``--json`` (and of the browser calculator)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from .result import Result


def result_to_dict(result: Result) -> dict[str, Any]:
    """A result as a dict whose key order is the field order of [`Result`][clustersize.result.Result]."""
    return {f.name: getattr(result, f.name) for f in fields(result)}


def to_json(obj: object) -> str:
    """Stable JSON text: declared key order, 2-space indent, UTF-8 kept, one trailing newline."""
    return json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_json_line(obj: object) -> str:
    """Compact one-line JSON (for ``--sweep --json``: one result per line)."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def error_to_dict(error: Any) -> dict[str, Any]:
    """The ``{"error": {...}}`` object printed on stdout with ``--json`` when something is wrong."""
    return {"error": error.to_dict()}
