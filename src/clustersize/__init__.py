"""clustersize: power-first sizing of AI/HPC GPU clusters.

The solver core imports only the standard library, so it runs unchanged in Pyodide.

>>> from clustersize import examples, load_config_text, solve
>>> solve(load_config_text(examples.text())).nodes > 0
True
"""

__version__ = "0.1.0"

from .config import load_config_text, parse_config
from .errors import ClusterSizeError, ConfigError, UsageError
from .model import Config, Fabric, Node, Switch
from .result import RESULT_FIELDS, Result
from .solve import evaluate, solve

__all__ = [
    "RESULT_FIELDS",
    "ClusterSizeError",
    "Config",
    "ConfigError",
    "Fabric",
    "Node",
    "Result",
    "Switch",
    "UsageError",
    "__version__",
    "evaluate",
    "load_config_text",
    "parse_config",
    "solve",
]
