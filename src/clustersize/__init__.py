"""clustersize: power-first sizing of AI/HPC GPU clusters.

The public API is [`clustersize.api`][clustersize.api]; this package re-exports it, so ``from clustersize import
solve`` and ``from clustersize.api import solve`` are the same function. The solver core imports only the
standard library, so it runs unchanged in Pyodide.

>>> from clustersize import examples, load_config_text, solve
>>> solve(load_config_text(examples.text())).nodes > 0
True
"""

from . import api, examples
from ._version import __version__
from .api import *  # noqa: F403 - the public API is declared once, in clustersize.api.__all__

__all__ = ["__version__", "api", "examples", *api.__all__]
