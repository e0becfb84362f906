"""What a wiki entry's text says: its group's name, whether it is a group at all, and
the founding year and meeting frequency it mentions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pugguide.importers.links import is_label
from pugguide.importers.markdown import address_links_blanked, plain, unescape

if TYPE_CHECKING:
    import datetime

    from pugguide.importers.markdown import Link

_FOUNDED = re.compile(
    r"(?i)(?:started|since|starting|set up|formed|founded)\b[^.;]{0,40}?\b((?:19|20)\d\d)\b"
)
_FREQUENCY = [
    (r"(?i)every other week|twice a month|every two weeks|fortnightly|biweekly", "fortnightly"),
    (r"(?i)\bweekly\b|every (mon|tues|wednes|thurs|fri|satur|sun)day", "weekly"),
    (
        r"(?i)monthly|every month|each month|of the month|of every month"
        r"|every \w+ (mon|tues|wednes|thurs|fri|satur|sun)day"
        r"|(first|second|third|fourth|last|2nd|3rd|4th) "
        r"(mon|tues|wednes|thurs|fri|satur|sun)days?\b",
        "monthly",
    ),
    (r"(?i)every couple of months|every two months", "every-two-months"),
]
_CONFERENCE = re.compile(r"(?i)\bpycon\b|conference")
_GROUPISH = re.compile(r"(?i)user|group|community|meetup|pug\b|piggies|club|society|association")
NAME_TAIL = re.compile(r"(?i)\s+(meetups?|groups|wiki|site|meetup site|page)$")


def founded_year(text: str, today: datetime.date) -> int | None:
    year = int(m[1]) if (m := _FOUNDED.search(text)) else 0
    return year if 1991 <= year <= today.year else None


def frequency(text: str) -> str | None:
    return next((value for pattern, value in _FREQUENCY if re.search(pattern, text)), None)


def entry_name(text: str, links: list[Link]) -> str:
    """The group's name in an entry: its first link's text, or the words before it."""
    raw = re.sub(r"^\(?(defunct|inactive)\)?\s*", "", text.strip(), flags=re.I)
    starts_with_link = re.match(r"^\(*\[+", raw) is not None
    if starts_with_link and links and not is_label(links[0].text):
        name = links[0].text
        if m := re.match(r"(?i)(facebook|twitter|google\+?|linkedin)\s*:\s*(.+)", name):
            name = m[2]
        if not links[0].external and (
            m := re.match(r"\s*([A-Z][\w.]*)\s*$|\s+([A-Z]\w*)\b(?![-:(])", raw.split(")", 1)[-1])
        ):
            # "[PyLadies](./PyLadies.html) Ghana": a wiki page name, then the place.
            name = f"{name} {m[1] or m[2]}"
    else:
        # The text before the first link, or after a link that is only an address.
        rest = raw.split("[", 1)[0] if not starts_with_link else address_links_blanked(raw)
        rest = plain(rest).strip(" -:.,")
        rest = re.sub(r"^[A-Z]{1,3}:\s+", "", rest)  # "DN: Python Users Group Nepal"
        name = re.split(r"\s[-\u2013\u2014]+\s|:\s|\.\s|\s--\s|\s\(?w/", rest, maxsplit=1)[0]
    name = re.sub(r"^[-\u2013\u2014\s\[(]+|[\s.,:;\]]+$", "", unescape(name))
    name = re.sub(r"\s+", " ", name).strip()
    while name.endswith(")") and name.count(")") > name.count("("):
        name = name[:-1].rstrip()
    if name.count("(") > name.count(")"):
        name += ")"  # "Hong Kong Python User Group (HKPUG" lost its bracket to a split
    if is_label(name) or not re.search(r"[^\W\d_]", name):
        return ""
    return name


def not_a_group(name: str, text: str, old_or_org: re.Pattern[str] | None) -> str | None:
    """Why the entry is not a group (a conference, a list, a forum, a site), or None."""
    body = plain(text)
    if _CONFERENCE.search(name) and not re.search(
        r"(?i)user group|community", body.replace(name, "")
    ):
        return "not a group: a conference"
    if re.search(r"(?i)\bmailing list\b", name) or re.match(r"(?i)^[\w. ]*\bmailing list\b", body):
        return "not a group: a mailing list"
    if re.search(r"(?i)\bforums?\b", name):
        return "not a group: a forum"
    if re.search(r"(?i)\b(web ?site|site|wiki)$", name) and not _GROUPISH.search(name):
        return "not a group: a web site"
    if old_or_org and old_or_org.search(body):
        return "not a group: an organisation or an old site"
    return None
