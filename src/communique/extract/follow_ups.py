"""Follow-ups: engagements the text says will or should take place.

Needs: sentences, the date line (to resolve "on April 2"), person mentions (to write
"Minister Lavrov" for "Mr. Lavrov, Sergey Viktorovich"). Adds: ``follow_ups``
[{name, date, date_text, place, participants, span}].

Each finder of ``FINDERS`` (a named function whose docstring gives the form it reads)
finds the words that name one future engagement in a clause and writes a short name for
it in the style of the readouts themselves; they run in order, and a finder does not
read words an earlier one has read. Some of the forms:

1. "X will visit Y (and hold a meeting with Z)" -> "X's visit to Y and meeting with Z"
2. "the 15th Strategic Dialogue will be held ..." -> "15th Strategic Dialogue"
3. "X invited Y to visit Z", "arrangements for Y to visit Z" -> "Y's visit to Z"
4. "looked forward to the State Visit of ..." -> "State Visit of ..."
5. "(intention|agreed|need) to hold / holding the N" -> "N" (one per "A and B")
6. "the next / upcoming Japan-EU Summit" -> "next Japan-EU Summit"
7. "successful visit to Japan by X" -> "X's visit to Japan"
8. "X will hold negotiations" -> "negotiations between X"

Future events that are not engagements between officials (exhibitions, business
missions, grave visits, anniversaries, presidencies, celebrations) are left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from communique.extract import dates
from communique.extract.people import Entity
from communique.extract.text import PRONOUN_START
from communique.gazetteer import lexicon as lx
from communique.util.sentences import Sentence

_EVENT_NOUN = (
    r"visits?|meetings?|summit|talks|dialogue|consultations?|negotiations?|round|conference|2\s?\+\s?2|"
    r"discussions?|session|forum|committee|working\s+group|g7|g20|apec|ticad|cop\d*|ministerial|"
    r"(?<!european\s)commission|call(?=\s+between\b)"
)
_EVENT_RE = re.compile(rf"\b(?:{_EVENT_NOUN})\b", re.I)
#: a mechanism named by its acronym after "next" or an ordinal: "will host the next BCM",
#: "agreed to hold the 8th JCBC in Indonesia"
_ACRONYM_EVENT = re.compile(r"\b(?:next|upcoming|\d+(?:st|nd|rd|th))\s+[A-Z]{2,6}\b")
_NOT_ENGAGEMENT = re.compile(
    r"\b(?:business\s+mission|grave\s+visits?|exhibitions?|expo|anniversary|presidency|presidencies|"
    r"year\s+in\s+\w+|Year\b|festival|olympic|paralympic|games|elections?|ceremony|survey|tourists?|students?|"
    r"exchange\s+programs?|youth|delegation\s+of\s+young|visas?|"
    # a visit to a site, not to a government: "will be visiting a refugee camp"
    r"refugee\s+camps?|museums?|factory|factories|schools?|universit(?:y|ies)|hospitals?|shrines?|"
    r"temples?|cemeter(?:y|ies)|memorials?)\b",
    re.I,
)
_DATE_TEXT = re.compile(
    r"\b(?:in\s+the\s+near\s+future|as\s+(?:early|soon)\s+as\s+possible|at\s+an\s+early\s+date|"
    r"(?:at|on)\s+a\s+(?:mutually\s+)?(?:convenient|suitable|agreed|acceptable)\s+(?:time|date)|"
    r"(?:at|on)\s+(?:mutually\s+)?(?:convenient|suitable|agreed|acceptable)\s+(?:times|dates)|"
    r"at\s+a\s+time\s+convenient\s+(?:to|for)\s+both(?:\s+sides)?|"
    r"at\s+the\s+earliest\s+(?:possible\s+)?(?:opportunity|time|date)|at\s+a\s+suitable\s+time(?:\s+going\s+forward)?|"
    r"within\s+(?:this|the)\s+(?:year|month)|within\s+(?:\w+\s+)?(?:days|weeks|months)|within\s+FY\s?\d{4}|"
    r"(?:later|early|earlier)\s+(?:this|in\s+the|next)\s+(?:year|month|week)|"
    r"next\s+(?:year|month|week|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|"
    r"this\s+(?:weekend|week|year|month|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|(?:in|for|during)\s+the\s+(?:spring|summer|autumn|fall|winter)|"
    r"at\s+any\s+time|(?:at|by|towards?|in)\s+the\s+(?:very\s+)?(?:end|beginning|start|middle)\s+of\s+(?:this\s+|next\s+|the\s+)?(?:year|month|20\d\d|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+20\d\d)?|"
    r"(?:in\s+)?(?:early|mid|late)[- ](?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+\d{4})?|"
    # "on the day after the December 15 meeting": a day counted from another (:func:`_item`)
    r"(?:on\s+)?the\s+day\s+(?:after|before)\s+(?:the\s+)?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|"
    # "in the first week of May", "in mid-2026"
    r"(?:during|in)\s+the\s+(?:first|second|third|fourth|last)\s+week\s+of\s+(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|"
    r"(?:in\s+|by\s+)?(?:early|mid|late)[- ]20\d\d|"
    r"(?:on|from|for)\s+(?:[A-Z][a-z]+day,?\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*[-–]\s*\d{1,2}(?!\d))?(?:,?\s+\d{4})?|"
    r"(?:on|for)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)(?:\s+\d{4})?|"
    r"(?:before|after)\s+the\s+[A-Z][\w\- ]{2,40}?\s+in\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|"
    r"(?:in|for)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?:this|next)\s+year|\s+\d{4})?|"
    r"in\s+20\d\d|(?:on|next|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:(?:in|during|within|by|for)\s+)?the\s+(?:first|second|third|fourth|last|latter|early|later)\s+(?:half|part|quarter)\s+of\s+"
    r"(?:this\s+year|next\s+year|the\s+year|\d{4}|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:\s+\d{4})?)|"
    r"in\s+the\s+coming\s+(?:days|weeks|months|year)|tomorrow|"
    r"soon|swiftly|shortly|promptly|forthcoming|later\s+in\s+the\s+(?:day|month|year|week)|"
    r"later\s+(?:today|tonight|this\s+(?:morning|afternoon|evening))|"
    r"before\s+the\s+end\s+of\s+(?:this\s+|next\s+|the\s+)?(?:year|month))\b",
    re.I,
)
#: a meeting named as such ("the Commemorative Summit for the 50th Anniversary"): an
#: engagement whatever else its name says
_NAMED_MEETING = re.compile(
    r"\b(?:Summit|Meeting|Dialogue|Talks|Consultations?|Conference|2\s?\+\s?2|Commission)\b(?![\w\-])"
)
#: words that end the noun phrase naming an event
_NP_END = re.compile(
    r"\s*(?:[,;:]|\((?![A-Z]{2,8}\))|(?<=[a-z]\))|(?<![A-Z])\.|\bif\b|\bso\s+as\b|\bso\s+that\b|\bin\s+order\b|\bwhich\b|\bwhere\b|\bwhen\b|\bwho\b|"
    r"\bas\s+well\s+as\b|\band\s+(?:that|to|will|would|also|they|the\s+two)\b|\band\s+[a-z]+ed\s+(?:that|to|on)\b|\band\s+(?:a|an)\s+(?=holding\b)|\band\s+(?=(?:[A-Z]\w+\s+){1,3}[a-z]+ed\b)|"
    r"\bto\s+(?:discuss|make|further|strengthen|deepen|advance)\b|"
    # a purpose after the event: "travels to Islamabad to invite the President"
    r"\bto\s+(?:invite|attend|sign|review|launch|inaugurate|finalise|finalize|prepare|work\s+out|"
    r"take\s+part|participate|co-chair|chair|deliver|address|brief|explore|celebrate|mark|"
    r"commemorate|congratulate|meet|hold|pay|lay|receive|open)\b|\bbased\s+on\b|\bincluding\b|\bwith\s+a\s+view\b|\bbearing\b|"
    r"\bwill\b|\bwould\b|\bshall\b|\bthat\b|\band\s+\w+ing\b|\s[–—]\s|"
    # "will meet the President and other leaders and review cooperation": a second verb
    r"\band\s+(?:review|discuss|explore|exchange|sign|address|deliver|launch|inaugurate|attend|hold|"
    r"call|pay|visit|meet|take|lay|tour|interact|engage)\b|"
    r"\b(?:becomes?|is|are|was|were|has|have|provides?|marks?|offers?|serves?|represents?)\b)"
)
_PERSONISH = r"(?:[A-Z][\w.’'\-]*|the|of|and|for|de|van|von|bin|al|H\.E\.|\[[^\]]{1,40}\])"
_SUBJ = rf"(?P<subj>(?:{_PERSONISH}\s+){{0,12}}{_PERSONISH})"
#: a subject that is a pronoun: "where he will meet President X"
_SUBJ_OR_PRONOUN = (
    rf"(?P<subj>(?:{_PERSONISH}\s+){{0,12}}{_PERSONISH}|\b[Hh]e|\b[Ss]he|\bwe|"
    # "The two presidents will meet on the sidelines of the summit"
    r"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?:leaders|presidents|prime\s+ministers|(?:foreign\s+)?ministers|sides|"
    r"heads\s+of\s+state|counterparts)(?:\s+of\s+(?:both|the\s+two)\s+countries)?)"
)

_WILL_VISIT = re.compile(
    rf"{_SUBJ_OR_PRONOUN}(?:['’]ll|,?\s+(?:will|would|shall|is\s+to|are\s+to|(?:is|are|am)\s+going\s+to|"
    r"(?:is|are)\s+(?:also\s+)?(?:scheduled|expected|due|set|slated|likely)\s+to|"
    r"(?:is|are|am|was|were)\s+(?:ready|willing|prepared)\s+to))\s+(?:also\s+)?(?:soon\s+|shortly\s+)?(?:then\s+|later\s+|next\s+)?(?:be\s+(?=\w+ing\b))?"
    r"(?P<verb>visit(?:ing)?|(?:pay|make|undertake|paying|making|undertaking)\s+(?:a|an|his|her|their)\s+"
    r"(?:[\w\-]+\s+){0,2}?visit\s+(?:to|in)|travel(?:l?ing)?\s+(?:on\s+)?to|attend(?:ing)?|participate\s+in|join|host|meet|hold|"
    # a visit report's next leg: "will then proceed to Seoul", "leaves for Jakarta"
    r"(?:proceed|go\s+on|head|move\s+on)\s+to|leave\s+for|depart\s+for|"
    r"call\s+on|pay\s+a\s+(?:courtesy\s+)?call\s+on|"
    # "will embark on a three-nation tour of Africa", "will lead the delegation to the Commission"
    r"embark\s+on\s+(?:a|an|his|her|their)\s+(?:[\w\-]+\s+){0,2}?(?:tour|visit|trip)\s+(?:of|to)|"
    r"lead\s+(?:the|a|his|her)\s+(?:[\w\-]+\s+)?delegation\s+to|"
    r"see(?:ing)?(?=\s+(?:you|each\s+other)\b)|welcome|receive|"
    r"(?:engage\s+in|have)\s+(?:[\w\-]+\s+){0,3}?(?:meetings?|talks|discussions)\s+with)\s+"
)
#: "X will be in Islamabad on May 21 for talks", "X will be on an official visit to India"
_WILL_BE_IN = re.compile(
    rf"{_SUBJ},?\s+(?:will|shall|is\s+to|are\s+to|(?:is|are)\s+(?:also\s+)?(?:scheduled|expected|due|set|slated)\s+to)"
    r"\s+be\s+(?:in\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)|on\s+an?\s+(?:[\w\-]+\s+){0,2}?visit\s+to\s+"
    r"(?P<dest>(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?))"
)
#: "The Crown Prince is expected in Vilnius next spring": a visit there
_EXPECTED_IN = re.compile(
    rf"{_SUBJ},?\s+(?:is|are)\s+(?:also\s+)?(?:expected|due)\s+(?:to\s+arrive\s+)?in\s+"
    r"(?P<dest>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
)
_HOPE_VISIT = re.compile(
    r"(?P<subj>\S)\s+(?:said\s+(?:that\s+)?(?:he|she)\s+)?(?:hopes?|hoped|wishes|wished|plans?|planned|intends?|intended|"
    r"(?:am|is|are)\s+planning|would\s+like|wants?|(?:is|are|was|were)\s+(?:most\s+|always\s+)?welcome)\s+to\s+(?P<verb>visit)\s+"
)
#: "he hoped to welcome the President again in Tokyo soon": the guest's visit there
_HOPE_WELCOME = re.compile(
    r"\b(?:hopes?|hoped|wish(?:es|ed)?|plans?|planned|intends?|intended|would\s+like|looks?\s+forward|"
    r"looked\s+forward|(?:is|are|was|were)\s+(?:eager|keen)|readiness|willingness|desire)\s+to\s+"
    r"(?:welcome|welcoming|receive|receiving)\s+"
    r"(?P<who>(?:[^,;.]|(?<=[A-Z])\.){2,80}?)\s+(?:again\s+)?(?:in|to)\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
)
#: "conveyed his intention to visit Brazil": the visit of the person whose intention it is
_INTENTION_VISIT = re.compile(
    r"\b(?:his|her|their)\s+(?:firm\s+|strong\s+)?(?:intention|wish|desire|plans?|hope|readiness|willingness)\s+"
    r"to\s+(?:visit|travel\s+to)\s+(?P<obj>(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})"
)
#: "when we meet at the UN General Assembly in September": where the two sides meet next
_WHEN_MEET = re.compile(
    r"\b(?:when|until)\s+(?:we|they|the\s+two\s+(?:leaders|ministers|sides))\s+(?:next\s+)?meet\s+(?:again\s+)?"
    r"(?P<where>(?:at|in|during|on\s+the\s+(?:margins|sidelines)\s+of)\s+(?:the\s+)?[A-Z][^,;.]{2,80})"
)
_INVITE = re.compile(
    # "welcomed President X to come to China in November": a visit to come
    r"\b(?:invit(?:ed|es|e|ing)|welcom(?:ed|es|e)(?=\s+[^,;.]{2,90}?\s+to\s+(?:visit|come\s+to)\b))\s+(?P<who>[^,;.]{2,90}?)\s+to\s+(?:visit\s+|(?:pay|make)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?visit\s+to\s+|come\s+to\s+|go\s+to\s+|travel\s+to\s+|take\s+part\s+in\s+|attend\s+|co-?chair\s+|chair\s+)?"
    r"(?P<obj>[^,;.]{1,80})"
)
_INVITATION = re.compile(
    # "welcomed Uganda's invitation to attend the proposed AMISOM Summit"
    r"\binvitations?\s+to\s+(?:attend|participate\s+in|take\s+part\s+in)\s+(?:the\s+)?(?P<evt>[^,;.]{3,100})|"
    r"\binvitations?\s+(?:(?:was|were|has\s+been|had\s+been)\s+extended\s+)?(?:from\s+(?:[^,;.]|(?<=[A-Z])\.){2,80}?\s+)?(?:to|for)\s+(?P<who>(?:[^,;.]|(?<=[A-Z])\.){2,80}?)\s+"
    r"to\s+(?:(?:make|pay)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?visit\s+to\s+|visit\s+|come\s+to\s+|travel\s+to\s+|"
    r"(?P<part>attend|take\s+part\s+in|participate\s+in|co-?chair)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|next|\d+(?:st|nd|rd|th))\s+)?)?(?P<obj>[A-Z][^,;.]{1,60})|"
    # "conveyed the invitation of the President to visit Astana next year": whoever is invited
    r"\binvitations?\s+(?:(?:of|from)\s+(?:[^,;.]|(?<=[A-Z])\.){2,60}?\s+)?to\s+(?:visit|come\s+to|travel\s+to)\s+"
    r"(?P<dest>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})"
)
_PREPARATIONS = re.compile(
    r"\b(?:prepar(?:ations?|ing|e)\s+(?:for|towards|of|to\s+host)|in\s+readiness\s+for)\s+(?:the\s+|a\s+|his\s+|her\s+)?"
    r"(?:next\s+|upcoming\s+|forthcoming\s+)?(?P<evt>[A-Z0-9][^,;.]{2,100})"
    # "to prepare for the upcoming meeting of the intergovernmental committee"
    r"|\bprepar(?:ations?|ing|e)\s+for\s+(?:the\s+)?(?P<evt2>(?:next|upcoming|forthcoming)\s+[a-z][^,;.]{2,100})"
)
_FOR_TO_VISIT = re.compile(
    r"\b(?:arrangements?|preparations?)\s+for\s+(?P<who>[^,;.]{2,60}?)\s+to\s+visit\s+"
)
_PASSIVE = re.compile(
    r"(?P<evt>(?:\b(?:[Tt]he|[Aa]n?)\s+|(?<=\bthat\s)|(?<=\btoward\s)|(?<=\btowards\s))(?:[^,;.]|(?<=[A-Z])\.){3,160}?)\s+(?:will|would|shall|should|must|"
    r"is\s+to|are\s+to|was\s+to|were\s+to|(?:is|are)\s+(?:scheduled|expected|planned|set|due|slated)\s+to)\s+(?:be\s+)?"
    r"(?:held|take\s+place|convened|launched|resumed|resume|reconvene|realized|organized|hosted|follow)\b"
    # "The next round of the dialogue is scheduled for the autumn"
    r"|(?P<evt3>\b(?:[Tt]he|[Aa]n?)\s+(?:[^,;.]|(?<=[A-Z])\.){3,160}?)\s+(?:is|are|has\s+been|have\s+been|will\s+be)\s+"
    r"(?:tentatively\s+)?(?:scheduled|planned|set|slated|pencilled|penciled)\s+(?:in\s+)?for\b"
    # "with the first round to be held in May"
    r"|\b(?P<evt4>(?:first|second|third|fourth|fifth|next|\d+(?:st|nd|rd|th))\s+(?:round|meeting|session)"
    r"(?:\s+of\s+(?:the\s+)?[^,;.]{3,60}?)?)\s+(?:to\s+be\s+held|to\s+take\s+place)\b"
    r"|\b(?P<evt2>(?:upcoming\s+|next\s+)?(?:[A-Z0-9][\w.\-’'+]*\s+){1,8}(?:Summit|Meeting|Dialogue|Consultations?|"
    r"Conference|Forum|Commission|Talks|Session|summit(?:\s+meeting)?|ministerial))"
    # "the G20 Foreign Ministers' Meeting, which is scheduled to be held in Nagoya"
    r",?\s+(?:(?:which|that)\s+(?:is|are|will\s+be)\s+)?(?:to\s+be\s+held|scheduled|(?:set|planned|due)\s+to\s+be\s+held)\b"
)
#: where a future event will be held: "in Washington, DC", "in Tokyo"
_PLACE_TAIL = re.compile(
    r"\s+(in\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z][\w.\-]*(?:,?\s+[A-Z][\w.\-]*){0,2})"
)
#: "the Prime Minister has been invited to Beijing"
_INVITED = re.compile(
    rf"{_SUBJ}\s+(?:has|have|had|was|were|is|are)\s+(?:also\s+)?(?:been\s+)?invited\s+to\s+(?:visit\s+)?"
    r"(?P<obj>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})"
)
_LOOK_FORWARD = re.compile(
    r"\blook(?:s|ed|ing)?\s+(?:forward|ahead)\s+to\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?P<evt>[^,;.]{3,120})"
    r"|\blooking\s+ahead\s+to\s+(?:the\s+)?(?P<evt2>[^,;.]{3,100})"
)
_HOLD = re.compile(
    r"\b(?:intention|intends?|plans?|planned|agreed|agreement|decided|confirmed|concurred|need|needs|hope[sd]?|aim|"
    r"wish(?:es)?|look|suggest(?:ed|s)?|propos(?:ed|es|al)|expect(?:s|ed)?|directed|instructed|tasked|mandated)\b"
    r"(?:\s+[\w\-’']+){0,7}?\s+(?:to\s+hold|to\s+attend|to\s+launch|to\s+resume|to\s+convene|to\s+schedule|"
    r"to\s+organi[sz]e|to\s+arrange|to\s+conduct|"
    r"of\s+(?:swiftly\s+|early\s+)?holding|"
    r"holding(?:\s+of)?|launching|on\s+launching|on\s+holding)\s+(?:(?:as\s+soon\s+as\s+possible|at\s+an\s+early\s+date)\s+of\s+)?(?P<evt>(?:the\s+|a\s+|an\s+)?[^,;.]{3,120})"
    r"|\b(?:(?:swiftly|early|promptly|toward|towards|through)\s+(?:the\s+)?(?:holding|starting|launching|resuming)"
    r"(?:\s+(?:as\s+soon\s+as\s+possible|at\s+an\s+early\s+date|in\s+the\s+near\s+future))?"
    # "including a visit to China ... and a holding of the High-Level Economic Dialogue"
    r"|(?<!welcomed\s)(?<!welcomes\s)(?:a|an|including\s+(?:a|an|the))\s+holding)\s+(?:of\s+)?"
    r"(?P<evt2>[^,;.]{3,120})"
)
_AHEAD_OF = re.compile(
    r"\b[Aa]head\s+of\s+(?:the\s+)?(?P<evt>[A-Z0-9][^,;.–—]{5,120}"
    r"|(?:next\s+|upcoming\s+)?(?:summit|meeting|visit|talks|dialogue)\s+in\s+[A-Z][^,;.–—]{2,60})"
    # "Ahead of his visit to Japan next week, the Prime Minister ..."
    r"|\b[Aa]head\s+of\s+(?:his|her|their)\s+(?:official\s+|state\s+|upcoming\s+)?(?P<visit>visits?\s+to\s+"
    r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})"
)
#: "referred to the early resumption of negotiations on X as well as aviation talks"
_RESUMPTION = re.compile(
    r"\b(?:early|swift|prompt|speedy|the)?\s*(?:resumption|launch|start)\s+of\s+(?P<evt>"
    r"(?:negotiations|talks|consultations|dialogue|the\s+[\w\- ]{0,40}?(?:talks|dialogue|negotiations|consultations))"
    r"[^;.]{0,200})"
)
#: "The leaders agreed to meet again at the G20 Summit in Rio de Janeiro"
_AGREED_TO_MEET = re.compile(
    r"\b(?:(?:agreed|decided|promised|pledged|hoped|planned|expect(?:ed)?)\s+(?:to\s+[\w\s]{3,40}?\s+and\s+)?to\s+"
    # "they would meet again at the G20", "look forward to meeting again at the UNGA"
    r"|(?:will|would|shall)\s+(?:also\s+)?(?=\w+\s+again\b)|look(?:s|ed|ing)?\s+forward\s+to\s+(?=\w+\s+again\b))"
    # "agreed to speak again ahead of the European Council": a call
    r"(?P<verb>meet|speak|talk)(?:ing)?\s+(?:again\s+|each\s+other\s+)?"
    r"(?P<where>(?:at|in|during|ahead\s+of|before|on\s+the\s+(?:margins|sidelines)\s+of)\s+(?:the\s+)?"
    r"(?:(?:upcoming|next|forthcoming)\s+)?[A-Z][^,;.]{2,80}"
    # "agreed to meet again next year", "hoped to meet in person soon"
    r"|(?:in\s+person\s+)?(?=(?:in|at|on|next|later|early|soon|this|before|after|within)\b))"
)
_EXPECT_VISIT = re.compile(
    r"\b(?:expectations?|hopes?|desire|wish)\s+for\s+(?:a|an|the)?\s*(?P<evt>[^,;.]{0,60}?\bvisits?\b[^,;.]{0,60})"
)
_POSS_VISIT = re.compile(
    r"(?P<evt>(?:[A-Z][\w.\-]*\s+){0,4}[A-Z][\w.\-]*['’]s\s+(?:official\s+|state\s+|working\s+)?visit\s+to\s+"
    r"[A-Z](?:(?!,\s+and\b|\band\s+(?:stated|said|expressed|added))[^;.]){1,120}?)\s+(?:would|will)\b"
)
#: words that put a visit in the future ("X's planned visit to Y")
_TO_COME = (
    "planned",
    "upcoming",
    "forthcoming",
    "scheduled",
    "proposed",
    "expected",
    "next",
    "coming",
)
_TO_COME_RE = "|".join(_TO_COME)
#: "President Lopez Obrador's planned visit to the White House in July"
_POSS_PLANNED_VISIT = re.compile(
    rf"(?P<evt>(?:[A-Z][\w.\-]*\s+){{0,4}}[A-Z][\w.\-]*['’]s\s+(?:{_TO_COME_RE})\s+"
    r"(?:official\s+|state\s+|working\s+)?visit\s+to\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})"
)
#: "continue working ... for President Zuma's visit to Japan": a visit worked towards
_FOR_POSS_VISIT = re.compile(
    r"\b(?:for|towards?|toward\s+realizing|to\s+realize|to\s+realizing|beginning\s+with|starting\s+with|"
    # "the organisation of President X's visit to Vietnam at an appropriate time"
    r"(?:the\s+)?(?:organi[sz](?:ation|ing)|arrang(?:ement|ing)|preparations?)\s+(?:of|for))\s+(?:the\s+)?"
    r"(?P<evt>(?:[A-Z][\w.\-]*\s+){0,4}"
    r"[A-Z][\w.\-]*['’]s\s+(?:early\s+|official\s+|state\s+|working\s+|next\s+)?visit\s+to\s+[A-Z][\w\-]+"
    r"(?:\s+[A-Z][\w\-]+)?)"
)
#: words of a clause that thanks for or recalls a visit that took place
_PAST_VISIT = re.compile(
    r"\b(?:thank\w*|gratitude|appreciat\w*|congratulat\w*|welcomed|recent|last)\b", re.I
)
_REQUEST_VISIT = re.compile(
    r"\b(?:requested|asked|urged|proposed|suggested)\s+(?:that\s+)?(?P<who>(?:[A-Z][\w.\-]*\s+){1,5}?)(?:should\s+)?"
    r"visit\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
)
_SUCCESS_OF = re.compile(
    r"\b(?:towards?|for|ensure|to)\s+the\s+success\s+of\s+(?:the\s+)?(?P<evt>(?:(?:upcoming|next|forthcoming)\s+)?"
    r"(?:[A-Z0-9][^,;.]{2,120}))"
    r"|\bnext\s+year['’]s\s+(?P<evt2>(?:[A-Z0-9][\w.\-’'+]*\s+){0,6}(?:Summit|Meeting|Dialogue|Conference|Forum))"
)
_NEXT = re.compile(
    r"\b(?:the\s+)?(?P<evt>(?:next|upcoming|forthcoming)\s+(?:(?:[A-Z0-9“\"][\w.\-’'+”\"]*|\([A-Z]{2,8}\))\s+){0,7}"
    r"(?:Summit|Meeting|Dialogue|Consultations?|Conference|Forum|Commission|Committee|Session|G7|G20|"
    r"[“\"]?2\s?\+\s?2[”\"]?|Visit)(?:\s+[Mm]eeting)?"
    # "the upcoming meeting between President Xi Jinping and President Barack Obama"
    r"|(?:next|upcoming|forthcoming)\s+(?:bilateral\s+)?(?:meeting|summit|talks|visit|dialogue|consultations)"
    r"(?=\s+(?:between|with|of)\s+(?:the\s+)?[A-Z]))"
)
_NAMED_FUTURE = re.compile(
    r"\b(?:towards?|for|at|to)\s+the\s+(?P<evt>(?:[A-Z0-9][\w.\-’'+]*\s+){1,6}(?:Summit|Meeting|Conference|Forum))"
    r"(?=\s+(?:next\s+year|in\s+20\d\d|later\s+this\s+year|this\s+(?:autumn|fall|spring|summer|winter)))"
)
_VISIT_BY = re.compile(
    r"\b(?:successful|early|scheduled|planned|upcoming|forthcoming|possible|official|including\s+(?:a|an|the))\s+"
    r"(?:High[- ]Level\s+)?"
    r"[Vv]isit\s+to\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+by\s+(?P<who>(?:[^,;.]|(?<=[A-Z])\.){3,90})"
)
_WILL_HOLD = re.compile(
    r"(?P<subj>\S)\s+(?:will|would|shall|should|(?:is|are)\s+(?:scheduled|expected|set|due|slated)\s+to)\s+(?:hold|convene)\s+"
    r"(?:(?:bilateral|official|formal|trade|further|in-depth|substantive|[\w]+-level)\s+){0,2}"
    r"(?P<evt>negotiations|talks|consultations|discussions|a\s+meeting|(?:their\s+)?meetings|"
    r"(?:a|their\s+(?:next|first))\s+(?:bilateral\s+|summit\s+|leaders['’]?\s+|ministerial\s+)+(?:meeting|talks)|a\s+summit|"
    # "will convene the second round of consultations in Tokyo"
    r"(?:the|a)\s+(?:next\s+|first\s+|second\s+|third\s+|fourth\s+|fifth\s+|\d+(?:st|nd|rd|th)\s+)?round\s+of\s+"
    r"(?:[\w\-]+\s+){0,2}?(?:talks|consultations|negotiations|dialogue))\b"
)
#: "The Foreign Ministers will hold the 8th Annual Dialogue on 14 June"
_WILL_HOLD_NAMED = re.compile(
    r"\b(?:will|would|shall|are\s+to|is\s+to)\s+(?:also\s+)?(?:hold|convene|co-?chair|host)\s+(?:the|a|an|their)\s+"
    r"(?P<evt>(?:[\w\-’'+“”\"]+\s+){0,7}?(?:Dialogue|Meeting|Summit|Consultations?|Talks|Conference|Forum|"
    r"Committee|Commission|2\s?\+\s?2|Session)(?:\s+[Mm]eeting)?)\b"
)
#: "I am honoured to co-chair with Minister Payne the Ministerial Meeting of the NPDI"
_TO_CO_CHAIR = re.compile(
    r"\b(?:honou?red|pleased|delighted|glad|happy|forward)\s+to\s+(?:co-?chair(?:ing)?|chair(?:ing)?)\s+"
    r"(?:with\s+(?P<with>(?:[^,;.]|(?<=[A-Z])\.){2,60}?)\s+)?the\s+(?P<evt>[A-Z][^,;.“”\"]{3,120})"
)
#: "another major international economic forum – the St Petersburg International Economic
#: Forum": the name a dash sets beside a description
_DASH_NAME = re.compile(r"\s*[–—]\s*(?:the\s+)?(?P<n>[A-Z][^,;.–—]{3,100})")
#: "their foreign ministers would meet in Canberra later this year"
_OTHERS_MEET = re.compile(
    # (any officials' plural after up to two words: "their state secretaries")
    r"\b(?P<who>(?:their|the|both|our)\s+(?:two\s+)?(?:(?!will\b|would\b|shall\b)[A-Za-z][\w\-]*\s+){0,2}?"
    r"(?:ministers|secretaries|officials|senior\s+officials|delegations|envoys|special\s+representatives|"
    r"national\s+security\s+advisers|(?:[\w\-]+\s+)?working\s+group|negotiators|teams)"
    r"(?:\s+(?:of|for)\s+(?:defen[cs]e|foreign\s+affairs|trade|finance|economy))?"
    # "foreign secretaries of both Pakistan and India would meet"
    r"|(?:foreign|defen[cs]e|trade|deputy|vice)\s+(?:foreign\s+)?(?:ministers|secretaries)\s+of\s+(?:both\s+)?"
    r"[A-Z][\w\-]+\s+and\s+[A-Z][\w\-]+)"
    r"\s+(?:will|would|shall|are\s+to)\s+(?:also\s+)?(?:soon\s+)?meet\b",
    re.I,
)
#: a visit report's next leg in the present tense: "Silva travels on to Manila for talks"
_NEXT_LEG = re.compile(
    rf"{_SUBJ}\s+(?P<adv>then\s+|next\s+|subsequently\s+|later\s+)?(?:travels|heads|proceeds|goes|moves|flies)\s+"
    r"(?P<on>on\s+)?to\s+(?=[A-Z])"
)
#: "A return visit by Silva to Tokyo is being planned": a visit by someone, to come
_VISIT_OF_TO = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:return\s+|reciprocal\s+|reciprocating\s+)?visit\s+(?:of|by)\s+(?P<who>[^,;.]{2,60}?)\s+to\s+"
    r"(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
)
_FUTURE_WORD = re.compile(
    r"\b(?:will|would|shall|planned|planning|scheduled|expected|to\s+come|upcoming|forthcoming|next\s+year|"
    # "agreed to stay in touch, including through a visit by X to Y"
    r"agreed\s+to|decided\s+to|hopes?\s+to|intends?\s+to|looks?\s+forward)\b",
    re.I,
)
_BODY_NOUN = re.compile(
    r"\b(?:Committee|Commission|Working\s+Group|Council|Task\s+Force|Mechanism)s?$"
)
#: "Minister X confirmed his participation in the COP36": X's attendance to come
_CONFIRMED_PARTICIPATION = re.compile(
    r"\b(?:confirmed|announced)\s+(?:his|her|their)\s+(?:participation|attendance)\s+(?:in|at)\s+(?:the\s+)?"
    r"(?P<evt>[A-Z0-9][^,;.]{1,80})"
)
#: "a joint working group on energy, which will hold its first meeting in August"
_BODY_FIRST_MEETING = re.compile(
    r"\b(?:a|an|the)\s+(?P<body>(?:[\w\-]+\s+){0,4}?(?:working\s+group|committee|commission|task\s+force|"
    r"mechanism|council)(?:\s+on\s+[\w\s\-]{2,30}?)?),\s+which\s+(?:will|would|is\s+to|shall)\s+"
    r"(?:hold|have|convene)\s+its\s+(?P<ord>first|inaugural|next)\s+(?:meeting|session)",
    re.I,
)
#: "The ministers tasked their senior officials to meet within three months"
_TASKED_TO_MEET = re.compile(
    r"\b(?:tasked|instructed|directed|mandated|asked)\s+(?:their|the|both)\s+(?P<who>(?:[\w\-]+\s+){0,3}?"
    r"(?:officials|negotiators|teams|envoys|ministers|secretaries|representatives))\s+to\s+(?:meet|convene)\b"
)
#: "the Joint Committee should meet before the end of the year": a meeting of that body
_BODY_MEETS = re.compile(
    r"\b(?P<evt>(?:[A-Z][\w\-]+\s+){1,6}(?:Committee|Commission|Working\s+Group|Council|Task\s+Force|Mechanism))"
    r"\s+(?:will|would|should|shall|is\s+to|(?:is|are)\s+(?:scheduled|expected|due|set)\s+to)\s+(?:also\s+)?(?:next\s+)?meet\b"
)
#: "a working group on energy, which will meet in June": a meeting of that body
_BODY_WHICH_MEETS = re.compile(
    r"\b(?:a|an|the)\s+(?P<evt>(?:[\w\-]+\s+){0,3}?(?:committee|commission|working\s+group|council|"
    r"task\s+force|mechanism|sub-?committee)(?:\s+(?:on|for)\s+[\w\-]+(?:\s+[\w\-]+){0,3}?)?)"
    r",?\s+which\s+(?:will|would|shall|is\s+to)\s+(?:also\s+)?(?:first\s+)?(?:meet|convene)\b",
    re.I,
)
#: "agreed on a visit by the Prime Minister to Canada": an engagement agreed upon
_AGREED_ON = re.compile(
    r"\b(?:agreed|decided)\s+(?:on|upon)\s+(?P<evt>(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?"
    rf"(?:{'|'.join(('visits?', 'meetings?', 'summit', 'talks', 'consultations', 'dialogue', 'round'))})\b"
    r"[^,;.]{0,100})"
)
#: "... would meet in New Delhi, followed by a meeting of the ministers in August": a
#: second future engagement chained onto one the clause already announced
_FOLLOWED_BY = re.compile(r"\bfollowed\s+by\s+(?P<evt>(?:a|an|the)\s+[^,;.]{3,100})")
#: "The Prime Minister accepted an invitation to visit Indonesia"
_ACCEPTED_INVITATION = re.compile(
    r"\baccepted\s+(?:an|the|his|her|their|(?:[A-Z][\w.\-]*\s+){0,4}[A-Z][\w.\-]*['’]s)\s+(?:\w+\s+)?invitation\s+"
    r"(?:to\s+visit\s+(?P<obj>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})"
    r"|(?:to\s+[\w\s]{0,40}?|for\s+)(?P<evt>(?:a|an|the)\s+[^,;.]{3,100}))"
)

_SOLO_MULTILATERAL = re.compile(
    r"\b(?:to\s+attend|for)\s+(?:the\s+)?[^,;.]{0,40}?\b(?:G7|G20|ASEAN|APEC|UN|United\s+Nations|EAS|NATO|COP\d*|"
    r"Foreign\s+Ministers['’]?\s+Meeting)",
    re.I,
)
_ATTENDED = re.compile(r"\bto\s+attend\b|\bhosting\b", re.I)
#: a cheap test that a sentence may speak of the future at all
_FUTURE_HINT = re.compile(
    r"\b(?:will|would|shall|invit\w*|forward|ahead|hold|holding|next|upcoming|forthcoming|success|visit|"
    r"scheduled|planned|is\s+to|are\s+to|was\s+to|hopes?|wish|plans?|intends?|should|expectations?|"
    r"requested|asked|launch\w*|suggest\w*|propos\w*|attend|agreed|starting|toward|towards|invitation|prepar\w+|"
    r"resum\w*|welcome|readiness|going\s+to|\w+['’]ll|come\s+to|expected|due|set|slated|convene|"
    r"follow|intention|desire|when\s+we|when\s+they|to\s+be\s+held|to\s+take\s+place|ready|willing|"
    r"travels|heads|proceeds|goes|flies|convene|confirmed|tasked|instructed|directed|mandated|"
    r"honou?red\s+to|pleased\s+to)\b",
    re.IGNORECASE,
)
#: stands for the people of the engagement that announced a follow-up ("we will meet
#: again"); the pipeline writes them in
PARTIES = "the two sides"
#: follow-ups read per document at most
MAX_FOLLOW_UPS = 12
_GENERIC = re.compile(
    r"^(?:the\s+)?(?:coming|next|upcoming)?\s*(?:meeting|visit|summit|talks)$"
    # "the most positive circumstances for such a visit": a visit named elsewhere
    r"|\bsuch\s+an?\s+(?:visit|meeting|summit|talks)\b",
    re.I,
)


#: a transcript's speaker label: "PRESIDENT STUBB:", "Prime Minister Carney:"
#: a speaker's label at a line's start: "President Stubb:", "Mr. MOTEGI Toshimitsu,
#: Minister for Foreign Affairs:"
_LABEL_LINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][\w.’'\-]+[ \t]+){0,4}[A-Z][\w.’'\-]+"
    r"(?:,[ \t]+[A-Z][\w’'\-]*(?:[ \t]+(?:[A-Z][\w’'\-]*|of|for|and|the|on)){0,8})?[ \t]*:(?=[ \t])"
)
#: how far back a speaker's turn is looked for: a few paragraphs of one answer
_TURN_CHARS = 6000


#: the end of a quotation and who said it: ',” the Minister told reporters'
_ATTRIBUTION = re.compile(
    r"[,.!?][”\"]\s+(?P<who>(?:[^.\n]|(?<=[A-Z])\.){2,120}?)\s+(?:said|told|stated|added|remarked|noted)\b"
)


#: a sentence whose subject is a pronoun: "On 3 June she held talks with X"
#: where a meeting looked forward to will be: "seeing X again at the G20 in Rio"
_SEEN_WHERE = re.compile(
    r"(?:seeing|meeting(?:\s+with)?)\s+[^,;.]{2,80}?\s(?:again\s+)?"
    r"(?P<w>(?:in|at|during)\s+(?:the\s+)?[A-Z][^,;.]{2,60})"
)


#: who looks forward to hosting: "Kenya looks forward to hosting ..."
_HOST_SUBJECT = re.compile(
    r"(?P<h>(?:[A-Z][\w\-.]*\s+){0,3}[A-Z][\w\-]*)\s+(?:looks?|looked|is\s+looking)\s+(?=forward\b)"
)


class _Namer:
    """Writes people in a clause as "Prime Minister Abe" (office and family name)."""

    def __init__(self, text: str, entities: list[Entity]):
        self.text = text
        self.spans: list[tuple[int, int, str]] = []
        for e in entities:
            if not e.family:
                continue
            for m in e.mentions:
                # "the King's visit": an office standing for a named person is that person
                if m.kind in ("name", "office"):
                    self.spans.append((m.start, m.end, e.short()))
        self.spans.sort()
        self._labels: list[tuple[int, int]] | None = None  # speakers' labels, when asked
        #: a named person by the last word of their title ("king" -> "King Abdullah II")
        self.offices: dict[str, str] = {}
        for e in entities:
            if e.family and e.title:
                head = e.title.split()[-1].lower()
                self.offices.setdefault(head, e.short())

    def by_office(self, words: str) -> str | None:
        """Whom "the king" or "the President" written alone stands for: the one person the
        text names with that office."""
        m = re.fullmatch(r"(?:[Tt]he\s+)?(?P<o>[A-Za-z\-]+)", words.strip())
        return self.offices.get(m.group("o").lower()) if m else None

    def actor(self, start: int, end: int) -> str | None:
        """The first person written in ``text[start:end]``: the subject of the sentence,
        whom a later "he" or "she" is ("Prime Minister Hun Sen ... mentioned that he looks
        forward to visiting Japan")."""
        found = [short for s, _e, short in self.spans if start <= s < end]
        return found[0] if found else None

    def speaker(self, pos: int) -> str | None:
        """Who speaks the paragraph at ``pos`` of a transcript ("President Stubb: ..."):
        the last speaker's label at or before it (a turn goes on over paragraphs)."""
        if self._labels is None:
            self._labels = [(m.start(), m.end()) for m in _LABEL_LINE.finditer(self.text)]
        i = bisect.bisect_right(self._labels, (pos, pos)) - 1
        while i >= 0:
            a, b = self._labels[i]
            if b <= pos:
                who = self.actor(a, b)
                if who:
                    return who
            i -= 1
            if i >= 0 and a - self._labels[i][0] > _TURN_CHARS:
                break
        return None

    def quoted(self, pos: int) -> str | None:
        """Who speaks a quotation at ``pos`` that an attribution closes in the same
        paragraph ('"... I am planning to visit Islamabad," Minister X told reporters')."""
        para_end = self.text.find("\n", pos)
        para_end = len(self.text) if para_end < 0 else para_end
        m = _ATTRIBUTION.search(self.text, pos, para_end)
        return self.actor(m.start("who"), m.end("who")) if m else None

    def first_person(self, cs: int, pos: int) -> str | None:
        """Whom an "I" at ``pos`` stands for: the person written before it in the clause, a
        transcript's speaker, or the speaker a quotation's attribution names."""
        return self.actor(cs, pos) or self.speaker(cs) or self.quoted(pos)

    def last_in(self, start: int, end: int) -> str | None:
        """The last person written in ``text[start:end]``: whom a "who" after it is."""
        found = [short for s, _e, short in self.spans if start <= s < end]
        return found[-1] if found else None

    def last_before(self, pos: int) -> str | None:
        """Whom a sentence's "He" or "She" at ``pos`` is: the subject (first person
        written) of the nearest sentence before it that names someone."""
        end = pos
        while end > 0:
            start = max(
                self.text.rfind(". ", 0, max(0, end - 2)), self.text.rfind("\n", 0, max(0, end - 2))
            )
            found = [short for s, _e, short in self.spans if start < s < end]
            if found and not PRONOUN_START.match(self.text, start + 1):
                return found[0]  # (not "She then called on X": she is someone before)
            if start < 0:
                return None
            end = start

    def render(self, start: int, end: int) -> str:
        out = []
        pos = start
        for s, e, short in self.spans:
            if s < pos or s >= end:
                continue
            out.append(self.text[pos:s])
            # "President Silva's visit": a possessive mention keeps its "'s"
            poss = self.text[max(s, e - 2) : e] in ("'s", "’s") and e <= end
            out.append(short + ("'s" if poss else ""))
            pos = max(pos, min(e, end))
        out.append(self.text[pos:end])
        s = "".join(out)
        s = re.sub(r"\b(?:Mr|Ms|Mrs|Dr|H\.E)\.?\s+", "", s)
        s = re.sub(r"\s*\[[^\]]*\]", "", s)
        return " ".join(s.split()).strip(" ,;:")


#: more of an event's capitalised name after its first noun: "High-Level Dialogue *and
#: Cooperation Mechanism (HDCM) Meeting*"
_NAME_MORE = re.compile(
    r"(?:\s+\([A-Z][A-Za-z0-9]{1,8}\))?(?:\s+(?:and\s+)?(?:[A-Z][\w\-’']*\s+){0,4}(?:\([A-Z][A-Za-z0-9]{1,8}\)\s+)?"
    r"(?:Meeting|Dialogue|Mechanism|Commission|Committee|Forum|Conference|Summit|Consultations?|Session)\b)?"
)


#: a name that goes on after a comma: "the Mechanism for Dialogue, Coordination and
#: Political and Strategic Consultation"
_NAME_AFTER_COMMA = re.compile(
    r",\s+(?:(?:[A-Z][\w\-’']*|and|&|of|for|on)\s+){0,8}(?:Consultations?|Dialogue|Meeting|Mechanism|Commission|"
    r"Committee|Forum|Conference|Summit|Talks|Cooperation)\b"
)


def _name_end(text: str, end: int, limit: int) -> int:
    """Where an event's capitalised name that has a noun at ``end`` really ends."""
    m = _NAME_MORE.match(text, end, limit)
    end = m.end() if m and m.end() > end else end
    if end > 0 and text[end - 1 : end].isalpha():
        c = _NAME_AFTER_COMMA.match(text, end, limit)
        if c and re.search(r"[A-Z][\w\-’']*$", text[max(0, end - 40) : end]):
            end = c.end()
    return end


def _np(text: str, start: int, limit: int) -> int:
    """End of the noun phrase that starts at ``start``."""
    m = _NP_END.search(text, start, limit)
    end = m.start() if m else limit
    dm = _DATE_TEXT.search(text, start, end)
    if dm:
        end = dm.start()
    return end


#: the purpose of a visit, after its destination and date: "for the Trilateral Summit
#: Meeting", "to attend the G20 Summit"
_PURPOSE = re.compile(
    r"\s*(?:,\s*)?(?:for|to\s+attend|to\s+take\s+part\s+in|to\s+participate\s+in)\s+(?:the\s+)?"
    r"(?=(?:[A-Z0-9][\w.\-’'+]*\s+){0,6}(?:Summit|Meeting|Dialogue|Conference|Forum|Session|G7|G20|COP\d*|"
    r"Assembly|Games|Talks|Consultations?)\b)"
    # "... to Tokyo next week for talks with Foreign Minister Hayashi"
    r"|\s*(?:,\s*)?(?=(?:for\s+(?:talks|a\s+meeting|a\s+summit|meetings|consultations)|to\s+(?:meet|hold\s+talks))\s+with\s+"
    r"(?:his|her|their\s+)?(?:[\w\-]+\s+){0,3}?[A-Z])"
)


def _purpose(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """The span of a visit's purpose after its destination and date ("for the
    Trilateral Summit Meeting of Japan"), or None."""
    pos = end
    dm = _DATE_TEXT.match(text, pos + (1 if text[pos : pos + 1] == " " else 0), limit)
    if dm:
        pos = dm.end()
    pm = _PURPOSE.match(text, pos, limit)
    if pm is None:
        return None
    stop = _NP_END.search(text, pm.end(), limit)
    start = pm.start() + len(pm.group(0)) - len(pm.group(0).lstrip(" ,"))
    return start, stop.start() if stop else limit


def _with_purpose(namer: _Namer, text: str, start: int, end: int, limit: int) -> tuple[str, int]:
    """The name of the visit written from ``start`` to ``end`` with its purpose added,
    and where the words it was read from end."""
    name = namer.render(start, end)
    purpose = _purpose(text, end, limit)
    if purpose is None:
        return name, end
    return f"{name} {namer.render(*purpose)}", purpose[1]


def _clean(name: str) -> str:
    name = re.sub(
        r"^(?:(?:later|earlier)\s+(?:today|this\s+\w+)|tomorrow|next\s+week),?\s+",
        "",
        name.strip(),
        flags=re.I,
    )
    name = re.sub(r"^(?:the|a|an|his|her|their)\s+", "", name.strip(), flags=re.I)
    when = [m for m in _DATE_TEXT.finditer(name) if m.end() == len(name) and m.start() > 0]
    if when:  # "... talks in Brasilia in the second half of the year": the name ends before when
        name = name[: when[-1].start()]
    name = re.sub(r"\s+(?:of|the|and|to|in|on|for|by|with|at)$", "", name)
    # "the G20 in South Africa scheduled for next year": the name ends before the schedule
    name = re.sub(r"\s+(?:scheduled|planned|set|slated|expected|due)(?:\s+(?:for|in))?$", "", name)
    name = re.sub(r"(?<=[a-z])\.$", "", name.strip())  # "... to Beijing." (not "the U.S.")
    name = re.sub(r"(\b[A-Z]{2,6})\.$", r"\1", name)  # "the next JCM."
    name = " ".join(name.split()).strip(' ,;:“”"')
    if name.count('"') == 1 or name.count("“") != name.count("”"):
        # a quotation cut in two by the end of the phrase
        name = name.replace('"', "").replace("“", "").replace("”", "")
    return name


_SUBJ_START = re.compile(
    r".*(?:\bthat[\s,]+|\bconfirmed\s+|\bagreed\s+|^\s*[-•(\d).]*\s*|:\s+|\bwhile\s+|\bbut\s+|"
    # "I have invited Jonas to visit Brasilia, and we will also meet at COP36": a new clause
    r",\s+and\s+(?=(?:we|they|he|she|I|the\s+two)\b)|"
    r"\bwhere\s+|\bwhen\s+|\bwhich\s+|\bwho\s+)",
    re.S,
)


def _subject_start(text: str, cs: int, end: int) -> int:
    m = _SUBJ_START.match(text[cs:end])
    return cs + (m.end() if m else 0)


#: the subject at a clause's start, named by office only: "The President will travel ..."
_OFFICE_SUBJECT = re.compile(
    r"\s*(?P<s>(?:The\s+)?(?:[A-Z][\w.\-]+\s+){0,4}[A-Z][\w.\-]+)\s+(?:will|would|is|was|has|said)\b"
)


def _pronoun(namer: _Namer, text: str, cs: int, pos: int) -> str:
    """Whom a "he" or "she" before ``pos`` stands for: the first person named in the
    clause, else its subject named by office, else the subject of an earlier sentence."""
    who = namer.actor(cs, pos)
    if who:
        return who
    m = _OFFICE_SUBJECT.match(text, cs, pos)
    if m and not re.match(r"(?:He|She|It|They|We|I)\b", m.group("s")):
        return namer.render(m.start("s"), m.end("s"))
    low = re.match(r"\s*[Tt]he\s+(?P<o>[a-z]+)\s+(?:will|would|is|was|has|said)\b", text[cs:pos])
    if low and namer.by_office(low.group("o")):
        return namer.by_office(low.group("o")) or ""  # "The king said he hopes to visit Japan"
    return namer.last_before(cs) or ""


def _subject(namer: _Namer, text: str, cs: int, end: int) -> str:
    """The subject of a verb at ``end``: from the last "that" (or the clause start)."""
    s = _subject_start(text, cs, end)
    subj = namer.render(s, end)
    if re.search(r"\s(?:and|but)$", subj):
        # "X is part of the delegation ... and will join ...": the first predicate's
        # subject, the person the clause names first
        actor = namer.actor(s, end)
        if actor:
            return actor
    subj = re.sub(r",?\s*accompanied\s+by\s+[^,]*,?", "", subj)  # companions are not the subject
    subj = re.sub(r"^,?\s*(?:if|when|as)\s+[^,]*,\s*", "", subj)  # "if circumstances permit,"
    # "During his visit, Muizzu will ...": an opening adverbial is not the subject
    subj = re.sub(
        r"^(?:during|after|before|following|while|on|in|at|later|earlier|to\s+\w+)\b[^,]*,\s*",
        "",
        subj,
        flags=re.I,
    )
    return re.sub(r"^(?:that|and|but|also|in\s+addition,?)\s+", "", subj, flags=re.I)


def find_follow_ups(
    text: str,
    sents: list[Sentence],
    anchor: dt.date | None,
    entities: list[Entity],
    *,
    start: int = 0,
    skip: list[tuple[int, int]] | None = None,
) -> list[dict]:
    namer = _Namer(text, entities)
    out: list[dict] = []
    skip = skip or []
    for s in sents:
        if s.start < start or len(out) >= MAX_FOLLOW_UPS:
            continue
        if any(a <= s.start < b for a, b in skip):
            continue
        if not _FUTURE_HINT.search(text, s.start, s.end):
            continue
        for cs, ce in _clauses(text, s):
            for name, span in _events(text, cs, ce, namer):
                # "COP27 under the Egyptian presidency": a meeting, whoever presides over it
                head = re.sub(r"\s+under\s+the\s+[^,;.]{0,40}presidency$", "", name, flags=re.I)
                if (
                    (_NOT_ENGAGEMENT.search(head) and not _NAMED_MEETING.search(head))
                    or _GENERIC.search(name)
                    or len(name.split()) < 2
                ):
                    continue
                if re.search(r"\btoday\b", name, re.I):
                    continue  # "continuing our bilateral discussion today": this meeting
                if (
                    not _EVENT_RE.search(name)
                    and not _ATTENDED.search(text, cs, ce)
                    # "will host the next BCM": a mechanism named by its acronym
                    and not _ACRONYM_EVENT.search(name)
                ):
                    continue
                item = _item(text, cs, ce, name, span, anchor)
                if not any(_same(item, o) for o in out):
                    out.append(item)
    # "the G7 meeting" and "the G7 Foreign Ministers' Meeting": one event, the fuller name kept
    words = [content_words(o["name"]) for o in out]
    keep = [
        o
        for i, o in enumerate(out)
        if not any(j != i and words[i] and words[i] < words[j] for j in range(len(out)))
    ]
    return keep[:MAX_FOLLOW_UPS]


def content_words(name: str, extra: frozenset[str] = frozenset()) -> set[str]:
    """The words of an event's name that tell it apart (stop words and ``extra`` left out)."""
    return {
        w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _STOPWORDS and w not in extra
    }


_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "a",
        "an",
        "and",
        "on",
        "in",
        "for",
        "to",
        "at",
        "between",
        "with",
        "by",
        "meeting",
        "s",
        "will",
        "be",
        "held",
    ]
)


_CLAUSE = re.compile(r";\s+|,?\s+and\s+(?=that\b)|,\s+(?=that\s+(?:a|an|the)\b)")


def _clauses(text: str, s: Sentence) -> list[tuple[int, int]]:
    out = []
    pos = s.start
    for m in _CLAUSE.finditer(text, s.start, s.end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, s.end))
    return out


#: words without which a rule cannot match: a clause lacking them skips the rule
_HINTS: dict[re.Pattern, tuple[str, ...]] = {}


def _scan(rx: re.Pattern, text: str, cs: int, ce: int, low: str) -> list[re.Match]:
    hints = _HINTS.get(rx)
    if hints and not any(h in low for h in hints):
        return []
    return list(rx.finditer(text, cs, ce))


@dataclass
class _Clause:
    """One clause read for follow-ups, and what the finders have found in it so far."""

    text: str
    cs: int
    ce: int
    namer: _Namer
    #: the clause in lower case, for the finders' cheap hints
    low: str
    found: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    #: the spans already read: a later finder does not read the same words again
    taken: list[tuple[int, int]] = field(default_factory=list)

    def add(self, name: str, a: int, b: int) -> None:
        name = _clean(name)
        if name and not any(x < b and a < y for x, y in self.taken):
            self.taken.append((a, b))
            self.found.append((name, (a, b)))

    def scan(self, rx: re.Pattern) -> list[re.Match]:
        return _scan(rx, self.text, self.cs, self.ce, self.low)


def _events(text: str, cs: int, ce: int, namer: _Namer) -> list[tuple[str, tuple[int, int]]]:
    """The future engagements of one clause: every finder of ``FINDERS``, in order."""
    clause = _Clause(text, cs, ce, namer, text[cs:ce].lower())
    for finder in FINDERS:
        finder(clause)
    return [(_with_place_after_when(text, name, b, ce), (a, b)) for name, (a, b) in clause.found]


def _with_place_after_when(text: str, name: str, end: int, limit: int) -> str:
    """ "the next round of Consultations at mutually convenient dates in New Delhi": the
    place said after the when belongs to the name, unless it has one."""
    if re.search(r"\s(?:in|at)\s+[A-Z]", name):
        return name
    pos = end + (1 if text[end : end + 1] == " " else 0)
    when = _DATE_TEXT.match(text, pos, limit)
    where = _PLACE_TAIL.match(text, when.end(), limit) if when else None
    return f"{name} {where.group(1).rstrip('.')}" if where else name


def _others_meet(c: _Clause) -> None:
    """ "their foreign ministers would meet in Canberra" -> "meeting of the foreign
    ministers of the two sides in Canberra"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_OTHERS_MEET):
        oe = _np(text, m.end(), ce)
        rest = namer.render(m.end(), oe)
        first, who = m.group("who").split(None, 1)
        if re.fullmatch(r"(?:two\s+)?(?:foreign\s+)?ministers", who, re.I) and not re.match(
            r"(?:their|our)$", first, re.I
        ):
            # "the two ministers will meet again in Geneva": the people who met
            rest = re.sub(r"^again\b\s*", "", rest)
            when = _DATE_TEXT.match(
                text, m.end() + len(re.match(r"\s*(?:again\s+)?", text[m.end() :]).group(0))
            )
            there = _PLACE_TAIL.match(text, when.end(), ce) if when and not rest else None
            if there:  # "will meet again next week in Geneva"
                rest, oe = there.group(1), there.end()
            c.add(f"meeting between {PARTIES} {rest}".strip(), m.start(), oe)
        elif re.search(r"\b(?:group|teams|negotiators)$", who, re.I):
            c.add(f"meeting of the {who.lower()} {rest}".strip(), m.start(), oe)
        elif first.lower() in ("their", "both", "our"):
            c.add(f"meeting of the {who.lower()} of {PARTIES} {rest}".strip(), m.start(), oe)
        elif first.lower() == "the":
            # "the G7 foreign ministers will meet": not necessarily of the two sides
            c.add(f"meeting of the {who} {rest}".strip(), m.start(), oe)
        else:
            c.add(f"meeting of the {m.group('who')} {rest}".strip(), m.start(), oe)


def _will_visit(c: _Clause) -> None:
    """ "X will visit Y (and hold a meeting with Z)" -> "X's visit to Y and meeting with Z";
    "X will attend Y", "X will host Y", "X will meet Y", "I will see you in Tokyo"."""
    for m in c.scan(_WILL_VISIT):
        subj = _visitor(c, m)
        if subj is None:
            continue
        verb = _plain_verb(m.group("verb").lower())
        if verb in ("see", "seeing"):
            # "I will see you in Tokyo": the two sides meet again
            oe = _np(c.text, m.end(), c.ce)
            rest = re.sub(r"^(?:you|each\s+other)\s*(?:again\s*)?", "", c.namer.render(m.end(), oe))
            if re.match(r"(?:in|at|on|during)\s", rest):
                c.add(f"meeting between {PARTIES} {rest}".strip(), m.start(), oe)
            continue
        subj = _visit_subject(c, m, subj, verb)
        if subj is None:
            continue
        named = _visit_name(c, m, subj, verb)
        if named is not None:
            c.add(*named)


def _visitor(c: _Clause, m: re.Match) -> str | None:
    """The subject of a "will visit": from the clause's start, or the person before a
    ", who" ("... with President Quang, who is on a state visit and will attend the
    Forum"); None when there is none."""
    text, cs, namer = c.text, c.cs, c.namer
    subj = _subject(namer, text, cs, m.end("subj"))
    who = text.rfind(", who ", cs, m.end("subj"))
    if who >= 0 and not namer.actor(who, m.end("subj")):
        return namer.last_in(cs, who) or None
    return subj


def _plain_verb(verb: str) -> str:
    """The verb of a "will visit" in few words: "visit", "travel to", "attend", "meet"..."""
    if verb.endswith(("visit to", "visit in")) or verb == "visiting":
        verb = "visit"  # "will pay an official visit to", "will be visiting"
    elif verb.startswith(("travel", "proceed", "go ", "head", "move", "leave", "depart")):
        verb = "travel to"
    elif verb == "attending":
        verb = "attend"
    elif verb.endswith("call on"):
        verb = "meet"  # "is expected to call on the Prime Minister": they will meet
    elif verb.startswith(("engage", "have")):
        verb = "meet"  # "will engage in high-level meetings with X"
    elif verb.startswith("embark"):
        verb = "visit"
    elif verb.startswith("lead"):
        verb = "attend"
    return verb


def _visit_subject(c: _Clause, m: re.Match, subj: str, verb: str) -> str | None:
    """Who "he", "she" or "I" is; None when the subject is no one person ("it", "the two
    leaders": their meeting again is added here)."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    if re.search(r"(?:^|\s)(?:he|she)$", subj, re.I):
        # "Jakarta, where he will meet President X": the person the text last named
        subj = _pronoun(namer, text, cs, m.start())
        if not subj:
            return None
    if re.match(r"^(?:the\s+two|both|they|we|the\s+ministers|the\s+leaders)\b", subj, re.I):
        if verb == "meet":
            # "we, he and I, will meet with our teams in Geneva": the two sides again
            oe = _np(text, m.end(), ce)
            rest = re.sub(
                r"^(?:again\s+)?(?:with\s+(?:our|their)\s+(?:teams|delegations)\s*)?",
                "",
                namer.render(m.end(), oe),
            )
            c.add(f"meeting between {PARTIES} {rest}".strip(), m.start(), oe)
        elif verb in ("attend", "participate in", "join") and not re.match(r"^we\b", subj, re.I):
            # "Both ministers will attend the NATO summit in Madrid": an event the text
            # ties both sides to
            oe = _np(text, m.end(), ce)
            obj = namer.render(m.end(), oe)
            if _EVENT_RE.search(obj):
                c.add(obj, m.start(), oe)
        return None
    if re.match(r"^(?:it|this)\b", subj, re.I) or (verb == "meet" and _BODY_NOUN.search(subj)):
        return None  # "the Joint Economic Committee would meet": a meeting of that body
    if subj in ("I", "We"):
        # "Minister Berg said: I'll visit Lisbon": the speaker
        speaker = namer.first_person(cs, m.start()) if subj == "I" else None
        return speaker or None
    return subj


def _visit_name(c: _Clause, m: re.Match, subj: str, verb: str) -> tuple[str, int, int] | None:
    """The name of what ``subj`` will do (visit, attend, host, meet), and its span."""
    text, ce, namer = c.text, c.ce, c.namer
    oe = _np(text, m.end(), ce)
    obj = namer.render(m.end(), oe)
    if verb in ("hold",):
        return None  # handled by _WILL_HOLD / _HOLD
    if verb in ("welcome", "receive"):
        # "will welcome President X to Tokyo for a state visit": the guest's visit
        guest = namer.actor(m.end(), oe)
        dest = re.search(
            r"\sto\s+(?P<p>(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})",
            text[m.end() : oe],
        )
        if guest and dest:
            return f"{guest}'s visit to {dest.group('p')}", m.start(), oe
        return (f"meeting between {subj} and {guest}", m.start(), oe) if guest else None
    if "visit" in verb or verb.startswith("travel"):
        if _SOLO_MULTILATERAL.search(text, m.end(), ce) and not re.search(
            r"\b(?:both|together|two)\b", subj, re.I
        ):
            return None  # one side travelling to a multilateral meeting is not a meeting of the two
        obj, oe = _with_purpose(namer, text, m.end(), oe, ce)
        name = f"{subj}'s visit to {obj}"
        rest = re.match(
            r"\s*(?:\w+\s+){0,3}?and\s+(?:hold|have)\s+(?:a|an|the)?\s*(?P<e>[^,;.]{3,100})",
            text[oe:ce],
        )
        if rest:
            ee = _np(text, oe + rest.start("e"), ce)
            name += " and " + namer.render(oe + rest.start("e"), ee)
            oe = ee
    elif verb in ("attend", "participate in", "join"):
        name = f"{subj}'s participation in {obj}"
    elif verb == "host" and (_EVENT_RE.search(obj) or lx.lookup_country(subj.lower().split())):
        name = f"{subj} hosting {obj}"  # "Japan would host the G20"
    elif verb == "host" and re.match(
        r"(?:a|an|the)\s+(?:[\w\-]+\s+)?(?:lunch|luncheon|dinner|banquet|reception|breakfast)",
        obj,
        re.I,
    ):
        return None  # a meal in the guest's honour is part of the visit
    elif verb == "host":
        # "Minister Wong will host Minister Hayashi in Adelaide": they will meet
        name = f"meeting between {subj} and {obj}"
    else:
        if re.search(r"\bhalfway\b|\bside\b", obj + " " + subj, re.I):
            return None  # "meet the other side halfway" is a figure of speech
        obj = re.sub(r"^(?:virtually\s+|in\s+person\s+|online\s+)?(?:with\s+)?", "", obj)
        name = f"meeting between {subj} and {obj}" if obj else f"meeting between {subj}"
    return name, m.start(), oe


def _next_leg(c: _Clause) -> None:
    """ "Silva travels on to Manila for talks" (a visit report's next leg) -> "Silva's visit
    to Manila for talks"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_NEXT_LEG):
        oe = _np(text, m.end(), ce)
        purpose = _purpose(text, oe, ce)
        dated = _DATE_TEXT.search(text, cs, ce)
        if not (m.group("adv") or m.group("on") or purpose or dated):
            continue  # "the Minister travels to Tokyo": a visit under way, not announced
        subj = _subject(namer, text, cs, m.end("subj"))
        subj = re.sub(r"^(?:next\s+week|tomorrow|later|then)\s+", "", subj, flags=re.I)
        if re.match(r"^(?:the\s+two|both|they|we|it|this|there)\b", subj, re.I) or not subj:
            continue
        name, oe = _with_purpose(namer, text, m.end(), oe, ce)
        c.add(f"{subj}'s visit to {name}", m.start(), oe)


def _visit_of_to(c: _Clause) -> None:
    """ "A return visit by Silva to Tokyo is being planned" -> "Silva's visit to Tokyo"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_VISIT_OF_TO):
        if not _FUTURE_WORD.search(text, cs, ce) or _PAST_VISIT.search(text, cs, m.start()):
            continue
        who = re.sub(r"^(?:the|a)\s+", "", namer.render(m.start("who"), m.end("who")))
        c.add(f"{who}'s visit to {m.group('place')}", m.start(), m.end())


def _to_co_chair(c: _Clause) -> None:
    """ "I am honoured to co-chair with Minister Payne the Ministerial Meeting of the NPDI"
    -> "Ministerial Meeting of the NPDI co-chaired by X and Minister Payne"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_TO_CO_CHAIR):
        ee = _name_end(text, _np(text, m.start("evt"), ce), ce)
        evt = namer.render(m.start("evt"), ee)
        if not _EVENT_RE.search(evt):
            continue
        actor = namer.actor(cs, m.start()) or namer.first_person(cs, m.start())
        other = namer.render(m.start("with"), m.end("with")) if m.group("with") else None
        chairs = " and ".join(x for x in (actor, other) if x)
        c.add(f"{evt} co-chaired by {chairs}" if chairs else evt, m.start(), ee)


def _confirmed_participation(c: _Clause) -> None:
    """ "Minister X confirmed his participation in the COP36" -> "X's participation in
    COP36"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_CONFIRMED_PARTICIPATION):
        who = namer.actor(cs, m.start()) or namer.last_before(cs)
        oe = _np(text, m.start("evt"), ce)
        if who:
            c.add(f"{who}'s participation in {namer.render(m.start('evt'), oe)}", m.start(), oe)


def _body_first_meeting(c: _Clause) -> None:
    """ "a joint working group on energy, which will hold its first meeting in August" ->
    "first meeting of the joint working group on energy"."""
    for m in c.scan(_BODY_FIRST_MEETING):
        c.add(f"{m.group('ord').lower()} meeting of the {m.group('body')}", m.start(), m.end())


def _tasked_to_meet(c: _Clause) -> None:
    """ "The ministers tasked their senior officials to meet within three months" ->
    "meeting of the senior officials of the two sides"."""
    for m in c.scan(_TASKED_TO_MEET):
        c.add(f"meeting of the {m.group('who')} of {PARTIES}", m.start(), m.end())


def _body_meets(c: _Clause) -> None:
    """ "the Joint Committee should meet before the end of the year" -> "meeting of the
    Joint Committee"."""
    text, ce = c.text, c.ce
    for m in c.scan(_BODY_MEETS):
        oe = _np(text, m.end(), ce)
        where = _PLACE_TAIL.match(text, m.end(), ce)
        c.add(
            f"meeting of the {re.sub(r'^[Tt]he ', '', m.group('evt'))}"
            + (f" {where.group(1)}" if where else ""),
            m.start(),
            oe,
        )


def _body_which_meets(c: _Clause) -> None:
    """ "a working group on critical minerals, which will meet in June" -> "meeting of
    the working group on critical minerals"."""
    for m in c.scan(_BODY_WHICH_MEETS):
        c.add(f"meeting of the {m.group('evt').lower()}", m.start(), m.end())


#: "the Oslo Forum, which Minister X will attend on 12 June": a named event to come
_WHICH_ATTENDS = re.compile(
    r"\b(?P<evt>(?:[A-Z0-9][\w.\-’'+]*\s+){1,6}(?:Summit|Forum|Conference|Meeting|Dialogue|Assembly|"
    r"Session|Council|Ministerial))\s*,\s*which\s+(?:[^,;.]{0,60}?\s+)?(?:will|would|is\s+to|are\s+to)\s+"
    r"(?:also\s+)?(?:attend|host|co-?chair|chair|participate\s+in|take\s+part\s+in)\b"
)


def _which_attends(c: _Clause) -> None:
    """ "the agenda of the Oslo Forum, which Minister X will attend on 12 June" -> "Oslo
    Forum"."""
    for m in c.scan(_WHICH_ATTENDS):
        c.add(c.namer.render(m.start("evt"), m.end("evt")), m.start("evt"), m.end())


def _agreed_on(c: _Clause) -> None:
    """ "agreed on a visit by the Prime Minister to Canada" -> "visit by the Prime
    Minister to Canada"."""
    _forward_phrases(c, _AGREED_ON)


def _followed_by(c: _Clause) -> None:
    """ "X would meet in Delhi, followed by a meeting of the ministers in August": the
    second event, only after a first future one in the same clause (never "the talks
    were followed by a lunch")."""
    if c.found:
        _forward_phrases(c, _FOLLOWED_BY)


def _will_be_in(c: _Clause) -> None:
    """ "X will be in Islamabad on May 21 for talks", "X will be on an official visit to
    India" -> "X's visit to ..."."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_WILL_BE_IN) + c.scan(_EXPECTED_IN):
        subj = _subject(namer, text, cs, m.end("subj"))
        if re.match(r"^(?:the\s+two|both|they|we|it|this|there)\b", subj, re.I) or not subj:
            continue
        g = "dest" if m.group("dest") else "place"
        name, oe = _with_purpose(namer, text, m.start(g), m.end(g), ce)
        if g == "place" and oe == m.end(g):
            continue  # "will be in Tokyo": a visit only with its purpose ("for talks")
        c.add(f"{subj}'s visit to {name}", m.start(), oe)


def _hope_visit(c: _Clause) -> None:
    """ "X hopes to visit Y", "he would like to visit Y" -> "X's visit to Y"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_HOPE_VISIT):
        subj = _subject(namer, text, cs, m.end("subj"))
        subj = re.sub(r"^(?:the|a)\s+(?=[a-z])", "", subj)
        subj = re.sub(r"\s+(?:also|further|now|then|still)$", "", subj)
        oe = _np(text, m.end(), ce)
        if re.match(r"^(?:the\s+two|both|they|we|it)\b", subj, re.I):
            continue
        if re.search(r"(?:^|\s)(?:he|she)$", subj, re.I):
            # "stated that he would like to visit"
            subj = _pronoun(namer, text, cs, m.start("subj"))
            if not subj:
                continue
        elif re.search(r"(?:^|\s)I$", subj):
            # '"So I am planning to visit Islamabad," Minister X told reporters'
            subj = namer.first_person(cs, m.start("subj")) or ""
            if not subj:
                continue
        elif re.fullmatch(r"(?:[Tt]he\s+)?[a-z][a-z\-]*", subj) and namer.by_office(subj):
            subj = namer.by_office(subj) or subj  # "The king said he hopes to visit Japan"
        dest = re.sub(r"\s+again$", "", namer.render(m.end(), oe))
        c.add(f"{subj}'s visit to {dest}", m.start(), oe)


def _will_hold(c: _Clause) -> None:
    """ "X will hold talks with Y" -> "talks between X and Y"; "the two leaders will hold a
    summit meeting at the G7 Summit"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_WILL_HOLD):
        subj = _subject(namer, text, cs, m.end("subj"))
        evt = re.sub(r"^(?:a|the|their)\s+", "", m.group("evt"))
        if re.match(r"^(?:the\s+two|both|they|we)\b", subj, re.I):
            # "the two leaders will hold a summit meeting on the margins of the G7 Summit"
            tail = re.match(
                r"\s+(?:(?:on|in)\s+the\s+(?:margins|sidelines)\s+of|at|during|in)\s+(?:the\s+)?[A-Z]",
                text[m.end() : ce],
            )
            if (tail or "round" in evt) and evt not in (
                "negotiations",
                "talks",
                "consultations",
                "discussions",
            ):
                oe = _np(text, m.end() + 1, ce)
                c.add(f"{evt} between {PARTIES} {namer.render(m.end(), oe)}", m.start("evt"), oe)
            continue
        end = m.end()
        if _BODY_NOUN.search(subj):
            # "Technical Level Working Groups should hold their meetings": that body's
            body = re.sub(r"^the\s+", "", subj)
            c.add(f"{evt} of the {body}", _subject_start(text, cs, m.end("subj")), end)
            continue
        with_ = re.match(r"\s+with\s+", text[end:ce])
        if with_:
            # "Muizzu will hold discussions with Modi on ...": the other side
            oe = _np(text, end + with_.end(), ce)
            other = re.split(r"\s+on\s+", namer.render(end + with_.end(), oe))[0]
            c.add(f"{evt} between {subj} and {other}", _subject_start(text, cs, m.end("subj")), oe)
            continue
        c.add(f"{evt} between {subj}", _subject_start(text, cs, m.end("subj")), end)


def _hope_welcome(c: _Clause) -> None:
    """ "he hoped to welcome the President again in Tokyo" -> "President's visit to Tokyo"."""
    namer = c.namer
    for m in c.scan(_HOPE_WELCOME):
        who = namer.render(m.start("who"), m.end("who"))
        if who.lower() in ("you", "him", "her", "them", "us"):
            who = namer.actor(m.start("who"), m.end("who")) or ""
            if not who:
                # "I hope to welcome you in Tokyo": the other side of this meeting
                c.add(f"meeting between {PARTIES} in {m.group('place')}", m.start(), m.end())
                continue
        who = re.sub(r"^(?:the|a)\s+", "", who)
        guest, _at, event = who.partition(" at ")
        if not event:
            # "welcoming Prime Minister X to the G7 Leaders' Summit in Cornwall": the same
            guest, _to, event = who.partition(" to ")
            event = event if _EVENT_RE.search(event) else ""
        if event:
            # "looked forward to welcoming X at the G20 Summit in Rio": X's participation
            event = re.sub(r"^the\s+", "", event)
            c.add(f"{guest}'s participation in {event} in {m.group('place')}", m.start(), m.end())
            continue
        c.add(f"{who}'s visit to {m.group('place')}", m.start(), m.end())


def _intention_visit(c: _Clause) -> None:
    """ "conveyed his intention to visit Brazil" -> "X's visit to Brazil"."""
    cs, namer = c.cs, c.namer
    for m in c.scan(_INTENTION_VISIT):
        who = namer.actor(cs, m.start()) or namer.last_before(cs)
        if who:
            c.add(f"{who}'s visit to {m.group('obj')}", m.start(), m.end())


def _when_meet(c: _Clause) -> None:
    """ "when we meet at the UN General Assembly in September" -> "meeting between the two
    sides at the UN General Assembly"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_WHEN_MEET):
        ee = _np(text, m.start("where"), ce)
        c.add(f"meeting between {PARTIES} {namer.render(m.start('where'), ee)}", m.start(), ee)


def _invite(c: _Clause) -> None:
    """ "X invited Y to visit Z" -> "Y's visit to Z"; "invited Y to attend the Summit" ->
    "Y's participation in the Summit"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_INVITE):
        who = namer.render(m.start("who"), m.end("who"))
        if who.lower() == "you" and not re.search(r"\bthank", text[cs : m.start()], re.I):
            # "I would like to invite you to Japan": quoted speech, the speaker's invitation
            speaker = namer.actor(cs, m.start()) or namer.last_before(cs)
            oe = _np(text, m.start("obj"), ce)
            obj = namer.render(m.start("obj"), oe)
            if speaker and lx.lookup_country(obj.lower().split()):
                c.add(f"visit to {obj} at {speaker}'s invitation", m.start(), oe)
            continue
        if who.lower() == "me":
            # '"X has invited me to go to Islamabad on the 15th of July," Y told reporters'
            who = namer.first_person(cs, m.start()) or ""
        if who.lower() in ("him", "her") and not re.search(r"\bthank", text[cs : m.start()], re.I):
            # "In his meeting with Prime Minister Sharma, President Novak invited him to
            # visit Slovenia": the one named in the clause who is not the inviter
            named = list(dict.fromkeys(sh for s0, _e, sh in namer.spans if cs <= s0 < m.start()))
            who = named[0] if len(named) == 2 else ""
        if who.lower() in ("", "you", "him", "her", "them", "us"):
            continue
        if who.lower() in ("each other", "one another"):
            # "the Ministers invited each other to visit their states": visits both ways
            c.add("mutual visits", m.start(), _np(text, m.start("obj"), ce))
            continue
        oe = _np(text, m.start("obj"), ce)
        obj = namer.render(m.start("obj"), oe)
        dash = _DASH_NAME.match(text, oe, ce)
        if dash and not re.search(r"[A-Z]", obj):
            # "to take part in another major forum – the St Petersburg Forum": its name
            oe = _np(text, dash.start("n"), ce)
            obj = namer.render(dash.start("n"), oe)
        head = re.match(r"(?P<p>.+?)\s+and\s+(?:the|a|an|it|they|he|she)\s", obj)
        if head and lx.lookup_country(head.group("p").lower().split()):
            # "invited Chinese leaders to Japan and the Chinese side accepted": the place
            oe = m.start("obj") + len(head.group("p"))
            obj = head.group("p")
        last = who.split()[-1] if who.split() else who
        plural = last.islower() and last.endswith("s") and not last.endswith("ss")
        owner = f"{who}'" if plural else f"{who}'s"  # "Chinese leaders' visit"
        if _EVENT_RE.search(obj) and not lx.lookup_country(obj.lower().split()):
            c.add(f"{owner} participation in {obj}", m.start(), oe)
        else:
            c.add(f"{owner} visit to {obj}", m.start(), oe)


def _will_hold_named(c: _Clause) -> None:
    """ "The Foreign Ministers will hold the 8th Annual Dialogue on 14 June" -> "8th Annual
    Dialogue"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_WILL_HOLD_NAMED):
        ee = _name_end(text, m.end("evt"), ce)
        where = _PLACE_TAIL.match(text, ee, ce)
        name = namer.render(m.start("evt"), ee)
        c.add(f"{name} {where.group(1)}" if where else name, m.start("evt"), ee)


def _accepted_invitation(c: _Clause) -> None:
    """ "The Prime Minister accepted an invitation to visit Indonesia" -> "Prime Minister
    X's visit to Indonesia"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_ACCEPTED_INVITATION):
        if m.group("evt"):
            # "accepted Prime Minister Modi's invitation for an informal summit in India"
            ee = _np(text, m.start("evt"), ce)
            phrase = namer.render(m.start("evt"), ee)
            if _EVENT_RE.search(phrase):
                c.add(phrase, m.start("evt"), ee)
            continue
        who = namer.actor(cs, m.start()) or _subject(namer, text, cs, m.start())
        # "I have also accepted ...": the subject without its auxiliaries, "I" the speaker
        who = re.sub(r"(?:\s+(?:have|has|had|also|already|now|just|gladly|kindly))+$", "", who)
        if who in ("I", "i"):
            who = namer.first_person(cs, m.start()) or ""
        if not who or who.lower() in ("we", "they", "he", "she", "you"):
            continue
        c.add(f"{who}'s visit to {namer.render(m.start('obj'), m.end('obj'))}", m.start(), m.end())


def _invited(c: _Clause) -> None:
    """ "the Prime Minister has been invited to Beijing" -> "Prime Minister's visit to
    Beijing"."""
    namer = c.namer
    for m in c.scan(_INVITED):
        who = namer.render(m.start("subj"), m.end("subj"))
        if re.match(r"^(?:we|they|i|you|he|she)$", who, re.I) or not who:
            continue
        who = re.sub(r"^(?:the|a)\s+", "", who)
        c.add(f"{who}'s visit to {namer.render(m.start('obj'), m.end('obj'))}", m.start(), m.end())


def _invitation(c: _Clause) -> None:
    """ "an invitation to X to visit Y" -> "X's visit to Y"; "invitation to attend the
    AMISOM Summit" -> "AMISOM Summit"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_INVITATION):
        if m.group("evt"):
            ee = _np(text, m.start("evt"), ce)
            phrase = namer.render(m.start("evt"), ee)
            if _EVENT_RE.search(phrase):
                c.add(phrase, m.start("evt"), ee)
            continue
        if m.group("dest"):
            c.add(f"visit to {m.group('dest')}", m.start(), m.end())
            continue
        who = namer.render(m.start("who"), m.end("who"))
        # "an invitation to President Kenyatta on a State Visit to South Africa"
        who = re.split(r"\s+(?:on|for)\s+(?:a|an|the)\s+", who)[0]
        oe = _np(text, m.start("obj"), ce)
        if m.group("part"):
            c.add(f"{who}'s participation in {namer.render(m.start('obj'), oe)}", m.start(), oe)
            continue
        c.add(f"{who}'s visit to {namer.render(m.start('obj'), oe)}", m.start(), oe)


def _preparations(c: _Clause) -> None:
    """ "preparations for the next Japan-EU Summit" -> "Japan-EU Summit"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_PREPARATIONS):
        g = "evt" if m.group("evt") else "evt2"
        ee = _np(text, m.start(g), ce)
        name = namer.render(m.start(g), ee)
        if g == "evt2" and not _EVENT_RE.search(name):
            continue  # "preparations for the next steps"
        c.add(name, m.start(g), ee)


def _for_to_visit(c: _Clause) -> None:
    """ "arrangements for Y to visit Z" -> "Y's visit to Z"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_FOR_TO_VISIT):
        who = namer.render(m.start("who"), m.end("who"))
        oe = _np(text, m.end(), ce)
        c.add(f"{who}'s visit to {namer.render(m.end(), oe)}", m.start(), oe)


def _visit_by(c: _Clause) -> None:
    """ "successful visit to Japan by X" -> "X's visit to Japan"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_VISIT_BY):
        oe = _np(text, m.start("who"), ce)
        who = namer.render(m.start("who"), oe)
        c.add(f"{who}'s visit to {m.group('place')}", m.start(), oe)


def _passive(c: _Clause) -> None:
    """ "the 15th Strategic Dialogue will be held in Tokyo" -> "15th Strategic Dialogue in
    Tokyo"; "... is scheduled for", "the first round to be held"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_PASSIVE):
        g = next(k for k in ("evt", "evt2", "evt3", "evt4") if m.group(k))
        evt_s, evt_e = m.start(g), m.end(g)
        # the event is the last noun phrase before "will be held"
        seg = text[evt_s:evt_e]
        cut = max(seg.rfind(" that "), seg.rfind(", "))
        if cut >= 0:
            evt_s += cut + (6 if seg[cut:].startswith(" that ") else 2)
        name = namer.render(evt_s, evt_e)
        rel = re.search(r"\s+(?:which|that)$", name)
        where = _PLACE_TAIL.match(text, m.end(), ce) or _place_after_when(text, m.end(), ce)
        if where and not rel:
            name = f"{name} {where.group(1)}"  # "... will take place in Washington, DC"
        if m.group(0).endswith(("resumed", "resume", "reconvene")):
            name = f"resumption of {_clean(name)}"  # "talks ... should be resumed"
        if rel:
            # "toward COP27 which will be held under the Egyptian presidency"
            name = name[: rel.start()]
            name = re.split(r"\b(?:toward|towards|for|at|to)\s+", name)[-1]
            tail = re.match(r"\s+(?:under|in|at|by)\s+[^,;.]{3,60}", text[m.end() : ce])
            if tail:
                name += " " + _clean(text[m.end() : _np(text, m.end() + 1, m.end() + tail.end())])
        c.add(name, evt_s, evt_e)


#: the words of a day or month before a place: "for 12 May", "on 3 April", "in June"
_WHEN_THEN_IN = re.compile(
    r"(?:\s+(?:for|on|in|during))?(?:\s+(?:early|late|later|mid|the|of|next|this|coming|first|second|half|end|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"spring|summer|autumn|fall|winter|year|month|week|\d{1,4}(?:st|nd|rd|th)?),?){1,6}(?=\s+in\s+[A-Z])"
)


def _place_after_when(text: str, pos: int, end: int) -> re.Match | None:
    """Where, after when: "is scheduled for 12 May in Vilnius" -> "in Vilnius"."""
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1  # a name's end may sit after its space
    when = _WHEN_THEN_IN.match(text, pos, end)
    return _PLACE_TAIL.match(text, when.end(), end) if when else None


def _request_visit(c: _Clause) -> None:
    """ "requested that X visit Y" -> "X's visit to Y"."""
    namer = c.namer
    for m in c.scan(_REQUEST_VISIT):
        who = namer.render(m.start("who"), m.end("who"))
        c.add(f"{who}'s visit to {m.group('place')}", m.start(), m.end())


def _poss_visit(c: _Clause) -> None:
    """ "X's visit to Y would ..." -> "X's visit to Y"."""
    text, namer = c.text, c.namer
    for m in c.scan(_POSS_VISIT):
        name, ee = _with_purpose(
            namer, text, m.start("evt"), _np(text, m.start("evt"), m.end("evt")), m.end("evt")
        )
        c.add(name, m.start("evt"), ee)


def _poss_planned_visit(c: _Clause) -> None:
    """ "President X's planned visit to the White House" -> "President X's visit to the
    White House"."""
    namer = c.namer
    for m in c.scan(_POSS_PLANNED_VISIT):
        name = re.sub(
            rf"(?:['’]s)?\s+(?:{_TO_COME_RE})\s+",
            "'s ",
            namer.render(m.start("evt"), m.end("evt")),
        )
        c.add(name, m.start("evt"), m.end("evt"))


def _for_poss_visit(c: _Clause) -> None:
    """ "continue working ... for President Zuma's visit to Japan" -> "President Zuma's
    visit to Japan"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_FOR_POSS_VISIT):
        if _PAST_VISIT.search(text, cs, m.start()):
            continue
        name, ee = _with_purpose(namer, text, m.start("evt"), m.end("evt"), ce)
        c.add(name, m.start("evt"), ee)


def _resumption(c: _Clause) -> None:
    """ "the early resumption of negotiations on X as well as aviation talks" -> "resumption
    of negotiations on X", "resumption of aviation talks"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_RESUMPTION):
        noun = re.search(r"resumption|launch|start", m.group(0)).group(0)
        body = m.group("evt")
        # "... on X as well as bilateral aviation talks": one follow-up each
        parts = re.split(r"\s+as\s+well\s+as\s+|,\s+and\s+", body, maxsplit=1)
        pos = m.start("evt")
        for k, part in enumerate(parts):
            start = text.find(part, pos, ce) if k else m.start("evt")
            ee = _np(text, start, min(ce, start + len(part)))
            c.add(f"{noun} of {namer.render(start, ee)}", start, ee)
            pos = start + len(part)


def _agreed_to_meet(c: _Clause) -> None:
    """ "The leaders agreed to meet again at the G20 Summit in Rio" -> "meeting between the
    two sides at the G20 Summit in Rio"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_AGREED_TO_MEET):
        kind = "meeting" if m.group("verb") == "meet" else "call"
        if len(m.group("where").strip()) <= len("in person"):
            when = _DATE_TEXT.match(text, m.end(), ce)
            if when:  # "agreed to meet again next year": when, but not where
                c.add(f"{kind} between {PARTIES} {m.group('where')}".strip(), m.start(), when.end())
            continue
        ee = _np(text, m.start("where"), ce)
        c.add(f"{kind} between {PARTIES} {namer.render(m.start('where'), ee)}", m.start(), ee)


def _ahead_of(c: _Clause) -> None:
    """ "Ahead of the G20 Summit", "Ahead of his visit to Japan next week" -> "G20 Summit",
    "X's visit to Japan"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(_AHEAD_OF):
        if m.group("visit"):
            actor = namer.actor(cs, ce) or namer.last_before(cs)
            if actor:
                c.add(f"{actor}'s {m.group('visit')}", m.start("visit"), m.end("visit"))
            continue
        ee = _np(text, m.start("evt"), ce)
        c.add(namer.render(m.start("evt"), ee), m.start("evt"), ee)


def _expect_visit(c: _Clause) -> None:
    """ "expectations for an early visit to Japan by X" -> "early visit to Japan by X"."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(_EXPECT_VISIT):
        ee = _np(text, m.start("evt"), ce)
        c.add(namer.render(m.start("evt"), ee), m.start("evt"), ee)


#: "further discussions", "more talks then": more of the same exchange, no engagement of
#: its own (an ongoing process, in the guidelines' words)
_VAGUE_MORE = re.compile(
    r"(?:further|more|continued|continuing)\s+(?:discussions?|talks|exchanges|contacts|dialogue)"
    r"(?:\s+(?:then|on\s+(?:this|these|the)\s+\w+(?:\s+\w+)?))?$",
    re.I,
)


def _forward_phrases(c: _Clause, rx: re.Pattern) -> None:
    """An event named after words that look to it (``rx``: looking forward, holding,
    the success of), one follow-up per event of "the A Dialogue and the B Dialogue"."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    for m in c.scan(rx):
        if re.search(r"\bhad(?:\s+been)?\s+$", text[max(cs, m.start() - 12) : m.start()]):
            continue  # "had been looking forward to": the past
        g = "evt" if m.group("evt") else "evt2"
        es = m.start(g)
        ee = _name_end(text, _np(text, es, ce), ce)
        phrase = namer.render(es, ee)
        if g == "evt2" and "holding" in m.group(0) and _PAST_VISIT.search(text, cs, m.start()):
            continue  # "welcomed the progress, including the holding of the 2+2 in 2022"
        if rx is _LOOK_FORWARD and _looked_forward_to(c, m, es, ee, phrase):
            continue
        if not (_EVENT_RE.search(phrase) or _ACRONYM_EVENT.search(phrase)) or _VAGUE_MORE.match(
            phrase
        ):
            continue
        # "the A Dialogue and the B Dialogue": one follow-up each
        parts = re.split(r"\s+and\s+(?=(?:the\s+)?[A-Z0-9])", phrase)
        if len(parts) > 1 and all(_EVENT_RE.search(p) for p in parts):
            for p in parts:
                c.add(p, es, ee)
                c.taken.pop()
            c.taken.append((es, ee))
        else:
            c.add(phrase, es, ee)
        _as_well_as(c, ee)


def _as_well_as(c: _Clause, end: int) -> None:
    """ "holding the A Dialogue as well as the second round of B": the event after it."""
    text, ce = c.text, c.ce
    more = re.match(r"\s+as\s+well\s+as\s+", text[end:ce])
    if more is None:
        return
    es = end + more.end()
    ee = _name_end(text, _np(text, es, ce), ce)
    phrase = c.namer.render(es, ee)
    if _EVENT_RE.search(phrase) and not _VAGUE_MORE.match(phrase):
        c.add(phrase, es, ee)


#: the words between one event to come and the next of a list: its when ("scheduled for
#: late June"), then ", and the"
_AND_THE = re.compile(r"\s*,?\s+and\s+(?:the|a|an)\s+(?=\S)")
_SET_FOR = re.compile(r"\s+(?:scheduled|planned|set|slated|due)\s+(?:for|in)\b")


def _and_the_next(c: _Clause) -> None:
    """ "the summit meeting scheduled for late June, and the 2+2 ministerial in late
    July": the next event of a list of events to come, with no verb of its own."""
    text, ce = c.text, c.ce
    for _name, (_a, b) in list(c.found):
        pos = b
        set_for = _SET_FOR.match(text, pos, ce)
        if set_for:
            pos = set_for.end()
        when = _DATE_TEXT.match(text, pos + (1 if text[pos : pos + 1] == " " else 0), ce)
        if when:
            pos = when.end()
        more = _AND_THE.match(text, pos, ce)
        if more is None:
            continue
        es = more.end()
        ee = _name_end(text, _np(text, es, ce), ce)
        phrase = c.namer.render(es, ee)
        if (
            _EVENT_RE.search(phrase)
            and not _VAGUE_MORE.match(phrase)
            and not _VERBISH.search(phrase)
        ):
            c.add(phrase, es, ee)


#: a list's next item that is a clause, not an event: "and the two sides agreed ..."
_VERBISH = re.compile(
    r"\b(?:agreed|discussed|stressed|noted|said|will|would|were|was|are|is)\b", re.I
)


def _looked_forward_to(c: _Clause, m: re.Match, es: int, ee: int, phrase: str) -> bool:
    """Looking forward to seeing someone, to visiting, to hosting someone: whose meeting
    or visit. True when the form was read (or is to be left unread)."""
    text, cs, ce, namer = c.text, c.cs, c.ce, c.namer
    seeing = re.match(r"(?:seeing|meeting(?:\s+with)?)\s+", text[es:ee])
    if seeing:
        # "looking forward to seeing Prime Minister Noda": a meeting of the two
        guest = namer.actor(es, ee)
        actor = namer.actor(cs, m.start()) or namer.last_before(cs)
        at = _SEEN_WHERE.match(text, es, ce)
        if guest and actor and guest != actor:
            if at:  # "... seeing Minister Berg again at the G20 in Rio"
                we = _np(text, at.start("w"), ce)
                there = namer.render(at.start("w"), we)
                c.add(f"meeting between {actor} and {guest} {there}", es, we)
            else:
                c.add(f"meeting between {actor} and {guest}", es, ee)
            return True
        where = re.match(
            r"(?:seeing|meeting(?:\s+with)?)\s+(?:you|him|her|them|(?:the\s+)?(?:President|Prime\s+Minister|"
            r"Chancellor|Minister|Secretary|Premier|King|Emir)\b)\s*(?:again\s+)?"
            r"(?P<w>(?:in|at)\s+(?:the\s+)?[A-Z][^,;.]{2,60})",
            text[es:ce],
        )
        if where:
            # "I look forward to seeing you again in Brasilia": the two, there
            we = _np(text, es + where.start("w"), ce)
            c.add(
                f"meeting between {PARTIES} {namer.render(es + where.start('w'), we)}",
                es,
                we,
            )
            return True
    if re.match(r"visiting\s*$", phrase):
        # "He looked forward to visiting in the coming months": the visit of the
        # person the text last named
        actor = namer.actor(cs, m.start()) or namer.last_before(cs)
        if actor:
            c.add(f"{actor}'s visit", es, ee)
        return True
    hosting = re.match(r"(?:host(?:ing)?|receiv(?:e|ing)|welcom(?:e|ing))\s+", text[es:ee])
    if hosting:
        # "looks forward to hosting Prime Minister Modi in Washington": his visit
        guest = namer.actor(es, ee)
        where = re.search(
            r"\s(?:in|to)\s+(?P<p>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})", text[es:ee]
        )
        if guest and not re.search(r"\b(?:visit|meeting|summit)", text[es:ee], re.I):
            c.add(f"{guest}'s visit" + (f" to {where.group('p')}" if where else ""), es, ee)
            return True
        host = _HOST_SUBJECT.search(text, cs, es)
        if host and _EVENT_RE.search(phrase):
            # "Kenya looks forward to hosting the next FOCAC ministerial conference"
            who = namer.render(host.start("h"), host.end("h"))
            c.add(f"{who} {phrase}", es, ee)
            return True
    doing_at = re.match(
        r"[a-z]+ing\s+[^,;]{0,60}?\s(?:at|during)\s+(?:the\s+)?(?=[A-Z0-9])", text[es:ee]
    )
    if doing_at and not re.match(r"(?:visiting|travell?ing|coming|going)\b", phrase):
        # "looking forward to developing these ideas at the Ministerial Roundtable": the
        # event where it is to be done
        ns = es + doing_at.end()
        ne = _name_end(text, _np(text, ns, ce), ce)
        event = namer.render(ns, ne)
        if _EVENT_RE.search(event):
            c.add(event, ns, ne)
            return True
    if _attending(c, es, ee):
        return True
    going = re.match(r"(?:visiting|travell?ing\s+to|coming\s+to)\s+", phrase)
    if going:
        # "he looks forward to visiting Japan to attend the Summit": whose visit
        actor = namer.actor(cs, m.start())
        if actor:
            _name, ee = _with_purpose(namer, text, es + going.end(), ee, ce)
            c.add(f"{actor}'s visit to {namer.render(es + going.end(), ee)}", es, ee)
            return True
    return False


def _attending(c: _Clause, es: int, ee: int) -> bool:
    """ "looking forward to attending the Second ASEAN-U.S. Summit later this year in
    Myanmar": the event, and where it will be. True when one was added."""
    text, ce = c.text, c.ce
    attending = re.match(
        r"(?:attending|participating\s+in|taking\s+part\s+in)\s+(?:the\s+)?(?=[A-Z0-9])",
        text[es:ee],
    )
    if attending is None:
        return False
    ns = es + attending.end()
    ne = _np(text, ns, ce)
    event = c.namer.render(ns, ne)
    if not _EVENT_RE.search(event):
        return False
    where = _PLACE_TAIL.match(text, ne, ce) or _place_after_when(text, ne, ce)
    c.add(f"{event} {where.group(1)}" if where else event, ns, where.end() if where else ne)
    return True


def _named_events(c: _Clause, rx: re.Pattern) -> None:
    """An event's capitalised name that ``rx`` puts in the future, with what follows it
    ("of", "between", "with" ...)."""
    text, ce, namer = c.text, c.ce, c.namer
    for m in c.scan(rx):
        ee = _name_end(text, m.end("evt"), ce)
        tail = re.match(r"\s+(?:of|to|between|with|for|on)\s+", text[ee:ce])
        if tail:
            ee = _np(text, ee + tail.end(), ce)
        c.add(namer.render(m.start("evt"), ee), m.start("evt"), ee)


def _look_forward(c: _Clause) -> None:
    """ "looked forward to the State Visit of X" -> "State Visit of X"; "looking forward to
    seeing / hosting / visiting ..."."""
    _forward_phrases(c, _LOOK_FORWARD)


def _hold(c: _Clause) -> None:
    """ "(intention|agreed|need) to hold / holding the N" -> "N" (one per "A and B")."""
    _forward_phrases(c, _HOLD)


def _success_of(c: _Clause) -> None:
    """ "towards the success of the G7 Summit", "next year's Summit" -> "G7 Summit"."""
    _forward_phrases(c, _SUCCESS_OF)


def _next(c: _Clause) -> None:
    """ "the next / upcoming Japan-EU Summit" -> "next Japan-EU Summit"."""
    _named_events(c, _NEXT)


def _named_future(c: _Clause) -> None:
    """ "for the APEC Summit next year" -> "APEC Summit"."""
    _named_events(c, _NAMED_FUTURE)


#: the finders of future engagements, run in this order over each clause (a finder
#: does not read words an earlier one has read)
FINDERS: tuple[Callable[[_Clause], None], ...] = (
    _which_attends,
    _others_meet,
    _will_visit,
    _next_leg,
    _visit_of_to,
    _to_co_chair,
    _confirmed_participation,
    _body_first_meeting,
    _tasked_to_meet,
    _body_meets,
    _body_which_meets,
    _will_be_in,
    _hope_visit,
    _will_hold,
    _hope_welcome,
    _intention_visit,
    _when_meet,
    _invite,
    _will_hold_named,
    _accepted_invitation,
    _invited,
    _invitation,
    _preparations,
    _for_to_visit,
    _visit_by,
    _passive,
    _request_visit,
    _poss_visit,
    _poss_planned_visit,
    _for_poss_visit,
    _resumption,
    _agreed_to_meet,
    _ahead_of,
    _expect_visit,
    _look_forward,
    _hold,
    _agreed_on,
    _success_of,
    _next,
    _named_future,
    _followed_by,
    _and_the_next,
)


#: "X's visit to Y ...": one person's visit to one place, however each mention goes on
_VISIT_NAME = re.compile(r"^(?P<who>.+?)['’]s\s+visit\s+to\s+(?P<dest>(?:the\s+)?[A-Z][\w.\-]*)")


def _same(a: dict, b: dict) -> bool:
    va, vb = _VISIT_NAME.match(a["name"]), _VISIT_NAME.match(b["name"])
    if va and vb and va.group("who", "dest") == vb.group("who", "dest"):
        return True  # "visit to Islamabad on the 15th of July" ... "visit to Islamabad for talks"
    ta, tb = set(a["name"].lower().split()), set(b["name"].lower().split())
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


#: a day counted from another: "on the day after (the December 15 meeting)"
_DAY_AFTER = re.compile(r"(?:on\s+)?the\s+day\s+(after|before)\b", re.I)


def _item(
    text: str, cs: int, ce: int, name: str, span: tuple[int, int], anchor: dt.date | None
) -> dict:
    date_text = None
    date_val = None
    # when before the event's words, only within its own part of the sentence ("I invited
    # X to visit Brasilia in October, and we will also meet at COP36": not October)
    own = max(cs, text.rfind(", and ", cs, span[0]) + 1)
    dm = _DATE_TEXT.search(text, span[0], ce) or _DATE_TEXT.search(text, own, ce)
    if dm and not dates.find_dates(text, dm.start(), dm.end()):
        # "the forthcoming visit of X to Y, scheduled for Sept. 6": the day, not "forthcoming"
        dm = next(
            (
                x
                for x in _DATE_TEXT.finditer(text, dm.end(), ce)
                if dates.find_dates(text, x.start(), x.end())
            ),
            dm,
        )
    if dm:
        date_text = dm.group(0)
        found = dates.find_dates(text, dm.start(), dm.end())
        if found:
            d = found[0].resolve(anchor, "future")
            shift = _DAY_AFTER.match(date_text)
            if d and shift:  # "the day after the December 15 meeting": one day on
                d += dt.timedelta(days=1 if shift.group(1).lower() == "after" else -1)
            date_val = d.isoformat() if d else None
        elif date_text.lower() == "tomorrow" and anchor:
            date_val = (anchor + dt.timedelta(days=1)).isoformat()  # the day after the date line
    place = None
    pm = re.search(r"\bvisit\s+to\s+(?P<p>(?:the\s+)?[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,3})", name)
    if pm:
        iso = lx.lookup_country(pm.group("p").lower().split())
        if iso:
            place = {"name": None, "country": iso}
    return {
        "name": name,
        "date": date_val,
        "date_text": date_text,
        "place": place,
        "participants": [],
        "span": [span[0], span[1]],
    }


_HINTS.update(
    {
        _WILL_VISIT: (
            "will",
            "would",
            "shall",
            " is to",
            " are to",
            "scheduled",
            "expected",
            " due to",
            " set to",
            "going to",
            "'ll",
            "’ll",
            "slated",
            "likely",
        ),
        _WILL_HOLD: (
            "will",
            "would",
            "shall",
            "should",
            "scheduled",
            "expected",
            " set to",
            " due to",
            "slated",
        ),
        _WILL_BE_IN: (" be in ", " be on "),
        _EXPECTED_IN: ("expected in", "due in", "to arrive in"),
        _WHICH_ATTENDS: (", which",),
        _HOPE_VISIT: ("visit",),
        _INVITE: ("invit", "welcom"),
        _HOPE_WELCOME: ("welcom", "receiv"),
        _INTENTION_VISIT: ("to visit", "travel to"),
        _WHEN_MEET: (" meet ",),
        _INVITATION: ("invitation",),
        _INVITED: ("invited",),
        _WILL_HOLD_NAMED: ("hold", "convene", "chair", "host"),
        _OTHERS_MEET: ("meet",),
        _BODY_MEETS: ("meet",),
        _BODY_WHICH_MEETS: ("which",),
        _NEXT_LEG: (" to ",),
        _VISIT_OF_TO: ("visit of", "visit by"),
        _ACCEPTED_INVITATION: ("invitation",),
        _AGREED_TO_MEET: ("to meet", "to speak", "to talk", " again"),
        _RESUMPTION: ("resumption", "launch", "start"),
        _PREPARATIONS: ("prepar", "readiness"),
        _FOR_TO_VISIT: ("to visit",),
        _VISIT_BY: ("visit to",),
        _PASSIVE: (
            "held",
            "take place",
            "convened",
            "launched",
            "resume",
            "reconvene",
            "hosted",
            "realized",
            "organized",
            "scheduled",
            "follow",
            "planned",
            " set ",
            "slated",
            "pencil",
        ),
        _REQUEST_VISIT: ("visit",),
        _POSS_VISIT: ("s visit",),
        _POSS_PLANNED_VISIT: _TO_COME,
        _AHEAD_OF: ("ahead of",),
        _EXPECT_VISIT: ("visit",),
        _LOOK_FORWARD: ("forward", "ahead"),
        _HOLD: (
            "hold",
            "launch",
            "resum",
            "conven",
            "attend",
            "start",
            "schedul",
            "organi",
            "arrang",
            "conduct",
        ),
        _AGREED_ON: ("agreed", "decided"),
        _FOLLOWED_BY: ("followed by",),
        _SUCCESS_OF: ("success", "next year"),
        _NEXT: ("next", "upcoming", "forthcoming"),
        _NAMED_FUTURE: (
            "next year",
            "20",
            "later this",
            "this autumn",
            "this fall",
            "this spring",
            "this summer",
            "this winter",
        ),
    }
)
