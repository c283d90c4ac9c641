"""``communique ingest``, ``communique crawl`` and ``communique reextract``: the command
line of the ingest path (:mod:`communique.ingest`).

``ingest`` takes files, directories and http(s) URLs (fetched politely, see
:mod:`communique.fetch`); ``crawl``'s options are in :mod:`communique.fetch.cli`.
Every command takes ``--db URL`` (default ``$COMMUNIQUE_DB`` or ``sqlite:///communique.db``).
Exit codes: 0 done; 1 some inputs failed or a database error (one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from communique.arguments import db_arg, positive_int, sources_args, workers
from communique.errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, CommuniqueError, print_error
from communique.fetch.cli import add_http_options, ingest_urls, register_crawl
from communique.fetch.urls import is_http_url
from communique.sources import read_sources_tsv


def _workers_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=workers,
        default=None,
        metavar="N",
        help="processes to extract with (default: the cores available); "
        "documents are stored in the order given",
    )


def _workers(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.workers import default_workers

    return args.workers or default_workers()


class _Reporter:
    """What ``ingest`` and ``reextract`` do with each outcome as it comes back: the bar
    advanced, a failure on stderr (and exit status 1), a stored document announced."""

    def __init__(self, bar: Bar, *, failing: tuple[str, ...], announce: bool) -> None:
        self.bar = bar
        self.failing = failing
        self.announce = announce
        self.status = EXIT_OK

    def __call__(self, o) -> None:  # noqa: ANN001
        self.bar.advance()
        if o.status in self.failing:
            self.status = EXIT_SOME_FAILED
            print_error(o.message or o.source)
        elif self.announce and o.status == "stored":
            print(f"stored {o.source} ({o.engagements} engagements)")


@contextlib.contextmanager
def _stopping(bar: Bar):  # noqa: ANN202
    try:
        yield bar
    finally:
        bar.stop()


def _open(url: str | None, *, create: bool):  # noqa: ANN202
    # loaded when the command runs, for start-up time
    from communique.ingest import Archive

    return Archive(url, create=create)


def register(subparsers: argparse._SubParsersAction) -> None:
    ing = subparsers.add_parser(
        "ingest",
        help="store readouts (files, directories or http(s) URLs) and their records in the archive",
    )
    db_arg(ing)
    ing.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    ing.add_argument("--quiet", "-q", action="store_true")
    sources_args(
        ing,
        source="the public URL of the one file given (kept and cited instead of its path)",
        sources="file names and their URLs, one 'file<TAB>url' a line (header 'file<TAB>url')",
    )
    _workers_arg(ing)
    # loaded when the command runs, for start-up time
    from communique.archive import BATCH_SIZE

    ing.add_argument(
        "--batch-size",
        type=positive_int,
        default=BATCH_SIZE,
        metavar="N",
        help=f"documents written per transaction (default {BATCH_SIZE}; 1: one transaction "
        "each). A killed ingest keeps every batch written before it, never part of one",
    )
    ing.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="extract the files and fetched pages on a Dask cluster: 'local' (a LocalCluster "
        "of --workers processes) or a scheduler's address (tcp://host:8786; its workers see "
        "the files at the same paths; pages are fetched here and sent to them); documents "
        "are stored here, in the order given. Needs communique[cluster]",
    )
    add_http_options(ing)
    ing.set_defaults(func=cmd_ingest)
    register_crawl(subparsers, db_arg)
    rx = subparsers.add_parser(
        "reextract", help="re-run the current extractor over every stored document"
    )
    db_arg(rx)
    _workers_arg(rx)
    rx.set_defaults(func=cmd_reextract)


class Bar:
    """A progress bar on stderr counting the documents done, whichever process (a pool's
    worker, a Dask worker) extracted them: their outcomes all come back here, in input
    order. Nothing when quiet or when stderr is not a terminal (a pipe, a log file);
    lines printed meanwhile go above it."""

    def __init__(self, what: str, total: int | None, *, quiet: bool, console=None) -> None:  # noqa: ANN001
        self.progress = None
        if quiet:
            return
        # loaded when the command runs, for start-up time
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = console or Console(stderr=True)
        if not console.is_terminal:
            return
        self.progress = Progress(
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            # "stored ..." lines go above the bar when they share its terminal, else to
            # their pipe or file untouched
            redirect_stdout=sys.stdout.isatty(),
        )
        self.task = self.progress.add_task(what, total=total)
        self.progress.start()

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextlib.contextmanager
def _executor(args: argparse.Namespace):  # noqa: ANN202
    """(executor, task slots) of ``--dask``, or (None, 0) for the local process pool."""
    if args.dask is None:
        yield None, 0
        return
    # loaded when the command runs, for start-up time
    from communique.ingest.cluster import dask_executor

    with dask_executor(args.dask, _workers(args)) as found:
        yield found


def cmd_ingest(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.archive import provenance
    from communique.ingest.path import expand_paths

    urls = [p for p in args.paths if is_http_url(p)]
    paths = [p for p in args.paths if not is_http_url(p)]
    sources = None
    if args.source is not None:
        if not provenance.is_url(args.source):
            print_error(f"--source: not an http(s) URL: {args.source!r}")
            return EXIT_USAGE
        if urls or len(expand_paths(paths)) != 1:
            print_error(
                "--source names the URL of one file; give exactly one file (or use --sources)"
            )
            return EXIT_USAGE
    if args.sources is not None:
        try:
            sources = read_sources_tsv(args.sources)
        except CommuniqueError as e:
            print_error(e.one_line())
            return EXIT_USAGE
    bar = Bar("ingesting", len(expand_paths(paths)) + len(urls), quiet=args.quiet)
    each = _Reporter(bar, failing=("failed", "error"), announce=not args.quiet)
    with _executor(args) as (executor, slots), _open(args.db, create=True) as a, _stopping(bar):
        report = a.ingest(
            paths,
            on_each=each,
            relink=not urls,
            source=args.source,
            sources=sources,
            workers=slots or _workers(args),
            executor=executor,
            batch_size=args.batch_size,
        )
        if urls:
            report.outcomes.extend(ingest_urls(a, urls, args, each, executor))
            a.relink()
    print(
        f"{report.count('stored')} stored, {report.count('present')} already present, "
        f"{report.count('failed')} failed extraction (kept), {report.count('error')} unreadable",
        file=sys.stderr,
    )
    return each.status


def cmd_reextract(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as a:
        bar = Bar("re-extracting", a.document_count(), quiet=False)
        each = _Reporter(bar, failing=("failed",), announce=False)
        with _stopping(bar):
            report = a.reextract(on_each=each, workers=_workers(args))
    print(
        f"{report.count('stored')} re-extracted, {report.count('present')} unchanged, {report.count('failed')} failed",
        file=sys.stderr,
    )
    return each.status
