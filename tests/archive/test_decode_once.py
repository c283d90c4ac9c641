"""A document is decoded once on the way in (issue 12): its bytes go through
:func:`communique.sources.decode_bytes` once, whether it comes as a file or as bytes
with a source (``POST /api/ingest``), counted by the profiler over a real ingest."""

from __future__ import annotations

from communique.ingest import Archive


def test_each_file_is_decoded_once(corpus, tmp_path, decodes):
    files = sorted(str(p) for p in corpus.glob("*.txt"))[:12]
    with Archive(f"sqlite:///{tmp_path / 'a.db'}") as a:
        n = decodes(lambda: a.ingest(files, workers=1, relink=False))
        assert a.document_count() == len(files)
    assert n == len(files)


def test_bytes_given_with_a_source_are_decoded_once(corpus, tmp_path, decodes):
    raw = sorted(corpus.glob("*.txt"))[0].read_bytes()
    with Archive(f"sqlite:///{tmp_path / 'a.db'}") as a:
        n = decodes(lambda: a.ingest_bytes(raw, "https://example.org/readout", relink=False))
        assert a.document_count() == 1
    assert n == 1
