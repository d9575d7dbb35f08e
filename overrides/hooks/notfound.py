"""MkDocs hook: the standalone 404 page (code in ``src/clustersize_site/notfound``)."""

from clustersize_site.notfound.hook import on_post_build

__all__ = ["on_post_build"]
