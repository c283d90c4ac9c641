"""The one read layer: every question the command line (``Archive``), the reader's pages
and their ``.json`` twins, and the exports ask of an archive, each answered once.

In the order a newcomer meets them:

* :mod:`.order`: the display order of events (by date, undated last, then id), oldest
  or newest first;
* :mod:`.pairs`: the events of two countries, joined from the rarer side;
* :mod:`.levels`: an event's level (leaders, ministers, officials), stored when linking;
* :mod:`.search`: the full-text query language and its one translation per engine;
* :mod:`.filters`: every filter (pair, countries, people, period, track, text, mode,
  level) as one selection of event ids, in the database or in memory (:class:`Facets`);
* :mod:`.describe`: the engagement objects for a list of event ids;
* :mod:`.followups`: follow-ups, one row shape;
* :mod:`.audit`: the ordinal audit of any selection of events;
* :mod:`.documents`, :mod:`.persons`, :mod:`.overview`: documents, people and the
  archive's aggregates, as the reader shows them.

Every function takes an open connection (``Archive._read()``) and only reads.
"""
