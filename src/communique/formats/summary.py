"""An extraction result in readable lines (``communique extract --format summary`` and
``communique demo``): the document, then each engagement on one line."""

from __future__ import annotations


def summary_line(result: dict) -> str:
    doc = result["document"]
    parts = [f"{doc['source']}: {doc.get('published') or '?'} {doc.get('title') or ''}".rstrip()]
    for e in result["engagements"]:
        who = ", ".join(
            f"{p['name'] or p.get('title') or '?'} ({p['country'] or '?'})"
            for p in e["participants"]
        )
        bits = [e["mode"], e["date"] or "date?", who]
        if e["place"]:
            bits.append(
                f"in {e['place'].get('name') or ''} {e['place'].get('country') or ''}".strip()
            )
        if e["occasion"]:
            bits.append(f"at {e['occasion']}")
        if e["duration_minutes"]:
            bits.append(f"{e['duration_minutes']} min")
        if e["round"]:
            bits.append(f"round {e['round']['number']} of {e['round']['of']}")
        for o in e["ordinals"]:
            bits.append(f"#{o['number']} ({o['scope']})")
        if e["follow_ups"]:
            bits.append(f"{len(e['follow_ups'])} follow-up(s)")
        parts.append("  - " + "; ".join(bits))
    for w in result.get("warnings", []):
        parts.append(f"  ! {w}")
    return "\n".join(parts)
