"""Which meetings happened, and who took part.

Needs: sentences, person mentions joined into entities. Adds: :class:`Candidate`
engagements: the clause that reports each (its trigger), its participants (entity
ids), its mode and the name the text gives it.

Rules, in order:
1. A clause reports an engagement when it has a meeting verb or noun in the past
   ("held a ... Meeting with", "met (with)", "paid a courtesy call on", "received",
   "was granted an audience", "conferred with", "spoke by telephone with") and is not
   about the future ("will hold", "to visit", "look forward to").
2. Its participants are the people named in the clause, minus those only mentioned
   ("accompanied by", "attended by", "message from").
3. One person meeting a list of separately titled people ("also met A, B and C") is
   one engagement per counterpart; several people on both sides ("2+2") is one.
4. Candidates with the same participants are one engagement.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from communique.extract import names, people
from communique.extract.people import BARE_OFFICES, Entity, Mention, office_key
from communique.extract.text import PAST_CONTEXT, PRONOUN_START, SPEAKER_LABEL
from communique.gazetteer import lexicon as lx
from communique.util.sentences import Sentence

_NOUNS = (
    r"meeting|talks?|summit(?:\s+meeting)?|dialogue|consultations?|conversation|(?:tele)?phone\s+call|call|"
    r"teleconference|video\s*conference|discussions?|negotiations|lunch|luncheon|dinner|breakfast|"
    r"2\+2|exchange\s+of\s+views|audience|session|courtesy\s+call|committee|commission|"
    # "held a bilateral with President X", "had a brief exchange on the margins of"
    r"bilateral(?=\s+with\b)|exchange(?!\s+(?:of\s+(?:notes|letters|instruments|documents)|programmes?|programs?|rates?))"
)
#: a word of a meeting's name: capitalised ("Japan-Russia", "Foreign", "2+2", "“2+2”") or a
#: small word that describes a meeting ("a", "bilateral", "telephone", "working")
_NAME_WORD = (
    r"[A-Z0-9“\"(][^\s;,]*|"
    r"(?i:a|an|the|their|his|her|its|bilateral|trilateral|telephone|telephonic|phone|video|online|virtual|summit|"
    r"working|official|informal|formal|first|second|third|in-depth|brief|short|separate|further|"
    r"political|economic|security|defen[cs]e|trade|consular|policy|senior|intensive|extensive|"
    r"comprehensive|useful|warm|candid|wide-ranging|fruitful|good|great|excellent|positive|long|lengthy|detailed|"
    r"productive|frank|fruitful|substantive|cordial|courtesy|foreign|ministers[’']?|ministerial|"
    r"very|most|really|extremely|truly|highly|particularly|quite|warm|open|honest|"
    r"leaders[’']?|strategic|high-level|vice-ministerial|joint|friendly|constructive|private|"
    r"one-on-one|tete-a-tete|tête-à-tête|luncheon|lunch|dinner|breakfast|meeting|and|level|"
    r"ministerial-level|director-general-level|vice-minister-level|summit-level|regular|annual|"
    r"emergency|extraordinary|plenary|restricted|expanded|small-group|extended|closed-door|face-to-face|"
    r"in-person|televised|teleconference|video-conference|sideline|margins|\d+(?:st|nd|rd|th)|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|of|on|"
    r"level|rounds?)(?![\w])"
)
TRIGGER = re.compile(
    rf"\b(?i:held|holds|had|has\s+had|have\s+had|conducted|hosted|joined)\s+(?:a|an|the|their|his|her|its)?\s*"
    rf"(?P<name>(?:(?:{_NAME_WORD})\s+){{0,9}}?)\s*\b(?P<noun>(?i:{_NOUNS}))s?\b(?!\s+(?:will|would|is|was)\b)"
    r"|\b(?P<met>[Mm]et|[Mm]eets)\b(?!\s+(?:the\s+)?(?:press|media|reporters|journalists|students|residents|members|with\s+(?:the\s+)?(?:press|media|reporters|students|residents|business)))"
    # "President A and President B spoke today", "A and B talked on the phone": the two
    # of the subject (the call with an object is read by "spoke with" below)
    r"|\b(?P<spoke>spoke|talked|conferred|exchanged\s+views(?=[^.;]{0,30}\b(?:over|by|on)\s+(?:the\s+)?(?:tele)?phone\b))\b(?!(?:\s+[\w.]+){0,3}?\s+(?:with|to)\s)"
    r"(?=\s+(?:today|yesterday|tonight|earlier|again|briefly|on\s+(?:the\s+)?(?:phone|telephone|[A-Z])|by\s+(?:tele)?phone|"
    r"over\s+the\s+(?:tele)?phone|via\s+(?:video|telephone)|this\s+(?:morning|afternoon|evening|week)|regarding|about)\b)"
    r"|\bmeeting\s+with\s+(?=(?:(?:the\s+)?(?:new|newly[\s\-]appointed|visiting|outgoing|incoming)\s+)?(?:[A-Z]|H\.E|the\s+[A-Z]|his|her|their))"
    # "The meeting in the Presidential Palace between H. E. X and H. E. Y was ..."
    r"|\b(?<=[Tt]he\s)(?:meeting|talks)\s+(?:(?:in|at)\s+[^.;]{3,50}?\s+)?between\s+"
    r"(?=(?:H\.\s?E\.|Mr|Ms|Mrs|Dr|[A-Z]|the\s+[A-Z]))"
    r"(?!(?:[^.;]|(?<=[A-Z])\.){0,200}?\b(?:will|would|shall|is\s+(?:scheduled|expected|set|due|planned|slated|being\s+planned)|are\s+(?:scheduled|expected|planned|due|set)|"
    r"to\s+be\s+held|to\s+take\s+place)\b)"
    # "the consensus was reached during a video-link meeting between X and Y today"
    # ("a statement released after meetings between X and Y and Z")
    r"|\b(?:during|at|in|after|following)\s+(?:(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?)?"
    r"(?:meetings?|talks|call|conversation|discussions?)\s+"
    r"between\s+(?=(?:H\.\s?E\.|Mr|Ms|Mrs|Dr|the\s+[A-Z]|[A-Z]))"
    r"(?!(?:[^.;]|(?<=[A-Z])\.){0,200}?\b(?:will|would|shall|is\s+(?:scheduled|expected|set|due|planned|slated|being\s+planned)|are\s+(?:scheduled|expected|planned|due|set)|"
    r"to\s+be\s+held|to\s+take\s+place)\b)"
    # "A and B led the delegations of their respective countries": the two sides met
    r"|\bled\s+(?:the|their)\s+(?:respective\s+)?delegations\b"
    # "Talks between Foreign Minister A and Foreign Minister B took place in Oslo"
    r"|(?:(?<=^)|(?<=\n)|(?<=[.!?]\s))(?:Talks|A\s+meeting|Consultations)\s+between\s+(?=(?:H\.\s?E\.|Mr|Ms|Mrs|Dr|[A-Z]))"
    r"(?!(?:[^.;]|(?<=[A-Z])\.){0,200}?\b(?:will|would|shall|is\s+(?:scheduled|expected|set|due|planned|slated|being\s+planned)|are\s+(?:scheduled|expected|planned|due|set)|"
    r"to\s+be\s+held|to\s+take\s+place)\b)"
    # ("received Monday a phone call from ...")
    r"|\b(?:paid|pays|paying|received|receives|receiving|made|make)\s+"
    r"(?:(?:on\s+)?(?:today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
    r"(?:a\s+)?(?:courtesy\s+|(?:tele)?phone\s+)?calls?\s+(?:on|from|by|upon)\b"
    r"|\b(?:received|receives)\s+(?:a\s+)?(?:courtesy\s+)?visit\s+from\b"
    r"|\b(?:[Rr]eceived|[Mm]et(?:\s+with)?|[Hh]osted)\s+(?:a|the)\s+(?:[\w\-]+\s+){0,4}?delegations?\s+(?:led|headed)\s+by\b"
    r"|\bcourtesy\s+calls?\s+(?:on|from|by|to|upon)\b"
    r"|\b(?:granted|had|received|given)\s+an?\s+audience\b|\baudience\s+(?:with|to|of)\b"
    r"|\breceived\s+in\s+(?:an?\s+)?audience\b"
    r"|\b(?:conferred|spoke|talked|consulted|had\s+a\s+(?:tele)?phone\s+call)(?:\s+(?:today|yesterday|again|earlier|separately|briefly|this\s+(?:morning|afternoon|evening)))?"
    r"(?:\s+(?:at|in)\s+(?:his|her|the|their)\s+(?:[\w\-]+\s+)?(?:office|residence|ministry|headquarters))?\s+"
    # "spoke by phone with", "spoke over the phone with", "talked on the telephone to"
    r"(?:(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone\s+)?(?:with|to)\b"
    r"|\b(?:calls|called)\s+on\s+(?=(?:Mr|Ms|Mrs|Dr|H\.E|His|Her|the\s+[A-Z]|[A-Z]))"
    # "Foreign Minister Rabbani called Foreign Minister Qureshi today": a telephone call
    r"|(?<!-)\b[Cc]alled\s+(?=(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s|(?:the\s+)?(?:[A-Z][\w.\-’']*\s+){0,5}(?:President|Prime\s+Minister|"
    r"Minister|Secretary|Chancellor|Premier|King|Emir|Crown\s+Prince|Vice\s+President)\b)"
    # "received today at the San Martín Palace the Minister of Foreign Affairs of Chile"
    r"|\b[Rr]eceived\s+(?:today|yesterday|this\s+(?:morning|afternoon|evening))\s+(?=(?:at|in)\s+[^.;]{3,80}?\b(?:the\s+)?(?:[A-Z]\w+\s+){0,3}(?:Minister|President|Secretary|Ambassador|Prime|King|Chancellor)\b)"
    # "received at the ministry's headquarters in Riyadh today the Minister of ..."
    r"|\b[Rr]eceived\s+(?:at|in)\s+[^.;,]{3,80}?\s+(?:today|yesterday|this\s+(?:morning|afternoon|evening))\s+"
    r"(?=(?:the\s+)?(?:[A-Z]|H\.E))"
    # "received outgoing US Ambassador David Shear", "hosted a reception for Lao Ambassador X"
    # ("hosted a reception on March 3 for ...", "while receiving Greek Foreign Minister X")
    r"|\b(?:[Rr]eceived|[Rr]eceives|[Hh]osted|[Hh]osts|(?<=while\s)(?:receiving|hosting|welcoming))\s+"
    r"(?:a\s+reception\s+(?:on\s+[A-Z]\w+\s+\d{1,2}\s+)?for\s+)?(?:the\s+)?"
    r"(?:(?:new|newly[\s\-](?:appointed|accredited|elected)|visiting|outgoing|incoming|departing)\s+)?"
    r"(?=(?:(?:[A-Z]\w*|bin|al|de|da|del|van|von|minister|ambassador|envoy)\s+){0,6}[A-Z]\w*(?:\s*,|\s+(?:at|in|on|for|who|of|to)\b|\.)|H\.E|the\s+(?:visiting\s+)?[A-Z]"
    r"|(?:his|her|their)\s+(?:[A-Z]\w+\s+)?counterparts?\b)"
    r"|\b(?:welcomed|welcomes)\s+(?=(?:[A-Z][\w.]*\s+){0,6}[A-Z]\w*\s+(?:of\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)?\s+)?"
    r"(?:at|to|in|on)\s(?!come\b|visit\b))"
    # "welcomed her Paraguayan counterpart, Rosa Benitez, to Itamaraty"
    r"|\b(?:welcomed|welcomes)\s+(?=(?:his|her|their)\s+(?:[A-Z]\w+\s+)?counterparts?\b)"
    r"|\bdiscussed\b[^.;]{0,120}?\bwith\s+(?:his|her|their)\s+(?:[A-Z]\w+\s+)?counterparts?\b"
    # "A and his Brazilian counterpart, B, discussed on Monday ...": the two of the subject
    r"|(?<=\w\s)and\s+(?=(?:his|her)\s+(?:[A-Z][\w\-]+\s+)?counterpart\b,?[^.;]{0,60}?"
    r"\b(?:discussed|reviewed|exchanged\s+views)\b)"
    # "A and B discussed current security challenges ... in a meeting on Thursday"
    # ("A and B tackled topical subjects ... at a today's meeting")
    r"|\b(?:discussed|reviewed|tackled|addressed|examined|explored|considered)\b[^.;]{0,150}?\b(?:in|at|during)\s+"
    r"(?:a|their)\s+(?:[\w\-’']+\s+)?(?:meeting|call|conversation|telephone\s+call)\b"
    r"|\b(?:following|after)\s+(?:[\w\-]+\s+){0,2}talks\b"
    # a speaker's round of meetings: "With Minister of Foreign Affairs Lavrov, we discussed ..."
    r"|(?:(?<=^)|(?<=\n)|(?<=[.!?]\s))(?P<with_we>With)\s+(?=(?:[^,;.]|(?<=[A-Z])\.){2,80}?,\s+(?:we|I)\s+"
    r"(?:also\s+)?(?:discussed|held|agreed|exchanged|confirmed|reaffirmed|shared|talked|had)\b)"
    # news: "Kuleba said after meeting his Polish counterpart Zbigniew Rau that ...",
    # "After meeting Chancellor Merz in Berlin, President Macron said ..."
    r"|\b(?:[Aa]fter|[Ff]ollowing)\s+(?:(?:his|her|their|a)\s+)?(?:meeting|talks|a\s+call|a\s+phone\s+call|(?:(?:tele)?phone|telephonic|video)\s+(?:conversation|call|talks?))\s+(?:with\s+)?"
    r"(?=[A-Z]|the\s+[A-Z]|his\s|her\s|(?<=their\smeeting\s)(?:in|at)\s+[A-Z])"
    r"|\bconcluded\b[^.;]{0,80}?\bdiscussion\s+with\b"
    # "Minister Kumar and I just concluded a productive set of talks here"
    r"|\bconcluded\s+(?:a|an|the|our|their)\s+(?:[\w\-]+\s+){0,4}?(?:talks|meeting|discussions?|consultations|dialogue)\b"
    r"|\bluncheon\s+hosted\s+by\b"
    r"|\b(?:continued|resumed|began|opened|started)\s+(?:their\s+|the\s+)?(?:talks|negotiations|discussions|consultations)\s+with\b"
    r"|(?P<passive>\b(?:was|were)\s+held\b)(?=[^.;]{0,160}?\b(?:between|with|by)\s+(?:Mr|Ms|Mrs|Dr|H\.E|the\s+[A-Z]|[A-Z]))"
    # "a telephone conversation took place between A and B"
    r"|\b(?:conversation|talks|meeting|call|consultations)\s+took\s+place\s+between\s+(?=(?:Mr|Ms|Mrs|Dr|H\.E|the\s+[A-Z]|[A-Z]))"
    # "A was called by B": a call the subject received
    r"|\b(?:was|were)\s+(?:tele)?(?:phoned|called)\s+by\b"
    r"|\b(?:participated|took\s+part)\s+in\s+(?:the|a|an)\s+[^.;]{0,60}?(?:meeting|talks|dialogue|summit|consultations?|"
    r"breakfast|lunch|luncheon|dinner)\b"
    # "A and his counterpart B agreed ... during talks in Seoul"
    r"|\bduring\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?(?:talks|meeting|consultations)\s+(?:in|at)\s+(?=[A-Z])"
    # "During their meeting, High Representative Borrell and President X discussed ..."
    # "A and B reaffirmed ... during a phone conversation on Friday"
    r"|\b(?:[Dd]uring|[Ii]n)\s+(?:their|our|a(?=\s+(?:(?:tele)?phone|telephonic|video)\b))\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:meeting|talks|call|conversation|discussions?)\b(?!\s+with)"
    # remarks: "Following the ROK-U.S. foreign ministers meeting, ..."
    r"|\b[Ff]ollowing\s+the\s+(?:[\w\-.]+\s+){1,4}?(?:meeting|talks)\s*,"
    # "Minister X was received by Prime Minister Y": the visitor is the subject
    r"|(?<!which\s)(?<!that\s)\b(?:was|were)\s+(?:warmly\s+|cordially\s+|also\s+)?(?:received|welcomed|hosted)\s+by\b"
    # "was hosted to lunch by his counterpart": a meeting over a meal
    r"|\b(?:was|were)\s+(?:also\s+)?(?:hosted|entertained)\s+to\s+(?:a\s+)?(?:working\s+)?(?:lunch|luncheon|dinner|breakfast)\s+by\b"
    # remarks: "It was a pleasure to welcome Foreign Minister Hayashi to Adelaide today"
    r"|\b(?:was|has\s+been|have\s+been|been)\s+(?:a\s+|an\s+)?(?:great\s+|real\s+|genuine\s+)?"
    r"(?:pleasure|honou?r|delight|privilege)\s+to\s+(?:welcome|meet|host|see|receive|talk\s+with|speak\s+with)\b"
    # "It is a great honour to welcome the Secretary of State, John Kerry, to London today"
    r"|\b(?<![Ww]ill\sbe\sa\s)(?:pleasure|honou?r|delight|privilege)\s+to\s+(?:welcome|host|receive)\b"
    # "It's wonderful to welcome Prime Minister Luxon", "I am delighted to welcome ..."
    r"|\b(?<!will\sbe\s)(?:delighted|pleased|happy|glad|honou?red|wonderful|great)\s+to\s+(?:welcome|host|receive)\b"
    # "He began his visit by meeting Finance Minister X"
    r"|\bby\s+meeting\s+(?:with\s+)?(?=[A-Z]|the\s+[A-Z]|his\s|her\s)"
    # "received a telephone call from", "took a phone call from", "made a video call to"
    r"|\b(?:received|receives|took|made|placed|had|held)\s+(?:a|an)\s+(?:(?:tele)?phone|telephonic|video)\s+calls?\s+"
    r"(?:(?:today|yesterday|this\s+(?:morning|afternoon|evening))\s+)?(?:from|to|with)\b"
    r"|\bexchanged\s+(?:views|opinions|ideas)\s+with\b"
    r"|\bco-?chaired\b"
    # "A and B chaired the ninth meeting of the Joint Commission" (both sides, see _candidate)
    r"|\bchaired\s+the\s+(?:[\w\-’']+\s+){0,8}?(?:meeting|session|dialogue|consultations|commission|talks)\b"
    # "I travelled to London on 13 December to meet with ...": a journey's purpose, told after it
    r"|\b(?:travell?ed|went|flew)\s+to\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}"
    r"(?:\s+(?:on|last)\s+[\w ]{1,20}?)?\s+to\s+(?:meet|hold\s+talks)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?<!visit\s)(?<!trip\s)(?<!tour\s)(?<!journey\s)(?<!way\s)(?-i:[Tt]o(?=\s+[a-z]))|plans?|planned|planning|intends?|intention|look(?:s|ed|ing)?\s+forward|"
    r"hopes?|expects?|invit\w+|scheduled|upcoming|forthcoming|next|coming|preparations?|ahead\s+of|"
    # ("May" with a capital is a name or a month: "Prime Minister Theresa May spoke with")
    r"before|prior\s+to|agreed\s+to|decided\s+to|can|could|(?-i:may|May(?=\s+(?:not|also|be|have)\b))|might)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_MODE_PHONE = re.compile(
    r"\b(?:tele)?phone\b|\btelephonic(?:ally)?\b|\bphone\s+call\b|\bcall\s+with\b|(?<!courtesy\s)\bcall\s+from\b|\bheld\s+a\s+call\b|\bspoke\s+by\b|\bteleconference\b|"
    # "called President X" (a capital: not "Belarus called one of Laos' closest friends")
    r"(?<!-)\bcalled\s+(?!on\b|upon\b|for\b|by\b)(?=(?-i:[A-Z]|the\s+[A-Z]|H\.E))|\b(?:was|were)\s+(?:tele)?(?:phoned|called)\s+by\b",
    re.IGNORECASE,
)
_COURTESY = re.compile(r"courtesy\s+call", re.IGNORECASE)
#: "The Prime Minister spoke to President Macron": readouts say "spoke" of calls, and
#: "met" / "in person" / "on the margins" / "during ... visit" of meetings
_SPOKE = re.compile(
    r"\b(?:spoke|speaks|talked)\s+(?:\w+\s+){0,2}?(?:with|to)\b"
    # "President A and President B spoke today regarding Syria"
    r"|\b(?:spoke|talked)\s+(?:today|yesterday|tonight|earlier|again|briefly|this\s+\w+|regarding|about)\b",
    re.I,
)
_IN_PERSON = re.compile(
    r"\b(?:in\s+person|face[- ]to[- ]face|met|meeting\s+in|margins?|sidelines?|during\s+(?:his|her|their|the)\s+(?:\w+\s+)?visit|"
    r"visit(?:ed|ing)|travell?ed|arrived|hosted|received|welcomed|bilateral\s+meeting)\b",
    re.I,
)
_MODE_VIDEO = re.compile(
    r"\bvideo[\s\-]*(?:conference|call|link|teleconference|meeting)|\bvideoconference|\bvirtual(?:ly)?\b|"
    r"\bonline\s+(?:meeting|talks?|conference|summit)|\bvia\s+video\b",
    re.IGNORECASE,
)
_NOT_PARTICIPANT = re.compile(
    r"(?:accompanied\s+by|attended\s+(?:on\s+the\s+\w+\s+side\s+)?by|message\s+from|on\s+behalf\s+of|"
    r"invitation\s+of|letter\s+from|greetings\s+from|regards\s+(?:from|to))\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    trigger_start: int
    trigger_end: int
    clause_start: int
    clause_end: int
    sentence: Sentence
    participants: list[int]  # entity ids, in order of mention
    subject: list[int]
    mode: str = "in_person"
    name: str | None = None
    name_span: tuple[int, int] | None = None
    from_title: bool = False
    extra: dict = field(default_factory=dict)


_MODAL = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|going\s+to|plans?\s+to|intends?\s+to)\b", re.I
)
_PAST_VERB = re.compile(
    r"^(?:met|meets|held|holds|had|has|have|conducted|hosted|paid|pays|received|receives|conferred|spoke|talked|consulted|granted|discussed|concluded|was|been)\b",
    re.I,
)


#: the first words of the trigger patterns: found first (fast), then the full pattern is
#: tried only where one stands
_TRIGGER_WORD = re.compile(
    r"\b(?i:held|holds|had|has|have|conducted|hosted|hosts|joined|met|meets|meeting|paid|pays|paying|"
    r"received|receives|receiving|made|make|courtesy|granted|given|audience|conferred|spoke|talked|"
    r"consulted|calls|called|welcomed|welcomes|receiving|hosting|welcoming|discussed|reviewed|tackled|addressed|examined|explored|"
    r"considered|following|after|concluded|luncheon|was|were|"
    r"participated|continued|resumed|began|opened|started|took|placed|exchanged|co-chaired|cochaired|"
    r"travelled|traveled|went|flew|by|during|been|talks|and|pleasure|honour|honor|delight|privilege|led|"
    r"delighted|pleased|happy|glad|honoured|honored|wonderful|great|chaired|(?-i:A(?=\s+meeting\s+between))|(?-i:With)|consultations|conversation|call)\b"
)


def _triggers(text: str) -> list[re.Match]:
    out: list[re.Match] = []
    last_end = -1
    for w in _TRIGGER_WORD.finditer(text):
        if w.start() < last_end:
            continue
        m = TRIGGER.match(text, w.start())
        if m:
            out.append(m)
            last_end = m.end()
    return out


#: words naming what was said at a meeting's start ("Remarks ... before their meeting")
_REMARKS_AT = re.compile(
    r"\b(?:remarks|statements?|comments|press\s+(?:availability|conference|encounter)|doorstop)\b",
    re.I,
)


def is_future(text: str, pos: int, clause_start: int) -> bool:
    """Whether the trigger at ``pos`` speaks of an engagement still to come."""
    before = text[max(clause_start, pos - 60) : pos]
    fut = _FUTURE.search(before)
    if (
        fut
        and not (
            # "agreed Tuesday to step up cooperation during talks in Seoul": the talks held
            fut.group(0).lower().startswith("to ")
            and re.match(r"(?:during|after|following)\b", text[pos : pos + 10], re.I)
        )
        and not (
            # "Opening remarks by X before the bilateral meeting with Y": said as it began
            fut.group(0).lower().startswith(("before", "ahead of", "prior to"))
            and _REMARKS_AT.search(text, max(clause_start, pos - 200), pos)
        )
    ):
        return True
    if _PAST_VERB.match(text[pos : pos + 12]):
        return False
    # a noun trigger ("a meeting with") in a sentence whose verb is a modal, not one in
    # a quotation before it ("'... these talks will be helpful,' X said after his call with Y")
    window = max(clause_start, pos - 160)
    quoted = _QUOTE_END.search(text, window, pos)
    if quoted:
        window = quoted.end()
    return bool(_MODAL.search(text[window:pos]))


#: the end of a quotation that a speaker's attribution follows: ',” X said'
_QUOTE_END = re.compile(r"[,.!?][”\"](?!.*[,.!?][”\"])")


#: "..., both of whom joined the meeting virtually": how others joined is not the mode
_RELATIVE = re.compile(r",\s*(?:who|whom|both\s+of\s+whom|which)\b[^,.;]*", re.I)


#: "..., days after the two spoke by phone": another, earlier contact
_OTHER_TIME = re.compile(
    # (from a comma or a word's start only: a start inside a run of spaces was quadratic)
    r"(?:,\s*)?\b(?:\w+\s+){0,2}?(?:after|before|since|following)\s+(?:the\s+two|they|both|he|she)\s+"
    r"(?:had\s+)?(?:spoke|talked|met|held|last)\b[^.;]*"
)


def mode_of(text: str, start: int, end: int) -> str:
    seg = _OTHER_TIME.sub("", text[start:end])
    if _MODE_VIDEO.search(_RELATIVE.sub("", seg)):
        return "video"
    if _MODE_PHONE.search(seg) and not _COURTESY.search(seg):
        return "telephone"
    if _SPOKE.search(seg) and not _IN_PERSON.search(seg):
        return "telephone"
    return "in_person"


_NAME_OK = re.compile(r"[A-Z0-9“\"]")


def _clean_name(raw: str, noun: str) -> str | None:
    raw = raw.strip(" “”\"'")
    name = f"{raw} {noun}".strip() if raw else noun
    name = " ".join(name.split())
    words = name.split()
    if not raw or not _NAME_OK.match(raw):
        return None
    # "Japan-Russia Foreign Ministers’ Meeting": a name is capitalised
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    if caps < max(1, len(words) // 2):
        return None
    if noun[:1].islower() and words[-1][:1].islower():
        name = " ".join(words[:-1] + [words[-1].capitalize()]) if caps >= len(words) - 1 else name
    return name


def find_candidates(
    text: str,
    sents: list[Sentence],
    mentions: list[Mention],
    entities: list[Entity],
    *,
    title_span: tuple[int, int] | None,
    protagonist: int | None = None,
) -> list[Candidate]:
    out: list[Candidate] = []
    last_subject: int | None = protagonist
    labels = _labels(text, mentions)
    speakers = list(dict.fromkeys(e for _at, e in labels if e is not None))
    # one pass of the trigger pattern over the text; each clause looks at its own matches
    triggers = _triggers(text)
    starts = [m.start() for m in triggers]
    live = sorted(
        (x for x in mentions if x.entity >= 0 and not x.possessive), key=lambda x: x.start
    )
    live_starts = [x.start for x in live]

    def live_in(cs: int, ce: int) -> list[Mention]:
        return live[bisect.bisect_left(live_starts, cs) : bisect.bisect_left(live_starts, ce)]

    named: int | None = None  # the first person named in the latest sentence naming one
    for sent in sents:
        before = named
        i0 = bisect.bisect_left(live_starts, sent.start)
        if (
            i0 < len(live)
            and live[i0].start < sent.end
            and live[i0].kind == "name"
            and not PRONOUN_START.match(text, sent.start)
        ):
            named = live[i0].entity  # (a sentence whose subject is "she" keeps the last one)
        a = bisect.bisect_left(starts, sent.start)
        if a >= len(starts) or starts[a] >= sent.end:
            continue  # no trigger word in this sentence
        pieces = _pieces(text, sent)
        for k, (cs, ce) in enumerate(pieces):
            lo, hi = bisect.bisect_left(starts, cs), bisect.bisect_left(starts, ce)
            found = [m for m in triggers[lo:hi] if m.end() <= ce]
            if not found:
                continue
            who = _piece_subject(text, pieces, k, last_subject, before, live_in)
            cand = _candidate(
                text,
                sent,
                cs,
                ce,
                mentions,
                title_span,
                who,
                entities,
                _speaker_at(labels, sent.start),
                found=found,
                in_clause=live_in(cs, ce),
                speakers=speakers,
            )
            if cand is not None:
                out.append(cand)
                if len(cand.subject) == 1 and PRONOUN_START.match(text, cs):
                    named = cand.subject[0]
                if len(cand.subject) == 1:
                    # "EAM also called on Prime Minister Kishida": the last one who met someone
                    last_subject = cand.subject[0]
    out += _held_by_delegations(text, sents, live, out)
    if out and _SERIES.search(text):
        out += _pairs_of_a_series(text, sents, live, entities, out)
    return out or _pair_discussed(text, sents, live, entities)


#: a report of a series of meetings: "held a series of bilateral meetings", "held
#: bilateral meetings with his counterparts"
_SERIES = re.compile(
    r"\b(?:series\s+of|several|a\s+number\s+of|numerous)\s+(?:[\w\-]+\s+){0,2}?(?:meetings|talks|bilaterals)\b"
    r"|\bbilateral\s+meetings\s+with\b"
)


def _pairs_of_a_series(
    text: str,
    sents: list[Sentence],
    live: list[Mention],
    entities: list[Entity],
    found: list[Candidate],
) -> list[Candidate]:
    """In a report of a series of meetings, "A and B exchanged their views on ..." is one
    more of them, when no meeting found already has those two."""
    have = [set(c.participants) for c in found]
    out: list[Candidate] = []
    for sent in sents:
        for a, b, verb in _pairs(text, sent, live, _PAIR_VERB):
            pair = {a.entity, b.entity}
            ca, cb = entities[a.entity].country, entities[b.entity].country
            if (ca is not None and ca == cb) or any(pair <= h for h in have):
                continue
            if is_future(text, verb.end(), sent.start):
                continue
            mode = mode_of(text, sent.start, sent.end)
            out.append(
                Candidate(
                    verb.start(), verb.end(), sent.start, sent.end, sent,
                    [a.entity, b.entity], [a.entity], mode, None, None, False,
                )
            )  # fmt: skip
            have.append(pair)
    return out


#: consultations told as an event: "the first political consultations ... were held in the
#: format of a video conference", "Tehran hosted the fifth round of political consultations"
_EVENT_HELD = re.compile(
    r"\b(?i:consultations|talks|dialogue|meeting|session|round)\b[^.;]{0,160}?\b(?:was|were)\s+held\b"
    r"|\bhosted\s+the\s+[^.;]{0,80}?\b(?:consultations|talks|dialogue)\b"
)
#: who led each side, told after it: "The Belarusian delegation was headed by X",
#: "attended by Deputy Foreign Minister X and Deputy Foreign Minister Y", "X ... and Y ...
#: took part in the political consultations"
_HEADED_BY = re.compile(
    r"\b(?:headed|led|chaired|co-?chaired)\s+by\b|\battended\s+by\b|\btook\s+part\s+in\s+the\b|"
    r"\bparticipated\s+in\s+the\b|\bled\s+the\s+(?:\w+\s+)?delegations?\b"
)
#: sentences after an event in which its delegations' heads may be named
DELEGATION_LOOKAHEAD = 3  # calibrated on agency and ministry reports of consultations


def _held_by_delegations(
    text: str, sents: list[Sentence], live: list[Mention], found: list[Candidate]
) -> list[Candidate]:
    """Consultations reported as an event with no one in its sentence, their sides' heads
    named in the sentences after it (one engagement of those heads)."""
    out: list[Candidate] = []
    taken = {c.sentence.start for c in found}
    for k, sent in enumerate(sents):
        if sent.start in taken:
            continue
        m = _EVENT_HELD.search(text, sent.start, sent.end)
        if m is None or is_future(text, m.start(), sent.start) or _RECALLED.match(text, sent.start):
            continue
        if any(sent.start <= x.start < sent.end and x.kind == "name" for x in live):
            continue
        if PAST_CONTEXT.search(text, sent.start, sent.end):
            continue
        heads: list[int] = []
        for nxt in sents[k + 1 : k + 1 + DELEGATION_LOOKAHEAD]:
            if nxt.start in taken:
                continue
            if not _HEADED_BY.search(text, nxt.start, nxt.end):
                # "President Yameen and Prime Minister Sharif stressed ...": the two of the
                # talks, the subject of what they said
                heads += [x for x in _pair_subject(text, nxt, live) if x not in heads]
                continue
            heads += [
                x.entity
                for x in live
                if nxt.start <= x.start < nxt.end and x.kind == "name" and x.entity not in heads
            ]
        if len(heads) < 2:
            continue
        cand = Candidate(
            m.start(),
            m.end(),
            sent.start,
            sent.end,
            sent,
            heads,
            heads[:1],
            mode_of(text, sent.start, sent.end),
            None,
            None,
            False,
        )
        cand.extra["object"] = heads[1:]
        out.append(cand)
    return out


#: a news lead whose subject is the two who met: "Sergei Lavrov and Wang Yi discussed
#: cooperation", "A and his counterpart B reviewed ...", "..., A and B, agreed to ..."
_PAIR_VERB = re.compile(
    r"\s*,?\s*(?:(?:on|this|last)\s+\w+\s+|today\s+|yesterday\s+)?(?:have\s+|had\s+)?"
    r"(?:discussed|reviewed|agreed|exchanged\s+(?:their\s+)?views|pledged|vowed)\b"
)
#: what stands between the two: "A and B", "A and his counterpart B", "A and Peru's B"
_PAIR_GAP = re.compile(
    r",?\s+and\s+(?:(?:his|her|their)\s+(?:[\w\-]+\s+){0,3}?counterpart,?\s+|"
    r"(?:the\s+)?[A-Z][\w\-]+(?:['’]s)?\s+)?"
)
#: what two who met do together in a sentence after their talks were told
_PAIR_SAID = re.compile(
    r"\s*,?\s*(?:also\s+)?(?:discussed|reviewed|agreed|exchanged\s+(?:their\s+)?views|stressed|underlined|"
    r"emphasi[sz]ed|expressed|noted|reaffirmed|welcomed)\b"
)


def _pairs(
    text: str, sent: Sentence, live: list[Mention], verb: re.Pattern[str]
) -> Iterator[tuple[Mention, Mention, re.Match[str]]]:
    """Two named people of ``sent`` written "A and B" right before ``verb`` (its
    subject), with the verb's match."""
    names = [x for x in live if sent.start <= x.start < sent.end and x.kind == "name"]
    for a, b in zip(names, names[1:], strict=False):
        vm = verb.match(text, b.end, sent.end)
        if vm and a.entity != b.entity and _PAIR_GAP.fullmatch(text[a.end : b.start]):
            yield a, b, vm


def _pair_subject(text: str, sent: Sentence, live: list[Mention]) -> list[int]:
    """The two named people "A and B" who are the subject of ``sent``, else []."""
    return next(([a.entity, b.entity] for a, b, _v in _pairs(text, sent, live, _PAIR_SAID)), [])


#: how far into a text its lead may be: the headline and first paragraph of a news
#: report (the agency and ministry news leads read while writing this were under 400)
NEWS_LEAD_CHARS = 600


def _pair_discussed(
    text: str, sents: list[Sentence], live: list[Mention], entities: list[Entity]
) -> list[Candidate]:
    """A text with no meeting told by a verb of meeting whose lead makes two people (not
    known to be of one country) the subject of what they discussed or agreed: one
    engagement of them (the news reports it as done, so it was held)."""
    for sent in sents:
        if sent.start >= NEWS_LEAD_CHARS:
            break
        for a, b, verb in _pairs(text, sent, live, _PAIR_VERB):
            ca, cb = entities[a.entity].country, entities[b.entity].country
            if (ca is not None and ca == cb) or is_future(text, verb.end(), sent.start):
                continue
            cand = Candidate(
                verb.start(),
                verb.end(),
                sent.start,
                sent.end,
                sent,
                [a.entity, b.entity],
                [a.entity, b.entity],
                mode_of(text, sent.start, sent.end),
                None,
                None,
                False,
            )
            return [cand]
    return []


def _piece_subject(
    text: str,
    pieces: list[tuple[int, int]],
    k: int,
    last_subject: int | None,
    before: int | None,
    live_in: Callable[[int, int], list[Mention]],
) -> int | None:
    """Who is the subject of a sentence's ``k``-th piece when it names none: the last one
    who met someone, the one the sentence before named (for a "she"), or the first person
    of the sentence's first piece."""
    cs = pieces[k][0]
    who = last_subject
    if before is not None and PRONOUN_START.match(text, cs):
        # "... arrived in Tokyo. On 3 June she held talks with X": she is the one
        # the sentence before named
        who = before
    if k > 0:
        # "Blinken visited the Philippines and met with President Marcos": the
        # subject of the sentence's first piece goes on into the next
        first = live_in(*pieces[0])
        if first and first[0].kind == "name" and not PRONOUN_START.match(text, pieces[0][0]):
            who = first[0].entity
    return who


def _labels(text: str, mentions: list[Mention]) -> list[tuple[int, int | None]]:
    """Where each speaker's words begin, and the speaker's entity (None if not known): a
    transcript's labels, and "Foreign Secretary William Hague said:" before a quotation
    (its "I" is Hague); in the order of the text."""

    def entity_in(start: int, end: int) -> int | None:
        return next((x.entity for x in mentions if start <= x.start < end and x.entity >= 0), None)

    labels = [
        (m.start(), entity_in(m.start(), m.end()))
        for rx in (SPEAKER_LABEL, _TITLED_LABEL)
        for m in rx.finditer(text)
    ]
    labels += [
        (m.start("who"), entity_in(m.start("who"), m.end("who")))
        for m in _SAID_LABEL.finditer(text)
    ]
    labels.sort(key=lambda x: x[0])
    return labels


def _speaker_at(labels: list[tuple[int, int | None]], pos: int) -> int | None:
    """Who speaks at ``pos``: the entity of the last label before it."""
    cur = None
    for at, ent in labels:
        if at > pos:
            break
        cur = ent
    return cur


#: a clause whose subject is "he" or "she", after an opening adverbial
#: a speaker's own "we had", "I had", "we've just had" before a meeting noun
_WE_HAD = re.compile(r"\b(?:[Ww]e|I)(?:\s+(?:have|['’]ve))?(?:\s+just)?\s*$")

#: a transcript's speaker in title case: "Prime Minister Carney: Thank you ...", and a
#: name then its office: "Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs: During ..."
_TITLED_LABEL = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][\w.’'\-]+[ \t]+){1,4}[A-Z][\w.’'\-]+[ \t]*:(?=[ \t])"
    r"|^[ \t]*(?:[A-Z][\w.’'\-]+[ \t]+){1,3}[A-Z][\w.’'\-]+,[ \t]+[A-Z][\w’'\-]*"
    r"(?:[ \t]+(?:[A-Z][\w’'\-]*|of|for|and|the|on)){0,8}[ \t]*:(?=[ \t])"
)
#: a speaker's label on one line ("Secretary Blinken said:"): the words from a word's
#: start (never from a capital inside "AaaAaa…") and only spaces or tabs between them, so
#: a hostile run of capitalised words or newlines is scanned once (tests/test_fuzz_budget)
_SAID_LABEL = re.compile(
    r"(?m)(?<![\w.\-’'])(?P<who>(?:[A-Z][\w.\-’']*[ \t]+){1,5}[A-Z][\w.\-’']*)"
    r"[ \t]+(?:said|stated|remarked|told[ \t]+reporters)[ \t]*:[ \t]*$"
)


#: where a sentence goes on to another meeting: "; ", or "and (also) met / held / paid";
#: the spaces before "and" are matched from their start only (``(?<!\s)``: the same
#: matches, without retrying a run of 100,000 spaces from each of them)
_NEXT_MEETING = re.compile(
    r";\s+|,?(?<!\s)\s+and\s+(?=(?:then\s+|also\s+|later\s+)?(?:met|paid|called\s+on|"
    # "had an audience with the Sultan and was hosted to lunch by his counterpart"
    r"was\s+(?:also\s+)?(?:hosted|received|entertained)|had\s+an?\s+(?:audience|meeting|call)|"
    # "called on President X, and held meetings with A, B and C"
    r"held\s+(?:[\w\-]+\s+)?(?:meetings|talks))\b)"
)


def _pieces(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """A sentence split where it goes on to another meeting (an itinerary lists one
    meeting a piece: "was received by A and met with his counterpart B")."""
    out = []
    s = sent.start
    for m in _NEXT_MEETING.finditer(text[sent.start : sent.end]):
        if _in_parenthesis(text, sent.start, sent.start + m.start()):
            continue
        if m.group(0).startswith(";"):
            nxt = text.find(";", sent.start + m.end(), sent.end)
            if not _triggers(text[sent.start + m.end() : nxt if nxt >= 0 else sent.end]):
                continue  # "... with A; the President of France, B; and ...": a list
        out.append((s, sent.start + m.start()))
        s = sent.start + m.end()
    out.append((s, sent.end))
    return out


def _principal_mentions(
    text: str, cs: int, in_clause: list[Mention], entities: list[Entity] | None
) -> list[Mention]:
    """The mentions of a clause that can be principals: names, and offices that stand
    for someone (not "accompanied by", not in parentheses)."""
    ms = [
        x for x in in_clause if not _NOT_PARTICIPANT.search(text[max(cs, x.start - 50) : x.start])
    ]
    return [
        x
        for x in ms
        if x.kind == "name"
        or (not _in_parenthesis(text, cs, x.start) and _standalone_office(text, x))
        or _named_by_office(text, x, entities)
        # "with his Qatari counterpart": an unnamed counterpart of that country
        or (
            x.kind == "office"
            and x.country is not None
            and text[x.start : x.end].endswith("counterpart")
            and re.search(r"\b(?:his|her|their)\s+$", text[max(cs, x.start - 7) : x.start])
            is not None
            and not re.match(r"\s*,\s*(?:H\.E\.|[A-Z])", text[x.end : x.end + 8])  # ", Minister X"
        )
    ]


def _candidate(
    text: str,
    sent: Sentence,
    cs: int,
    ce: int,
    mentions: list[Mention],
    title_span: tuple[int, int] | None,
    protagonist: int | None,
    entities: list[Entity] | None = None,
    speaker: int | None = None,
    *,
    found: list[re.Match] | None = None,
    in_clause: list[Mention] | None = None,
    speakers: list[int] | None = None,
) -> Candidate | None:
    if in_clause is None:
        in_clause = [
            x for x in mentions if cs <= x.start < ce and x.entity >= 0 and not x.possessive
        ]
    if (
        not in_clause
        and protagonist is None
        and speaker is None
        and not _OFFICE_PLURAL_RE.search(text, cs, ce)
    ):
        return None
    for m in found if found is not None else TRIGGER.finditer(text, cs, ce):
        if _not_reported_here(text, sent, cs, ce, m):
            continue
        ms = _principal_mentions(text, cs, in_clause, entities)
        if not ms:
            unnamed = _speakers_meeting(text, sent, cs, ce, m, speaker, speakers)
            unnamed = unnamed or _two_named_before(text, sent, cs, ce, m, mentions)
            unnamed = unnamed or _countries_meeting(text, sent, cs, ce, m, entities)
            if unnamed is not None:
                return unnamed
            continue
        subj, obj, by_country = _sides(text, cs, ce, m, ms, entities, protagonist, speaker)
        parts = _unique(subj + obj)
        if not parts or (m.group(0).startswith("chaired") and len(parts) < 2):
            continue  # one chair of a meeting of many is no meeting of two
        if m.group(0).lower().startswith("call") and len(parts) < 2:
            continue  # "called on Sweden to respect the law": an appeal, not a call on someone
        if m.group("spoke") and len(subj) < 2:
            continue  # "A and B spoke today" is a call; "A spoke today" a speech
        name, name_span = _name_of(text, cs, m, ms)
        from_title = bool(title_span and title_span[0] <= m.start() < title_span[1])
        mode = mode_of(text, cs, ce)
        cand = Candidate(
            m.start(), m.end(), cs, ce, sent, parts, subj, mode, name, name_span, from_title
        )
        cand.extra["object"] = obj
        cand.extra["object_list"] = (
            _is_list_of_titled(text, ms, obj, m.end())
            and not _JOINTLY.match(text, m.end(), ce)
            and not _JOINTLY.search(text, max(cs, m.start() - 12), m.start() + 1)
        ) or (len(by_country) >= 2 and not _JOINT.search(text, cs, ce))
        # "his counterparts from India, Indonesia and Brazil": the other side's countries
        cand.extra["listed"] = frozenset(
            c for i in by_country if entities is not None and (c := entities[i].country)
        )
        return cand
    return None


#: "the two Presidents held talks", "both ministers discussed": the two just named
_THE_TWO = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[A-Z]?[a-z]+\s+){0,2}?(?:[Pp]residents|[Ll]eaders|[Mm]inisters|"
    r"[Ss]ecretaries|[Cc]hancellors|[Pp]remiers|[Ss]ides|[Hh]eads\s+of\s+[Ss]tate)\s*$"
)


def _two_named_before(
    text: str, sent: Sentence, cs: int, ce: int, m: re.Match, mentions: list[Mention]
) -> Candidate | None:
    """ "During the visit, the two Presidents held talks": a meeting of the two just named."""
    two = _the_two(text, cs, m, mentions)
    if not two:
        return None
    name, name_span = _name_of(text, cs, m, [])
    mode = mode_of(text, cs, ce)
    cand = Candidate(m.start(), m.end(), cs, ce, sent, two, two[:1], mode, name, name_span, False)
    cand.extra["object"] = two[1:]
    return cand


def _the_two(text: str, cs: int, m: re.Match, mentions: list[Mention]) -> list[int]:
    """The two people "the two Presidents" before a trigger stand for: the last two named
    before it in its paragraph, when they are two."""
    # ("the two Presidents" ends right before the verb: a short window, not the clause,
    # or each trigger of a long clause rescans it)
    if not _THE_TWO.search(text, max(cs, m.start() - 80), m.start()):
        return []
    para = text.rfind("\n", 0, cs) + 1
    out: list[int] = []
    for x in sorted(mentions, key=lambda x: -x.start):
        if x.end > cs or x.start < para:
            continue
        if x.kind == "name" and x.entity >= 0 and not x.possessive and x.entity not in out:
            out.append(x.entity)
        if len(out) == 2:
            return out[::-1]
    return []


def _countries_meeting(
    text: str, sent: Sentence, cs: int, ce: int, m: re.Match, entities: list[Entity] | None
) -> Candidate | None:
    """ "The foreign ministers of Azerbaijan and Armenia met": a meeting of people the
    clause names only by office and country."""
    if entities is None:
        return None
    subj = _subjects_by_country(text, cs, m.start(), entities)
    if len(subj) < 2:
        return None
    name, name_span = _name_of(text, cs, m, [])
    cand = Candidate(
        m.start(), m.end(), cs, ce, sent, subj, subj, mode_of(text, cs, ce), name, name_span, False
    )
    cand.extra["object"] = []
    return cand


def _speakers_meeting(
    text: str,
    sent: Sentence,
    cs: int,
    ce: int,
    m: re.Match,
    speaker: int | None,
    speakers: list[int] | None,
) -> Candidate | None:
    """A transcript: "We had a very productive meeting this morning" is the speaker's
    meeting with whoever else speaks."""
    others = [x for x in speakers or [] if x != speaker]
    if speaker is None or not others or not _WE_HAD.search(text, cs, m.start()):
        return None
    return Candidate(
        m.start(),
        m.end(),
        cs,
        ce,
        sent,
        [speaker, *others],
        [speaker],
        mode_of(text, cs, ce),
        None,
        None,
        False,
    )


def _not_reported_here(text: str, sent: Sentence, cs: int, ce: int, m: re.Match) -> bool:
    """Whether a trigger tells of a meeting to come, one reported by others, or an
    earlier or recalled one."""
    if is_future(text, m.start(), cs) or _REPORTED.search(text, cs, m.start()):
        return True
    if PAST_CONTEXT.search(text, max(cs, m.start() - 40), min(ce, m.end() + 12)):
        return True  # "Lavrov had previously met Qin Gang in New Delhi": another, earlier meeting
    # "Last month, Blinken visited the Philippines and met ...": recalled
    return bool(_RECALLED.match(text, sent.start, m.start()))


def _sides(
    text: str,
    cs: int,
    ce: int,
    m: re.Match,
    ms: list[Mention],
    entities: list[Entity] | None,
    protagonist: int | None,
    speaker: int | None,
) -> tuple[list[int], list[int], list[int]]:
    """Who met (the subject) and whom (the object) at trigger ``m``, and the counterparts
    the clause names only by country."""
    subj_ms = [x for x in ms if x.end <= m.start()]
    obj_ms = [x for x in ms if x.start >= m.start() and x.end > m.start()]
    speaking = speaker is not None and (
        m.group("with_we") is not None
        or re.search(r"\b(?:I|we|We)\b", text[cs : m.start()])
        # "It is a great honour to welcome ...": the speaker welcomes
        or re.match(
            r"(?:pleasure|honou?r|delight|privilege|delighted|pleased|happy|glad|honou?red|"
            r"wonderful|great)\b",
            m.group(0),
        )
    )
    obj = _side(text, obj_ms)
    # "The Prime Minister met Prime Minister Kishida": the office alone is someone else
    for x in subj_ms:
        if x.kind == "office" and x.entity in obj and entities is not None:
            ent = Entity(len(entities), None, None, x.title, None, None, [x])
            entities.append(ent)
            entities[x.entity].mentions.remove(x)
            x.entity = ent.id
    subj = _side(text, subj_ms, reverse=True)[::-1]  # back in the order written
    if speaking and speaker not in subj:
        subj.append(speaker)  # "Secretary Austin and I just concluded ...": I is the speaker
    if not subj and speaker is None and entities is not None:
        me = _FIRST_PERSON.search(text, cs, m.start())
        if me and protagonist is not None and protagonist not in obj and _BYLINE.search(text):
            subj = [protagonist]  # "Press statement by Prime Minister Holm": he is the "I"
        elif me:
            subj = [_narrator(entities, me.start(1), me.end(1))]
    obj = [e for e in obj if e not in subj]
    if entities is not None and (not subj or len(subj) >= 2):
        # "The foreign ministers of Azerbaijan and Armenia met": unnamed, by country;
        # "..., Elmar Mammadyarov and Edward Nalbandian, met": those two, of those countries
        subj = _subjects_by_country(text, cs, m.start(), entities) or subj
    if not subj and obj and _DURING_MEETING.search(text, max(cs, m.start() - 30), m.end()):
        subj, obj = _fronted_subject(text, m, ms, obj)
    if not subj and obj and protagonist is not None and protagonist not in obj:
        subj = [protagonist]
    if not obj and len(subj) == 1 and _THEIR_MEETING.match(m.group(0)):
        # "A has invited his counterpart B ... after their talks": "their" is A and B,
        # whatever stands between them
        subj = _unique([x.entity for x in subj_ms if x.kind == "name"]) or subj
    # "... held consultations together with Minister X and her counterpart Y"
    obj += [
        x.entity
        for x in ms
        if x.start > m.end()
        and x.entity not in subj + obj
        and _TOGETHER.search(text, max(cs, x.start - 120), x.start)
    ]
    by_country = (
        _counterparts_by_country(text, m.end(), ce, entities, subj)
        if entities is not None and subj
        else []
    )
    obj += [e for e in by_country if e not in obj]
    return subj, obj, by_country


def _name_of(
    text: str, cs: int, m: re.Match, ms: list[Mention]
) -> tuple[str | None, tuple[int, int] | None]:
    """The meeting's own name at trigger ``m`` and its span ("the 15th Japan-China
    Strategic Dialogue was held"), unless people are named inside it."""
    name = None
    name_span = None
    named_inside = (
        any(m.start("name") <= x.start < m.end("name") for x in ms) if m.group("noun") else False
    )
    if m.group("noun") and m.group("name") is not None and not named_inside:
        name = _clean_name(m.group("name"), m.group("noun"))
        if name:
            name_span = (m.start("name"), m.end("noun"))
    elif m.group("passive"):
        # "the 15th Japan-China Strategic Dialogue was held ... between A and B"
        nm = _PASSIVE_NAME.search(text, cs, m.start())
        if nm:
            name, name_span = nm.group("n").strip(), (nm.start("n"), nm.end("n"))
    return name, name_span


#: "I travelled to London to meet ...", "We had a good meeting with ...": the narrator of a
#: statement or an answer is the one who met (nothing but a few words between)
_FIRST_PERSON = re.compile(r"(?:^|(?<=[\s,;(]))(I|We)\s+(?:\w+\s+){0,2}$", re.M)


#: a headline naming who speaks: "Statement by Prime Minister X", "Remarks by ..."
_BYLINE = re.compile(
    r"\A\s*(?:[^\n]{0,60}\b)?(?:[Ss]tatement|[Rr]emarks|[Mm]essage|[Aa]ddress|[Ss]peech|[Oo]p-ed|[Aa]rticle)s?\s+by\s+[A-Z]"
)


def _narrator(entities: list[Entity], start: int, end: int) -> int:
    """The entity of the document's first-person narrator (one per document)."""
    for e in entities:
        if e.title is None and e.name is None and e.mentions and e.mentions[0].kind == "narrator":
            return e.id
    return _new_entity(entities, Mention(start, end, None, None, None, None, None, "narrator"))


def _new_entity(entities: list[Entity], mention: Mention) -> int:
    """A new entity named by ``mention`` alone (its name, title and country); its id."""
    m = mention
    ent = Entity(len(entities), m.name, m.family, m.title, m.country, m.organization, [m])
    m.entity = ent.id
    entities.append(ent)
    return ent.id


#: people who joined the meeting beside its principals (not "accompanied by")
_TOGETHER = re.compile(
    r"\b(?:together\s+with|along\s+with|joined\s+by)\s+(?:[^,.;]{0,50}?\band\s+)?(?:(?:his|her|their)\s+)?"
    r"(?:[\w\-]+\s+){0,6}$"
)


#: "met his counterparts from India and Indonesia": counterparts named only by country
_COUNTERPARTS_FROM = re.compile(
    r"\b(?:(?:his|her|their)\s+(?:[\w\-]+\s+){0,2}?counterparts?"
    # "met with foreign ministers from Finland, Belgium and Sweden", "held talks with the
    # leaders of Ghana, Senegal and Nigeria"
    r"|(?<=with\s)(?:the\s+)?(?:(?:foreign|defen[cs]e|trade|finance|prime)\s+ministers|leaders|presidents"
    r"|heads\s+of\s+(?:state|government)))"
    r"\s+(?:from|of)\s+(?P<list>[^.;:()]{3,200})"
)
#: "met his Uzbek and Kazakh counterparts": counterparts named by their countries'
#: adjectives, two or more
_ADJECTIVE_COUNTERPARTS = re.compile(
    r"\b(?:his|her|their)\s+(?P<list>[A-Z][\w\-]+(?:\s*,\s*[A-Z][\w\-]+)*,?\s+and\s+[A-Z][\w\-]+)"
    r"\s+(?:[a-z]+\s+)?counterparts\b"
)
#: one meeting of all, not one meeting with each
_JOINT = re.compile(
    r"\b(?:video\s*(?:tele)?conference|virtual\s+meeting|trilateral|quadrilateral|joint\s+meeting|together|jointly)\b",
    re.I,
)


#: "met jointly with A and B", "together met A and B": one meeting of all three
_JOINTLY = re.compile(r"\s*(?:jointly|together)\b|(?:jointly|together)\s+$", re.I)


def _counterparts_by_country(
    text: str, start: int, end: int, entities: list[Entity], subj: list[int]
) -> list[int]:
    """Entities for counterparts the text names by their countries ("counterparts from A
    and B"): the person named right after a country ("from Ghana, Samuel Mensah, and
    Senegal, Awa Ndiaye"), else one unnamed and of that country, holding the subject's
    office."""
    cm = _COUNTERPARTS_FROM.search(text, start, end) or _ADJECTIVE_COUNTERPARTS.search(
        text, start, end
    )
    if cm is None:
        return []
    words = re.findall(r"[\w’'\-.]+|,", cm.group("list"))
    lowers = [w.lower().rstrip(".") for w in words]
    hits = lx.find_countries(lowers)
    if not hits or hits[0][0] != 0 and lowers[0] != "the":
        return []
    office = next((entities[i].title for i in subj if entities[i].title), None)
    title = f"counterpart of the {office}" if office else "counterpart"
    named = sorted(
        (m.start, m.end, e.id)
        for e in entities
        if e.name is not None
        for m in e.mentions
        if cm.start("list") <= m.start < end and m.kind == "name"
    )
    out: list[int] = []
    pos = cm.start("list")
    for a, b, iso in hits:
        phrase = " ".join(words[a:b])
        at = text.find(words[a], pos, end)
        if at < 0:
            break
        gap = text[pos:at]
        for s0, e0, _id in named:
            if pos <= s0 and e0 <= at:
                gap = gap.replace(text[s0:e0], " ")  # "Ghana, Samuel Mensah, and Senegal"
        if out and any(
            w not in (",", "and", "the", "&") for w in re.findall(r"[\w’'\-.]+|,", gap.lower())
        ):
            break  # the list of countries has ended
        pos = at + len(phrase)
        appos = next(
            (
                i
                for s0, _e0, i in named
                if re.fullmatch(r"\s*,\s*", text[pos:s0] if s0 >= pos else "x")
            ),
            None,
        )
        if appos is None:
            appos = _apposed_name(text, pos, end, entities, title, iso)
        if appos is not None:
            ent = entities[appos]
            ent.country = ent.country or iso
            out.append(appos)
            pos = max(pos, max((m.end for m in ent.mentions if m.start >= pos), default=pos))
            continue
        out.append(_unnamed_counterpart(entities, iso, title, at, at + len(phrase)))
    return out


#: "The foreign ministers of A and B", "The Indian and Japanese prime ministers": the
#: subject of a meeting named only by office and countries (plural), before its verb
_OFFICE_PLURAL = (
    r"(?P<office>(?:[Ff]oreign|[Dd]efen[cs]e|[Tt]rade|[Ff]inance|[Pp]rime|[Dd]eputy\s+[Ff]oreign)\s+[Mm]inisters"
    r"|[Ll]eaders|[Pp]residents|[Hh]eads\s+of\s+(?:[Ss]tate|[Gg]overnment)|[Ff]oreign\s+[Ss]ecretaries)"
)
_OFFICE_PLURAL_RE = re.compile(_OFFICE_PLURAL)
#: how far before its verb such a subject is looked for: "The foreign ministers of" + a
#: list of countries + an apposition of names is under 250 characters in readouts, and a
#: search from the clause's start on each trigger was quadratic on hostile text
SUBJECT_BY_COUNTRY_CHARS = 300
_SUBJECT_BY_COUNTRY = re.compile(
    rf"(?:^|(?<=[\s,;(]))[Tt]he\s+(?:{_OFFICE_PLURAL}\s+of\s+(?:the\s+)?(?P<list>[^.;:()]{{3,120}}?)"
    rf"|(?P<adjs>[A-Z][\w\-]+(?:\s*,\s*[A-Z][\w\-]+)*,?\s+and\s+[A-Z][\w\-]+)\s+{_OFFICE_PLURAL.replace('office', 'office2')})"
    r"(?:\s*,(?P<appos>[^.;]{3,80}),)?\s+(?:(?:have|had|also|today|yesterday|then|on\s+\w+(?:\s+\d+)?)\s+){0,2}$"
)


def _subjects_by_country(text: str, cs: int, at: int, entities: list[Entity]) -> list[int]:
    """Unnamed entities, one per country, for a subject that names only an office and
    its countries right before the trigger at ``at`` ("The foreign ministers of A and B
    met"); none unless every word of the list is a country or a joint."""
    start = max(cs, at - SUBJECT_BY_COUNTRY_CHARS)
    if not _OFFICE_PLURAL_RE.search(text, start, at):
        return []
    sm = _SUBJECT_BY_COUNTRY.search(text, start, at)
    if sm is None:
        return []
    group = "list" if sm.group("list") else "adjs"
    words = re.findall(r"[\w’'\-.]+|,", sm.group(group))
    lowers = [w.lower().rstrip(".") for w in words]
    hits = lx.find_countries(lowers)
    covered = {i for a, b, _iso in hits for i in range(a, b)}
    joints = {",", "and", "&", "the"}
    if len(hits) < 2 or any(i not in covered and w not in joints for i, w in enumerate(lowers)):
        return []
    if sm.group("appos"):
        return _apposed_by_country(sm, [iso for _a, _b, iso in hits], entities)
    office = " ".join((sm.group("office") or sm.group("office2")).split())
    title = re.sub(r"(?:ies|s)\b", lambda x: "y" if x.group(0) == "ies" else "", office, count=1)
    title = " ".join(w if w == "of" else w.capitalize() for w in title.split())
    pos = sm.start(group)
    out: list[int] = []
    for a, b, iso in hits:
        at_ = text.find(words[a], pos)
        pos = at_ + len(" ".join(words[a:b]))
        out.append(_unnamed_counterpart(entities, iso, title, at_, pos))
    return _unique(out)


def _apposed_by_country(sm: re.Match, isos: list[str], entities: list[Entity]) -> list[int]:
    """ "The foreign ministers of A and B, X and Y, met": X and Y, of A and B in that
    order, when the apposition names as many people as there are countries."""
    a, b = sm.span("appos")
    named = sorted(
        (x.start, e.id)
        for e in entities
        if e.name is not None
        for x in e.mentions
        if a <= x.start < b and x.kind == "name"
    )
    ids = list(dict.fromkeys(i for _s, i in named)) or _apposed_names(sm, entities, len(isos))
    if len(ids) != len(isos):
        return []
    for i, iso in zip(ids, isos, strict=True):
        entities[i].country = entities[i].country or iso
    return ids


def _apposed_names(sm: re.Match, entities: list[Entity], n: int) -> list[int]:
    """New entities for an apposition that lists ``n`` bare full names ("Liis Tamberg
    and Davit Kvirkadze"), none of them found before; none if any part is no name."""
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", sm.group("appos").strip())
    if len(parts) != n or not all(
        2 <= len(p.split()) <= 3
        and all(re.fullmatch(r"[A-Z][\w’'\-]+", w) for w in p.split())
        and people.plain_name(p.split())
        for p in parts
    ):
        return []
    out: list[int] = []
    at = sm.start("appos")
    for part in parts:
        s0 = sm.string.find(part, at)
        at = s0 + len(part)
        name, family = names.normalise(part.split())
        out.append(_new_entity(entities, Mention(s0, at, name, family, None, None, None, "name")))
    return out


def _unnamed_counterpart(entities: list[Entity], iso: str, title: str, start: int, end: int) -> int:
    """The entity of the counterpart from ``iso`` a text names by country only (one per
    country; made, with a mention at ``text[start:end]``, the first time)."""
    known = next(
        (
            e
            for e in entities
            if e.name is None
            and e.country == iso
            and e.mentions
            and e.mentions[0].kind == "counterpart"
        ),
        None,
    )
    if known is None:
        return _new_entity(
            entities, Mention(start, end, None, None, title, iso, None, "counterpart")
        )
    return known.id


#: a name set off by commas right after a country: "from Ghana, Samuel Mensah, and ..."
_APPOSED = re.compile(
    r",\s+(?P<n>(?:[A-Z][\w.’'\-]+\s+){1,3}[A-Z][\w’'\-]+)(?=\s*(?:,|\band\b|\.|;|$))"
)


def _apposed_name(
    text: str, pos: int, end: int, entities: list[Entity], title: str, iso: str
) -> int | None:
    """A new named entity for a name written in apposition after a country at ``pos``."""
    m = _APPOSED.match(text, pos, end)
    if m is None:
        return None
    words = m.group("n").split()
    if any(
        w.lower() in lx.title_vocab()
        or w.lower() in lx.not_names()
        or lx.lookup_country([w.lower()])
        for w in words
    ):
        return None
    name, family = names.normalise(words)
    return _new_entity(
        entities, Mention(m.start("n"), m.end("n"), name, family, title, iso, None, "name")
    )


def _side(text: str, ms: list[Mention], *, reverse: bool = False) -> list[int]:
    """The people of one side: the nearest to the trigger and those listed with it."""
    ms = sorted(ms, key=lambda x: x.start, reverse=reverse)
    out: list[int] = []
    prev: Mention | None = None
    for x in ms:
        if prev is not None:
            a, b = (x, prev) if reverse else (prev, x)
            if a.end > b.start:
                continue
            gap = re.sub(r"\([^()]*\)", " ", text[a.end : b.start])
            gap = re.sub(r"\b(?:H\.\s?E|Mr|Ms|Mrs|Dr|Prof)\.", " ", gap)  # "..., and H. E. Jose"
            gap = re.sub(
                r"(?<=[A-Z][a-z])([a-z]*)['’]s\b", r"\1", gap
            )  # "... and Pakistan's Adviser"
            if any(w not in _LIST_GAP_WORDS for w in re.findall(r"\b[a-z][a-z\-]*\b", gap)):
                break
            if re.search(r"[.;:]\s", gap):
                break
        if x.entity not in out:
            out.append(x.entity)
        prev = x
    return out


#: a sentence that opens on an earlier time recalls an earlier meeting, not this one
_RECALLED = re.compile(r"\W*(?:Last|Earlier\s+this|Earlier\s+last)\s+(?:week|month|year)\b")
#: "she stated that she held the G7 meeting ...": an engagement told in reported speech is
#: another event than the one the readout reports
_REPORTED = re.compile(r"\b(?:stated|said|noted|explained|recalled|mentioned|added)\s+that\b")
_DURING_MEETING = re.compile(
    r"\b(?:[Dd]uring|[Ii]n|[Aa]t)\s+(?:his|her|their|the)\s+(?:\w+\s+)?meeting\s+with\b"
    # "After meeting X in Berlin, Y said", "Speaking after talks with X, Y said"
    r"|\b(?:[Aa]fter|[Ff]ollowing)\s+(?:(?:his|her|a|the)\s+)?(?:[\w\-]+\s+)?(?:meeting|talks|call|conversation)\b"
)


def _fronted_subject(
    text: str, m: re.Match, ms: list[Mention], obj: list[int]
) -> tuple[list[int], list[int]]:
    """(subject, object) of a meeting told in a phrase before its subject ("During his
    meeting with Chancellor Scholz ..., Prime Minister Meloni stressed", "After meeting X
    in Berlin, Y said"): the first person after the phrase's comma, else the last one
    the object's list took in after that comma."""
    after = [x for x in ms if x.entity not in obj and x.start > m.end()]
    if after:
        return [min(after, key=lambda x: x.start).entity], obj
    comma = text.find(",", m.end())
    last = [x for x in ms if x.entity == obj[-1]]
    if len(obj) >= 2 and comma >= 0 and last and min(x.start for x in last) > comma:
        return [obj[-1]], obj[:-1]
    return [], obj


#: "after their talks", "following their meeting": a meeting of the people already named
_THEIR_MEETING = re.compile(r"(?:after|following)\s+their\s", re.I)
_PASSIVE_NAME = re.compile(
    r"(?:\bthe\s+|^|,\s+)(?P<n>(?:(?:\d+(?:st|nd|rd|th)|[A-Z][\w.\-’'+()]*|of|and|on|for)\s+){1,12}?)$"
)


def _standalone_office(text: str, m: Mention) -> bool:
    """ "The Prime Minister met ...": an office standing for its holder, not part of a name."""
    title = re.sub(
        r"\s+(?:in|at)\s+(?:the\s+)?[A-Z].*$", "", m.title or ""
    )  # "... in Downing Street"
    title = re.sub(r"\s+of\s+(?:the\s+)?[A-Z][\w.\- ]*$", "", title)  # "... of Japan"
    if office_key(title) is None:
        # "The Secretary this evening met with ...": a bare office opening a sentence is
        # the publisher's own principal
        lead = text[max(0, m.start - 6) : m.start]
        return title.lower() in BARE_OFFICES and bool(re.search(r"(?:^|[.:\n]\s*)The\s+$", lead))
    if len(title.split()) > 3:
        return False
    before = text[max(0, m.start - 8) : m.start].lower()
    return not re.search(r"\b(?:of|of the|for|for the|to|to the)\s*$", before)


def _named_by_office(text: str, m: Mention, entities: list[Entity] | None) -> bool:
    """ "During our meeting, the Secretary and I ...": a bare office after "the" that the
    document has already given to one named person (people.build_entities joined them)."""
    if m.kind != "office" or not entities or not 0 <= m.entity < len(entities):
        return False
    title = (m.title or "").lower()
    # ("... while hosting the Indian Ambassador to Vietnam": the ambassador named later)
    if (title not in BARE_OFFICES and "ambassador" not in title) or not entities[m.entity].name:
        return False
    return re.search(r"\bthe\s+$", text[max(0, m.start - 5) : m.start]) is not None


def _in_parenthesis(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") > seg.count(")")


def _is_list_of_titled(text: str, ms: list[Mention], obj: list[int], after: int) -> bool:
    """Whether the objects are a list of separately named people ("A, B and C")."""
    if len(obj) < 2:
        return False
    firsts = []
    for eid in obj:
        first = next((x for x in ms if x.entity == eid and x.start >= after - 1), None)
        if first is None:
            return False
        firsts.append(first)
    firsts.sort(key=lambda x: x.start)
    for a, b in zip(firsts, firsts[1:], strict=False):
        gap = text[a.end : b.start]
        gap = re.sub(r"\([^()]*\)", " ", gap)
        if not re.search(r",|\band\b|;|\bpaid\b|\bconferred\b|\bmet\b", gap):
            return False
        if any(w not in _LIST_GAP_WORDS for w in re.findall(r"\b[a-z][a-z\-]*\b", gap)):
            return False
    return True


#: lower-case words that may stand between the people of a list of counterparts
_LIST_GAP_WORDS = frozenset(
    [
        "and",
        "the",
        "of",
        "for",
        "former",
        "also",
        "with",
        "on",
        "a",
        "an",
        "courtesy",
        "call",
        "calls",
        "paid",
        "met",
        "conferred",
        "audience",
        "granted",
        "to",
        "at",
        "with",
        "by",
        "who",
        "from",  # "A from Azerbaijan's side and B from Montenegro's side took part"
        "side",
        "his",  # "A and his Indian counterpart B"
        "her",
        "their",
        # a word on the holder's tenure: "A and Turkey's new Foreign Minister B"
        "new",
        "newly",
        "appointed",
        "incoming",
        "outgoing",
        "acting",
        "interim",
    ]
)


def _unique(xs: list[int]) -> list[int]:
    seen: list[int] = []
    for x in xs:
        if x not in seen:
            seen.append(x)
    return seen
