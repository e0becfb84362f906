"""Reading the wiki's Markdown: bullets under headings, links, plain text.

The Local User Groups page is a Markdown list written by many hands over twenty years;
this module knows its shapes (duplicate headings, a broken ``[x](url](url)`` link form,
MoinMoin quotes left over from the old wiki) and nothing about groups.
"""

from __future__ import annotations

import dataclasses
import re

_LINK = re.compile(
    # [text](target), also the wiki's broken "[text](http://x](http://x)" form
    r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\]\((?P=target))?\)"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"<>^@|~])")


@dataclasses.dataclass
class Link:
    text: str
    target: str

    @property
    def external(self) -> bool:
        return self.target.startswith(("http://", "https://"))


@dataclasses.dataclass
class Bullet:
    line: int
    depth: int
    text: str
    children: list[Bullet] = dataclasses.field(default_factory=list)


def parse_page(text: str) -> list[tuple[tuple[str, ...], Bullet]]:
    """Top-level bullets under the page's headings (with their sub-bullets), each with
    its heading path, e.g. ``("USA", "Georgia")``."""
    entries: list[tuple[tuple[str, ...], Bullet]] = []
    headings: list[str] = []
    open_bullets: list[Bullet] = []  # the current bullet at each depth
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if m := re.match(r"(#{2,4})\s+(.*)", line):
            # "Cambodia(សីល >>> ...)" and "Thailand/ประเทศไทย": the English name comes first.
            heading = re.split(r"[(/]", unescape(m[2]).strip(), maxsplit=1)[0].strip()
            headings = [*headings[: len(m[1]) - 2], heading]
            open_bullets = []
            continue
        if not headings:
            continue  # the introduction
        if line.startswith("---"):
            break  # the footer
        if m := re.match(r"( *)- (.*)", line):
            bullet = Bullet(number, len(m[1]) // 2, m[2].strip())
            while open_bullets and open_bullets[-1].depth >= bullet.depth:
                open_bullets.pop()
            if open_bullets:
                open_bullets[-1].children.append(bullet)
            else:
                entries.append((tuple(headings), bullet))
            open_bullets.append(bullet)
    return entries


def unescape(text: str) -> str:
    """*text* without Markdown escapes and MoinMoin's bold and italic quotes."""
    return _ESCAPE.sub(r"\1", text).replace("'''", "").replace("''", "")


def links_of(text: str) -> list[Link]:
    return [Link(unescape(m["text"]).strip(), repair(m["target"])) for m in _LINK.finditer(text)]


def plain(text: str) -> str:
    """*text* with links replaced by their text and Markdown escapes removed."""
    return re.sub(r"\s+", " ", unescape(_LINK.sub(lambda m: m["text"], text))).strip()


def without_links(text: str) -> str:
    return _LINK.sub(" ", text)


def address_links_blanked(text: str) -> str:
    """*text* with links to web addresses blanked and other links (wiki pages) kept as
    their text: what is left names the group when its first link is only an address."""
    return _LINK.sub(lambda m: " " if repair(m["target"]).startswith("http") else m["text"], text)


def repair(target: str) -> str:
    # "http:facebook.com/x" (slashes missing) is meant as a web address.
    return re.sub(r"^(https?):(?!//)/?", r"\1://", target.strip())
