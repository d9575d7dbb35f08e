"""The calculator's pure JavaScript (state, form values, links) under Node.js's own test runner (tests/js)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_node_unit_tests_pass(node: str) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert len(files) >= 3
    env = {**os.environ, "CSZ_PYTHON": sys.executable}
    proc = subprocess.run(
        [node, "--test", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    counts = dict(
        re.findall(r"^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$", proc.stdout, re.M)
    )
    assert int(counts["tests"]) >= 20
    assert counts["pass"] == counts["tests"]
    assert (counts["fail"], counts["skipped"], counts["todo"], counts["cancelled"]) == ("0",) * 4
