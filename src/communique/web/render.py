"""Turning records into what the pages show: an account's fields with the spans of text
they were read from, the differences between several accounts of one engagement, and
search snippets (the charts are in :mod:`communique.web.charts`)."""

from __future__ import annotations

import re

SCALARS = (
    ("name", "Name"),
    ("mode", "Mode"),
    ("date", "Date"),
    ("end_date", "Until"),
    ("place", "Place"),
    ("occasion", "Occasion"),
    ("duration_minutes", "Duration"),
    ("round", "Round"),
)
MODES = {"in_person": "in person", "telephone": "telephone", "video": "video"}


def fmt_value(key: str, v) -> str | None:  # noqa: ANN001
    if v is None or v == "" or v == [] or v == {}:
        return None
    if key == "place":
        parts = [v.get("name"), v.get("country")]
        s = ", ".join(x for x in parts if x)
        return s or None
    if key == "duration_minutes":
        h, m = divmod(int(v), 60)
        return f"{h} h {m:02d} min" if h else f"{m} min"
    if key == "round":
        return f"round {v.get('number')}" + (f" of {v['of']}" if v.get("of") else "")
    if key == "mode":
        return MODES.get(v, str(v))
    return str(v)


def person_label(p: dict) -> str:
    name = p.get("name") or ""
    title = p.get("title") or ""
    who = ", ".join(x for x in (name, title) if x) or "unnamed"
    return f"{who} ({p['country']})" if p.get("country") else who


def _span(span, text: str) -> tuple[int, int] | None:  # noqa: ANN001
    if not span or len(span) != 2 or span[0] is None or span[1] is None:
        return None
    s, e = int(span[0]), int(span[1])
    if 0 <= s < e <= len(text):
        return s, e
    return None


def account_fields(idx: int, acc: dict) -> list[dict]:
    """Every field of one account, each with its key (``a1-date``), label, value and span."""
    rec, text = acc.get("record") or {}, acc.get("text") or ""
    ev = rec.get("evidence") or {}
    out: list[dict] = []

    def add(key: str, group: str, label: str, value: str | None, span, cmp=None) -> None:  # noqa: ANN001
        out.append(
            {
                "key": f"a{idx}-{key}",
                "field": key,
                "group": group,
                "label": label,
                "value": value,
                "span": _span(span, text),
                "cmp": cmp if cmp is not None else value,
                "mark": None,
            }
        )

    for key, label in SCALARS:
        add(key, "event", label, fmt_value(key, rec.get(key)), ev.get(key))
    for i, p in enumerate(rec.get("participants") or []):
        ident = (p.get("family_name") or p.get("name") or p.get("title") or "").lower() or None
        add(f"p{i}", "participants", "Participant", person_label(p), p.get("span"), ident)
    for i, o in enumerate(rec.get("ordinals") or []):
        add(
            f"o{i}",
            "ordinals",
            f"Count ({o.get('scope')})",
            f"#{o.get('number')}" + (f" — {o['text']}" if o.get("text") else ""),
            o.get("span"),
            f"{o.get('scope')}:{o.get('number')}",
        )
    low = text.lower()
    for i, topic in enumerate(rec.get("topics") or []):
        at = low.find(topic.lower()) if topic else -1
        span = [at, at + len(topic)] if at >= 0 else None
        add(f"t{i}", "topics", "Topic", topic, span, topic.lower())
    for i, o in enumerate(rec.get("outcomes") or []):
        add(
            f"r{i}",
            "outcomes",
            (o.get("kind") or "outcome").capitalize(),
            o.get("text"),
            o.get("span"),
        )
    for i, f in enumerate(rec.get("follow_ups") or []):
        when = f.get("date") or f.get("date_text")
        value = (f.get("name") or "follow-up") + (f" ({when})" if when else "")
        add(f"f{i}", "follow_ups", "Follow-up", value, f.get("span"), _words(f.get("name") or ""))
    return out


def _words(s: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", s.lower()) if len(w) > 2)


def _same(a, b) -> bool:  # noqa: ANN001
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        if not a or not b:
            return a == b
        return len(a & b) / len(a | b) >= 0.5
    return a == b


def compare(views: list[list[dict]]) -> None:
    """Mark each field of several accounts: ``only`` (no other account reports it),
    ``differs`` (another account gives another value). Fields are changed in place."""
    if len(views) < 2:
        return
    for i, fields in enumerate(views):
        others = [v for j, v in enumerate(views) if j != i]
        for f in fields:
            if f["value"] is None:
                continue
            if f["group"] == "event":
                vals = [
                    g["cmp"]
                    for o in others
                    for g in o
                    if g["field"] == f["field"] and g["value"] is not None
                ]
                if not vals:
                    f["mark"] = "only"
                elif any(v != f["cmp"] for v in vals):
                    f["mark"] = "differs"
            elif f["group"] in ("participants", "topics", "follow_ups", "ordinals") and not any(
                _same(g["cmp"], f["cmp"]) for o in others for g in o if g["group"] == f["group"]
            ):
                f["mark"] = "only"


def missing_here(views: list[list[dict]]) -> list[list[str]]:
    """For each account: the labels of event fields other accounts report and it does not."""
    out = []
    for i, fields in enumerate(views):
        have = {f["field"] for f in fields if f["group"] == "event" and f["value"] is not None}
        miss = []
        for key, label in SCALARS:
            if key in have:
                continue
            if any(
                g["field"] == key and g["value"] is not None
                for j, o in enumerate(views)
                if j != i
                for g in o
            ):
                miss.append(label)
        out.append(miss)
    return out


def segments(text: str, fields: list[dict]) -> list[tuple[str, str]]:
    """The text cut at every span boundary: (piece, space-separated keys of the fields
    whose span covers it; '' for none)."""
    spans = [(f["span"][0], f["span"][1], f["key"]) for f in fields if f["span"]]
    if not spans:
        return [(text, "")]
    cuts = sorted({0, len(text), *(s for s, _e, _k in spans), *(e for _s, e, _k in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        keys = " ".join(k for s, e, k in spans if s <= a and b <= e)
        if out and out[-1][1] == keys:
            out[-1] = (out[-1][0] + text[a:b], keys)
        else:
            out.append((text[a:b], keys))
    return out


def snippet_parts(snip: dict | None) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces; the template escapes each piece."""
    if not snip:
        return []
    text, out, pos = snip.get("text") or "", [], 0
    for s, e in snip.get("marks") or []:
        if s < pos or e > len(text):
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out
