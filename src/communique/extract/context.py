"""What the extraction stages share: the context objects they run over.

A stage (:mod:`communique.util.stages`) is a named function over one context object
that declares what it ``needs`` and ``adds``. ``pipeline.STAGES`` runs over a document's
:class:`Context`, and its ``records`` stage runs ``fields.FIELDS`` over one
:class:`Draft` per engagement. ``tests/test_stages.py`` checks both lists against their
declarations on real readouts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from communique.document import Document
from communique.extract import layout, numbers
from communique.extract import outcomes as oc
from communique.extract.engagements import Candidate
from communique.extract.people import Entity, Mention
from communique.extract.places import Occasion, Place
from communique.util.sentences import Sentence


@dataclass
class Engagement:
    """A meeting found in the text: its trigger clause and the entities who took part."""

    cand: Candidate
    participants: list[int]


@dataclass
class Context:
    """One document on its way through ``pipeline.STAGES``.

    Input: ``doc``. Every other attribute is empty (or None) until the stage that adds
    it has run.
    """

    doc: Document
    #: the part of the document's text that is read (at most ``MAX_SCAN_CHARS``)
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    layout: layout.Layout | None = None
    #: the date line's day: relative days ("on Monday", "yesterday") count from it
    anchor: dt.date | None = None
    #: ISO3 of the government that published the readout
    publisher: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    #: the entity the title names first: the subject of the report's meetings
    protagonist: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    #: one schema record per engagement, in the order of ``engagements``
    records: list[dict] = field(default_factory=list)

    # Document-wide figures some field stages need (they declare them), computed from
    # ``text`` and ``sentences`` on first use and then kept: at most once a document.

    @functools.cached_property
    def country_counts(self) -> Counter:
        return layout.country_counts(self.text)

    @functools.cached_property
    def document_ordinals(self) -> list[numbers.Ordinal]:
        return numbers.find_ordinals(self.text, 0, len(self.text), series=False)

    @functools.cached_property
    def statements(self) -> list[oc.Statement]:
        return oc.classify(self.sentences)


@dataclass
class Draft:
    """One engagement's record being filled by ``fields.FIELDS``.

    Inputs: ``shared`` (the document's finished :class:`Context`), ``engagement``,
    ``alone`` and ``others``; the other attributes are the record's fields, None (or
    empty) until the stage that adds them has run.
    """

    shared: Context
    engagement: Engagement
    #: the only engagement of the document (its title's series number is this one's)
    alone: bool = True
    #: where the other engagements' trigger sentences start
    others: frozenset[int] = frozenset()
    #: the trigger sentence and the rest of its lead paragraph
    lead: tuple[int, int] | None = None
    date: dt.date | None = None
    #: why a field has the value it has, when the text does not say it outright
    reasons: dict[str, str] = field(default_factory=dict)
    mode: str | None = None
    duration: int | None = None
    #: the time of day, and the span it is written at
    start_time: tuple[str, int, int] | None = None
    occasion: Occasion | None = None
    #: "congratulated X for hosting the G7 Summit": the event hosted (its occasion and,
    #: when nothing else says, its place)
    hosting: re.Match | None = None
    place: Place | None = None
    round: numbers.Round | None = None
    ordinals: list[numbers.Ordinal] = field(default_factory=list)
    name: str | None = None
    participants: list[Entity] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    #: field name -> [start, end] of the words it was read from
    evidence: dict[str, list[int]] = field(default_factory=dict)

    @property
    def cand(self) -> Candidate:
        return self.engagement.cand

    @property
    def text(self) -> str:
        return self.shared.text

    @property
    def layout(self) -> layout.Layout:
        assert self.shared.layout is not None
        return self.shared.layout
