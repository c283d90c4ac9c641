"""Text helpers shared by the extractor, the archive and the gazetteers."""

from __future__ import annotations

import unicodedata


def fold(s: str) -> str:
    """Lower case without accents, typographic apostrophes made plain
    ("Casaubón" -> "casaubon", "O’Brien" -> "o'brien")."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
