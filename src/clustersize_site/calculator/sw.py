"""The calculator's service worker: after the build, list what the calculator page needs offline (the page, its
assets, the runtime, the stdlib, the wheel, the snapshot) from the built site, and write ``sw.js`` to the site
root with that list and a cache name hashed from all of it (a new build, a new cache)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

from ..fingerprint import HASHED, TAG, URL_ATTR, loads
from .paths import OUT_DIR, OWN
from .runtime import GZIPPED, RUNTIME_FILES

SOURCE = Path(__file__).with_name("sw.js")
"""The service worker, with a placeholder line for the list."""
NAME = "sw.js"
"""Where it goes, relative to the site root (its scope: the page and its worker in assets/ both)."""
PLACEHOLDER = re.compile(r"^const PRECACHE = .*// @precache$", re.M)
WORKER = "assets/calculator/worker.js"
"""The calculator's worker script: with the page, the client the service worker answers from its cache."""
IMMUTABLE = re.compile(rf"\?v=|(?:^|/)pyodide-[\d.]+/|{HASHED.pattern}")
"""URLs that name their content: answered from the cache first."""
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript"}
BASE = "https://site.invalid/"
"""A stand-in origin for resolving the page's relative URLs."""


@dataclass(frozen=True)
class Entry:
    """One stored URL, relative to the site root (see sw.js); ``source`` is the built file it comes from."""

    url: str
    source: Path
    gz: str | None = None
    type: str | None = None
    shared: bool = False
    page: bool = False

    def manifest(self) -> dict[str, Any]:
        """The entry as sw.js reads it (no source, no defaults)."""
        data = {k: v for k, v in asdict(self).items() if k != "source"}
        return {k: v for k, v in data.items() if v not in (None, False)}


def entry(site: Path, url: str, **kw: Any) -> Entry:
    """An entry for ``url`` (its file must exist in ``site``); shared when other pages load it too and its URL
    does not name its content."""
    path = urlsplit(url).path
    source = site / (kw.get("gz") or path).split("?", 1)[0]
    if path.endswith("/"):
        source = site / path / "index.html"
    if not source.is_file():
        raise PluginError(
            f"calculator: the service worker would store {url}, which the build did not write"
        )
    own = kw.get("page") or url.startswith(OWN)
    return Entry(url, source, shared=not own and not IMMUTABLE.search(url), **kw)


def page_assets(site: Path, page: str) -> list[str]:
    """Same-origin scripts, styles and icons the built ``page`` loads, relative to the site root."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    urls = []
    for tag in TAG.findall(html):
        src = URL_ATTR.search(tag)
        if src is None or not loads(tag):
            continue
        resolved = urljoin(BASE + page, src.group(2))
        if resolved.startswith(BASE):
            urls.append(resolved[len(BASE) :].split("#", 1)[0])
    return urls


def runtime_entries(site: Path, data: dict[str, Any]) -> list[Entry]:
    """The Pyodide runtime and the wheel (gzipped files, stored decompressed), the stdlib, the package's bytecode
    and the snapshot."""
    runtime = data["runtime_path"]
    out = [entry(site, runtime + name) for name in RUNTIME_FILES if name not in GZIPPED]
    for name in GZIPPED:
        suffix = Path(name).suffix
        out.append(entry(site, runtime + name, gz=runtime + name + ".gz", type=TYPES[suffix]))
    wheel, wheel_digest = data["wheel_path"], data["wheel_digest"]
    out.append(
        entry(
            site,
            f"{wheel}?v={wheel_digest}",
            gz=f"{wheel}.gz?v={wheel_digest}",
            type="application/zip",
        )
    )
    out.append(entry(site, f"{data['stdlib_path']}?v={data['stdlib_digest']}"))
    out.append(entry(site, f"{data['pycache_path']}?v={data['pycache_digest']}"))
    snapshot = f"{data['snapshot_key']}?v={data['snapshot_digest']}"
    out.append(entry(site, snapshot, gz=f"{data['snapshot_path']}?v={data['snapshot_digest']}"))
    return out


def entries(site: Path, data: dict[str, Any]) -> list[Entry]:
    """Everything the calculator page needs offline, each URL once, in a stable order."""
    page = f"{OUT_DIR}/"
    urls = [*page_assets(site, page)]
    urls += sorted(
        p.relative_to(site).as_posix() for p in (site / "assets" / "calculator").glob("*")
    )
    urls += sorted(
        p.relative_to(site).as_posix() for p in site.glob("assets/javascripts/workers/*.js")
    )
    urls += [u for u in ("search/search_index.json", "sitemap.xml") if (site / u).is_file()]
    out = [entry(site, page, page=True)]
    out += [entry(site, u) for u in dict.fromkeys(urls)]
    return out + runtime_entries(site, data)


def write_sw(site: Path, data: dict[str, Any]) -> Path:
    """Write ``sw.js`` to the site root; its cache name is a hash of every stored file and of the worker."""
    found = entries(site, data)
    digest = hashlib.sha256(SOURCE.read_bytes())
    for item in found:
        digest.update(item.url.encode() + b"\0" + item.source.read_bytes())
    precache = {
        "cache": f"clustersize-calculator-{digest.hexdigest()[:16]}",
        "clients": [f"{OUT_DIR}/", WORKER],
        "entries": [item.manifest() for item in found],
    }
    line = f"const PRECACHE = /** @type {{Precache}} */ ({json.dumps(precache)}); // @precache"
    text, count = PLACEHOLDER.subn(lambda _: line, SOURCE.read_text(encoding="utf-8"))
    if count != 1:
        raise PluginError(
            f"calculator: {SOURCE.name} must hold one `const PRECACHE = … // @precache` line"
        )
    target = site / NAME
    target.write_text(text, encoding="utf-8")
    return target
