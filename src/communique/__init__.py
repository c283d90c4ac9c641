"""communique: diplomatic readouts into structured, linked engagement records."""

from __future__ import annotations

__version__ = "0.1.0"

from communique.extract.pipeline import extract  # noqa: E402

__all__ = ["extract", "__version__"]
