"""Web addresses in group files: where they are, what is wrong with them beyond the
schema's pattern, and the form two spellings of one address share."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pugguide.groups.model import LINK_KINDS

if TYPE_CHECKING:
    from collections.abc import Iterator

#: An http(s) URL split into scheme, authority (user, host, port) and the rest.
URL = re.compile(
    r"(?i:https?)://(?P<authority>[^/?#]*)(?P<path>[^?#]*)(?P<query>\?[^#]*)?(?P<fragment>#.*)?"
)
_AUTHORITY = re.compile(r"(?P<user>[^@]*@)?(?P<host>\[[^\]]*\]|[^:]*)(?::(?P<port>[^:]*))?")
#: Hosts whose paths ignore case, so URL comparisons should too.
_CASELESS_PATHS = ("meetup.com",)


def addresses(data: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Each address in a group file's data, with where it is (``("links", "chat")``)."""
    if isinstance(data.get("url"), str):
        yield ("url",), data["url"]
    links = data.get("links")
    if isinstance(links, dict):
        for kind, url in links.items():
            if isinstance(url, str) and kind in LINK_KINDS:
                yield ("links", kind), url


def url_problem(url: str) -> str | None:
    """What is wrong with *url* beyond the schema's pattern (which checks the scheme)."""
    match = URL.match(url)
    if match is None:
        return None  # not http(s): the schema says so
    authority = _AUTHORITY.fullmatch(match["authority"])
    if authority is None:  # two colons outside brackets: http://a:80:81/
        return f"{url!r} has an invalid host or port"
    if authority["user"]:
        return f"{url!r} contains a user name or password; remove it"
    port = authority["port"]
    if port is not None and not (port.isdigit() and 0 < int(port) < 65536):
        return f"{url!r} has an invalid port {port!r}"
    return None


def normalise_url(url: str) -> str:
    """*url* reduced to what identifies a page: no scheme, lower-case host without
    ``www.``, no default port, no trailing slash or fragment, so that
    ``http://WWW.Example.org/x/`` and ``https://example.org/x`` compare equal. A ``#!``
    fragment is kept: it is the page's real address on old single-page sites."""
    match = URL.match(url.strip())
    if match is None:
        return url.strip()
    authority = _AUTHORITY.fullmatch(match["authority"])
    host = (authority["host"] if authority else match["authority"]).lower().rstrip(".")
    host = host.removeprefix("www.")
    if authority and authority["port"] not in (None, "", "80", "443"):
        host = f"{host}:{authority['port']}"
    path = match["path"].rstrip("/")
    if host.endswith(_CASELESS_PATHS):
        path = path.lower()
    # Old single-page sites route by fragment: groups.google.com/forum/#!forum/<name>.
    fragment = match["fragment"] if (match["fragment"] or "").startswith("#!") else ""
    return f"{host}{path}{match['query'] or ''}{fragment}"
