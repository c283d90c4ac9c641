"""Command line of fetching: ``communique crawl`` and the URL half of ``communique ingest``.

``crawl`` shows a rich progress line on stderr (pages stored, unchanged, listings
read, skipped, failed, URLs queued), one line per failed URL (``communique: URL:
reason``, also with ``--quiet``), and a summary at the end; ``--json`` prints the
summary as one JSON object on stdout instead. Exit codes: 0 every URL went well; 1 some
failed (the crawl went on); 130 interrupted (run the same command again to resume).
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from communique.arguments import iso_date
from communique.errors import EXIT_OK, EXIT_SOME_FAILED, print_error

EXIT_INTERRUPTED = 130


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise argparse.ArgumentTypeError(f"not a regular expression: {value!r} ({e})") from None
    return value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return n


def _seconds(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1
    if x < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
    return x


def add_http_options(p: argparse.ArgumentParser) -> None:
    # loaded when the command runs, for start-up time
    from communique.fetch import policy

    p.add_argument(
        "--delay",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help=f"seconds between requests to one host (default {policy.PER_HOST_DELAY:g}; "
        "a robots.txt Crawl-delay is obeyed when longer)",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help=f"seconds to wait for a server to answer (default {policy.READ_TIMEOUT_S:g})",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="let pages lead to loopback, private, link-local and cloud-metadata addresses "
        "(refused by default unless the URL given is itself on such a network)",
    )


def register_crawl(subparsers: argparse._SubParsersAction, db_arg) -> None:  # noqa: ANN001
    # loaded when the command runs, for start-up time
    from communique.fetch.policy import DEFAULT_MAX_PAGES

    c = subparsers.add_parser(
        "crawl",
        help="fetch the readouts an index page, RSS/Atom feed or sitemap lists into the archive "
        "(politely; a re-run fetches only what changed; an interrupted crawl resumes)",
    )
    db_arg(c)
    c.add_argument("start_url", metavar="START_URL")
    c.add_argument(
        "--follow",
        type=_pattern,
        metavar="PATTERN",
        help="a regular expression: only links matching it are readouts (pagination is "
        "still followed); default: the links of the page's content on the same host",
    )
    c.add_argument(
        "--since", type=iso_date, metavar="DATE", help="skip readouts listed before DATE"
    )
    c.add_argument(
        "--max-pages",
        type=_positive,
        default=DEFAULT_MAX_PAGES,
        metavar="N",
        help=f"fetch at most N pages in this run (default {DEFAULT_MAX_PAGES}); the next run "
        "goes on with the rest",
    )
    add_http_options(c)
    # loaded when the command runs, for start-up time
    from communique.arguments import workers

    c.add_argument(
        "--workers",
        type=workers,
        default=None,
        metavar="N",
        help="processes to extract the readouts with (default: the cores available); "
        "they are stored in the order fetched",
    )
    c.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary")
    c.add_argument(
        "--json", action="store_true", help="print the summary as one JSON object on stdout"
    )
    c.set_defaults(func=cmd_crawl)


def config_from(args: argparse.Namespace):  # noqa: ANN201
    # loaded when the command runs, for start-up time
    from communique.fetch.client import FetchConfig

    cfg = FetchConfig()
    cfg.allow_private = bool(getattr(args, "allow_private", False))
    if getattr(args, "delay", None) is not None:
        cfg.delay = args.delay
    if getattr(args, "timeout", None) is not None:
        cfg.read_timeout = args.timeout
        cfg.connect_timeout = min(cfg.connect_timeout, args.timeout)
        cfg.total_timeout = max(cfg.total_timeout, args.timeout)
    return cfg


class _Progress:
    """A rich progress line on stderr (nothing when quiet or stderr is not a terminal)."""

    def __init__(self, quiet: bool) -> None:
        self.counts: dict[str, int] = {}
        self.progress = None
        if quiet:
            return
        # loaded when progress is shown, for start-up time
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            return
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("crawling", total=None)
        self.progress.start()

    def event(self, ev) -> None:  # noqa: ANN001
        self.counts[ev.outcome] = self.counts.get(ev.outcome, 0) + 1
        if ev.outcome == "failed":
            self.print_failure(f"{ev.url}: {ev.reason}")
        if self.progress is not None:
            c = self.counts
            self.progress.update(
                self.task,
                description=(
                    f"stored {c.get('stored', 0)} · present {c.get('present', 0)} · "
                    f"unchanged {c.get('unchanged', 0)} · listings {c.get('listed', 0)} · "
                    f"skipped {c.get('skipped', 0)} · failed {c.get('failed', 0)}"
                ),
            )

    def print_failure(self, msg: str) -> None:
        if self.progress is not None:
            self.progress.console.print(f"communique: {msg}", markup=False, highlight=False)
        else:
            print_error(msg)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def cmd_crawl(args: argparse.Namespace) -> int:
    # loaded when the command runs, for start-up time
    from communique.fetch.crawl import CrawlOptions
    from communique.ingest import Archive
    from communique.ingest.fetched import crawl
    from communique.workers import default_workers

    options = CrawlOptions(
        follow=args.follow,
        since=args.since,
        max_pages=args.max_pages,
        config=config_from(args),
        workers=args.workers or default_workers(),
    )
    progress = _Progress(args.quiet or args.json)
    with Archive(args.db, create=True) as a:
        try:
            summary = crawl(a.engine, args.start_url, options, on_event=progress.event)
        finally:
            progress.stop()
        if summary.counts["stored"]:
            a.relink()
    if args.json:
        json.dump(summary.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif not args.quiet:
        print(summary.line(), file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOME_FAILED if summary.counts["failed"] else EXIT_OK


def ingest_urls(archive, urls: list[str], args: argparse.Namespace, on_each, executor=None) -> list:  # noqa: ANN001
    """Fetch and store ``urls``, extracting on ``executor`` (``--dask``) when given, else on
    a pool of ``--workers`` processes when there are several pages."""
    # loaded when the command runs, for start-up time
    from communique.ingest.fetched import ingest_urls as fetch_and_ingest
    from communique.workers import MIN_ITEMS_PER_POOL, default_workers, new_pool

    workers = getattr(args, "workers", None) or default_workers()
    pool = None
    if executor is None and workers > 1 and len(urls) >= MIN_ITEMS_PER_POOL:
        executor = pool = new_pool(workers)
    try:
        return fetch_and_ingest(
            archive.engine, urls, config_from(args), on_each=on_each, executor=executor
        )
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
