"""The version of communique: its one home (``pyproject.toml`` reads it from here, and
``communique.__version__`` is this). Foundation layer: imports nothing."""

__version__ = "0.1.0"
