"""The extractor's stages are data: each declares what it needs and what it adds.

Checked two ways: on the declarations (every need is given as input or added by an
earlier stage), and by running the stages one by one over real readouts of the dev set,
watching the context: a stage writes only attributes it declares in ``adds`` and reads
only attributes it declares in ``needs`` or ``adds``.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from communique.document import to_document
from communique.extract import follow_ups
from communique.extract.context import Context, Draft
from communique.extract.fields import FIELD_INPUTS, FIELDS, record
from communique.extract.pipeline import STAGES, extract_document
from communique.util.stages import Stage, stage, undeclared_needs

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
READOUTS = sorted(DEV.glob("*.txt"))
#: what a Draft is given when it is made (its other attributes are the record's fields)
DRAFT_INPUTS = frozenset({"shared", "engagement", "alone", "others"})
#: document-wide figures a Context computes on demand (read by the fields stages)
COMPUTED = frozenset({"country_counts", "document_ordinals", "statements"})


class _Watched:
    """Records the names of the attributes read from an instance."""

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            object.__getattribute__(self, "_reads").add(name)
        return super().__getattribute__(name)


class WatchedContext(_Watched, Context):
    pass


class WatchedDraft(_Watched, Draft):
    pass


def _watch(obj: Any, cls: type) -> Any:
    obj.__class__ = cls
    object.__setattr__(obj, "_reads", set())
    return obj


def _reads(obj: Any) -> set[str]:
    reads = object.__getattribute__(obj, "_reads")
    object.__setattr__(obj, "_reads", set())
    return reads


def _state(obj: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        f.name: copy.deepcopy(getattr(obj, f.name))
        for f in dataclasses.fields(obj)
        if f.name not in skip
    }


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {k for k in before if before[k] != after[k]}


def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def test_every_need_is_an_input_or_added_by_an_earlier_stage():
    assert undeclared_needs(STAGES, frozenset({"doc"})) == []
    assert undeclared_needs(FIELDS, FIELD_INPUTS) == []


def test_the_check_finds_a_need_no_stage_adds():
    def noop(_ctx: object) -> None:
        pass

    bad = [stage("a", "doc", "text", noop), stage("b", "text layout", "sentences", noop)]
    assert undeclared_needs(bad, frozenset({"doc"})) == ["b: layout"]
    # the order matters: a need added only by a later stage is missing
    assert undeclared_needs(bad[::-1], frozenset({"doc"})) == ["b: layout", "b: text"]


def test_declared_names_are_attributes_of_the_context_they_run_over():
    ctx_names = _names(Context)
    for st in STAGES:
        assert st.needs | st.adds <= ctx_names, st.name
    draft_names = _names(Draft) | ctx_names | COMPUTED
    assert draft_names >= FIELD_INPUTS
    for st in FIELDS:
        assert st.needs | st.adds <= draft_names, st.name
        # a field stage writes the record, never the document's attributes but entities
        assert st.adds - _names(Draft) <= {"entities"}, st.name
    assert len({st.name for st in STAGES}) == len(STAGES)
    assert len({st.name for st in FIELDS}) == len(FIELDS)


def test_what_the_fields_stages_are_given_is_added_before_the_records_stage():
    at = [st.name for st in STAGES].index("records")
    added = frozenset({"doc"}).union(*(st.adds for st in STAGES[:at]))
    from_document = FIELD_INPUTS - DRAFT_INPUTS - COMPUTED
    assert from_document <= added
    records = STAGES[at]
    assert from_document - {"engagements"} <= records.needs | {"text", "sentences"}


def _run_watched(
    stages: tuple[Stage[Any], ...],
    ctx: Any,
    where: str,
    seen: dict[str, set[str]],
    shared: Any = None,
) -> None:
    """Run ``stages`` one by one over a watched ``ctx``, checking each against its
    declaration (with ``shared``, the watched document a Draft reads through); what each
    stage read is added to ``seen``."""
    for st in stages:
        before = _state(ctx, skip=frozenset({"shared"}))
        shared_before = _state(shared) if shared is not None else {}
        _reads(ctx)
        if shared is not None:
            _reads(shared)
        st.run(ctx)
        # a document's computed figures read only what the stage reading them declares
        read = _reads(ctx) & _names(type(ctx))
        if shared is not None:
            read |= _reads(shared) & (_names(Context) | COMPUTED)
        read -= {"shared"}
        wrote = _changed(before, _state(ctx, skip=frozenset({"shared"})))
        if shared is not None:
            wrote |= _changed(shared_before, _state(shared))
        seen.setdefault(st.name, set()).update(read)
        assert wrote <= st.adds, f"{where}: {st.name} writes {sorted(wrote - st.adds)}"
        assert read <= st.needs | st.adds, (
            f"{where}: {st.name} reads {sorted(read - st.needs - st.adds)}"
        )


@pytest.mark.skipif(not READOUTS, reason="the shared dev set is not here")
def test_stages_read_and_write_only_what_they_declare_on_the_dev_readouts():
    checked_fields = 0
    seen: dict[str, set[str]] = {}
    for path in READOUTS:
        doc = to_document(path.read_text("utf-8"), source=str(path))
        if doc.language != "en":
            continue
        expected = extract_document(copy.deepcopy(doc))
        ctx = _watch(Context(doc), WatchedContext)
        for st in STAGES:
            if st.name == "records":
                checked_fields += _check_fields(copy.deepcopy(ctx), path.name, expected, seen)
            _run_watched((st,), ctx, path.name, seen)
        # the watched run is the real run: same records as the pipeline's
        assert ctx.records == expected["engagements"], path.name
    assert checked_fields >= len(READOUTS)  # most readouts report one meeting or more
    # and every need declared is read on some readout: the declarations say no more
    # than the stages do
    for st in (*STAGES, *FIELDS):
        assert st.needs <= seen[st.name], (
            f"{st.name} never reads {sorted(st.needs - seen[st.name])}"
        )


def _check_fields(
    ctx: WatchedContext, where: str, expected: dict, seen: dict[str, set[str]]
) -> int:
    engs = ctx.engagements
    for i, eng in enumerate(engs):
        others = {e.cand.sentence.start for e in engs if e.cand.sentence is not eng.cand.sentence}
        draft = _watch(Draft(ctx, eng, len(engs) == 1, frozenset(others)), WatchedDraft)
        _run_watched(FIELDS, draft, where, seen, shared=ctx)
        # the same record as the pipeline's, before the follow-ups are attached to it
        assert record(draft) == {**expected["engagements"][i], "follow_ups": []}, where
    return len(engs)


def test_follow_up_finders_are_named_functions_with_the_form_they_read():
    names = [f.__name__ for f in follow_ups.FINDERS]
    assert len(set(names)) == len(names)
    for f in follow_ups.FINDERS:
        assert f.__doc__ and f.__doc__.strip(), f.__name__
