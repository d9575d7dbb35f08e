"""Cross-references: every config key and every result field appears in the docs, and the memo links the
published JSON Schema (which is exactly the schema the package builds)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from clustersize.config import config_paths
from clustersize.result import RESULT_FIELDS
from clustersize.schema import build_schema, schema_json

SWITCH_FIELDS = ("name", "ports", "power_w")


def all_config_keys() -> list[str]:
    """Every dotted config key, including the optional ``fabric.core`` switch's fields."""
    keys = config_paths()
    keys += [f"fabric.core.{f}" for f in SWITCH_FIELDS if f"fabric.core.{f}" not in keys]
    return keys


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def missing_keys(html: str, keys: list[str], prefix: str) -> list[str]:
    """Keys without both their anchor and their name in code on a reference page."""
    return [
        k
        for k in keys
        if f'id="{prefix}-{slug(k) if prefix == "cfg" else k}"' not in html
        or f"<code>{k}</code>" not in html
    ]


def test_every_config_key_is_documented(site_dir: Path) -> None:
    html = (site_dir / "reference" / "config" / "index.html").read_text(encoding="utf-8")
    keys = all_config_keys()
    assert len(keys) >= 25
    assert missing_keys(html, keys, "cfg") == []


def test_every_result_field_is_documented(site_dir: Path) -> None:
    html = (site_dir / "reference" / "results" / "index.html").read_text(encoding="utf-8")
    keys = [k for k, _, _ in RESULT_FIELDS]
    assert missing_keys(html, keys, "res") == []


def test_planted_undocumented_key_is_caught() -> None:
    html = '<span id="cfg-node-gpu-w"></span><code>node.gpu_w</code>'
    assert missing_keys(html, ["node.gpu_w", "node.tpu_w"], "cfg") == ["node.tpu_w"]
    assert missing_keys('<span id="res-nodes"></span>', ["nodes"], "res") == ["nodes"]


def test_memo_links_the_published_schema(site_dir: Path, site) -> None:  # type: ignore[no-untyped-def]
    published = site_dir / "schema" / "config.schema.json"
    assert published.read_text(encoding="utf-8") == schema_json()
    assert json.loads(published.read_text(encoding="utf-8")) == build_schema()
    for page, href in (
        ("index.html", "schema/config.schema.json"),
        ("reference/config/index.html", "../../schema/config.schema.json"),
        ("runbook/index.html", "../schema/config.schema.json"),
    ):
        hrefs = {url for tag, _, url, _ in site.pages[page].refs if tag == "a"}
        assert href in hrefs, f"{page} does not link {href}"


def test_every_flag_has_a_reference_anchor(site_dir: Path) -> None:
    from clustersize.cli import build_parser

    html = (site_dir / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    for action in build_parser()._actions:
        for flag in action.option_strings:
            if flag.startswith("--"):
                assert f'id="flag-{flag[2:]}"' in html, flag


def reference_rows(html: str) -> dict[str, list[str]]:
    """``{key: [type, unit, required, bounds, meaning]}`` of the built config reference."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        ]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def test_config_reference_states_every_type_from_the_model(site_dir: Path) -> None:
    """Every field has a type (a ranged one says it takes a range), and a list's item fields are documented."""
    from clustersize.model import item_fields, walk

    html = (site_dir / "reference" / "config" / "index.html").read_text(encoding="utf-8")
    rows = reference_rows(html)
    fields = [*walk(), *item_fields()]
    assert len([m for m in fields if m.spec.ranged]) >= 10
    for m in fields:
        kind = rows[m.dotted][0]
        assert kind, m.dotted
        assert ("range {low, typical, high}" in kind) == m.spec.ranged, m.dotted
        assert f'id="cfg-{slug(m.dotted)}"' in html, m.dotted
    assert rows["extra_loads.*.power_w"][0] == "number or range {low, typical, high}"
    assert "exactly one of count, per_nodes" in rows["extra_loads.*.count"][3]
    assert '"facility" needs' in rows["cap_basis"][3]
