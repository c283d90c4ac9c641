"""Actors: the countries and international organisations a meeting is between.

A participant acts for their country; an official of an organisation, whose country
the record leaves empty, acts for the organisation, by its stable code from
``gazetteer/organization_codes.tsv`` (``EU``, ``UN``, ``NATO``, ``ASEAN``...). The
organisation is read from the record's ``organization`` field ("European Union",
"Secretary-General of ASEAN", "High Representative of the European Union for ..."), or,
for records of extractors that do not fill it, from the title.
"""

from __future__ import annotations

import functools
import re

from communique import gazetteer

#: codes are 2-8 capitals or digits (``EU``, ``G20``, ``ASEAN``), ISO3 codes included
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@functools.lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One pattern for all organisation forms (longest first), one for those that must
    keep their capitals (acronyms that are English words lower-cased: ``WHO``, ``AU``);
    and lower-cased form -> code."""
    codes = gazetteer.organization_codes()
    forms: dict[str, str] = {}
    exact: list[str] = []
    sensitive = gazetteer.case_sensitive_forms()
    for form, name in gazetteer.organizations().items():
        code = codes.get(name)
        if code is None:
            continue
        forms[form] = code
    for form in sorted(forms, key=len, reverse=True):
        exact.append(form)
    loose = [f for f in exact if f not in sensitive]
    strict = [f for f in exact if f in sensitive]

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(f) for f in items) or "(?!)"

    return (
        re.compile(rf"(?<![\w-])(?:{alt(loose)})(?![\w-])", re.I),
        re.compile(
            rf"(?<![\w-])(?:{'|'.join(re.escape(f.upper()) for f in strict) or '(?!)'})(?![\w-])"
        ),
        forms,
    )


@functools.lru_cache(maxsize=4096)
def organization_code(text: str | None) -> str | None:
    """The code of the organisation named in ``text`` (the longest name found), or None."""
    if not text:
        return None
    loose, strict, forms = _matcher()
    found = [m for rx in (loose, strict) for m in rx.finditer(text)]
    if not found:
        return None
    best = max(found, key=lambda m: (len(m.group(0)), -m.start()))
    return forms.get(best.group(0).lower())


def actor(country: str | None, organization: str | None, title: str | None) -> str | None:
    """What a participant acts for: their country, else their organisation's code."""
    if country:
        return country
    return organization_code(organization) or organization_code(title)


def is_actor_code(code: str) -> bool:
    """A known country (ISO3) or organisation code."""
    return code in gazetteer.countries() or code in gazetteer.organization_names()


def actor_name(code: str) -> str:
    c = gazetteer.countries().get(code)
    if c is not None:
        return c.name
    return gazetteer.organization_names().get(code, code)
