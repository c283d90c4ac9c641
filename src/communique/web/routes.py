"""The route table: every page as three routes (HTML, ``.json``, and ``.csv`` of one of its
lists) built from one handler (:class:`Handlers`: the query string read and checked, then
:class:`communique.web.pages.Reader`), and the feeds (the calendar, citations, a
network's SVG).
"""

import datetime as dt
import inspect
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response

from communique.formats import citation
from communique.formats.table import CSV_COLUMNS, csv_row, write_csv
from communique.web import charts, render
from communique.web.pages import Reader, SearchQuery

#: country filters in one search (a pair needs two; 1,000 overflowed SQLite's parser)
MAX_COUNTRY_FILTERS = 20
#: ids are SQL BIGINTs: a larger number names nothing (and overflowed the driver)
MAX_ID = 2**63 - 1
Id = Annotated[int, PathParam(ge=0, le=MAX_ID)]
AsOf = Annotated[
    str | None,
    Query(description="the day follow-ups are upcoming or overdue from (default today)"),
]
PageN = Annotated[int, Query(ge=1, le=100000, description="page of the list (1-based)")]
Day = Annotated[str | None, Query(description="YYYY-MM-DD")]
Mode = Annotated[str | None, Query(pattern="^(|in_person|telephone|video)$")]
Level = Annotated[str | None, Query(pattern="^(|leaders?|ministers?|officials?)$")]
Status = Annotated[str, Query(pattern="^(open|all)$")]
Pair = Annotated[str | None, Query(description="two countries, as JPN-RUS")]

#: renders a page: (request, template, data, extra template values) -> HTML
Html = Callable[..., HTMLResponse]


def day(v: str | None, what: str) -> dt.date | None:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise HTTPException(400, f"{what}: not a date: {v!r} (use YYYY-MM-DD)") from None


def as_of_param(v: str | None) -> dt.date:
    return day(v, "as_of") or dt.date.today()


# ---------------------------------------------------------------- CSV of any list


def _flat_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(
            json.dumps(x, ensure_ascii=False) if isinstance(x, (dict, list)) else str(x) for x in v
        )
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def csv_text(rows: list[dict], kind: str) -> str:
    buf = io.StringIO()
    if kind == "engagements":
        write_csv(buf, CSV_COLUMNS, (csv_row(r) for r in rows))
        return buf.getvalue()
    cols: list[str] = []
    flat = []
    for r in rows:
        fr = {k: _flat_cell(v) for k, v in r.items()}
        for k in fr:
            if k not in cols:
                cols.append(k)
        flat.append(fr)
    write_csv(buf, cols or ["empty"], flat)
    return buf.getvalue()


def csv_response(data: dict, which: str | None, default: str, name: str) -> Response:
    key = which or default
    rows = data.get(key)
    if not isinstance(rows, list):
        lists = sorted(k for k, v in data.items() if isinstance(v, list))
        raise HTTPException(400, f"no list {key!r} here; lists: {', '.join(lists)}")
    kind = "engagements" if key in ("engagements", "latest") else "rows"
    return Response(
        csv_text(rows, kind),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}-{key}.csv"'},
    )


# ---------------------------------------------------------------- handlers


class Handlers:
    """One method per page: its query string (FastAPI reads the signature) to its data."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def home(self, as_of: AsOf = None) -> dict:
        return self.reader.home(as_of_param(as_of))

    def relations_index(self) -> dict:
        return self.reader.relations_index()

    def relations(
        self,
        pair: str,
        page: PageN = 1,
        as_of: AsOf = None,
        full: Annotated[
            bool,
            Query(description="every audit finding, follow-up and document (not the latest only)"),
        ] = False,
    ) -> dict:
        return self.reader.relations(pair, page, as_of_param(as_of), full)

    def engagement(self, event_id: Id, as_of: AsOf = None) -> dict:
        return self.reader.engagement(event_id, as_of_param(as_of))

    def people(self, name: Annotated[str | None, Query(max_length=200)] = None) -> dict:
        return self.reader.people(name)

    def person(self, person_id: Id, page: PageN = 1) -> dict:
        return self.reader.person(person_id, page)

    def network(self, code: str, since: Day = None, until: Day = None) -> dict:
        return self.reader.network(code, day(since, "since"), day(until, "until"))

    def search(
        self,
        q: Annotated[str | None, Query(max_length=500, description="full text")] = None,
        country: Annotated[list[str], Query(description="ISO3 code; repeat for several")] = [],  # noqa: B006
        person: Annotated[str | None, Query(max_length=200)] = None,
        since: Day = None,
        until: Day = None,
        mode: Mode = None,
        level: Level = None,
        page: PageN = 1,
    ) -> dict:
        if len(country) > MAX_COUNTRY_FILTERS:
            raise HTTPException(400, f"at most {MAX_COUNTRY_FILTERS} country filters")
        since_, until_ = day(since, "since"), day(until, "until")
        return self.reader.search(
            SearchQuery(q, country, person, since_, until_, mode, level), page
        )

    def document(self, document_id: Id) -> dict:
        return self.reader.document(document_id)

    def upcoming(self, as_of: AsOf = None, status: Status = "open", pair: Pair = None) -> dict:
        return self.reader.upcoming(as_of_param(as_of), status, pair or None)

    def citations(
        self,
        event: Annotated[list[int], Query(description="engagement id; repeat")] = [],  # noqa: B006
        document: Annotated[list[int], Query(description="document id; repeat")] = [],  # noqa: B006
        q: Annotated[str | None, Query(max_length=500, description="search words")] = None,
        country: Annotated[list[str], Query(description="ISO3 code; repeat")] = [],  # noqa: B006
        person: Annotated[str | None, Query(max_length=200)] = None,
        since: Day = None,
        until: Day = None,
        mode: Mode = None,
        level: Level = None,
    ) -> list[dict]:
        """Citations of chosen documents and engagements, and of the engagements a search
        with the search page's filters selects."""
        search = None
        if any((q, country, person, since, until, mode, level)):
            since_, until_ = day(since, "since"), day(until, "until")
            search = SearchQuery(q, country, person, since_, until_, mode, level)
        return self.reader.citations(event, document, search)


# ---------------------------------------------------------------- what a template adds


def relations_extra(data: dict) -> dict:
    timeline: list[dict] = []
    for e in data["engagements"]:
        year = e["date"][:4] if e.get("date") else "undated"
        if not timeline or timeline[-1]["year"] != year:
            timeline.append({"year": year, "engagements": []})
        timeline[-1]["engagements"].append(e)
    return {
        "chart": charts.year_chart(data["years"]),
        "mode_chart": charts.mode_chart(data["modes"]),
        "timeline": timeline,
    }


def engagement_extra(data: dict) -> dict:
    return {"segments": [render.segments(a["text"], a["fields"]) for a in data["accounts"]]}


def person_extra(data: dict) -> dict:
    return {"tl": charts.timeline(data["meetings"])}


def network_extra(data: dict) -> dict:
    return {"net": charts.network(data["country"], data["counterparts"])}


def search_extra(data: dict) -> dict:
    q = data["query"]
    pairs = [(k, v) for k, v in q.items() if k != "country" and v]
    pairs += [("country", c) for c in q["country"]]
    pairs = [(k, v) for k, v in pairs if k != "parsed"]
    return {
        "page_base": "/search?" + (urlencode(pairs) + "&" if pairs else ""),
        "cite_query": urlencode(pairs),
    }


def upcoming_extra(data: dict) -> dict:
    # a feed from today on is left without as_of, so a subscription keeps moving
    as_of = data["as_of"] if data["as_of"] != dt.date.today().isoformat() else ""
    q = {"as_of": as_of, "status": data["status"], "pair": data["pair"]}
    return {"feed_query": urlencode({k: v for k, v in q.items() if v and v != "open"})}


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Page:
    path: str
    handler: str  # the name of a method of Handlers
    template: str
    csv_default: str | None  # the list ``.csv`` writes without ``?list=`` (None: no CSV)
    summary: str
    name: str  # the CSV file's name
    json_path: str | None = None  # when not ``path``
    extra: Callable[[dict], dict] | None = None


PAGES = (
    Page(
        "/",
        "home",
        "home.html",
        "latest",
        "Home: latest engagements, upcoming and overdue follow-ups",
        "home",
        json_path="/index",
    ),
    Page(
        "/relations",
        "relations_index",
        "relations_index.html",
        "pairs",
        "Every pair of countries with engagements",
        "relations",
    ),
    Page(
        "/relations/{pair}",
        "relations",
        "relations.html",
        "engagements",
        "Relations between two countries (pair as JPN-RUS)",
        "relations",
        extra=relations_extra,
    ),
    Page(
        "/engagement/{event_id}",
        "engagement",
        "engagement.html",
        "follow_ups",
        "One engagement: every field, and each account's text with its spans",
        "engagement",
        extra=engagement_extra,
    ),
    Page(
        "/people",
        "people",
        "people.html",
        "people",
        "People in the archive, by number of engagements",
        "people",
    ),
    Page(
        "/person/{person_id}",
        "person",
        "person.html",
        "engagements",
        "One person: offices held, counterparts met and how often, meetings over time",
        "person",
        extra=person_extra,
    ),
    Page(
        "/network/{code}",
        "network",
        "network.html",
        "counterparts",
        "A country's counterparts over a period, as a network (also as SVG)",
        "network",
        extra=network_extra,
    ),
    Page(
        "/search",
        "search",
        "search.html",
        "engagements",
        "Search: full text and filters (country, person, date range, mode, level)",
        "search",
        extra=search_extra,
    ),
    Page(
        "/document/{document_id}",
        "document",
        "document.html",
        None,
        "One source document: its text and the engagements read from it",
        "document",
    ),
    Page(
        "/calendar",
        "upcoming",
        "calendar.html",
        "follow_ups",
        "Upcoming follow-ups (the calendar feed's events), with a note when none",
        "calendar",
        extra=upcoming_extra,
    ),
)

#: citation formats: (format, file suffix, media type)
CITATION_FORMATS = (
    ("bibtex", "bib", "application/x-bibtex; charset=utf-8"),
    ("csl-json", "json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
)


def add_page(app: FastAPI, page: Page, build: Callable[..., dict], html: Html) -> None:
    """Three routes for one page: HTML, ``.json`` and (when it has lists) ``.csv``."""
    sig = inspect.signature(build)
    params = list(sig.parameters.values())
    base = page.json_path or page.path
    tags = ["pages"]

    def as_json(**kw) -> JSONResponse:  # noqa: ANN003
        return JSONResponse(build(**kw))

    as_json.__signature__ = sig
    app.add_api_route(
        base + ".json", as_json, methods=["GET"], summary=f"{page.summary} (JSON)", tags=tags
    )
    if page.csv_default:
        list_param = inspect.Parameter(
            "list_",
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None,
                Query(alias="list", description=f"which list (default {page.csv_default})"),
            ],
        )

        def as_csv(**kw) -> Response:  # noqa: ANN003
            which = kw.pop("list_", None)
            return csv_response(build(**kw), which, page.csv_default, page.name)

        as_csv.__signature__ = sig.replace(parameters=[*params, list_param])
        app.add_api_route(
            base + ".csv",
            as_csv,
            methods=["GET"],
            summary=f"{page.summary} (CSV of one list)",
            tags=tags,
            response_class=Response,
        )
    req_param = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)

    def as_html(**kw) -> HTMLResponse:  # noqa: ANN003
        request = kw.pop("request")
        data = build(**kw)
        return html(request, page.template, data, **(page.extra(data) if page.extra else {}))

    as_html.__signature__ = sig.replace(parameters=[*params, req_param])
    app.add_api_route(
        page.path,
        as_html,
        methods=["GET"],
        summary=page.summary,
        tags=tags,
        response_class=HTMLResponse,
    )


def register(
    app: FastAPI, reader: Reader, html: Html, svg: Callable[[dict, dict], str], base: Callable
) -> None:
    """Every page of :data:`PAGES` and the feeds. ``svg``: the network image of a page's
    data; ``base``: the absolute URL the calendar's links start with, for a request."""
    handlers = Handlers(reader)

    # before the network page, whose path would take "JPN.svg" for a country code
    @app.get(
        "/network/{code}.svg",
        summary="A country's counterparts over a period: the network as an SVG image",
        tags=["pages"],
        response_class=Response,
    )
    def network_svg(code: str, since: Day = None, until: Day = None) -> Response:
        data = handlers.network(code, since, until)
        body = svg(data, network_extra(data)["net"])
        return Response(body, media_type="image/svg+xml; charset=utf-8")

    for page in PAGES:
        add_page(app, page, getattr(handlers, page.handler), html)
    for fmt, suffix, media in CITATION_FORMATS:
        add_citations(app, handlers, fmt, suffix, media)

    @app.get(
        "/calendar.ics",
        summary="Upcoming follow-ups as an iCalendar feed",
        tags=["feeds"],
        response_class=Response,
    )
    def calendar(
        request: Request, as_of: AsOf = None, status: Status = "open", pair: Pair = None
    ) -> Response:
        return Response(
            reader.calendar(as_of_param(as_of), status, base(request), pair or None),
            media_type="text/calendar; charset=utf-8",
            headers={"content-disposition": 'inline; filename="communique-follow-ups.ics"'},
        )


def add_citations(app: FastAPI, handlers: Handlers, fmt: str, suffix: str, media: str) -> None:
    """``/citations.SUFFIX``: the citations of a selection in one format."""
    sig = inspect.signature(handlers.citations)

    def cite(**kw) -> Response:  # noqa: ANN003
        return Response(
            citation.render(handlers.citations(**kw), fmt),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="citations.{suffix}"'},
        )

    cite.__signature__ = sig.replace(return_annotation=Response)
    app.add_api_route(
        f"/citations.{suffix}",
        cite,
        methods=["GET"],
        summary=f"Citations ({fmt}) of chosen documents and engagements, or of a "
        "search's engagements (the search page's filters)",
        tags=["exports"],
        response_class=Response,
    )
