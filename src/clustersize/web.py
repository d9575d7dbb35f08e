"""The calculator's side of the browser boundary: what the Web Worker calls in Pyodide, and the page's data.

Every call takes and returns JSON text (strings cross the JavaScript boundary cheaply). A message is
``{"preset": NAME}`` or ``{"config": TEXT}``, plus ``"sets"`` (``--set`` what-ifs) and ``"nodes"`` (the
``--nodes`` text, empty to maximise). Values come back already formatted by `clustersize.fmt`
(``cells``), so the page prints what the CLI report and the memo print. No call raises: an error is a reply
(``code``, ``error``, ``json``) with the CLI's exit code and words, and an unexpected exception an ``internal``
one (exit code 1), so the page can show it. Standard library only: this module ships in the wheel.
``python -m clustersize.web`` prints `page_json`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from . import api, bom, cli, csvout, examples, fmt
from ._version import __version__
from .compare import COMPARED, deltas
from .config import MAX_CONFIG_BYTES
from .declare import ModelField
from .errors import ClusterSizeError, InternalError
from .jsontext import dumps, escape_surrogates
from .model import Config, one_of, walk
from .output import error_to_dict, result_to_dict, to_json
from .result import RESULT_FIELDS, RESULT_LABELS, RESULT_UNITS
from .schema import build_schema
from .sensitivity import swings

__all__ = [
    "bom_csv",
    "compare",
    "export",
    "form_fields",
    "info",
    "main",
    "page_data",
    "page_json",
    "results_csv",
    "run",
    "shares",
    "shown",
    "sweep",
    "tornado",
]


# --- messages -------------------------------------------------------------------------------------------------

Reply = dict[str, Any]


def _message(text: str) -> dict[str, Any]:
    """A message from the page: a JSON object (the page writes it; anything else is a bug)."""
    msg = json.loads(text)
    if not isinstance(msg, dict):
        raise TypeError(f"a message must be a JSON object, got {type(msg).__name__}")
    return msg


def _text(msg: Mapping[str, Any], key: str) -> str:
    """A text field of a message ("" when absent); another type is a bug in the page."""
    value = msg.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"message field {key!r} must be text, got {type(value).__name__}")
    return value


def _config(msg: Mapping[str, Any]) -> str | None:
    """The config text: a preset checked by the CLI's own ``--preset`` rule, else the pasted text (or the default)."""
    if msg.get("preset") is not None:
        preset: str = _parser().parse_args(["--preset", _text(msg, "preset")]).preset
        return api.config_text(preset, None)
    return _text(msg, "config") if msg.get("config") is not None else None


def _texts(msg: Mapping[str, Any], key: str) -> list[str]:
    """A list-of-texts field of a message ([] when absent); another type is a bug in the page."""
    value = msg.get(key) or []
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise TypeError(f"message field {key!r} must be a list of texts")
    return value


@cache
def _parser() -> argparse.ArgumentParser:
    return cli.build_parser()


def _nodes(msg: Mapping[str, Any]) -> int | None:
    """The ``--nodes`` text through the CLI's own parser, so an error reads exactly as the CLI's."""
    raw = _text(msg, "nodes")
    if not raw:
        return None
    nodes: int = _parser().parse_args(["--nodes", raw]).nodes
    return nodes


def _dumps(obj: object) -> str:
    """Compact JSON text for the page; a lone surrogate travels as its escape (the text is valid UTF-8)."""
    return escape_surrogates(json.dumps(obj, ensure_ascii=False, allow_nan=False))


def _error_reply(err: ClusterSizeError, field: str = "") -> Reply:
    """An error as every call replies it: ``code``, ``error`` (the object ``--json`` prints under
    ``"error"``), ``json`` (the bytes ``--json`` prints), and ``field`` when ``--nodes`` caused it."""
    reply: Reply = {
        "code": err.exit_code,
        "error": err.to_dict(),
        "json": to_json(error_to_dict(err)),
    }
    if field:
        reply["field"] = field
    return reply


def _answer(handle: Callable[[dict[str, Any]], Reply], message: str) -> str:
    """``handle(message)`` as JSON text; never raises: a `ClusterSizeError` is its reply, anything else an
    ``internal`` error (exit code 1, a bug) that the page shows instead of a traceback."""
    try:
        reply = handle(_message(message))
    except ClusterSizeError as err:
        reply = _error_reply(err)
    except Exception as exc:  # a bug: the page shows it, the worker goes on
        reply = _error_reply(_internal(exc))
    try:
        return _dumps(reply)
    except Exception as exc:  # a reply that is not JSON: a bug too
        return _dumps(_error_reply(_internal(exc)))


def _internal(exc: Exception) -> InternalError:
    return InternalError(f"{type(exc).__name__}: {exc}")


# --- what the worker calls ------------------------------------------------------------------------------------


def shares(result: Mapping[str, Any]) -> dict[str, str]:
    """Every watt field of a result as a share of the IT cap (``"62.3 %"``; ``n/a`` when missing)."""
    cap = result.get("it_cap_w")
    return {key: fmt.share(result.get(key), cap) for key, unit, _ in RESULT_FIELDS if unit == "W"}


def shown(result: Mapping[str, Any]) -> dict[str, Any]:
    """What the page prints for a result: its ``cells`` (`fmt.cells`), ``shares``, and ``loads``: each extra
    load's ``name``, ``count``, ``power_w`` and ``total_w`` as text."""
    loads = [
        {k: fmt.number(v) for k, v in load.items()} for load in result.get("extra_loads") or []
    ]
    return {"cells": fmt.cells(result), "shares": shares(result), "loads": loads}


def tornado(config: Config) -> dict[str, Any]:
    """One ranged input at a time (`clustersize.sensitivity.swings`), for the page's tornado chart: the point
    answer, the band and one row per ranged input (largest swing first), each with its ``cells`` as text."""
    data = swings(config).as_dict()
    for row in data["rows"]:
        row["cells"] = {k: fmt.number(row[k]) for k in row if k not in ("path", "unit")}
    data["cells"] = {k: fmt.number(data[k]) for k in ("nodes", "nodes_low", "nodes_high")}
    return data


def run(message: str) -> str:
    """Size one config: ``{"code", "json", "cells", "shares", "loads", "tornado"}``, or an error
    ``{"code", "error", "json"}``. Never raises.

    ``json`` is the exact text ``--json`` prints; an error in ``--nodes`` adds ``"field": "nodes"``;
    ``tornado`` is [`tornado`][clustersize.web.tornado] of the config when it has ranged inputs (the most
    nodes, whatever ``--nodes``), else null.
    """
    return _answer(_run, message)


def _with_nodes(
    handle: Callable[[dict[str, Any], int | None], Reply],
) -> Callable[[dict[str, Any]], Reply]:
    """``handle(message, nodes)`` after reading ``--nodes``; a bad ``--nodes`` is its reply, with ``field``."""

    def read_nodes_first(msg: dict[str, Any]) -> Reply:
        try:
            nodes = _nodes(msg)
        except ClusterSizeError as err:
            return _error_reply(err, "nodes")
        return handle(msg, nodes)

    return read_nodes_first


@_with_nodes
def _run(msg: dict[str, Any], nodes: int | None) -> Reply:
    code, text = api.run(_config(msg), nodes, _texts(msg, "sets"))
    data = json.loads(text)
    if "error" in data:
        return {"code": code, "error": data["error"], "json": text}
    ranged = bool(data["ranged_inputs"])  # no ranges, no tornado: an edit costs no extra search
    swung = tornado(api.prepare(_config(msg), _texts(msg, "sets"))[1]) if ranged else None
    return {"code": code, "json": text, **shown(data), "tornado": swung}


def sweep(message: str) -> str:
    """One ``--sweep`` (``message["spec"]``): the path, values, results and their ``cells``; or an error
    ``{"code", "error", "json"}``. ``message["fields"]``, when given, keeps only those result keys (and
    ``status``) in ``results`` and ``cells``: what the page plots, not every field. Never raises."""
    return _answer(_sweep, message)


@_with_nodes
def _sweep(msg: dict[str, Any], nodes: int | None) -> Reply:
    swept = api.sweep(_config(msg), _text(msg, "spec"), nodes, _texts(msg, "sets"))
    rows = [result_to_dict(r) for r in swept.results]
    cells = [fmt.cells(r) for r in rows]
    if msg.get("fields") is not None:
        wanted = {"status", *_texts(msg, "fields")}
        rows = [{k: v for k, v in r.items() if k in wanted} for r in rows]
        cells = [{k: v for k, v in c.items() if k in wanted} for c in cells]
    return {
        "code": swept.exit_code,
        "path": swept.path,
        "values": swept.values,
        "value_cells": [fmt.number(v) for v in swept.values],
        "results": rows,
        "cells": cells,
    }


def export(message: str) -> str:
    """The config with its what-ifs applied, as the file the CLI reads: ``{"text"}``, or an error
    ``{"code", "error", "json"}``. What cannot be a float or UTF-8 is written as read (`jsontext.dumps`), so the
    CLI refuses the file exactly as the page refused the config. Never raises."""
    return _answer(_export, message)


def _export(msg: dict[str, Any]) -> Reply:
    return {"text": dumps(api.raw_config(_config(msg), _texts(msg, "sets"))) + "\n"}


def results_csv(message: str) -> str:
    """The bytes ``--csv`` prints (with ``"spec"``: ``--sweep SPEC --csv``, one row per point):
    ``{"code", "text"}``, or an error ``{"code", "error", "json"}``. Never raises."""
    return _answer(_results_csv, message)


@_with_nodes
def _results_csv(msg: dict[str, Any], nodes: int | None) -> Reply:
    spec, sets = _text(msg, "spec"), _texts(msg, "sets")
    if spec:
        swept = api.sweep(_config(msg), spec, nodes, sets)
        return {"code": swept.exit_code, "text": csvout.results_csv(swept.results)}
    result = api.size(api.prepare(_config(msg), sets)[1], nodes)
    return {"code": api.exit_code(result), "text": csvout.results_csv([result])}


def bom_csv(message: str) -> str:
    """The bytes ``--bom`` prints, the bill of materials: ``{"code", "text"}``, or an error
    ``{"code", "error", "json"}``. Never raises."""
    return _answer(_bom_csv, message)


@_with_nodes
def _bom_csv(msg: dict[str, Any], nodes: int | None) -> Reply:
    _, config = api.prepare(_config(msg), _texts(msg, "sets"))
    result = api.size(config, nodes)
    return {"code": api.exit_code(result), "text": bom.csv_text(bom.rows(result, config))}


def compare(message: str) -> str:
    """Designs ``message["a"]`` and ``message["b"]`` side by side: ``{"keys", "a", "b", "deltas"}``; each side
    ``{"code", "json", "cells"}`` (an error reply, without ``cells``, when it is one), ``keys`` the compared
    result fields ([`COMPARED`][clustersize.compare.COMPARED]) and ``deltas`` B − A for each, formatted (none
    unless both sides are results). Never raises."""
    return _answer(_compare, message)


@_with_nodes
def _side(msg: dict[str, Any], nodes: int | None) -> Reply:
    """One design of a comparison: ``{"code", "json"}`` and its ``result``, or its error reply."""
    code, text = api.run(_config(msg), nodes, _texts(msg, "sets"))
    data = json.loads(text)
    return {"code": code, "json": text} | ({} if "error" in data else {"result": data})


def _compare(msg: dict[str, Any]) -> Reply:
    results: dict[str, Any] = {}
    reply: Reply = {"keys": list(COMPARED), "deltas": None}
    for name in ("a", "b"):
        try:
            side = _side(msg.get(name) or {})
        except ClusterSizeError as err:
            side = _error_reply(err)
        results[name] = side.pop("result", None)
        reply[name] = side | ({"cells": fmt.cells(results[name])} if results[name] else {})
    if results["a"] and results["b"]:
        reply["deltas"] = deltas(results["a"], results["b"])
    return reply


def info() -> str:
    """The running package and interpreter: ``{"version", "python"}``."""
    return _dumps({"version": __version__, "python": platform.python_version()})


# --- what the page is built from ------------------------------------------------------------------------------


def form_fields() -> list[dict[str, Any]]:
    """Every config field for the calculator form, from the one model walk, depth first.

    ``path`` (dotted), ``pointer``, ``name``, ``kind``, ``doc``, ``unit``, ``required``; numeric fields add
    ``minimum``, ``exclusive_minimum``, ``maximum``; ``choices`` and ``default`` when declared; ``ranged`` when the
    field also takes ``{"low", "typical", "high"}``; ``default_from``
    as the dotted path of the field an absent object copies (``fabric.core`` → ``fabric.spine``). A list
    (``array``) adds ``items``, its item fields the same way (paths like ``extra_loads.*.power_w``), and
    ``one_of``, the item fields of which exactly one must be given.
    """
    return [_form_field(m) for m in walk()]


def _form_field(m: ModelField) -> dict[str, Any]:
    spec = m.spec
    out: dict[str, Any] = {
        "path": m.dotted,
        "pointer": m.pointer,
        "name": m.name,
        "kind": spec.kind,
        "doc": spec.doc,
        "unit": spec.unit,
        "required": spec.required,
    }
    if spec.kind in ("number", "integer"):
        out |= {
            "minimum": spec.minimum,
            "exclusive_minimum": spec.exclusive_minimum,
            "maximum": spec.maximum,
        }
    if spec.choices:
        out["choices"] = list(spec.choices)
    if not spec.required and m.default is not None:
        out["default"] = list(m.default) if isinstance(m.default, tuple) else m.default
    if spec.ranged:
        out["ranged"] = True
    if spec.default_from:
        out["default_from"] = ".".join((*m.path[:-1], spec.default_from))
    if spec.kind == "array" and spec.obj is not None:
        out["items"] = [_form_field(item) for item in walk(spec.obj, (*m.path, "*"))]
        out["one_of"] = list(one_of(spec.obj))
    return out


def page_data() -> dict[str, Any]:
    """Everything the calculator page takes from the solver, for the page template and its scripts.

    The default example's result (``code``, ``result_json``, ``result``, ``cells``, ``shares``, ``loads``,
    ``tornado``), the presets,
    the config form's fields, the JSON Schema, the result fields (``fields``: key, unit, meaning; ``labels``;
    ``units``), the config size limit and the sweep's point limit.
    """
    code, text = api.run(None)
    result = json.loads(text)
    return {
        "version": __version__,
        "code": code,
        "result_json": text,
        "result": result,
        **shown(result),
        "tornado": tornado(api.prepare(None)[1]) if result["ranged_inputs"] else None,
        "default": examples.DEFAULT,
        "presets": {name: examples.text(name) for name in examples.names()},
        "form": form_fields(),
        "schema": build_schema(),
        "fields": [list(f) for f in RESULT_FIELDS],
        "labels": RESULT_LABELS,
        "units": RESULT_UNITS,
        "max_config_bytes": MAX_CONFIG_BYTES,
        "max_config_text": fmt.number(MAX_CONFIG_BYTES),
        "max_sweep_points": api.MAX_SWEEP_POINTS,
    }


def page_json() -> str:
    """`page_data` as compact JSON text, key order kept."""
    return json.dumps(page_data(), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def main() -> int:
    """``python -m clustersize.web``: print the page data (the site build runs this on ``src/``)."""
    sys.stdout.write(page_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
