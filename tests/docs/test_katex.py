"""Every formula in the built site renders with the self-hosted KaTeX (node_modules/katex, run by Node.js),
so a typo in the power model's TeX fails the suite instead of showing raw TeX to readers."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.node

RENDER = r"""
const katex = require(process.argv[1]);
const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
const bad = [];
for (const [where, tex, display] of items) {
  try { katex.renderToString(tex, { displayMode: display, throwOnError: true }); }
  catch (e) { bad.push(`${where}: ${e.message}`); }
}
process.stdout.write(JSON.stringify(bad));
"""
MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)


def formulas(site_dir: Path) -> list[tuple[str, str, bool]]:
    out = []
    for path in sorted(site_dir.rglob("*.html")):
        for tag, body in MATH.findall(path.read_text(encoding="utf-8")):
            tex = html.unescape(body).strip()
            tex = tex[2:-2] if tex[:2] in ("\\(", "\\[") else tex
            out.append((path.relative_to(site_dir).as_posix(), tex, tag == "div"))
    return out


def render_problems(root: Path, items: list[tuple[str, str, bool]]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed for the KaTeX check: install Node.js >= 20 (scripts/dev needs it too)"
        )
    katex = root / "node_modules" / "katex"
    if not katex.is_dir():
        pytest.fail("node_modules/katex is missing: run `npm ci` (scripts/dev does)")
    proc = subprocess.run(
        [node, "-e", RENDER, str(katex)],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout)


def test_every_formula_renders(root: Path, site_dir: Path) -> None:
    items = formulas(site_dir)
    assert len(items) >= 30
    assert {w for w, _, d in items if d} >= {"power-model/index.html"}
    assert render_problems(root, items) == []


def test_planted_broken_formula_is_caught(root: Path) -> None:
    problems = render_problems(
        root, [("planted", r"\frac{1}{", False), ("ok", r"P_\text{IT}", False)]
    )
    assert len(problems) == 1
    assert problems[0].startswith("planted: ")
