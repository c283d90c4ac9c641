"""Score extracted engagement records against hand-made gold records.

A stand-alone re-implementation of the rules of ``shared/eval/score.py`` (the figures
are identical; ``tests/test_evaluation.py`` checks that against the script itself).

Only the fields a gold engagement states are scored; everything else in a prediction
is free.  Scored fields, per engagement (micro precision / recall / F1 over all
documents):

* ``mode``, ``date``, ``duration_minutes``: equal values;
* ``place_country``: ``place.country``, compared case-insensitively (scored when the
  gold states ``place``);
* ``occasion``: token overlap (Jaccard, after normalisation and stop words) >= 0.5;
* ``round``: ``round.number``;
* ``ordinal_total`` / ``ordinal_series``: the number of the first ordinal of scope
  ``total`` / ``series`` (scored when the gold states ``ordinals``);
* ``participants``: family name (exact, after normalisation) + country, one-to-one; a
  gold principal the text does not name (``name`` and ``family_name`` null) is filled
  by any predicted participant of the same country, or of the same organisation;
* ``follow_ups``: the prediction carries more than half of the gold name's specific
  words (:data:`GENERIC` words excluded, stems compared), or the same day and one of
  them; two different days never match.

Letters of any script are kept; Chinese, Japanese and Korean runs are compared as
character pairs; a gold ``occasion_native`` or follow-up ``name_native`` is accepted
beside the English one.

Predicted engagements are paired with gold ones greedily, in gold order, by
:func:`pair_score` (2 for the same date, 1 per gold participant matched) when it
reaches 2; an unpaired prediction counts against precision for every field it fills,
an unpaired gold engagement against recall.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.extract.pipeline import extract
from communique.sources import read_sources_tsv
from communique.util.matching import greedy_matches

__all__ = [
    "FIELDS",
    "SCALARS",
    "SETS",
    "STOP",
    "DocumentScore",
    "FieldScore",
    "Report",
    "Tally",
    "align",
    "evaluate_dir",
    "follow_up_match",
    "main",
    "norm",
    "overlap",
    "pair_score",
    "person_match",
    "score_dirs",
    "score_documents",
    "tokens",
]

Record = Mapping[str, Any]

#: Tokens ignored when comparing occasion and follow-up names.
STOP: frozenset[str] = frozenset(
    {
        "the", "of", "a", "an", "and", "on", "in", "for", "to", "at", "between",
        "with", "by", "meeting", "s", "will", "be", "held", "mr", "h", "e",
    }
)  # fmt: skip

#: Single-valued fields, in the order of the report.
SCALARS: tuple[str, ...] = (
    "mode",
    "date",
    "place_country",
    "occasion",
    "duration_minutes",
    "round",
    "ordinal_total",
    "ordinal_series",
)
#: Set-valued fields, matched item by item.
SETS: tuple[str, ...] = ("participants", "follow_ups")
FIELDS: tuple[str, ...] = SCALARS + SETS

OCCASION_MIN_OVERLAP = 0.5
FOLLOW_UP_MIN_OVERLAP = 0.3
ORGANIZATION_MIN_OVERLAP = 0.5
PAIR_MIN_SCORE = 2.0


# --------------------------------------------------------------------------- text


#: Chinese, Japanese and Korean letters: their runs are compared as character pairs.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")

#: Word stems every follow-up of a document may share: they alone never make a match.
GENERIC: frozenset[str] = frozenset(
    {
        "visit", "meet", "talk", "summit", "dialogu", "consultation", "round", "next",
        "minist", "foreign", "prime", "president", "session", "conference", "negotiation",
        "bilateral", "leader", "official", "counterpart", "two", "both", "side", "country",
        "future", "upcoming", "possible", "early", "date", "convenient", "further",
    }
)  # fmt: skip

#: Suffixes stripped (the first that fits) before follow-up names are compared.
STEM_SUFFIXES: tuple[str, ...] = (
    "ations", "ation", "ings", "ing", "ies", "es", "ed", "s", "ue", "er",
)  # fmt: skip


def norm(s: object) -> str:
    """Lower-case words without accents, separated by single spaces; any script is kept."""
    if s is None:
        return ""
    text = unicodedata.normalize("NFKD", str(s))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower()
    return re.sub(r"[\W_]+", " ", text).strip()


def tokens(s: object) -> set[str]:
    """Content words of ``s``; Chinese, Japanese and Korean runs become character pairs."""
    out: set[str] = set()
    for t in norm(s).split():
        if t in STOP:
            continue
        if CJK.search(t):
            out |= {t[i : i + 2] for i in range(max(1, len(t) - 1))}
        else:
            out.add(t)
    return out


def stem(t: str) -> str:
    """``t`` less the first of :data:`STEM_SUFFIXES` it ends with (keeping 4+ letters)."""
    for suffix in STEM_SUFFIXES:
        if len(t) > len(suffix) + 3 and t.endswith(suffix):
            return t[: -len(suffix)]
    return t


def stems(s: object) -> set[str]:
    return {stem(t) for t in tokens(s)}


def overlap(a: object, b: object) -> float:
    """Jaccard overlap of the token sets of ``a`` and ``b`` (0.0 when either is empty)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


# --------------------------------------------------------------------------- people


def family(p: Record) -> str:
    """Normalised family name: ``family_name``, else the last word of ``name``."""
    fam = p.get("family_name") or ""
    if not fam:
        name = norm(p.get("name"))
        fam = name.split()[-1] if name else ""
    return norm(fam)


def person_key(p: Record) -> tuple[str, str]:
    return family(p), (p.get("country") or "").upper()


def person_match(gold_p: Record, pred_p: Record) -> bool:
    """Whether a predicted participant fills a gold participant's place."""
    gold_family, gold_country = person_key(gold_p)
    pred_family, pred_country = person_key(pred_p)
    if gold_country and pred_country and gold_country != pred_country:
        return False
    if not gold_family and not norm(gold_p.get("name")):
        # The text does not name this principal ("The Prime Minister met ..."): any
        # participant of the same country (or of the same organisation) fills the place.
        if gold_country:
            return gold_country == pred_country
        return (
            overlap(gold_p.get("organization"), pred_p.get("organization"))
            >= ORGANIZATION_MIN_OVERLAP
        )
    if gold_family and gold_family == pred_family:
        return True
    # A prediction without family_name may still carry the family name in `name`.
    return (
        bool(gold_family)
        and not pred_p.get("family_name")
        and gold_family in norm(pred_p.get("name")).split()
    )


def follow_up_match(gold_f: Record, pred_f: Record) -> bool:
    """Same event: the prediction carries more than half of the gold name's specific
    words (those not in :data:`GENERIC`) with a stem overlap of at least 0.3, or, both
    dated, the same day and one specific word.  Two different days never match.  A
    gold ``name_native`` (the document's own words) is an alternative name."""
    gold_date, pred_date = gold_f.get("date"), pred_f.get("date")
    if gold_date and pred_date and gold_date != pred_date:
        return False
    pred_stems = stems(pred_f.get("name"))
    for gold_name in (gold_f.get("name"), gold_f.get("name_native")):
        gold_stems = stems(gold_name)
        specific = gold_stems - GENERIC
        if not specific or not pred_stems:
            continue
        found = len(specific & pred_stems)
        if found and gold_date and gold_date == pred_date:
            return True
        if (
            found > len(specific) / 2
            and len(gold_stems & pred_stems) / len(gold_stems | pred_stems) >= FOLLOW_UP_MIN_OVERLAP
        ):
            return True
    return bool(gold_date) and gold_date == pred_date and not gold_f.get("name")


# --------------------------------------------------------------------------- tallies


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def counts(self) -> tuple[int, int, int]:
        return self.tp, self.fp, self.fn


@dataclass(frozen=True)
class FieldScore:
    """The figures of one field (or of all fields together)."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, t: Tally) -> FieldScore:
        return cls(t.tp, t.fp, t.fn, t.precision, t.recall, t.f1)

    def to_dict(self) -> dict[str, float | int]:
        # Same key order as score.py's --json.
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class DocumentScore:
    """One document's contribution: its counts per field and the fields it lost.

    ``lost`` lists, in field order, the fields where the document added a false
    positive or a false negative (what ``score.py --per-doc`` prints).
    """

    name: str
    missing: bool
    counts: dict[str, tuple[int, int, int]]
    lost: list[str]
    error: str | None = None


@dataclass
class Report:
    """Micro-averaged figures per field and overall, plus per-document detail."""

    fields: dict[str, FieldScore]
    overall: FieldScore
    missing: list[str] = field(default_factory=list)
    documents: list[DocumentScore] = field(default_factory=list)

    @property
    def errors(self) -> dict[str, str]:
        """Documents whose extraction raised, with the error (they count as missing)."""
        return {d.name: d.error for d in self.documents if d.error is not None}

    def to_dict(self) -> dict[str, Any]:
        """``score.py --json``'s object, with ``overall`` counts and ``documents`` added."""
        return {
            "fields": {f: s.to_dict() for f, s in self.fields.items()},
            "overall": self.overall.to_dict(),
            "missing_predictions": list(self.missing),
            "documents": [
                {
                    "name": d.name,
                    "missing": d.missing,
                    "lost": list(d.lost),
                    **({"error": d.error} if d.error is not None else {}),
                }
                for d in self.documents
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def by_group(self, group_of: Callable[[str], str]) -> dict[str, FieldScore]:
        """Overall figures of each group of documents (``group_of(name)``)."""
        tallies: dict[str, Tally] = {}
        for d in self.documents:
            t = tallies.setdefault(group_of(d.name), Tally())
            for counts in d.counts.values():
                t.add(*counts)
        return {g: FieldScore.of(t) for g, t in sorted(tallies.items())}

    def format_by_publisher(self, group_of: Callable[[str], str]) -> str:
        """One line per group (publisher or genre): documents, P, R, F1 and the fields it
        loses most."""
        docs: dict[str, int] = {}
        lost: dict[str, dict[str, int]] = {}
        for d in self.documents:
            g = group_of(d.name)
            docs[g] = docs.get(g, 0) + 1
            for f, (_tp, fp, fn) in d.counts.items():
                lost.setdefault(g, {})[f] = lost.get(g, {}).get(f, 0) + fp + fn
        lines = [f"{'group':14} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}  most errors"]
        for g, v in self.by_group(group_of).items():
            worst = sorted(((n, f) for f, n in lost[g].items() if n), reverse=True)[:3]
            errs = ", ".join(f"{f} {n}" for n, f in worst)
            lines.append(
                f"{g:14} {docs[g]:4} {v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f}  {errs}"
            )
        o = self.overall
        lines.append(
            f"{'all':14} {len(self.documents):4} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f}"
        )
        return "\n".join(lines)

    def format_table(self, per_doc: bool = False) -> str:
        """The table ``score.py`` prints (preceded by the per-document misses if asked)."""
        lines: list[str] = []
        if per_doc:
            lines += [
                f"{d.name}: wrong or missing {', '.join(d.lost)}" for d in self.documents if d.lost
            ]
        lines.append(f"{'field':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for f, v in self.fields.items():
            lines.append(
                f"{f:18} {v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f} {v.tp:5} {v.fp:5} {v.fn:5}"
            )
        if self.missing:
            lines.append(
                f"no prediction for {len(self.missing)} documents: {' '.join(self.missing[:10])}"
            )
        o = self.overall
        lines.append(f"overall P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- scoring


def scalar_fields(e: Record) -> dict[str, Any]:
    """The scalar values an engagement gives for each field of :data:`SCALARS`."""
    place = e.get("place") or {}
    rnd = e.get("round") or {}
    ordinals = e.get("ordinals") or []
    total = next((o.get("number") for o in ordinals if o.get("scope") == "total"), None)
    series = next((o.get("number") for o in ordinals if o.get("scope") == "series"), None)
    return {
        "mode": e.get("mode"),
        "date": e.get("date"),
        "place_country": (place.get("country") or None) if isinstance(place, dict) else None,
        "occasion": e.get("occasion"),
        "duration_minutes": e.get("duration_minutes"),
        "round": rnd.get("number") if isinstance(rnd, dict) else None,
        "ordinal_total": total,
        "ordinal_series": series,
    }


def _stated(f: str, gold_e: Record) -> bool:
    """Whether the gold engagement states field ``f`` (only stated fields are scored)."""
    if f in gold_e:
        return True
    if f == "place_country":
        return "place" in gold_e
    return f.startswith("ordinal_") and "ordinals" in gold_e


def scalar_equal(f: str, gold_v: Any, pred_v: Any, alt: Any = None) -> bool:
    """Whether two values of field ``f`` agree; ``alt`` is the gold's native occasion."""
    if f == "occasion":
        return overlap(gold_v, pred_v) >= OCCASION_MIN_OVERLAP or (
            alt is not None and overlap(alt, pred_v) >= OCCASION_MIN_OVERLAP
        )
    if f == "place_country":
        return str(gold_v).upper() == str(pred_v).upper()
    return bool(gold_v == pred_v)


def set_match(
    items_gold: Sequence[Record],
    items_pred: Sequence[Record],
    same: Callable[[Record, Record], bool],
) -> tuple[int, int, int]:
    """Greedy one-to-one matching: (tp, fp, fn)."""
    tp = greedy_matches(items_gold, items_pred, same)
    return tp, len(items_pred) - tp, len(items_gold) - tp


def pair_score(gold_e: Record, pred_e: Record) -> float:
    """2 for the same (stated) date, plus 1 for each gold participant the prediction has."""
    s = 0.0
    if gold_e.get("date") and gold_e.get("date") == pred_e.get("date"):
        s += 2
    gold_ps = gold_e.get("participants") or []
    pred_ps = pred_e.get("participants") or []
    s += sum(1 for a in gold_ps if any(person_match(a, b) for b in pred_ps))
    return s


def align(
    gold: Sequence[Record], pred: Sequence[Record]
) -> tuple[list[tuple[Record, Record | None]], list[Record]]:
    """Pair each gold engagement (in order) with the best unused prediction scoring >= 2.

    Ties go to the earlier prediction.  Returns the pairs and the unpaired predictions.
    """
    pairs: list[tuple[Record, Record | None]] = []
    used: set[int] = set()
    for g in gold:
        best, best_j = 0.0, None
        for j, p in enumerate(pred):
            if j in used:
                continue
            s = pair_score(g, p)
            if s > best:
                best, best_j = s, j
        if best_j is not None and best >= PAIR_MIN_SCORE:
            used.add(best_j)
            pairs.append((g, pred[best_j]))
        else:
            pairs.append((g, None))
    extra = [p for j, p in enumerate(pred) if j not in used]
    return pairs, extra


def score_document(gold_doc: Record, pred_doc: Record | None) -> dict[str, Tally]:
    """The tallies of one document (``pred_doc`` None: nothing predicted)."""
    tallies = {f: Tally() for f in FIELDS}
    gold = gold_doc.get("engagements") or []
    pred = (pred_doc or {}).get("engagements") or []
    pairs, extra = align(gold, pred)
    for g, p in pairs:
        gs = scalar_fields(g)
        ps = scalar_fields(p) if p else {}
        for f in SCALARS:
            if not _stated(f, g):
                continue  # the gold does not state this field: not scored
            gv, pv = gs.get(f), ps.get(f)
            if gv is None and pv is None:
                continue
            alt = g.get("occasion_native") if f == "occasion" else None
            if gv is not None and pv is not None and scalar_equal(f, gv, pv, alt):
                tallies[f].add(tp=1)
            else:
                tallies[f].add(fp=int(pv is not None), fn=int(gv is not None))
        pred_e: Record = p or {}
        if "participants" in g:
            tallies["participants"].add(
                *set_match(g["participants"] or [], pred_e.get("participants") or [], person_match)
            )
        if "follow_ups" in g:
            tallies["follow_ups"].add(
                *set_match(g["follow_ups"] or [], pred_e.get("follow_ups") or [], follow_up_match)
            )
    for p in extra:
        ps = scalar_fields(p)
        for f in SCALARS:
            if ps.get(f) is not None:
                tallies[f].add(fp=1)
        tallies["participants"].add(fp=len(p.get("participants") or []))
        tallies["follow_ups"].add(fp=len(p.get("follow_ups") or []))
    return tallies


def _report(
    items: Iterable[tuple[str, Record, Record | None]], errors: Mapping[str, str] | None = None
) -> Report:
    errors = errors or {}
    totals = {f: Tally() for f in FIELDS}
    missing: list[str] = []
    documents: list[DocumentScore] = []
    for name, gold_doc, pred_doc in items:
        if pred_doc is None:
            missing.append(name)
        doc = score_document(gold_doc, pred_doc)
        for f, t in doc.items():
            totals[f].add(*t.counts())
        documents.append(
            DocumentScore(
                name=name,
                missing=pred_doc is None,
                counts={f: t.counts() for f, t in doc.items()},
                lost=[f for f, t in doc.items() if t.fp or t.fn],
                error=errors.get(name),
            )
        )
    overall = Tally()
    for t in totals.values():
        overall.add(*t.counts())
    return Report(
        fields={f: FieldScore.of(t) for f, t in totals.items()},
        overall=FieldScore.of(overall),
        missing=missing,
        documents=documents,
    )


def score_documents(gold: Mapping[str, Record], predicted: Mapping[str, Record | None]) -> Report:
    """Score predictions against gold documents, both keyed by document name.

    Each gold value is ``{"engagements": [...]}``; each prediction is what
    ``communique.extract`` returns, or None (or absent) when there is none.  Documents
    are taken in name order; predictions for names without gold are ignored.
    """
    return _report((name, gold[name], predicted.get(name)) for name in sorted(gold))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


def _gold_files(gold_dir: str | Path) -> list[tuple[str, Path]]:
    suffix = ".gold.json"
    return [(p.name[: -len(suffix)], p) for p in sorted(Path(gold_dir).glob(f"*{suffix}"))]


def score_dirs(gold_dir: str | Path, pred_dir: str | Path) -> Report:
    """Score ``PRED_DIR/NAME.json`` against ``GOLD_DIR/NAME.gold.json``.

    A prediction file that is absent or is not valid JSON counts as missing.
    """
    gold: dict[str, Record] = {}
    predicted: dict[str, Record | None] = {}
    for name, path in _gold_files(gold_dir):
        gold[name] = json.loads(path.read_text(encoding="utf-8"))
        pred_path = Path(pred_dir) / f"{name}.json"
        predicted[name] = _read_json(pred_path) if pred_path.exists() else None
    return score_documents(gold, predicted)


Extractor = Callable[..., Mapping[str, Any]]


def _default_extractor() -> Extractor:
    """``communique.extract``: the extraction function."""
    return extract


#: the file naming each gold document's web page, beside the gold files
SOURCES_FILE = "SOURCES.tsv"


def publisher_of(name: str) -> str:
    """The publisher of a gold document: its name less the trailing numbers
    (``mofa_0013`` -> ``mofa``, ``mfa_tr_0002`` -> ``mfa_tr``)."""
    return re.sub(r"(?:_\d+)+$", "", name)


_SPEAKER_LABEL = re.compile(r"(?m)^[ \t]*(?:[A-Z][\w.’'\-]+[ \t]+){0,3}[A-Z][\w.’'\-]+[ \t]*:")
_AGENCY = re.compile(
    r"\((?:PTI|ANI|AFP|Reuters|AP|IANS|Xinhua|TASS|Kyodo|Yonhap|Bernama|APP|PPI[\w\-]*)\)|\b(?:news\s+agency|told\s+reporters)\b"
)
_SAID = re.compile(r"\b(?:said|told)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I've|I'm|I’ve|I’m|We|we|our)\b")
_MEETING_VERB = re.compile(
    r"\b(?:met|called\s+on|paid\s+a\s+courtesy\s+call|held\s+(?:talks|a\s+meeting))\b"
)


def genre_of(text: str) -> str:
    """The genre of a readout, told from its shape: transcript (speaker labels), news (an
    agency's byline or reported speech), remarks (a speaker's first person), visit report
    (a visit named in the title and several meetings), else press release."""
    head = text[:20000]
    title = head.strip().split("\n", 1)[0]
    if len(_SPEAKER_LABEL.findall(head)) >= 2:
        return "transcript"
    if _AGENCY.search(head) or len(_SAID.findall(head)) >= 3:
        return "news"
    if len(_FIRST_PERSON.findall(head)) >= 3:
        return "remarks"
    if re.search(r"\b[Vv]isit", title) and len(_MEETING_VERB.findall(head)) >= 2:
        return "visit report"
    return "press release"


def read_split(path: str | Path) -> set[str]:
    """The publishers a split file lists, one a line (``#`` starts a comment)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def _sources(gold_dir: str | Path) -> dict[str, str]:
    path = Path(gold_dir) / SOURCES_FILE
    return read_sources_tsv(path) if path.is_file() else {}


def evaluate_dir(
    gold_dir: str | Path,
    *,
    extractor: Extractor | None = None,
    only: set[str] | None = None,
    exclude: set[str] | None = None,
) -> Report:
    """Extract every ``NAME.txt`` of ``gold_dir`` and score it against ``NAME.gold.json``.

    ``extractor`` is called as ``extractor(text, source="NAME.txt", url=URL)`` (the URL
    from ``SOURCES.tsv`` beside the gold files, or None) and defaults to
    :func:`communique.extract`.  ``only`` / ``exclude`` select documents by
    :func:`publisher_of`.  A document whose text is absent, or whose extraction
    raises, counts as missing; the error is kept in :attr:`Report.errors`.
    """
    if extractor is None:
        extractor = _default_extractor()
    urls = _sources(gold_dir)
    items: list[tuple[str, Record, Record | None]] = []
    errors: dict[str, str] = {}
    for name, path in _gold_files(gold_dir):
        publisher = publisher_of(name)
        if (only is not None and publisher not in only) or (exclude and publisher in exclude):
            continue
        gold_doc = json.loads(path.read_text(encoding="utf-8"))
        text_path = path.with_name(f"{name}.txt")
        pred: Record | None = None
        try:
            text = text_path.read_text(encoding="utf-8")
            pred = extractor(text, source=text_path.name, url=urls.get(text_path.name))
        except Exception as exc:  # one bad document must not stop the run
            errors[name] = f"{type(exc).__name__}: {exc}"
        items.append((name, gold_doc, pred))
    return _report(items, errors)


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m communique.evaluation GOLD_DIR [PRED_DIR] [--json] [--per-doc] [--min-f1 X]``.

    Without PRED_DIR the texts beside the gold files are extracted first.
    """
    ap = argparse.ArgumentParser(prog="communique-eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir")
    ap.add_argument("pred_dir", nargs="?", help="NAME.json predictions; default: extract now")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--per-doc", action="store_true", help="also print each document's misses")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall F1 is below")
    a = ap.parse_args(argv)
    report = score_dirs(a.gold_dir, a.pred_dir) if a.pred_dir else evaluate_dir(a.gold_dir)
    print(report.to_json() if a.json else report.format_table(per_doc=a.per_doc))
    if a.min_f1 is not None and report.overall.f1 < a.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
