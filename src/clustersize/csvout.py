"""Results as CSV (``--csv``, and the calculator's downloads): one row per result, a column per declared result
field ([`RESULT_FIELDS`][clustersize.result.RESULT_FIELDS], in order), RFC 4180 with CRLF line ends.

A cell holds the value as ``--json`` prints it: numbers and ``true``/``false`` as JSON, text as it is, a missing
value empty, a list (``extra_loads``) as compact JSON. One function for the CLI and the browser, so the bytes
match.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .output import result_to_dict
from .result import RESULT_FIELDS, Result

COLUMNS = tuple(key for key, _, _ in RESULT_FIELDS)
"""The header: every result field's key."""


def cell(value: Any) -> str:
    """One value as its CSV cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def rows_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """Result dicts (``--json``'s objects) as CSV text: the header, then one line each."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([cell(row.get(key)) for key in COLUMNS] for row in rows)
    return buf.getvalue()


def results_csv(results: Sequence[Result]) -> str:
    """Results as CSV text (``--csv``; ``--sweep … --csv`` gives one line per point)."""
    return rows_csv([result_to_dict(r) for r in results])
