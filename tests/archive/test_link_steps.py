"""Relinking is declared steps (issue 12): persons → events → tracks → follow-ups, each
saying what it needs and adds, run in order over one context. Checked on the
declarations, and by running the steps one by one over a real archive of the corpus:
each step adds what it declares, and running them all is what ``relink`` does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from communique.archive import db, link
from communique.ingest import Archive
from communique.util.stages import undeclared_needs

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")


def test_the_steps_run_in_the_pipeline_order():
    assert [s.name for s in link.STEPS] == ["dating", "persons", "events", "tracks", "follow-ups"]


def test_every_need_is_an_input_or_added_by_an_earlier_step():
    assert undeclared_needs(link.STEPS, link.INPUTS) == []
    # and the check can fail: events before persons lacks what persons add
    swapped = (link.STEPS[0], link.STEPS[2], link.STEPS[1], *link.STEPS[3:])
    assert "events: person_of" in undeclared_needs(swapped, link.INPUTS)


def test_each_step_says_what_it_needs_and_adds():
    fields = {f.name for f in dataclasses.fields(link.Linking)}
    for s in link.STEPS:
        doc = s.run.__doc__ or ""
        assert "Needs" in doc and "Adds" in doc, s.name
        assert s.needs <= fields and s.adds <= fields, s.name
        for name in (s.needs | s.adds) - {"conn"}:  # every step works in the transaction
            assert f"``{name}``" in doc, (s.name, name)


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    url = f"sqlite:///{tmp_path_factory.mktemp('steps') / 'a.db'}"
    with Archive(url) as a:
        a.ingest(sorted(str(p) for p in CORPUS.glob("*.txt"))[:60])
    return url


def test_each_step_adds_what_it_declares(archive_url: str):
    engine = db.create_engine(archive_url)
    try:
        with db.write_tx(engine) as conn:
            ctx = link.Linking(conn)
            empty = link.Linking(conn)
            for s in link.STEPS:
                # nothing earlier added it
                assert all(getattr(ctx, n) == getattr(empty, n) for n in s.adds), s.name
                s.run(ctx)
                for n in s.adds:
                    assert getattr(ctx, n) != getattr(empty, n), (s.name, n)
            assert set(ctx.eng_event) == {r.id for r in ctx.erows}
            assert any(ev.tracks for ev in ctx.events.values())
            assert any(hit is not None for hit, _why in ctx.matches.values())
            # the steps over a linked archive change nothing: relink is these steps
            st = link.state(conn)
            assert st["data_version"] == st["linked_version"]
    finally:
        engine.dispose()
    assert link.relink(db.create_engine(archive_url), force=True) is True
