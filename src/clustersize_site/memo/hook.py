"""The MkDocs events of the memo (the only module that knows MkDocs); ``overrides/hooks/memo.py`` imports them.

* ``on_config`` loads and checks the memo's data once per build;
* ``on_files`` adds the self-hosted KaTeX files and the config JSON Schema to the site;
* ``on_page_markdown`` checks a page and fills in its generated content.

A [`MemoError`][clustersize_site.memo.errors.MemoError] leaves an event as a
[`MemoBuildError`][clustersize_site.memo.hook.MemoBuildError], which MkDocs reports as one message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .assets import katex_files, schema_file
from .data import Memo
from .errors import MemoError
from .page import expand_page

SKIP_PAGES = {"calculator.md"}  # owned by the calculator hook

_state: dict[str, Memo] = {}


class MemoBuildError(MemoError, PluginError):
    """A memo error as MkDocs reports it: the build stops with the reason, without a traceback."""


@contextlib.contextmanager
def _reported() -> Iterator[None]:
    try:
        yield
    except MemoError as exc:
        if isinstance(exc, MemoBuildError):
            raise
        raise MemoBuildError(str(exc)) from None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the memo's data (configs, scenarios, ledger, invariants, tests) and run the data checks."""
    with _reported():
        _state["memo"] = Memo.load(_root(config), Path(config.docs_dir))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the self-hosted KaTeX files and the config JSON Schema to the site."""
    with _reported():
        for dest, src in katex_files(_root(config)).items():
            files.append(File.generated(config, dest, abs_src_path=str(src)))
    path, text = schema_file()
    files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page and expand its ``memo`` blocks and inline values."""
    src = page.file.src_uri
    if src in SKIP_PAGES:
        return markdown
    with _reported():
        if "memo" not in _state:  # pragma: no cover - on_config always runs first
            raise MemoError("memo data not loaded")
        return expand_page(_state["memo"], src, markdown)
