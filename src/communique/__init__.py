"""communique: diplomatic readouts into structured, linked engagement records.

``communique.extract(text, ...)`` extracts one readout; ``communique.__version__`` is the
version. Importing the package loads neither the extractor nor anything else: the
extractor (about 0.15 s to load) is loaded on the first use of ``communique.extract``.
"""

from __future__ import annotations

import sys
import types

from communique.version import __version__

__all__ = ["extract", "__version__"]


class _Package(types.ModuleType):
    """This package's module object, whose ``extract`` is the extraction function.

    The import system binds the ``communique.extract`` subpackage to this attribute when
    the subpackage is first imported; the attribute stays the function, as it has always
    been (``communique.extract.pipeline`` and the other modules are imported by name).
    """

    @property
    def extract(self):  # noqa: ANN201
        override = self.__dict__.get("_extract_override")
        if override is not None:
            return override
        # imported here, on first use, for start-up time: `import communique` and the
        # command line's --help do not load the extractor
        from communique.extract.pipeline import extract

        return extract

    @extract.setter
    def extract(self, value: object) -> None:
        if not isinstance(value, types.ModuleType):  # a test's stand-in, put back after
            self.__dict__["_extract_override"] = value


sys.modules[__name__].__class__ = _Package
