"""How records are written out for people and other programs: citations of documents
(:mod:`.citation`), iCalendar (:mod:`.ics`), table rows with CAMEO codes (:mod:`.table`)
and one-line summaries of an extraction (:mod:`.summary`).

Shared by the reader (``communique.web``) and the exports (``communique.export``), which
both import it, so neither imports the other. It reads the archive's tables and the
gazetteers; nothing below it imports it.
"""
