"""The Python API with the ingest path: ``Archive(url)``, the stored archive
(:class:`communique.archive.api.Archive`: it persists and reads) with the ways in.

>>> a = Archive("sqlite:///archive.db")          # doctest: +SKIP
>>> a.ingest(["corpus/"])                          # doctest: +SKIP
>>> a.engagements(between=("JPN", "RUS"))         # doctest: +SKIP

Every way in goes one path (:mod:`.path`): decode once → document → extract (here, on
``workers`` processes or on a Dask cluster's executor) → write a batch
(:func:`communique.archive.store.write_batch`) → link.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor

from communique.archive import BATCH_SIZE, api, batch_link, db, link, store
from communique.archive.db import ArchiveError
from communique.archive.store import Outcome, Pending, Report
from communique.ingest import parallel, path

#: what waits, in input order, to be written: a document prepared, or an outcome already
Waiting = Pending | Outcome


class Archive(api.Archive):
    """An archive of readouts at a SQLAlchemy URL (created and migrated when ``create``),
    with the ingest path."""

    def ingest(
        self,
        paths: Iterable[str],
        *,
        on_each: Callable[[Outcome], None] | None = None,
        relink: bool = True,
        source: str | None = None,
        sources: dict[str, str] | None = None,
        workers: int = 1,
        executor: Executor | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> Report:
        """Store files and folders of saved pages. ``source`` is the URL of the one file
        given; ``sources`` maps file names to their URLs (``ingest --sources FILE.tsv``).
        A file with no URL known keeps its file name only. With ``workers`` > 1 (or an
        ``executor``, such as a Dask client's) the files are read and extracted on other
        processes while this one stores them, in the order given. Documents are written
        ``batch_size`` to a transaction (1: one transaction each)."""
        files = path.expand_paths(list(paths))
        if source is not None and len(files) != 1:
            raise ValueError(f"a source URL names one file, not {len(files)}")
        report = Report()
        urls = [source or (sources or {}).get(os.path.basename(p)) for p, _r in files]
        waiting = self._prepared_files(files, urls, workers, executor, batch_size)
        ids_before = batch_link.last_ids(self.engine) if relink else None
        self.write(
            waiting, self._emitter(report, on_each), batch_size=batch_size, link_after=relink
        )
        if ids_before is not None:
            self.relink()  # nothing left to do unless a batch could not be linked alone
            batch_link.renumber(self.engine, ids_before)
        return report

    @staticmethod
    def _emitter(report: Report, on_each: Callable[[Outcome], None] | None) -> Callable:
        def emit(outcome: Outcome) -> None:
            report.outcomes.append(outcome)
            if on_each:
                on_each(outcome)

        return emit

    def _prepared_files(
        self,
        files: list[tuple[str, str | None]],
        urls: list[str | None],
        workers: int,
        executor: Executor | None,
        batch_size: int,
    ) -> Iterator[Waiting]:
        """What to write for each file, in input order: prepared here, or on other
        processes when there are ``workers`` (or an ``executor``), a batch ahead of the
        one being written and linked."""
        # refused paths (a FIFO, a link out of the folder) are never opened, here or there
        todo = [(p, url) for (p, refused), url in zip(files, urls, strict=True) if not refused]
        if workers > 1 or executor is not None:
            # the workers prepare the next batch while this process writes and links one
            # (two chunks per worker in flight left them idle during each batch's linking:
            # 9 of 33 s waiting on the shared corpus x10, 6 December 2026)
            found = iter(
                parallel.prepared_files(todo, workers, executor=executor, batch=batch_size)
            )
        else:
            # one worker is one core's work: a file is extracted, then stored, then the
            # next (extracting ahead on a thread kept a second core busy, so "--workers 1"
            # used two: the ingest of 5 December 2026)
            found = (path.prepare_file(item, self.engine) for item in todo)
        for p, refused in files:
            if refused:
                yield Outcome(p, "error", message=f"{p}: {refused}")
                continue
            prepared = next(found)
            if isinstance(prepared, parallel.Lost):
                yield Outcome(p, "error", message=prepared.message)
            else:
                yield prepared

    def write(
        self,
        items: Iterable[Waiting],
        emit: Callable[[Outcome], None],
        *,
        batch_size: int = BATCH_SIZE,
        link_after: bool = False,
    ) -> None:
        """Write what the ingest path prepared, ``batch_size`` documents to a
        transaction, reporting every outcome in input order; with ``link_after``, each
        batch is linked once written (:func:`communique.archive.batch_link.link_batch`)."""
        waiting: list[Waiting] = []
        for item in items:
            waiting.append(item)
            if len(waiting) >= max(1, batch_size):
                self._write(waiting, emit, link_after=link_after)
                waiting = []
        self._write(waiting, emit, link_after=link_after)

    def _write(
        self, waiting: list[Waiting], emit: Callable[[Outcome], None], *, link_after: bool = False
    ) -> None:
        """Write the documents waiting in one transaction, then report every outcome in
        order. When that transaction fails (a full disk, a row the database refuses),
        nothing of it was kept: the documents are written again one per transaction, so
        each one that fits is kept and the first that does not stops the ingest with its
        error, as an unbatched ingest would. With ``link_after``, what the batch changed is
        then linked (:func:`communique.archive.batch_link.link_batch`)."""
        version = path.extractor_version()
        pending = [x for x in waiting if isinstance(x, Pending)]
        before = self._data_version() if link_after and pending else None
        written = None
        if len(pending) > 1:
            try:
                written = iter(store.write_batch(self.engine, pending, version=version))
            except ArchiveError:
                written = None
        one_batch = written is not None or len(pending) == 1
        docs = []
        for x in waiting:
            if isinstance(x, Pending):
                x = (
                    next(written)
                    if written is not None
                    else store.write_batch(self.engine, [x], version=version)[0]
                )
                if x.document_id is not None and x.status in ("stored", "failed"):
                    docs.append(x.document_id)
            emit(x)
        if before is not None and one_batch:
            batch_link.link_batch(self.engine, docs, before, self._data_version())

    def _data_version(self) -> int:
        with db.read_tx(self.engine) as conn:
            return link.state(conn).get("data_version", 0)

    def ingest_bytes(self, raw: bytes, source: str, *, relink: bool = True) -> Outcome:
        """Store one readout given as bytes with its source (a URL, or a name), as
        :meth:`ingest` stores a file: the same text already stored is that document, a
        URL's newer text a new version of it."""
        outcome = path.write(self.engine, path.prepare_bytes(self.engine, raw, source))
        if relink and outcome.status in ("stored", "failed"):
            self.relink()
        return outcome

    def reextract(
        self,
        *,
        on_each: Callable[[Outcome], None] | None = None,
        workers: int = 1,
        executor: Executor | None = None,
    ) -> Report:
        """Re-run the current extractor over every stored document (on ``workers``
        processes or an ``executor``; stored here, in the order of the documents)."""
        report = Report()
        emit = self._emitter(report, on_each)
        ids = store.document_ids(self.engine)
        if workers > 1 or executor is not None:
            found = parallel.extracted_stored(self._stored(ids), workers, executor=executor)
        else:
            found = iter([None] * len(ids))
        for doc_id, extracted in zip(ids, found, strict=True):
            if isinstance(extracted, parallel.Lost):
                emit(Outcome(str(doc_id), "failed", doc_id, message=extracted.message))
            else:
                emit(path.reextract_document(self.engine, doc_id, extracted=extracted))
        self.relink()
        return report

    def _stored(self, ids: list[int]) -> Iterator[path.StoredItem]:
        """What a worker needs to re-extract each document, read one at a time (a whole
        archive's raw bytes are never held at once)."""
        for doc_id in ids:
            doc = store.stored(self.engine, doc_id)
            # an older version is not re-extracted (the store skips it): no bytes to send
            raw = doc.raw if doc.superseded_by is None else None
            yield doc.source, raw, doc.content_type, doc.url is not None
