"""The command line: ``communique extract``, ``communique eval``, ``communique demo``.

Exit codes (see README.md): 0 all inputs processed; 1 at least one input could not be
read (each named on stderr in one line, the others still processed); 2 bad usage;
3 an internal error (reported in one line, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from communique.arguments import OneLineParser, sources_args
from communique.arguments import port as port_type
from communique.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    CommuniqueError,
    UsageError,
    print_error,
)
from communique.formats.summary import summary_line
from communique.sources import read_path, read_sources_tsv, url_for
from communique.version import __version__


def _extract_path(path: str, url: str | None = None) -> dict:
    """One file's extraction, within the per-document time budget that ingest, crawl
    and the ingest API have (:mod:`communique.ingest.worker`: a child process, killed
    past the budget; ``E108``, and the other inputs go on)."""
    # loaded when the command runs, for start-up time
    from communique.ingest.worker import extract_within

    content, warnings = read_path(path)
    result, _canonical = extract_within(content, path, warnings, url=url, stored=False)
    return result


def _urls(args: argparse.Namespace) -> dict[str, str] | None:
    """File name -> URL from ``--source`` / ``--sources``; None after a usage error."""
    if args.source is not None:
        if len(args.paths) != 1:
            print_error(
                "--source URL names the page of one file; for several use --sources FILE.tsv"
            )
            return None
        if not args.source.startswith(("http://", "https://")):
            print_error(f"--source {args.source!r} is not an http(s) URL")
            return None
        return {Path(args.paths[0]).name: args.source}
    return read_sources_tsv(args.sources) if args.sources else {}


def _extract_one(item: tuple[str, str | None]) -> tuple[dict | None, str | None]:
    """(result, None) or (None, the one-line error) for one file: what a worker returns."""
    path, url = item
    try:
        return _extract_path(path, url), None
    except CommuniqueError as e:
        if e.source is None:
            e.source = path
        return None, e.one_line()
    except Exception as e:  # a bug: one line, and the batch goes on
        return None, f"{path}: E301 internal error: {type(e).__name__}: {e}"


def _lost(item: tuple[str, str | None], exc: BaseException) -> tuple[None, str]:
    return None, f"{item[0]}: E301 internal error: the worker stopped ({type(exc).__name__})"


def _extracted(items: list[tuple[str, str | None]], workers: int):
    """(result, error) for each item, in the order given, on ``workers`` processes."""
    # loaded when the command runs, for start-up time
    from communique.workers import ordered_map

    return ordered_map(_extract_one, items, workers, lost=_lost)


def cmd_extract(args: argparse.Namespace) -> int:
    urls = _urls(args)
    if urls is None:
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print_error(f"--workers {args.workers}: give 1 or more")
        return EXIT_USAGE
    # loaded when the command runs, for start-up time
    from communique.workers import default_workers

    workers = args.workers or default_workers()
    status = EXIT_OK
    results = []
    items = [(path, url_for(path, urls)) for path in args.paths]
    for result, error in _extracted(items, workers):
        if error is not None:
            print_error(error)
            status = EXIT_SOME_FAILED
            continue
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif args.format == "summary":
            sys.stdout.write(summary_line(result) + "\n")
        else:
            results.append(result)
    if args.format == "json" and (results or len(args.paths) > 1):
        payload = results[0] if len(results) == 1 and len(args.paths) == 1 else results
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return status


def cmd_eval(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.evaluation import evaluate_dir

    gold = Path(args.gold_dir)
    if not gold.is_dir():
        print_error(f"{gold}: E105 not a directory")
        return EXIT_SOME_FAILED
    # loaded when the command runs, for start-up time
    from communique.evaluation import publisher_of, read_split

    only = read_split(args.only) if args.only else None
    skip = read_split(args.exclude) if args.exclude else None
    report = evaluate_dir(gold, only=only, exclude=skip)
    if args.by_publisher:
        print(report.format_by_publisher(publisher_of))
        return EXIT_OK
    if args.by_genre:
        # loaded when the command runs, for start-up time
        from communique.evaluation import genre_of

        genres = {
            p.name[: -len(".txt")]: genre_of(p.read_text(encoding="utf-8", errors="replace"))
            for p in gold.glob("*.txt")
        }
        print(report.format_by_publisher(lambda name: genres.get(name, "?")))
        return EXIT_OK
    if args.json:
        print(report.to_json())
    else:
        print(report.format_table(per_doc=args.per_doc))
    if args.min_f1 is not None and report.overall.f1 < args.min_f1:
        print_error(f"overall F1 {report.overall.f1:.3f} is below the floor {args.min_f1}")
        return EXIT_SOME_FAILED
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.demo import run_demo

    return run_demo(args)


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="communique", description=__doc__.split("\n\n")[0])
    p.add_argument("--version", action="version", version=f"communique {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser(
        "extract", help="extract engagement records from readouts (text or HTML files)"
    )
    ex.add_argument(
        "--format",
        choices=["json", "jsonl", "summary"],
        default="json",
        help="json: one object (an array for several files); jsonl: one object a line; summary: readable lines",
    )
    sources_args(
        ex,
        source="the web address of the one file given (its publisher)",
        sources="file name<TAB>URL a line (as eval/dev/SOURCES.tsv): the pages of local files",
    )
    ex.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes to extract with (default: the cores available); output keeps the input order",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("eval", help="extract NAME.txt files and score them against NAME.gold.json")
    ev.add_argument("gold_dir")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--per-doc", action="store_true")
    ev.add_argument("--min-f1", type=float, default=None)
    ev.add_argument(
        "--by-publisher", action="store_true", help="figures per publisher (file-name prefix)"
    )
    ev.add_argument(
        "--by-genre",
        action="store_true",
        help="figures per genre (press release, transcript, remarks, news, visit report)",
    )
    ev.add_argument("--only", metavar="SPLIT", help="score only the publishers listed in this file")
    ev.add_argument("--exclude", metavar="SPLIT", help="leave out the publishers in this file")
    ev.set_defaults(func=cmd_eval)
    de = sub.add_parser(
        "demo",
        help="build an archive (demo.db) from the bundled sample corpus and serve it on "
        "http://127.0.0.1:8000",
    )
    de.add_argument(
        "--no-serve", action="store_true", help="only build the archive and print a summary"
    )
    de.add_argument("--db", default=None, metavar="URL", help="default sqlite:///demo.db")
    de.add_argument("--host", default="127.0.0.1")
    de.add_argument("--port", type=port_type, default=8000, help="0 picks a free port")
    de.set_defaults(func=cmd_demo)
    # loaded when the command runs, for start-up time
    from communique.archive.cli import register as register_archive
    from communique.ingest.cli import register as register_ingest

    register_ingest(sub)
    register_archive(sub)
    # loaded when the command runs, for start-up time
    from communique.web.cli import register as register_web

    register_web(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) if e.code in (0, None) else EXIT_USAGE
    if not getattr(args, "func", None):
        # bad usage (no command): the help goes to stderr, as argparse's own errors do
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except UsageError as e:
        print_error(e.one_line())
        return EXIT_USAGE
    except CommuniqueError as e:
        print_error(e.one_line())
        return EXIT_SOME_FAILED
    except Exception as e:
        print_error(f"E301 internal error: {type(e).__name__}: {e}")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
