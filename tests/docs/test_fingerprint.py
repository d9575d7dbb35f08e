"""Each page names the content of the site files it loads (``clustersize_site.fingerprint``): the stylesheets,
scripts and icon whose names carry no hash get ``?v=`` and the hash of the built file, on every page alike."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from clustersize_site import fingerprint
from clustersize_site.calculator.paths import OWN as KEEP  # what the hook leaves to the calculator

PAGE = """<head>
<link rel="stylesheet" href="../assets/site.css">
<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">
<link rel="icon" href="../img/icon.png">
<link rel="canonical" href="../assets/site.css">
<link rel="prev" href="../other/">
<link rel="stylesheet" href="https://cdn.example/x.css">
<link rel="stylesheet" href="../assets/site.css?v=given">
<link rel="stylesheet" href="../missing.css">
<script src="../js/init.js"></script>
<script src="../assets/calculator/boot.js" data-x="1"></script>
<script id="__config" type="application/json">{"a": 1}</script>
<template><script src="/js/init.js"></script></template>
</head>"""


def site_with(root: Path) -> Path:
    site = root / "site"
    for name, text in {
        "assets/site.css": "body{}",
        "assets/stylesheets/main.0123abcd.min.css": "x",
        "img/icon.png": "png",
        "js/init.js": "init()",
        "assets/calculator/boot.js": "boot()",
        "page/index.html": PAGE,
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    return site


def short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[: fingerprint.DIGEST_LENGTH]


def test_loaded_site_files_get_the_hash_of_their_content(tmp_path: Path) -> None:
    site = site_with(tmp_path)
    assert fingerprint.fingerprint_site(site, keep=KEEP) == 1
    html = (site / "page" / "index.html").read_text()
    assert f'<link rel="stylesheet" href="../assets/site.css?v={short("body{}")}">' in html
    assert f'<link rel="icon" href="../img/icon.png?v={short("png")}">' in html
    assert f'<script src="../js/init.js?v={short("init()")}"></script>' in html
    assert f'<template><script src="/js/init.js?v={short("init()")}"></script></template>' in html


def test_other_urls_are_left_as_they_are(tmp_path: Path) -> None:
    site = site_with(tmp_path)
    fingerprint.fingerprint_site(site, keep=KEEP)
    html = (site / "page" / "index.html").read_text()
    for kept in (
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">',  # hashed name
        '<link rel="canonical" href="../assets/site.css">',  # not loaded
        '<link rel="prev" href="../other/">',
        '<link rel="stylesheet" href="https://cdn.example/x.css">',  # another origin
        '<link rel="stylesheet" href="../assets/site.css?v=given">',  # already versioned
        '<link rel="stylesheet" href="../missing.css">',  # no such file
        '<script src="../assets/calculator/boot.js" data-x="1"></script>',  # the calculator's own folder
        '<script id="__config" type="application/json">{"a": 1}</script>',
    ):
        assert kept in html, kept


def test_a_changed_file_gets_a_new_url_and_a_second_pass_changes_nothing(tmp_path: Path) -> None:
    site = site_with(tmp_path)
    fingerprint.fingerprint_site(site, keep=KEEP)
    first = (site / "page" / "index.html").read_text()
    assert fingerprint.fingerprint_site(site, keep=KEEP) == 0
    (site / "assets" / "site.css").write_text("body{color:red}")
    (site / "page" / "index.html").write_text(PAGE)
    fingerprint.fingerprint_site(site, keep=KEEP)
    second = (site / "page" / "index.html").read_text()
    assert short("body{}") in first
    assert short("body{color:red}") in second
    assert short("body{}") not in second


def test_every_built_page_loads_the_same_version_of_each_site_file(site_dir: Path) -> None:
    versions: dict[str, set[str]] = {}
    for page in site_dir.rglob("*.html"):
        for path, digest in re.findall(
            r'(?:href|src)="(?:\.\./)*([\w/.-]+\.(?:css|js|png))\?v=([0-9a-f]+)"', page.read_text()
        ):
            versions.setdefault(path, set()).add(digest)
    assert {
        "stylesheets/memo.css",
        "assets/katex/katex.min.css",
        "javascripts/katex-init.js",
    } <= set(versions)
    for path, digests in versions.items():
        assert digests == {fingerprint.digest(site_dir / path)}, path
