"""Parity cases, run the same way in CPython and in Node.js Pyodide (standard library only).

A case is ``{"config": text or null, "nodes": int or null, "sets": [...], "sweep": spec or absent}``. Its answer
is ``[exit_code, stdout]`` exactly as ``python -m clustersize --config FILE --json [...]`` prints it (JSON lines
for a sweep), computed through :mod:`clustersize.api`; and, through :mod:`clustersize.web` (the module the
browser worker calls), the worker's reply to the same case.
"""

from __future__ import annotations

import json
from typing import Any

from clustersize import api, web
from clustersize.errors import ClusterSizeError
from clustersize.output import error_to_dict, result_to_dict, to_json, to_json_line


def run_case(case: dict[str, Any]) -> list[Any]:
    sets = case.get("sets") or []
    if case.get("sweep"):
        try:
            swept = api.sweep(case["config"], case["sweep"], case.get("nodes"), sets)
        except ClusterSizeError as err:
            return [err.exit_code, to_json(error_to_dict(err))]
        return [swept.exit_code, "".join(to_json_line(result_to_dict(r)) for r in swept.results)]
    code, text = api.run(case["config"], case.get("nodes"), sets)
    return [code, text]


def run_corpus(text: str) -> str:
    """All answers of a JSON list of cases, as one JSON text."""
    return json.dumps([run_case(c) for c in json.loads(text)], ensure_ascii=False)


def web_message(case: dict[str, Any]) -> str:
    """The message the calculator page sends the worker for a case (``--nodes`` as the text typed)."""
    msg: dict[str, Any] = {"config": case["config"], "sets": case.get("sets") or []}
    msg["nodes"] = "" if case.get("nodes") is None else str(case["nodes"])
    if case.get("sweep"):
        msg["spec"] = case["sweep"]
    return json.dumps(msg, ensure_ascii=False)


def run_web_case(case: dict[str, Any]) -> str:
    """The worker's reply (JSON text) to one case, from ``clustersize.web``."""
    return (web.sweep if case.get("sweep") else web.run)(web_message(case))


def run_web_corpus(text: str) -> str:
    """The worker's replies to a JSON list of cases, as one JSON text."""
    return json.dumps([run_web_case(c) for c in json.loads(text)], ensure_ascii=False)
