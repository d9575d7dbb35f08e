"""MkDocs entry point: version the site-file URLs of every built page (``clustersize_site.fingerprint``)."""

from clustersize_site.fingerprint import on_post_build

__all__ = ["on_post_build"]
