"""``communique ingest``, ``communique reextract``, ``communique query``, ``communique crawl``.

``ingest`` takes files, directories and http(s) URLs (fetched politely, see
:mod:`communique.fetch`); ``crawl`` is in :mod:`communique.fetch.cli`.

Every command takes ``--db URL`` (default ``$COMMUNIQUE_DB`` or ``sqlite:///communique.db``).
Exit codes: 0 done; 1 some inputs failed or a database error (one line on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from communique.errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE


def _err(msg: str) -> None:
    print(f"communique: {msg}", file=sys.stderr)


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="archive database URL (sqlite:///archive.db, postgresql://user@host/db); "
        "default $COMMUNIQUE_DB or sqlite:///communique.db",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    ing = subparsers.add_parser(
        "ingest",
        help="store readouts (files, directories or http(s) URLs) and their records in the archive",
    )
    _db_arg(ing)
    ing.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    ing.add_argument("--quiet", "-q", action="store_true")
    from communique.fetch.cli import add_http_options, register_crawl

    add_http_options(ing)
    ing.set_defaults(func=cmd_ingest)
    register_crawl(subparsers, _db_arg)
    rx = subparsers.add_parser(
        "reextract", help="re-run the current extractor over every stored document"
    )
    _db_arg(rx)
    rx.set_defaults(func=cmd_reextract)
    q = subparsers.add_parser(
        "query", help="engagements, follow-ups, ordinal audit and failures in the archive"
    )
    _db_arg(q)
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.add_argument(
        "--between", nargs=2, metavar=("A", "B"), help="two countries (ISO3) or two people"
    )
    q.add_argument("--person", metavar="NAME")
    q.add_argument("--country", metavar="ISO3")
    q.add_argument("--since", metavar="DATE")
    q.add_argument("--until", metavar="DATE")
    q.add_argument("--track", metavar="NAME")
    q.add_argument(
        "--search",
        metavar="TEXT",
        help='full-text search over the documents: words, "a phrase", OR, -word (NOT word)',
    )
    q.add_argument("--limit", type=int, default=None, metavar="N", help="at most N engagements")
    q.add_argument(
        "--offset", type=int, default=0, metavar="N", help="skip the first N engagements"
    )
    q.add_argument(
        "--summary",
        action="store_true",
        help="each engagement's own fields, countries and number of accounts only (fast on large archives)",
    )
    q.add_argument("--follow-ups", choices=["open", "fulfilled", "all"], dest="follow_ups")
    q.add_argument(
        "--as-of", metavar="DATE", help="the date open follow-ups are aged to (default today)"
    )
    q.add_argument("--audit", action="store_true", help="the ordinal audit")
    q.add_argument("--failed", action="store_true", help="documents whose extraction failed")
    q.set_defaults(func=cmd_query)


def _open(url: str | None, *, create: bool):  # noqa: ANN202
    from communique.archive import Archive

    return Archive(url, create=create)


def cmd_ingest(args: argparse.Namespace) -> int:
    status = EXIT_OK

    def each(o) -> None:  # noqa: ANN001
        nonlocal status
        if o.status in ("failed", "error"):
            status = EXIT_SOME_FAILED
            _err(o.message or o.source)
        elif not args.quiet and o.status == "stored":
            print(f"stored {o.source} ({o.engagements} engagements)")

    from communique.fetch.urls import is_http_url

    urls = [p for p in args.paths if is_http_url(p)]
    paths = [p for p in args.paths if not is_http_url(p)]
    with _open(args.db, create=True) as a:
        report = a.ingest(paths, on_each=each, relink=not urls)
        if urls:
            from communique.fetch.cli import ingest_urls

            report.outcomes.extend(ingest_urls(a, urls, args, each))
            a.relink()
    print(
        f"{report.count('stored')} stored, {report.count('present')} already present, "
        f"{report.count('failed')} failed extraction (kept), {report.count('error')} unreadable",
        file=sys.stderr,
    )
    return status


def cmd_reextract(args: argparse.Namespace) -> int:
    status = EXIT_OK

    def each(o) -> None:  # noqa: ANN001
        nonlocal status
        if o.status == "failed":
            status = EXIT_SOME_FAILED
            _err(o.message or o.source)

    with _open(args.db, create=False) as a:
        report = a.reextract(on_each=each)
    print(
        f"{report.count('stored')} re-extracted, {report.count('present')} unchanged, {report.count('failed')} failed",
        file=sys.stderr,
    )
    return status


ENG_COLUMNS = [
    "id",
    "date",
    "mode",
    "participants",
    "place",
    "occasion",
    "name",
    "accounts",
    "tracks",
]


def _eng_row(e: dict) -> dict:
    place = e.get("place") or {}
    return {
        "id": e["id"],
        "date": e["date"] or "",
        "mode": e["mode"] or "",
        "participants": "; ".join(
            f"{p['name'] or p['title'] or '?'} ({p['country'] or '?'})" for p in e["participants"]
        ),
        "place": " ".join(x for x in (place.get("name"), place.get("country")) if x),
        "occasion": e["occasion"] or "",
        "name": e["name"] or "",
        "accounts": len(e["accounts"]),
        "tracks": "; ".join(f"{t['name']} #{t['number'] or '?'}" for t in e["tracks"]),
    }


def _flat(rows: list[dict]) -> tuple[list[str], list[dict]]:
    cols: list[str] = []
    flat = []
    for r in rows:
        fr = {
            k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
            for k, v in r.items()
        }
        for k in fr:
            if k not in cols:
                cols.append(k)
        flat.append(fr)
    return cols, flat


def _print_table(cols: list[str], rows: list[dict]) -> None:
    cells = [
        [("" if r.get(c) is None else str(r.get(c))).replace("\n", " ") for c in cols] for r in rows
    ]
    widths = [min(60, max([len(c)] + [len(x[i]) for x in cells])) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    for x in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(x, widths, strict=True)).rstrip())
    print(f"({len(rows)} rows)")


def cmd_query(args: argparse.Namespace) -> int:
    if args.search is not None:
        from communique.archive.search import SearchError, parse

        try:
            parse(args.search)
        except SearchError as e:
            _err(e.one_line())
            return EXIT_USAGE
    with _open(args.db, create=False) as a:
        if args.failed:
            rows, kind = a.failed(), "other"
        elif args.audit:
            rows, kind = a.audit(), "other"
        elif args.follow_ups:
            rows, kind = a.follow_ups(status=args.follow_ups, as_of=args.as_of), "other"
        else:
            rows = a.engagements(
                between=tuple(args.between) if args.between else None,
                person=args.person,
                country=args.country,
                since=args.since,
                until=args.until,
                track=args.track,
                search=args.search,
                limit=args.limit,
                offset=args.offset,
                fields="summary" if args.summary else "full",
            )
            kind = "summary" if args.summary else "engagements"
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if kind == "engagements":
        cols, flat = ENG_COLUMNS, [_eng_row(e) for e in rows]
    else:
        cols, flat = _flat(rows)
    if args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(flat)
    else:
        _print_table(cols, flat)
    return EXIT_OK
