"""Relinking: recompute persons, events (accounts), tracks and follow-up matches from the
stored records, in one write transaction, changing only rows whose value differs — so a
second relink over the same records writes nothing, and the result does not depend on
the order documents arrived in (except for the ids of persons, which are kept stable).

It runs after ``ingest``/``reextract`` when the records changed since the last relink
(``archive_state``: ``data_version`` vs ``linked_version``), so a relink killed half-way
is simply redone by the next command.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from communique.archive import accounts, actors, dating, db, followups, people, tracks
from communique.archive import schema as t
from communique.gazetteer import ranks


def state(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(sa.select(t.archive_state.c.key, t.archive_state.c.value)).all())


def _current(st: dict[str, int]) -> bool:
    """Whether the links are those of the records and of this version's dating rules."""
    return (
        st.get("data_version") == st.get("linked_version")
        and st.get("dating_rules") == dating.RULES_VERSION
    )


def relink(engine: Engine, *, force: bool = False) -> bool:
    """Relink when the records (or the dating rules: an archive built by an earlier
    version) changed since the last relink; True when it ran."""
    with db.read_tx(engine) as conn:
        st = state(conn)
    if not force and _current(st):
        return False
    with db.write_tx(engine) as conn:
        st = state(conn)
        if not force and _current(st):
            return False
        # every undated engagement is dated again when the rules changed (an archive of
        # an earlier version) or on demand (communique relink); else ingest dated the
        # new documents and those they shed light on (dating.refill_related)
        relink_conn(conn, redate=force or st.get("dating_rules") != dating.RULES_VERSION)
        conn.execute(
            t.archive_state.update()
            .where(t.archive_state.c.key == "linked_version")
            .values(value=st.get("data_version", 0))
        )
        if "dating_rules" in st:
            conn.execute(
                t.archive_state.update()
                .where(t.archive_state.c.key == "dating_rules")
                .values(value=dating.RULES_VERSION)
            )
        else:
            conn.execute(
                t.archive_state.insert(), {"key": "dating_rules", "value": dating.RULES_VERSION}
            )
    return True


# --------------------------------------------------------------------------- sync helpers


def _sync(conn: Connection, table: sa.Table, rows: list[dict], key: tuple[str, ...]) -> None:
    """Make ``table`` hold exactly ``rows`` (matched on ``key``), touching only differences."""
    cols = [c.name for c in table.columns if c.name in (rows[0] if rows else {k: 0 for k in key})]
    cols = sorted(set(cols) | set(key))
    existing = {}
    for r in conn.execute(sa.select(*[table.c[c] for c in cols])).mappings():
        existing[tuple(r[k] for k in key)] = dict(r)
    want = {tuple(r[k] for k in key): r for r in rows}
    gone = [k for k in existing if k not in want]
    if gone:
        if len(key) == 1:
            for i in range(0, len(gone), 500):
                conn.execute(
                    table.delete().where(table.c[key[0]].in_([g[0] for g in gone[i : i + 500]]))
                )
        else:
            full = [g for g in gone if None not in g]
            if full:
                conn.execute(
                    table.delete().where(*[table.c[k] == sa.bindparam("k_" + k) for k in key]),
                    [{"k_" + k: v for k, v in zip(key, g, strict=True)} for g in full],
                )
            for g in gone:  # "= NULL" matches nothing: a key with a NULL part, one by one
                if None in g:
                    conn.execute(
                        table.delete().where(
                            *[
                                table.c[k].is_(None) if v is None else table.c[k] == v
                                for k, v in zip(key, g, strict=True)
                            ]
                        )
                    )
    new = [r for k, r in want.items() if k not in existing]
    changed = [
        r
        for k, r in want.items()
        if k in existing and any(existing[k].get(c) != r.get(c) for c in r)
    ]
    if changed:
        others = sorted({c for r in changed for c in r} - set(key))
        full = [r for r in changed if all(r[k] is not None for k in key)]
        if others and full:
            conn.execute(
                table.update()
                .where(*[table.c[k] == sa.bindparam("k_" + k) for k in key])
                .values({c: sa.bindparam("v_" + c) for c in others}),
                [
                    {**{"k_" + k: r[k] for k in key}, **{"v_" + c: r.get(c) for c in others}}
                    for r in full
                ],
            )
        for r in changed:  # a key with a NULL part, one by one (as the deletes above)
            if others and any(r[k] is None for k in key):
                conn.execute(
                    table.update()
                    .where(
                        *[table.c[k].is_(None) if r[k] is None else table.c[k] == r[k] for k in key]
                    )
                    .values({c: r.get(c) for c in others})
                )
    if new:
        conn.execute(table.insert(), new)


def _set_columns(
    conn: Connection, table: sa.Table, values: dict[int, dict], current: dict[int, dict]
) -> None:
    changed = [(i, v) for i, v in values.items() if current.get(i) != v]
    if not changed:
        return
    cols = sorted({c for _, v in changed for c in v})
    conn.execute(
        table.update()
        .where(table.c.id == sa.bindparam("k_id"))
        .values({c: sa.bindparam("v_" + c) for c in cols}),
        [{"k_id": i, **{"v_" + c: v.get(c) for c in cols}} for i, v in changed],
    )


# --------------------------------------------------------------------------- relink


def overrides(conn: Connection) -> list[people.Override]:
    """The analysts' merges and splits of people, oldest first."""
    po = t.person_overrides
    return [
        people.Override(
            r.id,
            r.kind,
            tuple(r.keys or ()),
            tuple(r.forms or ()),
            tuple(int(x) for x in r.documents or ()),
        )
        for r in conn.execute(sa.select(po).order_by(po.c.id))
    ]


def relink_conn(conn: Connection, *, redate: bool = False) -> None:
    e, p, d = t.engagements, t.participants, t.documents
    if redate:  # dates first: people's offices, accounts and promises all read them
        dating.redate(conn)
    rows = conn.execute(
        sa.select(
            p.c.id,
            p.c.engagement_id,
            p.c.name,
            p.c.family_name,
            p.c.title,
            p.c.country,
            p.c.organization,
            p.c.person_id,
            p.c.resolution,
            e.c.date,
            d.c.published,
            d.c.publisher,
            d.c.id.label("document_id"),
            p.c.span_start,
            p.c.span_end,
            p.c.country_reason,
        )
        .join(e, e.c.id == p.c.engagement_id)
        .join(d, d.c.id == e.c.document_id)
        .order_by(p.c.id)
    ).all()
    mentions = [
        people.Mention(
            r.id,
            r.name,
            r.family_name,
            r.title,
            r.country,
            r.date or r.published,
            r.publisher,
            r.document_id,
            r.span_start,
            r.span_end,
            r.country_reason,
            None if r.country else actors.actor(None, r.organization, r.title),
        )
        for r in rows
    ]
    # the texts of the documents whose participants' countries are unknown or guessed
    want_text = sorted(
        {
            m.document_id
            for m in mentions
            if m.document_id is not None and people.needs_description(m)
        }
    )
    texts: dict[int, str] = {}
    for i in range(0, len(want_text), 500):
        texts.update(
            conn.execute(
                sa.select(d.c.id, d.c.text).where(d.c.id.in_(want_text[i : i + 500]))
            ).all()
        )
    resolved, info = people.resolve(
        mentions, overrides(conn), {k: v for k, v in texts.items() if v}
    )

    # persons: stable ids by key; new keys get the next ids in key order
    ids = dict(conn.execute(sa.select(t.persons.c.key, t.persons.c.id)).all())
    next_id = max(ids.values(), default=0) + 1
    for key in sorted(info):
        if key not in ids:
            ids[key] = next_id
            next_id += 1
    _sync(
        conn,
        t.persons,
        [
            {"id": ids[k], "key": k, "name": v.name, "family_name": v.family, "country": v.country}
            for k, v in sorted(info.items())
        ],
        ("id",),
    )
    _sync(
        conn,
        t.person_names,
        [
            {"person_id": ids[k], "form": f, "folded": people.fold(f)}
            for k, v in sorted(info.items())
            for f in sorted(v.forms)
        ],
        ("person_id", "form"),
    )
    office_rows = []
    for k, v in sorted(info.items()):
        for (office, country), (first, last) in sorted(
            v.offices.items(), key=lambda x: (str(x[1][0]), x[0][0])
        ):
            office_rows.append(
                {
                    "person_id": ids[k],
                    "office": office,
                    "country": country,
                    "first_seen": first,
                    "last_seen": last,
                }
            )
    _sync(conn, t.person_offices, office_rows, ("person_id", "office", "country"))
    person_of = {}
    cur = {}
    want = {}
    for r in rows:
        res = resolved.get(r.id)
        pid = ids.get(res.key) if res and res.key else None
        person_of[r.id] = pid
        cur[r.id] = {"person_id": r.person_id, "resolution": r.resolution}
        want[r.id] = {"person_id": pid, "resolution": res.reason if res else None}
    _set_columns(conn, p, want, cur)

    # events: accounts of one engagement
    erows = conn.execute(
        sa.select(
            e.c.id,
            e.c.document_id,
            e.c.date,
            e.c.end_date,
            e.c.mode,
            e.c.name,
            e.c.place_name,
            e.c.place_country,
            e.c.occasion,
            e.c.duration_minutes,
            e.c.round_number,
            e.c.round_of,
            e.c.event_id,
            e.c.date_precision,
        ).order_by(e.c.id)
    ).all()
    recs = {}
    for r in erows:
        vals = {f: getattr(r, f) for f in accounts.FIELDS if f != "round"}
        vals["round"] = (
            {"number": r.round_number, "of": r.round_of} if r.round_number is not None else None
        )
        ranged = r.date_precision == dating.RANGE and r.date is not None
        recs[r.id] = accounts.Record(
            r.id,
            r.document_id,
            None if ranged else r.date,
            vals,
            within=(r.date, r.end_date or r.date) if ranged else None,
        )
    pcountry = {
        pid: c for pid, c in conn.execute(sa.select(t.persons.c.id, t.persons.c.country)).all()
    }
    titles_of: dict[int, list[tuple[str | None, str | None]]] = {}
    for r in rows:
        rec = recs[r.engagement_id]
        pid = person_of[r.id]
        if pid is not None:
            rec.persons.add(pid)
        # a country, else an organisation's code (officials of the EU, UN, ASEAN...)
        c = actors.actor(r.country, r.organization, r.title) or (pcountry.get(pid) if pid else None)
        if c:
            rec.countries.add(c)
        rec.parts.append(accounts.part(r.name, r.family_name, c, pid))
        titles_of.setdefault(r.engagement_id, []).append((r.title, c))
    doc_publisher = dict(conn.execute(sa.select(d.c.id, d.c.publisher)).all())
    for rec in recs.values():
        rec.publisher = doc_publisher.get(rec.document_id)
    groups = accounts.cluster(list(recs.values()))
    ev_rows, field_rows, ep_rows, ec_rows, eng_event = [], [], [], [], {}
    ev_info: dict[int, followups.Ev] = {}
    for g in groups:
        eid = g[0].id
        merged = accounts.merge(g)
        rnd = merged.pop("round") or {}
        ev_rows.append(
            {
                "id": eid,
                **merged,
                "round_number": rnd.get("number"),
                "round_of": rnd.get("of"),
                "n_accounts": len(g),
                # the highest level of anyone present, read by filters and exports
                "level": ranks.highest(x[0] for rec in g for x in titles_of.get(rec.id, [])),
            }
        )
        persons_, countries_ = set(), set()
        for rec in g:
            eng_event[rec.id] = eid
            persons_ |= rec.persons
            countries_ |= rec.countries
            for f in accounts.FIELDS:
                v = rec.values.get(f)
                if v is not None:
                    field_rows.append(
                        {
                            "event_id": eid,
                            "field": f,
                            "engagement_id": rec.id,
                            "document_id": rec.document_id,
                            "value": v.isoformat() if hasattr(v, "isoformat") else v,
                        }
                    )
        ep_rows += [{"event_id": eid, "person_id": x} for x in sorted(persons_)]
        ec_rows += [{"event_id": eid, "country": x} for x in sorted(countries_)]
        ev_info[eid] = followups.Ev(
            eid,
            merged["date"],
            merged["name"],
            persons_,
            countries_,
            merged["place_country"],
            documents={rec.document_id for rec in g},
            mode=merged["mode"],
            kind=followups.kind(merged["name"])
            or followups.kind_by_titles([x for rec in g for x in titles_of.get(rec.id, [])]),
            date_to=merged["end_date"] if all(rec.within for rec in g) else None,
        )
    _sync(conn, t.events, ev_rows, ("id",))
    _set_columns(
        conn,
        e,
        {r.id: {"event_id": eng_event[r.id]} for r in erows},
        {r.id: {"event_id": r.event_id} for r in erows},
    )
    # an undated account joined to a dated event: the day of that meeting
    dating.from_events(conn)
    _sync(conn, t.event_fields, field_rows, ("event_id", "field", "engagement_id"))
    _sync(conn, t.event_persons, ep_rows, ("event_id", "person_id"))
    _sync(conn, t.event_countries, ec_rows, ("event_id", "country"))

    # tracks
    members: dict[str, dict[int, list[int | None]]] = {}
    names: dict[str, tuple[str, str]] = {}
    for r in erows:
        ev = ev_info[eng_event[r.id]]
        if r.round_of and r.round_number is not None:
            k = tracks.round_key(r.round_of, ev.countries)
            names.setdefault(k, (tracks.round_name(r.round_of, ev.countries), "round"))
            members.setdefault(k, {}).setdefault(ev.id, []).append(r.round_number)
    ords = conn.execute(
        sa.select(t.ordinals.c.engagement_id, t.ordinals.c.number, t.ordinals.c.text).where(
            t.ordinals.c.scope == "series"
        )
    ).all()
    for o in ords:
        s = tracks.parse_series(o.text)
        if not s:
            continue
        k = tracks.series_key(s[1])
        names.setdefault(k, (s[1], "series"))
        members.setdefault(k, {}).setdefault(eng_event[o.engagement_id], []).append(o.number)
    series_names = {tracks.norm(n): k for k, (n, kind) in names.items() if kind == "series"}
    for r in erows:
        s = tracks.parse_series(r.name)
        if s:
            k = tracks.series_key(s[1])
            names.setdefault(k, (s[1], "series"))
            members.setdefault(k, {}).setdefault(eng_event[r.id], []).append(s[0])
        elif r.name and tracks.norm(r.name) in series_names:
            members.setdefault(series_names[tracks.norm(r.name)], {}).setdefault(
                eng_event[r.id], []
            ).append(None)
    track_ids = dict(conn.execute(sa.select(t.tracks.c.key, t.tracks.c.id)).all())
    nxt = max(track_ids.values(), default=0) + 1
    for k in sorted(names):
        if k not in track_ids:
            track_ids[k] = nxt
            nxt += 1
    _sync(
        conn,
        t.tracks,
        [
            {"id": track_ids[k], "key": k, "name": n, "kind": kind}
            for k, (n, kind) in sorted(names.items())
        ],
        ("id",),
    )
    tm_rows = []
    for k, evs in sorted(members.items()):
        order = []
        for evid, nums in evs.items():
            known = [n for n in nums if n is not None]
            num = max(set(known), key=lambda n: (known.count(n), -n)) if known else None
            ev_info[evid].tracks[k] = num
            order.append((ev_info[evid].date or _FAR, num if num is not None else 10**9, evid, num))
        for pos, (_d, _n, evid, num) in enumerate(sorted(order), start=1):
            tm_rows.append(
                {"track_id": track_ids[k], "event_id": evid, "number": num, "position": pos}
            )
    _sync(conn, t.track_members, tm_rows, ("track_id", "event_id"))

    # follow-ups
    family_index: dict[str, set[int]] = {}
    for k, v in info.items():
        if v.family:
            family_index.setdefault(tracks.norm(v.family), set()).add(ids[k])
    key_ids = {k: ids[k] for k in info}
    fu, eng_date = t.follow_ups, {r.id: r.date for r in erows}
    # the last day of an engagement dated by a range of days (a meeting during a visit)
    eng_last = {r.id: r.end_date for r in erows if r.date_precision == dating.RANGE}
    doc_pub = dict(conn.execute(sa.select(d.c.id, d.c.published)).all())
    eng_doc = {r.id: r.document_id for r in erows}
    frows = conn.execute(
        sa.select(
            fu.c.id,
            fu.c.engagement_id,
            fu.c.name,
            fu.c.date,
            fu.c.place_country,
            fu.c.participants,
            fu.c.fulfilled_by,
            fu.c.match_reason,
        ).order_by(fu.c.id)
    ).all()
    events_list = list(ev_info.values())
    # analysts' verdicts, by (promising document, promise name); their target events
    # found again by an account's document and date, whatever the ids became
    verdicts = {
        (o.document_id, o.name): o for o in conn.execute(sa.select(t.follow_up_overrides)).all()
    }
    by_doc_date: dict[tuple[int, object], int] = {}
    by_doc: dict[int, set[int]] = {}
    for r in erows:
        by_doc_date.setdefault((r.document_id, r.date), eng_event[r.id])
        by_doc.setdefault(r.document_id, set()).add(eng_event[r.id])

    def target_event(doc_id: int | None, day: object) -> int | None:
        if doc_id is None:
            return None
        hit = by_doc_date.get((doc_id, day))
        if hit is None and len(by_doc.get(doc_id, ())) == 1:
            hit = next(iter(by_doc[doc_id]))
        return hit

    want, cur = {}, {}
    for f in frows:
        evid = eng_event[f.engagement_id]
        src = ev_info[evid]
        fp = set()
        for part in f.participants or []:
            k = people.key_for_name(part.get("name") or "", part.get("family_name"))
            if k and k in key_ids:
                fp.add(key_ids[k])
        promise = followups.Promise(
            f.id,
            f.name or "",
            f.date,
            eng_date[f.engagement_id] or doc_pub.get(eng_doc[f.engagement_id]),
            evid,
            f.place_country,
            fp,
            src.countries,
            src.persons,
            document_id=eng_doc[f.engagement_id],
            since_last=eng_last.get(f.engagement_id),
        )
        hit, reason = followups.match(promise, events_list, family_index)
        verdict = verdicts.get((eng_doc[f.engagement_id], f.name or ""))
        if verdict is not None:
            hit, reason = followups.apply_override(verdict, target_event, hit, reason)
        want[f.id] = {"fulfilled_by": hit, "match_reason": reason}
        cur[f.id] = {"fulfilled_by": f.fulfilled_by, "match_reason": f.match_reason}
    _set_columns(conn, fu, want, cur)


import datetime as _dt  # noqa: E402

_FAR = _dt.date(9999, 12, 31)
