"""MkDocs hook: the memo's numbers, tables, figures and checks. The code is the typed package
``src/clustersize_site/memo`` (see docs/architecture.md); this file only hands MkDocs its events."""

from clustersize_site.memo.hook import on_config, on_files, on_page_markdown

__all__ = ["on_config", "on_files", "on_page_markdown"]
