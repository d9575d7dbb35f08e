"""Serve the built site on 127.0.0.1 (an ephemeral port) for the browser tests and the browser benchmark.

Like a static host (GitHub Pages): right MIME types, ``Cache-Control: max-age=600``. Two variant prefixes break
the runtime on purpose: ``/badmime/...`` serves the wasm as ``text/plain`` and ``/stall/...`` never finishes the
wasm response (plain or gzipped). ``extra`` maps URL paths to files or bytes outside the site (the benchmark's bare page).
``traffic`` (a `Traffic`) counts the requests answered and the body bytes sent (the benchmark's bytes
transferred: the server's count covers the page, its worker and its service worker alike).
``sitemap.xml`` is served with its ``site_url`` swapped for this server's address, as if the site were deployed
here: Material's instant navigation only follows links the sitemap lists (same host and port).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, ClassVar

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium; never a browser downloaded by playwright
CHROMIUM_ARGS = [  # headless on a closed network: no background traffic, no component updates
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}


@dataclass
class Traffic:
    """What the server answered: requests, body bytes sent, and each request's path."""

    requests: int = 0
    bytes: int = 0
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, path: str = "", sent: int = 0) -> None:
        with self.lock:
            if path:
                self.requests += 1
                self.paths.append(path)
            self.bytes += sent


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    extra: ClassVar[dict[str, Path | bytes]] = {}
    traffic: ClassVar[Traffic | None] = None
    stop: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def _variant(self) -> str:
        for prefix in ("/badmime/", "/stall/"):
            if self.path.startswith(prefix):
                self.path = "/" + self.path[len(prefix) :]
                return prefix.strip("/")
        return ""

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        data = source.read()
        outputfile.write(data)
        if self.traffic is not None:
            self.traffic.add(sent=len(data))

    def _serve(self, head: bool) -> None:
        if self.traffic is not None:
            self.traffic.add(self.path)
        variant = self._variant()
        path = self.path.split("?", 1)[0]
        if path in self.extra:
            self._send_extra(path, head)
            return
        if path == "/sitemap.xml":
            self._send_sitemap(head)
            return
        if path.endswith((".wasm", ".wasm.gz")) and variant == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/wasm")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.stop.wait(120)  # never completes while the test runs
            return
        if path.endswith(".wasm") and variant == "badmime":
            self.extensions_map = {**self.extensions_map, ".wasm": "text/plain"}
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def _send_sitemap(self, head: bool) -> None:
        text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", text)
        if locs:
            site_url = min(locs, key=len)
            text = text.replace(f"<loc>{site_url}", f"<loc>http://{self.headers['Host']}/")
        self._send("/sitemap.xml", text.encode(), head)

    def _send_extra(self, path: str, head: bool) -> None:
        item = self.extra[path]
        self._send(path, item if isinstance(item, bytes) else item.read_bytes(), head)

    def _send(self, path: str, data: bytes, head: bool) -> None:
        self.send_response(200)
        self.send_header(
            "Content-Type", self.guess_type(path + "index.html" if path.endswith("/") else path)
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)
            if self.traffic is not None:
                self.traffic.add(sent=len(data))


@contextmanager
def serve(
    root: Path,
    extra: dict[str, Path | bytes] | None = None,
    base: type[SimpleHTTPRequestHandler] | None = None,
    traffic: Traffic | None = None,
) -> Iterator[str]:
    """Serve ``root`` (with ``base`` as the request handler, default [`Handler`]); yield the base URL like
    ``http://127.0.0.1:PORT/``."""
    stop = threading.Event()
    attrs = {"extra": extra or {}, "stop": stop, "traffic": traffic}
    handler = type("SiteHandler", (base or Handler,), attrs)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
