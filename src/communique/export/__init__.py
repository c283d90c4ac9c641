"""Exports of a whole archive: CSV (with CAMEO consult codes), JSON Lines, PLOVER event
records (:mod:`communique.export.plover`), iCalendar, GraphML, and citations of its
documents in BibTeX and CSL-JSON (:mod:`communique.formats.citation`)
(``communique export --format ...``).

Every format reads the archive through :class:`communique.archive.Archive` in chunks, so
an archive of any size streams out without being held in memory at once.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import sqlalchemy as sa

from communique.archive import schema as t
from communique.archive.read import filters as read_filters
from communique.archive.read import order
from communique.export import plover
from communique.export.events import follow_ups, iter_events, track_kinds
from communique.formats import citation
from communique.formats import ics as ical
from communique.formats.table import (  # noqa: F401 (CAMEO, cameo, safe_cell: exported here too)
    CAMEO,
    CSV_COLUMNS,
    cameo,
    csv_row,
    safe_cell,
    write_csv,
)
from communique.gazetteer import countries as gz_countries
from communique.util.dates import iso

FORMATS = ("csv", "jsonl", "plover", "ics", "graphml", "bibtex", "csl-json")


def to_ics(archive) -> str:  # noqa: ANN001
    """The whole archive as a calendar: every dated engagement, and every follow-up with a
    day or a month."""
    events = []
    for ev in iter_events(archive):
        if not ev.get("date"):
            continue
        start = dt.date.fromisoformat(ev["date"])
        end = dt.date.fromisoformat(ev["end_date"]) if ev.get("end_date") else start
        who = ", ".join(p.get("name") or p.get("title") or "?" for p in ev["participants"])
        place = ev.get("place") or {}
        events.append(
            {
                "uid": f"engagement-{ev['id']}@communique",
                "start": start,
                "end": end + dt.timedelta(days=1),
                "summary": ev.get("name") or (f"Meeting: {who}" if who else "Meeting"),
                "description": f"{who}; sources: "
                + " ".join(a.get("source") or "" for a in ev["accounts"]),
                "status": "CONFIRMED",
                "categories": "ENGAGEMENT",
                "location": ", ".join(x for x in (place.get("name"), place.get("country")) if x)
                or None,
            }
        )
    for f in follow_ups(archive):
        e = ical.follow_up_event(f)
        if e:
            events.append(e)
    return ical.calendar(events, name="communique archive")


def _met(conn, x, y, col: str) -> list:  # noqa: ANN001
    """Who met whom (persons or countries in ``col`` of the tables ``x`` and ``y``): how
    often, first and last."""
    ev = t.events
    return conn.execute(
        sa.select(
            x.c[col].label("u"),
            y.c[col].label("v"),
            sa.func.count().label("n"),
            sa.func.min(ev.c.date).label("first"),
            sa.func.max(ev.c.date).label("last"),
        )
        .select_from(x)
        .join(y, sa.and_(y.c.event_id == x.c.event_id, y.c[col] > x.c[col]))
        .join(ev, ev.c.id == x.c.event_id)
        .group_by(x.c[col], y.c[col])
        .order_by(x.c[col], y.c[col])
    ).all()


def graphml(archive, out: TextIO) -> None:  # noqa: ANN001
    """People and countries as nodes; who met whom (and which countries met) as weighted
    edges with the first and last date."""
    ep1, ep2 = t.event_persons.alias("a"), t.event_persons.alias("b")
    ec1, ec2 = t.event_countries.alias("a"), t.event_countries.alias("b")
    with archive.reading() as conn:
        persons = conn.execute(
            sa.select(t.persons.c.id, t.persons.c.name, t.persons.c.country).order_by(
                t.persons.c.id
            )
        ).all()
        countries = (
            conn.execute(
                sa.select(t.event_countries.c.country)
                .distinct()
                .order_by(t.event_countries.c.country)
            )
            .scalars()
            .all()
        )
        pp = _met(conn, ep1, ep2, "person_id")
        cc = _met(conn, ec1, ec2, "country")
    names = {k: c.name for k, c in gz_countries().items()}
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, target, name, typ in (
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("country", "node", "country", "string"),
        ("weight", "edge", "weight", "int"),
        ("first", "edge", "first", "string"),
        ("last", "edge", "last", "string"),
        ("ekind", "edge", "kind", "string"),
    ):
        w(f'  <key id="{key}" for="{target}" attr.name="{name}" attr.type="{typ}"/>\n')
    w('  <graph id="communique" edgedefault="undirected">\n')

    def data(k: str, v) -> str:  # noqa: ANN001
        return f'<data key="{k}">{xml_escape(str(v))}</data>' if v not in (None, "") else ""

    for c in countries:
        w(
            f"    <node id={quoteattr('c:' + c)}>{data('label', names.get(c, c))}"
            f"{data('kind', 'country')}{data('country', c)}</node>\n"
        )
    for p in persons:
        w(
            f"    <node id={quoteattr(f'p:{p.id}')}>{data('label', p.name)}"
            f"{data('kind', 'person')}{data('country', p.country)}</node>\n"
        )
    n = 0
    for kind, rows, prefix in (("met", pp, "p:"), ("relations", cc, "c:")):
        for r in rows:
            n += 1
            w(
                f'    <edge id="e{n}" source={quoteattr(f"{prefix}{r.u}")} target={quoteattr(f"{prefix}{r.v}")}>'
                f"{data('weight', r.n)}{data('first', iso(r.first))}{data('last', iso(r.last))}"
                f"{data('ekind', kind)}</edge>\n"
            )
    w("  </graph>\n</graphml>\n")


def selected_documents(archive, **filters: object) -> list[int]:  # noqa: ANN001
    """The documents of the engagements ``Archive.engagements`` selects with ``filters``
    (every document of the archive with none), oldest engagement first."""
    d, e = t.documents, t.engagements
    with archive.reading() as conn:
        if not any(v for v in filters.values()):
            return list(conn.execute(sa.select(d.c.id).order_by(d.c.published, d.c.id)).scalars())
    chosen = archive.filters(**filters)
    with archive.reading() as conn:
        events = conn.execute(order.oldest_first(read_filters.event_ids(conn, chosen)))
        events = events.scalars().all()
        docs: dict[int, None] = {}
        for k in range(0, len(events), 900):
            part = list(events[k : k + 900])
            rows = conn.execute(
                sa.select(e.c.event_id, e.c.document_id).where(e.c.event_id.in_(part))
            ).all()
            by_event: dict[int, list[int]] = {}
            for r in rows:
                by_event.setdefault(r.event_id, []).append(r.document_id)
            for i in part:
                for doc in sorted(by_event.get(i, [])):
                    docs[doc] = None
    return list(docs)


def export(
    archive,  # noqa: ANN001
    fmt: str,
    out: TextIO,
    *,
    selection: dict | None = None,
    notes: list[str] | None = None,
) -> int:
    """Write the archive in ``fmt`` to ``out``; returns the number of records. Citations
    (``bibtex``, ``csl-json``) cover the documents of the engagements ``selection``
    selects (every document without one); what a format leaves out is told in ``notes``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt in ("bibtex", "csl-json"):
        doc_ids = selected_documents(archive, **(selection or {}))
        with archive.reading() as conn:
            cs = citation.documents(conn, doc_ids)
        out.write(citation.render(cs, fmt))
        return len(cs)
    if fmt == "plover":
        report = plover.write(archive, out)
        if notes is not None and report.summary():
            notes.append(report.summary())
        return report.written
    n = 0
    if fmt == "ics":
        text = to_ics(archive)
        out.write(text)
        return text.count("BEGIN:VEVENT")
    if fmt == "graphml":
        buf = io.StringIO()
        graphml(archive, buf)
        out.write(buf.getvalue())
        return buf.getvalue().count("<edge ")
    kinds = track_kinds(archive)
    if fmt == "csv":

        def rows():  # noqa: ANN202
            nonlocal n
            for ev in iter_events(archive):
                n += 1
                yield csv_row(ev, kinds)

        write_csv(out, CSV_COLUMNS, rows())
        return n
    for ev in iter_events(archive):
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n
