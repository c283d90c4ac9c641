"""``communique relink``, ``communique query``, ``communique follow-up``, ``communique
people``: the commands that read the archive or correct its links (``ingest``,
``crawl`` and ``reextract`` are the ingest path's, :mod:`communique.ingest.cli`).

Every command takes ``--db URL`` (default ``$COMMUNIQUE_DB`` or ``sqlite:///communique.db``).
Exit codes: 0 done; 1 some inputs failed or a database error (one line on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from communique.arguments import db_arg, iso_date, non_empty, non_negative_int
from communique.errors import (
    EXIT_OK,
    UsageError,
)
from communique.formats.table import safe_cell


def register(subparsers: argparse._SubParsersAction) -> None:
    rl = subparsers.add_parser(
        "relink",
        help="date again and relink the archive from its stored documents, without "
        "re-extraction (an archive built by an earlier version gets this version's dating)",
    )
    db_arg(rl)
    rl.set_defaults(func=cmd_relink)
    q = subparsers.add_parser(
        "query", help="engagements, follow-ups, ordinal audit and failures in the archive"
    )
    db_arg(q)
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.add_argument(
        "--between",
        nargs=2,
        metavar=("A", "B"),
        type=non_empty,
        help="two countries (ISO3), two people, or a country and a person",
    )
    q.add_argument("--person", metavar="NAME", type=non_empty)
    q.add_argument("--country", metavar="ISO3", type=non_empty)
    q.add_argument("--since", metavar="DATE", type=iso_date)
    q.add_argument("--until", metavar="DATE", type=iso_date)
    q.add_argument("--track", metavar="NAME", type=non_empty)
    q.add_argument(
        "--search",
        metavar="TEXT",
        type=non_empty,
        help='full-text search over the documents: words, "a phrase", OR, -word (NOT word)',
    )
    q.add_argument("--mode", choices=["in_person", "telephone", "video"])
    q.add_argument(
        "--level",
        choices=["leaders", "ministers", "officials"],
        help="the highest level present (as the reader's search filters)",
    )
    q.add_argument(
        "--limit", type=non_negative_int, default=None, metavar="N", help="at most N engagements"
    )
    q.add_argument(
        "--offset",
        type=non_negative_int,
        default=0,
        metavar="N",
        help="skip the first N engagements",
    )
    q.add_argument(
        "--summary",
        action="store_true",
        help="each engagement's own fields, countries and number of accounts only (fast on large archives)",
    )
    q.add_argument("--follow-ups", choices=["open", "fulfilled", "past", "all"], dest="follow_ups")
    q.add_argument(
        "--as-of",
        metavar="DATE",
        type=iso_date,
        help="the date open follow-ups are aged to (default today); later promises are left out",
    )
    q.add_argument("--audit", action="store_true", help="the ordinal audit")
    q.add_argument("--failed", action="store_true", help="documents whose extraction failed")
    q.set_defaults(func=cmd_query)
    fu = subparsers.add_parser(
        "follow-up",
        help="overrule the archive on one promise: fulfilled by an engagement, open, or auto",
    )
    db_arg(fu)
    fu.add_argument("id", type=int, metavar="FOLLOW_UP_ID", help="as listed by query --follow-ups")
    how = fu.add_mutually_exclusive_group(required=True)
    how.add_argument("--fulfilled-by", type=int, metavar="ENGAGEMENT_ID", dest="fulfilled_by")
    how.add_argument("--open", action="store_true", help="not fulfilled by anything yet")
    how.add_argument("--auto", action="store_true", help="drop the verdict: the rules decide")
    fu.add_argument("--note", metavar="TEXT", help="why (kept with the verdict)")
    fu.set_defaults(func=cmd_follow_up)
    register_people(subparsers)


def register_people(subparsers: argparse._SubParsersAction) -> None:
    pp = subparsers.add_parser(
        "people",
        help="list and show people; merge and split them where the rules got it wrong "
        "(kept across relinking and reextract)",
    )
    pp.add_argument("--db", dest="people_db", default=None, metavar="URL", help=argparse.SUPPRESS)
    sub = pp.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="every person, or those a name finds")
    db_arg(ls)
    ls.add_argument("--name", type=non_empty, metavar="NAME")
    ls.add_argument("--format", choices=["table", "json", "csv"], default="table")
    sh = sub.add_parser("show", help="a person's name forms, offices and every mention")
    db_arg(sh)
    sh.add_argument("id", type=non_negative_int, metavar="ID")
    mg = sub.add_parser("merge", help="make these people one person (the first id)")
    db_arg(mg)
    mg.add_argument("ids", nargs="+", type=non_negative_int, metavar="ID")
    mg.add_argument("--note", metavar="TEXT", help="why (kept with the override)")
    sp = sub.add_parser(
        "split",
        help="split off from a person the mentions written in some name forms or made in "
        "some documents, as a person of their own",
    )
    db_arg(sp)
    sp.add_argument("id", type=non_negative_int, metavar="ID")
    sp.add_argument("--forms", nargs="+", type=non_empty, default=[], metavar="FORM")
    sp.add_argument(
        "--documents", nargs="+", type=non_negative_int, default=[], metavar="DOCUMENT_ID"
    )
    sp.add_argument("--note", metavar="TEXT", help="why (kept with the override)")
    ov = sub.add_parser("overrides", help="the analysts' merges and splits, oldest first")
    db_arg(ov)
    ov.add_argument("--format", choices=["table", "json", "csv"], default="table")
    un = sub.add_parser("undo", help="remove an override; the rules decide again")
    db_arg(un)
    un.add_argument("override", type=non_negative_int, metavar="OVERRIDE_ID")
    pp.set_defaults(func=cmd_people)


def _person_line(p: dict | None) -> str:
    if not p:
        return "?"
    return f"{p['id']} {p['name']} ({p['country'] or '?'}; {len(p['forms'])} name forms)"


def _emit(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    cols, flat = _flat(rows)
    if fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(flat)
    else:
        _print_table(cols, flat)


def cmd_people(args: argparse.Namespace) -> int:
    with _open(args.db or args.people_db, create=False) as a:
        cmd = args.people_command
        if cmd == "list":
            rows = a.persons(args.name)
            if args.name and not rows:
                raise UsageError(f"no person in the archive is called {args.name!r}")
            _emit(rows, args.format)
        elif cmd == "show":
            # loaded when the command runs, for start-up time
            from communique.archive.read import describe

            with a._read() as conn:
                row = describe.person_row(conn, args.id)
            if row is None:
                raise UsageError(f"no person with id {args.id} (communique people list)")
            row["mentions"] = a.person_mentions(args.id)
            json.dump(row, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif cmd == "merge":
            r = a.merge_persons(args.ids, note=args.note)
            print(f"override #{r['override']}: merged into {_person_line(r['person'])}")
        elif cmd == "split":
            r = a.split_person(args.id, forms=args.forms, documents=args.documents, note=args.note)
            print(
                f"override #{r['override']}: {_person_line(r['person'])} keeps the rest; "
                f"split off {_person_line(r['split_off'])}"
            )
        elif cmd == "overrides":
            _emit(a.person_overrides(), args.format)
        elif cmd == "undo":
            a.undo_override(args.override)
            print(f"override #{args.override} removed; the rules decide again")
    return EXIT_OK


def _open(url: str | None, *, create: bool):  # noqa: ANN202
    # loaded when the command runs, for start-up time
    from communique.archive import Archive

    return Archive(url, create=create)


def cmd_relink(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as a:
        before, _ = a.undated_records()
        a.relink(force=True)
        after, total = a.undated_records()
    print(
        f"relinked; {before - after} engagements dated from their documents, "
        f"{after} of {total} still undated",
        file=sys.stderr,
    )
    return EXIT_OK


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


#: the options that filter the list of engagements (not the audit, follow-ups or failures)
ENGAGEMENT_FILTERS = (
    "between",
    "person",
    "country",
    "since",
    "until",
    "track",
    "search",
    "mode",
    "level",
    "limit",
    "summary",
)


def _code(text: str, known: set[str]) -> str | None:
    """The actor code ``text`` names (any case), or None when it is not one."""
    up = text.strip().upper()
    return up if up in known else None


def _looks_like_code(text: str) -> bool:
    return text.isascii() and text.isalpha() and text.isupper() and 2 <= len(text) <= 4


def check_query(a, args: argparse.Namespace) -> None:  # noqa: ANN001
    """Refuse a query that cannot mean what was typed (raises :class:`UsageError`), and
    normalise codes written in lower case."""
    modes = [m for m in ("failed", "audit", "follow_ups") if getattr(args, m)]
    if len(modes) > 1:
        raise UsageError(f"choose one of --failed, --audit, --follow-ups (not {len(modes)})")
    used = [f for f in ENGAGEMENT_FILTERS if getattr(args, f) not in (None, False)]
    if args.offset:
        used.append("offset")
    if modes and used:
        flag = "--" + modes[0].replace("_", "-")
        raise UsageError(
            f"{flag} lists everything; --{used[0].replace('_', '-')} filters engagements only"
        )
    if args.as_of is not None and not args.follow_ups:
        raise UsageError("--as-of ages open follow-ups; use it with --follow-ups")
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    if args.follow_ups and args.as_of is not None:
        first = a.first_promise()
        if first is not None and args.as_of < first:
            raise UsageError(
                f"--as-of {args.as_of} is before the first promise in the archive ({first}); "
                "no follow-up had been promised yet"
            )
    known: set[str] | None = None
    if args.country is not None:
        known = a.known_codes()
        code = _code(args.country, known)
        if code is None:
            raise UsageError(
                f"unknown country code {args.country!r} (ISO 3166-1 alpha-3, e.g. JPN)"
            )
        args.country = code
    if args.between:
        known = known or a.known_codes()
        sides = []
        for side in args.between:
            code = _code(side, known)
            if code is not None:
                sides.append(code)
            elif _looks_like_code(side):
                raise UsageError(f"unknown country code {side!r} (ISO 3166-1 alpha-3, e.g. JPN)")
            elif not a.find_persons(side):
                raise UsageError(f"--between: no person in the archive is called {side!r}")
            else:
                sides.append(side)
        args.between = sides
    if args.person is not None and not a.find_persons(args.person):
        raise UsageError(f"--person: no person in the archive is called {args.person!r}")
    if args.track is not None and not a.find_tracks(args.track):
        raise UsageError(f"--track: no track in the archive is named like {args.track!r}")
    if args.search is not None:
        # loaded when the command runs, for start-up time
        from communique.archive.read.search import SearchError, parse

        try:
            parse(args.search)
        except SearchError as e:
            raise UsageError(f"--search: {e.message}") from None


def cmd_query(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as a:
        check_query(a, args)
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
                mode=args.mode,
                level=args.level,
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
        # cells a spreadsheet would run as formulas are quoted, as in the web CSVs and
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows({k: safe_cell(v) for k, v in r.items()} for r in flat)
    else:
        _print_table(cols, flat)
    return EXIT_OK


def cmd_follow_up(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as a:
        item = a.overrule_follow_up(
            args.id,
            fulfilled_by=args.fulfilled_by,
            open_=args.open,
            auto=args.auto,
            note=args.note,
        )
    print(
        f"follow-up {item['id']} ({item['name']}): {item['status']}"
        + (f" by engagement {item['fulfilled_by']}" if item["fulfilled_by"] else "")
        + f"; {item['reason']}"
    )
    return EXIT_OK
