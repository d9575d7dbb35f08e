"""The one error of the memo build."""

from __future__ import annotations


class MemoError(Exception):
    """A generator or a check failed: the build stops with the reason."""
