"""Citations of the documents in the archive: plain text, BibTeX and CSL-JSON.

A citation names the publisher, the title, the date of publication, the URL and the
day it was retrieved. Every field is read by :func:`document_fields` from one document
row, so the day the archive keeps a document's own URL column, only that function
changes (the document's ``url`` column, else ``source`` when it is an http(s)
address; ``retrieved_at``, else ``fetched_at``, for the day it was retrieved).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from communique.archive import schema as t
from communique.extract.publishers import name_by_url
from communique.gazetteer import countries
from communique.util.dates import as_date

FORMATS = ("bibtex", "csl-json")
#: BibTeX month macros, by month number
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: characters BibTeX treats as commands or groups inside a braced value, and their escapes
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def web_url(source: str | None) -> str | None:
    """``source`` when it is a web address (http or https), else None."""
    if source and re.match(r"(?i)https?://[^\s/]+", source):
        return source
    return None


def publisher_name(url: str | None, code: str | None) -> str | None:
    """The office that published a document: from its web address when the gazetteer
    knows the site, else the government of its publisher country."""
    name = name_by_url(url) if url else None
    if name:
        return name
    if code:
        c = countries().get(code)
        return f"Government of {c.name}" if c else code
    return None


def document_fields(row: Mapping[str, Any]) -> dict:
    """What a citation needs, from one document row (``id``, ``url``, ``source``, ``title``,
    ``published``, ``publisher``, ``retrieved_at``, ``fetched_at``)."""
    url = web_url(row.get("url")) or web_url(row.get("source"))
    retrieved = row.get("retrieved_at") or row.get("fetched_at")
    return {
        "document_id": row.get("id"),
        "title": (row.get("title") or "").strip() or None,
        "publisher": publisher_name(url, row.get("publisher")),
        "published": as_date(row.get("published")),
        "url": url,
        "retrieved": as_date(retrieved) if url else None,
    }


def documents(conn: sa.Connection, ids: Iterable[int]) -> list[dict]:
    """The citation fields of the documents ``ids``, in that order."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    d = t.documents
    cols = [d.c.id, d.c.source, d.c.url, d.c.title, d.c.published, d.c.publisher]
    cols += [d.c.fetched_at, d.c.retrieved_at]
    rows: dict[int, dict] = {}
    for k in range(0, len(ids), 900):
        for r in conn.execute(sa.select(*cols).where(d.c.id.in_(ids[k : k + 900]))):
            rows[r.id] = dict(r._mapping)
    return [document_fields(rows[i]) for i in ids if i in rows]


def _long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def plain(c: dict) -> str:
    """One citation as a line of text: Publisher. "Title." Date. URL (retrieved Date)."""
    parts = []
    if c.get("publisher"):
        parts.append(c["publisher"].rstrip(".") + ".")
    title = c.get("title") or "Untitled document"
    parts.append(f"“{title.rstrip('.')}.”")
    parts.append(_long_date(c["published"]) + "." if c.get("published") else "n.d.")
    if c.get("url"):
        ret = f" (retrieved {_long_date(c['retrieved'])})" if c.get("retrieved") else ""
        parts.append(f"{c['url']}{ret}.")
    return " ".join(parts)


def key(c: dict) -> str:
    """A BibTeX key: publisher's initials, year and document id (``mofaj2019_12``)."""
    words = re.findall(r"[A-Za-z]+", c.get("publisher") or "doc")
    initials = "".join(w[0] for w in words if w[0].isupper()).lower() or "doc"
    year = c["published"].year if c.get("published") else "nd"
    return f"{initials}{year}_{c.get('document_id')}"


def _bib_escape(s: str) -> str:
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in " ".join(s.split()))


def bibtex(c: dict) -> str:
    """One ``@misc`` entry (biblatex reads ``url`` and ``urldate``; BibTeX the ``note``)."""
    fields: list[tuple[str, str]] = []
    if c.get("publisher"):
        # an institution as author: double braces so BibTeX does not split it into names
        fields.append(("author", "{" + _bib_escape(c["publisher"]) + "}"))
    fields.append(("title", "{" + _bib_escape(c.get("title") or "Untitled document") + "}"))
    if c.get("published"):
        d = c["published"]
        fields += [("year", str(d.year)), ("month", MONTHS[d.month - 1]), ("day", str(d.day))]
        fields.append(("date", d.isoformat()))
    if c.get("publisher"):
        fields.append(("publisher", _bib_escape(c["publisher"])))
    if c.get("url"):
        fields.append(("url", c["url"].replace("}", "%7D").replace("{", "%7B")))
        if c.get("retrieved"):
            fields.append(("urldate", c["retrieved"].isoformat()))
            fields.append(("note", f"Retrieved {c['retrieved'].isoformat()}"))
    body = ",\n".join(f"  {k} = {v}" if k == "month" else f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{key(c)},\n{body}\n}}\n"


def _parts(d: dt.date) -> dict:
    return {"date-parts": [[d.year, d.month, d.day]]}


def csl(c: dict) -> dict:
    """One CSL-JSON item (type ``webpage`` for a web document, else ``document``)."""
    item: dict[str, Any] = {
        "id": key(c),
        "type": "webpage" if c.get("url") else "document",
        "title": c.get("title") or "Untitled document",
    }
    if c.get("publisher"):
        item["author"] = [{"literal": c["publisher"]}]
        item["publisher"] = c["publisher"]
    if c.get("published"):
        item["issued"] = _parts(c["published"])
    if c.get("url"):
        item["URL"] = c["url"]
        if c.get("retrieved"):
            item["accessed"] = _parts(c["retrieved"])
    return item


def render(cs: list[dict], fmt: str) -> str:
    """A list of citations as one BibTeX file or one CSL-JSON array."""
    if fmt == "bibtex":
        return "\n".join(bibtex(c) for c in cs)
    if fmt == "csl-json":
        return json.dumps([csl(c) for c in cs], ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown citation format {fmt!r}")


def ready(c: dict) -> dict:
    """One citation in every form, for a page and its JSON twin."""
    return {
        "document_id": c["document_id"],
        "text": plain(c),
        "bibtex": bibtex(c),
        "csl": csl(c),
    }
