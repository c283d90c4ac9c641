"""The archive's tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them.

Base tables are written by ``ingest`` in one transaction per document: ``documents``,
``extractions`` (the full result JSON, so nothing is lost), and the current extraction's
rows in ``engagements``, ``participants``, ``ordinals``, ``follow_ups``, ``outcomes`` and
``topics``. Linked tables are recomputed from them by :func:`communique.archive.link.relink`
in one transaction: ``persons`` (+ ``person_names``, ``person_offices``), ``events`` (one
engagement told by one or more accounts, with ``event_fields`` keeping which account said
what), ``event_persons``/``event_countries`` (query indexes), ``tracks``, and the resolution
columns of ``participants`` and ``follow_ups``.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _fk(target: str, ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=True),
    sa.Column("content_type", sa.String(40), nullable=True),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("publisher", sa.String(8), nullable=True),
    sa.Column("language", sa.String(20), nullable=True),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("error", sa.Text, nullable=True),
    # provenance (migration 0005): ``source`` is the public location (the URL, or the
    # file name alone when no URL is known, never a local path)
    sa.Column("url", sa.Text, nullable=True, index=True),
    sa.Column("text_hash", sa.String(64), nullable=True, index=True),
    sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("superseded_by", sa.Integer, nullable=True),
    sa.UniqueConstraint("content_hash", "source"),
)

#: Other locations (file names, URLs) the same normalised text was ingested from.
document_aliases = sa.Table(
    "document_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, _fk("documents.id"), nullable=False, index=True),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("location", "content_hash"),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, _fk("documents.id"), nullable=False, index=True),
    sa.Column("extractor_version", sa.String(80), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("result", JSONType, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("date", sa.Date, nullable=True, index=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("mode", sa.String(20), nullable=True),
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(8), nullable=True),
    sa.Column("occasion", sa.Text, nullable=True),
    sa.Column("duration_minutes", sa.Integer, nullable=True),
    sa.Column("round_number", sa.Integer, nullable=True),
    sa.Column("round_of", sa.Text, nullable=True),
    sa.Column("n_accounts", sa.Integer, nullable=False, server_default="1"),
    # the highest level of its participants' titles (gazetteer.ranks: 3 leaders, 2
    # ministers, 1 officials, 0 no title), set when linking (migration 0008)
    sa.Column("level", sa.SmallInteger, nullable=False, server_default="0"),
)

tracks = sa.Table(
    "tracks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # "round" or "series"
)

track_members = sa.Table(
    "track_members",
    metadata,
    sa.Column("track_id", sa.Integer, _fk("tracks.id"), primary_key=True),
    sa.Column("event_id", sa.Integer, _fk("events.id"), primary_key=True),
    sa.Column("number", sa.Integer, nullable=True),
    sa.Column("position", sa.Integer, nullable=False),
)

persons = sa.Table(
    "persons",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("family_name", sa.Text, nullable=True),
    sa.Column("country", sa.String(8), nullable=True),
)

person_names = sa.Table(
    "person_names",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.Integer, _fk("persons.id"), nullable=False, index=True),
    sa.Column("form", sa.Text, nullable=False),
    sa.Column("folded", sa.Text, nullable=False, index=True),
    sa.UniqueConstraint("person_id", "form"),
)

person_overrides = sa.Table(
    # analysts' merges and splits of people (``communique people``), applied at every
    # relink; people are named by key, a split by name forms (folded) or document ids
    "person_overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),  # "merge" or "split"
    sa.Column("keys", JSONType, nullable=False),
    sa.Column("forms", JSONType, nullable=True),
    sa.Column("documents", JSONType, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

person_offices = sa.Table(
    "person_offices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.Integer, _fk("persons.id"), nullable=False, index=True),
    sa.Column("office", sa.Text, nullable=False),
    sa.Column("country", sa.String(8), nullable=True),
    sa.Column("first_seen", sa.Date, nullable=True),
    sa.Column("last_seen", sa.Date, nullable=True),
)

engagements = sa.Table(
    "engagements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, _fk("documents.id"), nullable=False, index=True),
    sa.Column("extraction_id", sa.Integer, _fk("extractions.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("mode", sa.String(20), nullable=True),
    sa.Column("date", sa.Date, nullable=True, index=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(8), nullable=True),
    sa.Column("occasion", sa.Text, nullable=True),
    sa.Column("duration_minutes", sa.Integer, nullable=True),
    sa.Column("round_number", sa.Integer, nullable=True),
    sa.Column("round_of", sa.Text, nullable=True),
    sa.Column("event_id", sa.Integer, _fk("events.id", "SET NULL"), nullable=True, index=True),
    sa.Column("date_reason", sa.Text, nullable=True),
    # "range" when the engagement was held on some day of date..end_date that the
    # readout does not single out (a meeting during a visit), else NULL: the day itself
    sa.Column("date_precision", sa.String(8), nullable=True),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("family_name", sa.Text, nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("country", sa.String(8), nullable=True),
    sa.Column("organization", sa.Text, nullable=True),
    sa.Column("span_start", sa.Integer, nullable=True),
    sa.Column("span_end", sa.Integer, nullable=True),
    sa.Column("person_id", sa.Integer, _fk("persons.id", "SET NULL"), nullable=True, index=True),
    sa.Column("resolution", sa.Text, nullable=True),
    # the extractor's reason for an implicit country ("host country of the meeting")
    sa.Column("country_reason", sa.Text, nullable=True),
)

ordinals = sa.Table(
    "ordinals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("scope", sa.String(10), nullable=False),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("span_start", sa.Integer, nullable=True),
    sa.Column("span_end", sa.Integer, nullable=True),
)

follow_ups = sa.Table(
    "follow_ups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=True),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("date_text", sa.Text, nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(8), nullable=True),
    sa.Column("participants", JSONType, nullable=True),
    sa.Column("fulfilled_by", sa.Integer, _fk("events.id", "SET NULL"), nullable=True),
    sa.Column("match_reason", sa.Text, nullable=True),
)

outcomes = sa.Table(
    "outcomes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(20), nullable=True),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("actors", JSONType, nullable=True),
    sa.Column("topic", sa.Text, nullable=True),
)

topics = sa.Table(
    "topics",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
)

event_fields = sa.Table(
    "event_fields",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, _fk("events.id"), nullable=False, index=True),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("value", JSONType, nullable=True),
    sa.Column("engagement_id", sa.Integer, _fk("engagements.id"), nullable=False),
    sa.Column("document_id", sa.Integer, _fk("documents.id"), nullable=False),
)

event_persons = sa.Table(
    "event_persons",
    metadata,
    sa.Column("person_id", sa.Integer, _fk("persons.id"), primary_key=True),
    sa.Column("event_id", sa.Integer, _fk("events.id"), primary_key=True),
)

event_countries = sa.Table(
    "event_countries",
    metadata,
    sa.Column("country", sa.String(8), primary_key=True),
    sa.Column("event_id", sa.Integer, _fk("events.id"), primary_key=True),
)

#: An analyst's verdict on a promise (``communique follow-up``), kept across
#: re-extraction: keyed by the promising document and the promise's name; ``verdict``
#: is ``fulfilled`` (by the event with an account from ``target_document_id`` on
#: ``target_date``) or ``open``.
follow_up_overrides = sa.Table(
    "follow_up_overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, _fk("documents.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("verdict", sa.String(10), nullable=False),
    sa.Column("target_document_id", sa.Integer, nullable=True),
    sa.Column("target_date", sa.Date, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("document_id", "name"),
)

archive_state = sa.Table(
    "archive_state",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

#: tables recomputed by relink, children first (the order to delete them in)
LINKED_TABLES = (
    "event_fields",
    "event_persons",
    "event_countries",
    "track_members",
    "tracks",
    "person_offices",
    "person_names",
)

# ---------------------------------------------------------------- fetching (migration 0002)

#: One row per URL ever fetched: the validators for conditional requests, what the last
#: answer was, and (for pages that are not documents: index pages, feeds, sitemaps,
#: robots.txt) the body, so a 304 can be read again without refetching.
fetch_state = sa.Table(
    "fetch_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("final_url", sa.Text, nullable=True),
    sa.Column("kind", sa.String(20), nullable=True),
    sa.Column("status", sa.Integer, nullable=True),
    sa.Column("etag", sa.Text, nullable=True),
    sa.Column("last_modified", sa.Text, nullable=True),
    sa.Column("content_type", sa.Text, nullable=True),
    sa.Column("content_hash", sa.String(64), nullable=True),
    sa.Column("canonical", sa.Text, nullable=True),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column(
        "document_id", sa.Integer, _fk("documents.id", "SET NULL"), nullable=True, index=True
    ),
    sa.Column("body", sa.LargeBinary, nullable=True),
)

#: One row per ``communique crawl`` run; ``finished_at`` stays NULL until it ends, so
#: the same command run again resumes it.
crawls = sa.Table(
    "crawls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("start_url", sa.Text, nullable=False, index=True),
    sa.Column("options", JSONType, nullable=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("summary", JSONType, nullable=True),
)

#: The frontier of a crawl: every URL it found, in the order found, with its state
#: (``pending``, ``done``, ``failed``, ``skipped``).
crawl_queue = sa.Table(
    "crawl_queue",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("crawl_id", sa.Integer, _fk("crawls.id"), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("depth", sa.Integer, nullable=False, server_default="0"),
    sa.Column("listed_date", sa.Date, nullable=True),
    sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
    sa.Column("outcome", sa.String(20), nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.UniqueConstraint("crawl_id", "url"),
    sa.Index("ix_crawl_queue_crawl_id_state", "crawl_id", "state"),
)

# Read paths added by migration 0003 (declared here too, so schema and migrations agree).
sa.Index(
    "ix_event_countries_event_id_country", event_countries.c.event_id, event_countries.c.country
)
sa.Index("ix_track_members_event_id_track_id", track_members.c.event_id, track_members.c.track_id)
sa.Index("ix_engagements_event_id_document_id", engagements.c.event_id, engagements.c.document_id)

# Read paths of the reader added by migration 0004 (declared here too, as above).
sa.Index("ix_participants_engagement_id_title", participants.c.engagement_id, participants.c.title)

# An event's level beside its date (migration 0008): events of one level, in date order.
sa.Index("ix_events_level_date", events.c.level, events.c.date)

# Participants by family name in lower case (migration 0010): dating an undated account
# by another account of its meeting looks its people up so.
sa.Index("ix_participants_family_name_lower", sa.func.lower(participants.c.family_name))
