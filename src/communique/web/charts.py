"""Charts drawn on the server as plain SVG shapes (the templates write them; no script):
meetings per year stacked by level or by mode, a country's counterparts as a network,
and a person's meetings on a timeline. Each function takes the same rows the page's
``.json`` twin carries and returns shapes in SVG user units."""

from __future__ import annotations

import datetime as dt
import math

#: (key in a year row, CSS class, legend label) of the two stackings
LEVEL_SERIES = (
    ("leader", "lv-leader", "leaders"),
    ("minister", "lv-minister", "ministers"),
    ("official", "lv-official", "officials"),
    ("unclassified", "lv-unclassified", "unclassified"),
)
MODE_SERIES = (
    ("in_person", "md-in_person", "in person"),
    ("telephone", "md-telephone", "telephone"),
    ("video", "md-video", "video"),
    ("unknown", "md-unknown", "mode unknown"),
)
#: bar chart geometry: plot height, margins and the bar width range (px at 1:1)
BAR_PLOT_H, BAR_LEFT, BAR_TOP, BAR_BOTTOM, BAR_GAP = 140, 34, 12, 24, 6
BAR_MIN, BAR_MAX, BAR_SPAN = 14, 48, 640
#: network geometry: canvas, ring radius, node radii, edge widths; counterparts drawn
NET_SIZE, NET_RING, NET_NODE_MIN, NET_NODE_MAX, NET_EDGE_MAX, NET_MAX_NODES = (
    560,
    200,
    7,
    22,
    9,
    24,
)
#: timeline geometry: width, row height, label column; counterpart rows drawn
TL_WIDTH, TL_ROW, TL_LEFT, TL_TOP, TL_ROWS = 720, 28, 130, 14, 10


def stacked_bars(rows: list[dict], series: tuple, what: str) -> dict | None:
    """Stacked bars, one per year (undated left out), split by ``series``."""
    rows = [r for r in rows if r.get("year") is not None]
    if not rows:
        return None
    bar = max(BAR_MIN, min(BAR_MAX, BAR_SPAN // max(1, len(rows)) - BAR_GAP))
    gap, left, top, plot_h = BAR_GAP, BAR_LEFT, BAR_TOP, BAR_PLOT_H
    width = left + len(rows) * (bar + gap) + gap
    height = top + plot_h + BAR_BOTTOM
    peak = max(r["total"] for r in rows) or 1
    step = max(1, -(-40 // (bar + gap)))
    rects, labels = [], []
    for i, r in enumerate(rows):
        x = left + gap + i * (bar + gap)
        y = top + plot_h
        for key, cls, label in series:
            n = r.get(key, 0)
            if not n:
                continue
            h = max(1.0, plot_h * n / peak)
            y -= h
            rects.append(
                {
                    "x": x,
                    "y": round(y, 2),
                    "w": bar,
                    "h": round(h, 2),
                    "cls": cls,
                    "title": f"{r['year']}: {n} {label}",
                }
            )
        if i % step == 0:
            labels.append({"x": x + bar / 2, "y": top + plot_h + 16, "text": str(r["year"])})
    ticks = [
        {"y": round(top + plot_h - plot_h * v / peak, 2), "text": str(v)}
        for v in sorted({0, peak // 2, peak})
    ]
    legend = [
        {"cls": cls, "label": label} for key, cls, label in series if any(r.get(key) for r in rows)
    ]
    return {
        "what": what,
        "width": width,
        "height": height,
        "rects": rects,
        "labels": labels,
        "ticks": ticks,
        "legend": legend,
        "axis_x": left,
        "axis_x2": width,
        "base_y": top + plot_h,
    }


def year_chart(rows: list[dict]) -> dict | None:
    return stacked_bars(rows, LEVEL_SERIES, "level")


def mode_chart(rows: list[dict]) -> dict | None:
    return stacked_bars(rows, MODE_SERIES, "mode")


def network(center: dict, nodes: list[dict]) -> dict | None:
    """A star: ``center`` ({code, name}) in the middle, its counterparts ({code, name,
    engagements}) on a ring, the most frequent first clockwise from the top; node area
    and edge width grow with the number of engagements."""
    if not nodes:
        return None
    shown = nodes[:NET_MAX_NODES]
    peak = max(n["engagements"] for n in shown) or 1
    c = NET_SIZE / 2
    out_nodes, edges = [], []
    for i, n in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        x, y = c + NET_RING * math.cos(angle), c + NET_RING * math.sin(angle)
        r = NET_NODE_MIN + (NET_NODE_MAX - NET_NODE_MIN) * math.sqrt(n["engagements"] / peak)
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        lx = x + (r + 4) * math.cos(angle)
        ly = y + (r + 4) * math.sin(angle) + (4 if anchor != "middle" else 0)
        if anchor == "middle":
            ly += 10 if math.sin(angle) > 0 else -2
        out_nodes.append(
            {
                "code": n["code"],
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(r, 1),
                "label_x": round(lx, 1),
                "label_y": round(ly, 1),
                "anchor": anchor,
                "title": f"{n['name']}: {n['engagements']} engagements"
                + (f", {n['first']} to {n['last']}" if n.get("first") else ""),
                "href": f"/relations/{center['code']}-{n['code']}",
            }
        )
        edges.append(
            {
                "x2": round(x, 1),
                "y2": round(y, 1),
                "w": round(1 + (NET_EDGE_MAX - 1) * n["engagements"] / peak, 1),
            }
        )
    return {
        "size": NET_SIZE,
        "cx": c,
        "cy": c,
        "center": center,
        "nodes": out_nodes,
        "edges": edges,
        "more": max(0, len(nodes) - len(shown)),
    }


def timeline(points: list[dict]) -> dict | None:
    """A person's meetings (``{event_id, date, mode, counterparts}``) as dots on a time
    axis, one row per counterpart country (the most frequent first; the rest in one
    row), coloured by mode."""
    dated = [p for p in points if p.get("date")]
    if not dated:
        return None
    counts: dict[str, int] = {}
    for p in dated:
        for c in p["counterparts"] or ["?"]:
            counts[c] = counts.get(c, 0) + 1
    order = sorted(counts, key=lambda c: (-counts[c], c))
    rows = order[: TL_ROWS - 1] if len(order) > TL_ROWS else order
    other = "others" if len(order) > len(rows) else None
    names = rows + ([other] if other else [])
    first = dt.date.fromisoformat(min(p["date"] for p in dated))
    last = dt.date.fromisoformat(max(p["date"] for p in dated))
    start = dt.date(first.year, 1, 1)
    end = dt.date(last.year + 1, 1, 1)
    span = (end - start).days or 1
    plot_w = TL_WIDTH - TL_LEFT - 16

    def x_of(d: dt.date) -> float:
        return round(TL_LEFT + plot_w * (d - start).days / span, 1)

    dots = []
    for p in dated:
        d = dt.date.fromisoformat(p["date"])
        for c in p["counterparts"] or ["?"]:
            row = names.index(c) if c in rows else len(names) - 1
            dots.append(
                {
                    "x": x_of(d),
                    "y": TL_TOP + row * TL_ROW + TL_ROW / 2,
                    "cls": "md-" + (p.get("mode") or "unknown"),
                    "href": f"/engagement/{p['event_id']}",
                    "title": f"{p['date']}: {p.get('name') or 'meeting'} ({c})",
                }
            )
    height = TL_TOP + len(names) * TL_ROW + 24
    years = list(range(start.year, end.year + 1))
    step = max(1, -(-len(years) // 12))
    ticks = [
        {"x": x_of(dt.date(y, 1, 1)), "text": str(y)}
        for i, y in enumerate(years)
        if i % step == 0 or y == years[-1]
    ]
    return {
        "width": TL_WIDTH,
        "height": height,
        "rows": [
            {"label": n, "y": TL_TOP + i * TL_ROW + TL_ROW / 2 + 4} for i, n in enumerate(names)
        ],
        "dots": dots,
        "ticks": ticks,
        "left": TL_LEFT,
        "right": TL_WIDTH - 16,
        "base_y": TL_TOP + len(names) * TL_ROW,
        "legend": [
            {"cls": cls, "label": label}
            for key, cls, label in MODE_SERIES
            if any((p.get("mode") or "unknown") == key for p in dated)
        ],
    }
