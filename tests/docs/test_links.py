"""Every internal link, anchor, resource and CSS url() of the built site resolves (offline), and the strict
MkDocs build with this project's validation settings fails on a broken link or anchor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import yaml


def test_internal_links_and_anchors_resolve(checks: ModuleType, site) -> None:  # type: ignore[no-untyped-def]
    assert len(site.pages) >= 15
    assert checks.link_problems(site) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_planted_broken_links_are_caught(checks: ModuleType, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "index.html": (
                '<a href="ok/">ok</a><a href="ok/#here">anchor</a><a href="missing/">gone</a>'
                '<a href="ok/#nowhere">bad anchor</a><a href="#top">self</a><p id="top"></p>'
                '<a href="https://example.org/">external, not checked here</a>'
                '<img src="img/none.png"><link rel="stylesheet" href="css/site.css">'
                '<a href="/base/ok/">root-relative</a><a href="/elsewhere/">outside</a>'
            ),
            "ok/index.html": '<h2 id="here">Here</h2>',
            "css/site.css": "@font-face { src: url(../fonts/a.woff2) } .x { background: url('b.png') }",
            "fonts/a.woff2": "",
        },
    )
    problems = checks.link_problems(checks.Site.load(tmp_path, "/base/"))
    joined = "\n".join(problems)
    assert "missing/index.html does not exist" in joined
    assert "no id 'nowhere' in ok/index.html" in joined
    assert "img/none.png does not exist" in joined
    assert "url(b.png)" in joined
    assert "css/b.png does not exist" in joined
    assert "'/elsewhere/'>: points outside the site" in joined
    assert len(problems) == 5, problems


def test_strict_build_fails_on_planted_broken_link(root: Path, tmp_path: Path) -> None:
    """A one-page project with this repository's `strict` and `validation` settings refuses a broken link
    and a broken anchor (the real build runs with the same settings in scripts/dev)."""
    from mkdocs.utils.yaml import yaml_load  # understands mkdocs.yml's !ENV tags

    ours = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert ours["strict"] is True
    assert ours["validation"] == {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }
    config = {
        "site_name": "planted",
        "strict": True,
        "validation": ours["validation"],
        "theme": {"name": "mkdocs"},
        "plugins": [],
        "nav": ["index.md", "other.md"],
    }
    _write(
        tmp_path / "docs",
        {
            "index.md": "# Planted\n\n[other](other.md#no-such-heading)\n",
            "other.md": "# Other\n\n[nowhere](missing.md)\n",
        },
    )
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(tmp_path / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode != 0, proc.stderr
    assert "missing.md" in proc.stderr
    assert "no-such-heading" in proc.stderr
