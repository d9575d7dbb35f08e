"""The page and the CLI accept exactly the same inputs (issue #9): every hostile case, sent as the calculator sends
it, gets from ``clustersize.web`` in Node.js Pyodide (restored from the site's snapshot) the reply CPython gives,
and that reply is the CLI's answer: the same exit code, the same ``--json`` bytes, the same error line."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from clustersize.cli import main

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "node" / "cases.py"


@pytest.fixture(scope="module")
def hostile_text(corpus_module: ModuleType) -> str:
    cases = corpus_module.hostile_corpus()
    assert len(cases) > 350
    return json.dumps(cases, ensure_ascii=True)  # lone surrogates travel as escapes


@pytest.fixture(scope="module")
def page_text(hostile_text: str) -> str:
    """The hostile cases as the page sends them."""
    return json.dumps([as_page_sends(c) for c in json.loads(hostile_text)], ensure_ascii=True)


def cli_answer(case: dict[str, Any]) -> tuple[int, str, str]:
    """The CLI, in-process, on the case as a reader would type it: (exit code, stdout, stderr)."""
    argv = ["--json"]
    if case["config"] is not None:
        argv += ["--config", "-"]
    for assignment in case.get("sets") or []:
        argv += ["--set", assignment]
    if case.get("nodes"):
        argv += ["--nodes", case["nodes"]]
    if case.get("sweep"):
        argv += ["--sweep", case["sweep"]]
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv, stdin=io.StringIO(case["config"] or ""))
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def as_page_sends(case: dict[str, Any]) -> dict[str, Any]:
    """The case as the page hands it to the worker: a pasted, uploaded or linked config is read as a UTF-8 file is
    decoded, one leading byte-order mark dropped (state.pastedText, state.fileText, share.decodeBase64Url; the
    Node tests hold them to it); the worker's reader drops one more, as the CLI's does after decoding."""
    text = case["config"]
    return {**case, "config": text if text is None else text.removeprefix("\ufeff")}


def test_the_page_accepts_exactly_what_the_cli_accepts(
    cases_module: ModuleType, hostile_text: str
) -> None:
    """CPython's ``clustersize.web`` against the CLI, case by case."""
    tally: dict[int, int] = {}
    for case in json.loads(hostile_text):
        code, out, err = cli_answer(case)
        reply = json.loads(cases_module.run_web_case(as_page_sends(case)))
        where = json.dumps(case, ensure_ascii=True)[:300]
        assert reply["code"] == code, where
        assert code in (0, 2, 3), where
        tally[code] = tally.get(code, 0) + 1
        if "error" in reply:
            assert reply["json"] == out, where
            assert err == f"clustersize: error: {reply['error']['message']}\n", where
        elif case.get("sweep"):
            rows = [json.loads(line) for line in out.splitlines()]
            assert reply["results"] == rows, where
        else:
            assert reply["json"] == out, where
    assert tally[2] > 250
    assert tally[0] > 30
    assert 3 in tally


@pytest.mark.node
def test_pyodide_replies_as_cpython_to_every_hostile_case(
    cases_module: ModuleType,
    page_text: str,
    pyodide_call: Any,
    hook: ModuleType,
    wheel: Path,
    stdlib: Path,
    tmp_path: Path,
) -> None:
    """The worker's module in Pyodide, restored from the memory snapshot the site ships: byte for byte."""
    snapshot = hook.build_snapshot(wheel, stdlib, tmp_path / "snapshot.bin.gz")
    expected = cases_module.run_web_corpus(page_text)
    t0 = time.perf_counter()
    got = pyodide_call(CASES, "run_web_corpus", page_text, snapshot)
    seconds = time.perf_counter() - t0
    want, have = json.loads(expected), json.loads(got)
    cases = json.loads(page_text)
    assert len(have) == len(want) == len(cases)
    for case, w, h in zip(cases, want, have, strict=True):
        assert h == w, (
            f"Pyodide differs from CPython for {json.dumps(case, ensure_ascii=True)[:300]}"
        )
    assert got == expected
    assert seconds < 240, f"{len(cases)} hostile cases took {seconds:.0f} s in Pyodide"
