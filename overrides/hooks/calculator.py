"""MkDocs entry point for the calculator page; the build lives in ``clustersize_site.calculator``."""

from clustersize_site.calculator.hook import on_config, on_page_context, on_post_build, on_serve

__all__ = ["on_config", "on_page_context", "on_post_build", "on_serve"]
