"""PLOVER event records (``communique export --format plover``), as the PLOVER manual
(openeventdata/PLOVER, ``PLOVER_MANUAL.tex``) defines them.

- Field names of the manual's "PLOVER JSON" table (``id``, ``date``, ``enddate``,
  ``actor``, ``recipient``, ``event``, ``event_loc``, ``event_text``, ``quad_code``,
  ``event_scale``, ``mode``, ``context``, ``link``, ``cite_info``, ``coder``,
  ``coded_date``, ``comment``); entities with the fields of its entity table (``code``,
  ``sector``, ``entity_text``, ``office``); the location and citation objects likewise.
- Every engagement is a ``CONSULT`` with CONSULT's own modes only: ``visit`` (the actor
  visits, the recipient hosts), ``third-party`` (hosted by a country that is not a
  party), ``multilateral`` (in a multilateral setting: a recurring conference of the
  gazetteer, or three countries or more) and ``phone`` (telephone or video).
- "In events where one side is hosting and one is visiting, the visitor will always be
  coded as the actor and the host will be the recipient"; where nobody hosts, "all
  participants are coded in the actor field" and there is no recipient.
- A meeting announced for later (a follow-up) is an event with the ``future`` context;
  its category is ``AGREE``, as the manual codes "references to future meetings,
  summits, state visits" (CONSULT, potential ambiguities), dated the day it was
  announced, with the announced meeting's name, place and date in ``event_text``,
  ``event_loc`` and ``comment``, and ``link`` naming the event it was announced at.
- ``date`` is required: an engagement or announcement without one is left out and
  counted (:class:`Report`), never written with an empty date.

The JSON Schema of these records, written from the manual, is
``communique/schema/plover.schema.json``; the tests validate every export against it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from communique.export.events import follow_ups, iter_events
from communique.formats.citation import publisher_name, web_url
from communique.gazetteer import conferences, countries, organization_names
from communique.version import __version__

#: PLOVER's numeric scale (the manual's "Numeric conflict/cooperation scores" table)
EVENT_SCALE = {
    ("CONSULT", None): 2.5,
    ("CONSULT", "visit"): 4.0,
    ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0,
    ("CONSULT", "phone"): 1.5,
    ("AGREE", None): 2.5,
}
#: quad category of each event type (the manual: CONSULT and AGREE are VERBAL COOPERATION)
QUAD_CODE = {"CONSULT": 1, "AGREE": 1}
CONSULT_MODES = ("visit", "third-party", "multilateral", "phone")
#: a meeting with this many countries or more is multilateral whatever its occasion
MULTILATERAL_COUNTRIES = 3
CODEBOOK = "PLOVER manual (openeventdata/PLOVER, PLOVER_MANUAL.tex)"


@dataclass
class Report:
    """What an export wrote and what it left out, by reason."""

    written: int = 0
    left_out: Counter = field(default_factory=Counter)

    def tally(self, rec: dict | None, what: str, dated: bool) -> bool:
        """Count ``rec`` as written, or as one of ``what`` left out (without a date, or
        else without a party); whether it was written."""
        if rec is None:
            self.left_out[f"{what} without {'a party' if dated else 'a date'}"] += 1
            return False
        self.written += 1
        return True

    def summary(self) -> str | None:
        if not self.left_out:
            return None
        parts = [f"{n} {why}" for why, n in sorted(self.left_out.items())]
        return "left out " + ", ".join(parts)


def _conference(occasion: str | None) -> bool:
    if not occasion:
        return False
    return any(c.regex.search(occasion) for c in conferences())


#: the manual's codes for international non-state actors ("International Non-state actor
#: names"): the UN and the EU by name, every other organisation as an IGO
PLOVER_ORG_CODES = {"EU": "EUR", "UN": "UNO"}


def _code(code: str) -> tuple[str, str | None]:
    """The PLOVER entity code of an archive actor code, with the organisation's name when
    it is one (``EU`` -> ``EUR``, "European Union"; ``NATO`` -> ``IGO``)."""
    orgs = organization_names()
    if code in orgs:
        return PLOVER_ORG_CODES.get(code, "IGO"), orgs[code]
    return code, None


def _entity(p: dict) -> dict:
    code, org = _code(p["country"])
    e = {"code": code, "sector": "IGO" if org else "GOV"}
    if org:
        e["identifier_text"] = org
    text = p.get("name") or p.get("title")
    if text:
        e["entity_text"] = text
    if p.get("title"):
        e["office"] = p["title"]
    return e


def _sides(ev: dict) -> tuple[list[str], dict[str, list[dict]]]:
    """The countries of an engagement (participants' first) and their entities."""
    by_country: dict[str, list[dict]] = {}
    for p in ev.get("participants") or []:
        if p.get("country"):
            by_country.setdefault(p["country"], []).append(_entity(p))
    for c in ev.get("countries") or []:
        code, org = _code(c)
        ent = {"code": code, "sector": "IGO" if org else "GOV"}
        if org:
            ent["identifier_text"] = org
        by_country.setdefault(c, [ent])
    return list(by_country), by_country


def consult_roles(ev: dict) -> dict:
    """Actor and recipient countries and CONSULT modes of one engagement."""
    countries, _ = _sides(ev)
    place = (ev.get("place") or {}).get("country")
    modes: list[str] = []
    actor, recipient = list(countries), []
    if ev.get("mode") in ("telephone", "video"):
        modes.append("phone")
    elif place and place in countries and len(countries) > 1:
        modes.append("visit")
        actor = [c for c in countries if c != place]
        recipient = [place]
    elif place and countries and place not in countries:
        modes.append("third-party")
    if len(countries) >= MULTILATERAL_COUNTRIES or _conference(ev.get("occasion")):
        modes.append("multilateral")
    return {"actor": actor, "recipient": recipient, "mode": modes}


def _cite(acc: dict | None) -> dict | None:
    if not acc:
        return None
    url = web_url(acc.get("url")) or web_url(acc.get("source"))
    out = {"corpus": "communique archive", "coder": f"communique {__version__}"}
    out["codebook"] = CODEBOOK
    if acc.get("title"):
        out["title"] = acc["title"]
    publication = publisher_name(url, acc.get("publisher"))
    if publication:
        out["publication"] = publication
    if url:
        out["url"] = url
    return out


def _place(name: str | None, country: str | None) -> dict | None:
    if not name and not country:
        return None
    loc: dict = {}
    if name:
        loc["extracted_place"] = name
    if country:
        loc["country_code"] = country
        c = countries().get(country)
        if c:
            loc["country"] = c.name
    return loc


def consult_event(ev: dict, *, coded: str) -> dict | None:
    """One engagement as a PLOVER CONSULT record; None when it has no date or no actor."""
    if not ev.get("date"):
        return None
    roles = consult_roles(ev)
    _, ents = _sides(ev)
    if not roles["actor"]:
        return None
    mode = roles["mode"]
    scale = max((EVENT_SCALE[("CONSULT", m)] for m in mode), default=EVENT_SCALE["CONSULT", None])
    place = ev.get("place") or {}
    tracks = ev.get("tracks") or []
    comment = "; ".join(
        f"{k}: {v}"
        for k, v in (
            ("level", ev.get("level")),
            ("occasion", ev.get("occasion")),
            ("accounts", len(ev.get("accounts") or [])),
        )
        if v
    )
    return {
        "id": f"communique-{ev['id']}",
        "date": ev["date"],
        "enddate": ev.get("end_date"),
        "actor": [e for c in roles["actor"] for e in ents[c]],
        "recipient": [e for c in roles["recipient"] for e in ents[c]],
        "event": ["CONSULT"],
        "mode": mode,
        "context": [],
        "quad_code": QUAD_CODE["CONSULT"],
        "event_scale": scale,
        "event_loc": _place(place.get("name"), place.get("country")),
        "event_text": [x for x in (ev.get("name"),) if x],
        "link": f"communique-track-{tracks[0]['track_id']}" if tracks else None,
        "cite_info": _cite((ev.get("accounts") or [None])[0]),
        "coder": f"communique {__version__}",
        "coded_date": coded,
        "comment": comment or None,
    }


def announced_event(fu: dict, promised_at: dict | None, *, coded: str) -> dict | None:
    """A meeting announced for later, as an AGREE record with the ``future`` context;
    None when the announcement has no date or its event no party."""
    if not fu.get("promised_on") or promised_at is None:
        return None
    countries, ents = _sides(promised_at)
    if not countries:
        return None
    when = fu.get("date") or fu.get("date_text")
    notes = [f"announced meeting: {fu.get('name') or 'a meeting'}"]
    if when:
        notes.append(f"planned for {when}")
    if fu.get("fulfilled_by"):
        notes.append(f"held as communique-{fu['fulfilled_by']}")
    return {
        "id": f"communique-followup-{fu['id']}",
        "date": fu["promised_on"],
        "enddate": None,
        "actor": [e for c in countries for e in ents[c]],
        "recipient": [],
        "event": ["AGREE"],
        "mode": [],
        "context": ["future"],
        "quad_code": QUAD_CODE["AGREE"],
        "event_scale": EVENT_SCALE["AGREE", None],
        "event_loc": _place(fu.get("place_name"), fu.get("place_country")),
        "event_text": [x for x in (fu.get("name"),) if x],
        "link": f"communique-{fu['promised_at_event']}",
        "cite_info": _cite((promised_at.get("accounts") or [None])[0]),
        "coder": f"communique {__version__}",
        "coded_date": coded,
        "comment": "; ".join(notes),
    }


def records(archive, report: Report, *, today: dt.date | None = None) -> Iterator[dict]:  # noqa: ANN001
    """Every engagement (oldest first), then every announced meeting, as PLOVER records."""
    coded = (today or dt.date.today()).isoformat()
    kept: dict[int, dict] = {}
    promised_at = {f["promised_at_event"] for f in follow_ups(archive)}
    for ev in iter_events(archive):
        if ev["id"] in promised_at:
            kept[ev["id"]] = ev
        rec = consult_event(ev, coded=coded)
        if report.tally(rec, "engagements", bool(ev.get("date"))):
            yield rec
    announced = sorted(follow_ups(archive), key=lambda f: (f.get("promised_on") or "", f["id"]))
    for fu in announced:
        rec = announced_event(fu, kept.get(fu["promised_at_event"]), coded=coded)
        if report.tally(rec, "announced meetings", bool(fu.get("promised_on"))):
            yield rec


def write(archive, out: TextIO, report: Report | None = None) -> Report:  # noqa: ANN001
    """The archive as PLOVER JSON Lines (one record a line, as the manual suggests)."""
    report = report if report is not None else Report()
    for rec in records(archive, report):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return report
