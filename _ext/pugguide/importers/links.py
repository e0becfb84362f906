"""What kind of address a link is (``meetup``, ``chat``, ``twitter``…), from its host
and its text: the link kinds of ``data/schema/group.schema.json``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pugguide.importers.markdown import Link

_HOST_KINDS = [
    (r"(^|\.)meetup\.com$|timepad\.ru$|eventbrite\.|lu\.ma$|connpass\.com$", "meetup"),
    (
        r"^mail\.python\.org$|^lists\.|mailman|groups\.yahoo\.|yahoogrupos|^groups\.google\.",
        "mailing_list",
    ),
    (
        r"slack\.com$|discord\.(gg|com)$|^t\.me$|telegram|gitter\.im$|matrix\.to$|zulipchat"
        r"|freenode\.net$|libera\.chat$|botbot\.me$|chat\.whatsapp\.com$",
        "chat",
    ),
    (r"(^|\.)github\.com$|gitlab\.com$|codeberg\.org$|bitbucket\.org$", "code"),
    (r"(^|\.)twitter\.com$|^x\.com$", "twitter"),
    (r"facebook\.com$|^fb\.me$|^on\.fb\.me$", "facebook"),
    (r"linkedin\.com$", "linkedin"),
    (r"youtube\.com$|youtu\.be$|vimeo\.com$", "youtube"),
    (r"instagram\.com$", "instagram"),
    (r"bsky\.app$", "bluesky"),
    (r"medium\.com$|blogspot\.com$|^blog\.", "blog"),
    (r"(^|\.)pycon\.|pycon", "conference"),
]
_TEXT_KINDS = [
    (r"mailing ?list|google ?group|maillist", "mailing_list"),
    (r"mastodon", "mastodon"),
    (r"\bforum\b", "forum"),
    (r"calendar", "calendar"),
    (r"\bblog\b", "blog"),
    (r"\birc\b|slack|discord|telegram|chat", "chat"),
    (r"meetup", "meetup"),
    (r"pycon|conference", "conference"),
    (r"web ?site|home ?page|official site|^site$", "website"),
]
#: Link texts that only say what kind of link it is, never a group's name.
_LABEL = re.compile(
    r"(?i)^(our |the )?(web ?site|web site|site|home ?page|blog|our blog|forum|wiki|github|gitlab|"
    r"slack|discord|telegram( group)?|twitter(/x)?( community)?|"
    r"facebook( group| page| groups page)?|"
    r"linkedin|youtube|instagram|mastodon|irc( channel)?|mailing ?list|google ?groups?( page)?|"
    r"meetup(\.com)?( page)?|members|planet|photos|old photos|medium|trello board|events?|"
    r"community page|official site|pycon|e-?mail)[:.]?$"
)
#: Links that are neither the group's home nor a kind we keep: reported, not kept.
NOT_A_HOME = re.compile(
    r"(?i)\bjobs?\b|trabajo|photos?|flickr|trello|planet|members|events?/?$|eventos"
    r"|//[^/]*(wiki|hackerspaces)[^/]*/"  # wiki pages about a group, or about its venue
)


def host(url: str) -> str:
    """The lower-case host of *url* without ``www.`` ("" when it has none)."""
    match = re.match(r"https?://([^/?#:]*)", url, re.I)
    return (match[1].lower() if match else "").removeprefix("www.")


def link_kind(link: Link) -> str | None:
    name = host(link.target)
    if "/@" in link.target and not name.endswith(("medium.com", "youtube.com")):
        return "mastodon"
    kinds = [k for p, k in _HOST_KINDS if re.search(p, name)]
    kinds += [k for p, k in _TEXT_KINDS if re.search(p, link.text, re.I)]
    return kinds[0] if kinds else None


def is_label(text: str) -> bool:
    text = text.strip().rstrip(":").strip()
    return not text or bool(_LABEL.match(text)) or bool(re.match(r"https?://", text))
