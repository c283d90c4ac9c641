"""Engagements as table rows: the CSV columns, the CAMEO consult code of an engagement,
and cells a spreadsheet will not run as formulas. Shared by ``communique export
--format csv`` and the reader's ``.csv`` pages.
"""

from __future__ import annotations

import csv
from typing import TextIO

#: CAMEO codes of the consult family, with the CAMEO verb (the CSV's ``cameo`` column)
CAMEO = {
    "040": ("Consult, not specified", "meet"),
    "041": ("Discuss by telephone", "phone"),
    "042": ("Make a visit", "visit"),
    "043": ("Host a visit", "host"),
    "044": ("Meet at a third location", "third-party"),
    "046": ("Engage in negotiation", "negotiate"),
}

CSV_COLUMNS = [
    "id",
    "date",
    "end_date",
    "mode",
    "level",
    "name",
    "place",
    "place_country",
    "occasion",
    "duration_minutes",
    "round_number",
    "round_of",
    "countries",
    "participants",
    "accounts",
    "sources",
    "tracks",
    "cameo",
]


def cameo(ev: dict, track_kinds: dict[int, str] | None = None) -> dict:
    """The CAMEO consult code of an engagement, with the actor and recipients it implies.

    Actor: the country of the account published first when it is a party, else the first
    participant's country. 046 when it is a numbered negotiation round; 041 by telephone
    or video; in person, 042 when held in a recipient's country (the actor visited), 043
    in the actor's own (it hosted), 044 elsewhere, 040 when the place is unknown.
    """
    countries: list[str] = []
    for p in ev.get("participants") or []:
        c = p.get("country")
        if c and c not in countries:
            countries.append(c)
    for c in ev.get("countries") or []:
        if c not in countries:
            countries.append(c)
    publishers = [a.get("publisher") for a in ev.get("accounts") or [] if a.get("publisher")]
    actor = next((p for p in publishers if p in countries), countries[0] if countries else None)
    recipients = [c for c in countries if c != actor]
    kinds = track_kinds or {}
    negotiation = (
        ev.get("round") is not None
        or any(kinds.get(tr.get("track_id")) == "round" for tr in ev.get("tracks") or [])
        or "negotiat" in (ev.get("name") or "").lower()
    )
    place = (ev.get("place") or {}).get("country")
    if place and actor and place != actor and not recipients:
        recipients = [place]  # only one side named: it visited the country it met in
    if negotiation:
        code = "046"
    elif ev.get("mode") in ("telephone", "video"):
        code = "041"
    elif not place or not actor:
        code = "040"
    elif place == actor:
        code = "043"
    elif place in recipients:
        code = "042"
    else:
        code = "044"
    return {
        "code": code,
        "label": CAMEO[code][0],
        "mode": CAMEO[code][1],
        "actor": actor,
        "recipients": recipients,
    }


def csv_row(ev: dict, track_kinds: dict[int, str] | None = None) -> dict:
    place = ev.get("place") or {}
    rnd = ev.get("round") or {}
    return {
        "id": ev["id"],
        "date": ev.get("date") or "",
        "end_date": ev.get("end_date") or "",
        "mode": ev.get("mode") or "",
        "level": ev.get("level") or "",
        "name": ev.get("name") or "",
        "place": place.get("name") or "",
        "place_country": place.get("country") or "",
        "occasion": ev.get("occasion") or "",
        "duration_minutes": ev.get("duration_minutes")
        if ev.get("duration_minutes") is not None
        else "",
        "round_number": rnd.get("number") if rnd.get("number") is not None else "",
        "round_of": rnd.get("of") or "",
        "countries": " ".join(ev.get("countries") or []),
        "participants": "; ".join(
            f"{p.get('name') or p.get('title') or '?'} ({p.get('country') or '?'})"
            for p in ev.get("participants") or []
        ),
        "accounts": len(ev.get("accounts") or []),
        "sources": " ".join(a.get("source") or "" for a in ev.get("accounts") or []),
        "tracks": "; ".join(
            f"{tr['name']} #{tr['number'] if tr.get('number') is not None else '?'}"
            for tr in ev.get("tracks") or []
        ),
        "cameo": cameo(ev, track_kinds)["code"],
    }


def safe_cell(v):  # noqa: ANN001, ANN201
    """A CSV cell a spreadsheet will not run as a formula (a leading = + - @ is quoted)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(v)
            return v
        except ValueError:
            return "'" + v
    return v


def write_csv(out: TextIO, columns: list[str], rows) -> None:  # noqa: ANN001
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: safe_cell(v) for k, v in r.items()})
