"""clustersize: power-first sizing of AI/HPC GPU clusters.

The public API is [`clustersize.api`][clustersize.api]; this package re-exports it, so ``from clustersize import
solve`` and ``from clustersize.api import solve`` are the same function. The solver core imports only the
standard library, so it runs unchanged in Pyodide.

>>> from clustersize import examples, load_config_text, solve
>>> solve(load_config_text(examples.text())).nodes > 0
True
"""

from . import examples
from ._version import __version__
from .api import (
    RESULT_FIELDS,
    RESULT_LABELS,
    ClusterSizeError,
    Config,
    ConfigError,
    Fabric,
    Node,
    Result,
    Sweep,
    Switch,
    UsageError,
    evaluate,
    load_config_text,
    parse_config,
    run,
    solve,
    sweep,
)

__all__ = [
    "RESULT_FIELDS",
    "RESULT_LABELS",
    "ClusterSizeError",
    "Config",
    "ConfigError",
    "Fabric",
    "Node",
    "Result",
    "Sweep",
    "Switch",
    "UsageError",
    "__version__",
    "evaluate",
    "examples",
    "load_config_text",
    "parse_config",
    "run",
    "solve",
    "sweep",
]
