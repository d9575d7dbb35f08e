"""The page directives, one module per group of pages; importing this package fills
[`DIRECTIVES`][clustersize_site.memo.registry.DIRECTIVES]."""

from . import (
    architecture,
    cli,
    invariants,
    ledger,
    power,
    racks,
    reference,
    sensitivity,
    spines,
    summary,
    trade,
    validation,
)

__all__ = [
    "architecture",
    "cli",
    "invariants",
    "ledger",
    "power",
    "racks",
    "reference",
    "sensitivity",
    "spines",
    "summary",
    "trade",
    "validation",
]
