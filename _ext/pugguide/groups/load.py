"""Load and check group files: the one implementation behind ``pugguide validate``,
the Sphinx build and pre-commit.

Each file goes through three layers, and every layer reports all it finds:

1. the strict YAML loader (syntax, duplicate keys, tags, aliases, encoding, size);
2. the JSON Schema ``data/schema/group.schema.json`` (keys, types, vocabularies);
3. rules a schema cannot express: the country exists and matches the folder, the file
   name is a slug, dates are not in the future, text holds no HTML, and (across files)
   no slug or URL is used by two groups.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pugguide import schemas
from pugguide.groups.countries import Countries
from pugguide.groups.model import LINK_KINDS, ONLINE, Group
from pugguide.paths import schema_file
from pugguide.problems import DataError, Problem
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from pugguide.yamlload import Document

GROUPS = "groups"
SCHEMA = "group"
SUFFIX = ".yaml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Fields holding plain text, checked for HTML.
TEXT_FIELDS = ("name", "city", "region", "description", "source")
#: A tag (``<b``, ``</``, ``<!--``, ``<?``) or a character reference (``&amp;``, ``&#60;``).
_HTML = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
#: Hosts whose paths ignore case, so URL comparisons should too.
_CASELESS_PATHS = ("meetup.com",)


@dataclasses.dataclass
class _Checked:
    """One file's outcome: the group when it is valid so far, and its problems."""

    path: Path
    doc: Document | None = None
    problems: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.doc is not None and not self.problems


def group_files(data_dir: Path) -> list[Path]:
    """Every ``*.yaml`` under ``data_dir/groups``, sorted."""
    return sorted((data_dir / GROUPS).rglob(f"*{SUFFIX}"))


def load_groups(data_dir: Path) -> tuple[list[Group], list[Problem]]:
    return load_files(group_files(data_dir), data_dir)


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    return load_files(files, data_dir)[1]


def load_files(files: Sequence[Path], data_dir: Path) -> tuple[list[Group], list[Problem]]:
    today = datetime.date.today()
    countries = Countries()
    schema = schema_file(data_dir, SCHEMA)
    checked = [_check_file(path, schema, countries, today) for path in files]
    _check_unique(checked)
    groups = [_group(c.path, c.doc.data, countries) for c in checked if c.ok and c.doc]
    groups.sort(key=_sort_key)
    problems = sorted(p for c in checked for p in c.problems)
    return groups, problems


def _sort_key(group: Group) -> tuple[str, ...]:
    return (
        group.folder,
        (group.region or "").casefold(),
        group.city.casefold(),
        group.name.casefold(),
        group.slug,
    )


def _check_file(path: Path, schema: Path, countries: Countries, today: datetime.date) -> _Checked:
    result = _Checked(path)
    result.problems.extend(_check_name(path, countries))
    try:
        doc = load_file(path)
    except DataError as exc:
        result.problems.extend(exc.problems)
        return result
    result.doc = doc
    if not isinstance(doc.data, dict):
        result.problems.append(
            doc.problem((), "a group file is a mapping of keys to values (name: ..., city: ...)")
        )
        return result
    result.problems.extend(schemas.check(doc, schema))
    result.problems.extend(_check_rules(doc, countries, today))
    return result


def _check_name(path: Path, countries: Countries) -> list[Problem]:
    problems = []
    if not SLUG.fullmatch(path.stem):
        problems.append(
            Problem(
                path, 0, 0,
                f"file name {path.stem!r} is not a valid slug: use lower-case letters, "
                "digits and single hyphens (e.g. python-berlin.yaml)",
                subtype="schema",
            )
        )
    folder = path.parent.name
    if folder != ONLINE and not (folder.islower() and countries.name(folder.upper())):
        problems.append(
            Problem(
                path, 0, 0,
                f"folder {folder!r} is not a country: group files live in "
                f"{GROUPS}/<cc>/, where <cc> is a lower-case ISO 3166-1 alpha-2 code, "
                f"or in {GROUPS}/{ONLINE}/",
                subtype="reference",
            )
        )
    return problems


def _check_rules(doc: Document, countries: Countries, today: datetime.date) -> Iterable[Problem]:
    data: dict[str, Any] = doc.data
    country = data.get("country")
    folder = doc.path.parent.name
    if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}|online", country):
        if country != ONLINE and countries.name(country) is None:
            yield doc.problem(
                ("country",),
                f"country {country!r} is not an ISO 3166-1 alpha-2 code"
                + _suggest(countries.suggest(country)),
                subtype="reference",
            )
        elif country.lower() != folder:
            yield doc.problem(
                ("country",),
                f"country is {country!r} but the file is in the folder {folder!r}; "
                f"move it to {GROUPS}/{country.lower()}/ or fix the code",
                subtype="reference",
            )
    elif isinstance(country, str) and countries.name(country.upper()):
        # The schema already says it is malformed; say how to fix the common case.
        yield doc.problem(("country",), f"write country codes in capitals: {country.upper()!r}")

    for field in TEXT_FIELDS:
        value = data.get(field)
        if not isinstance(value, str):
            continue
        if match := _HTML.search(value):
            yield doc.problem(
                (field,),
                f"{field} contains HTML ({match.group()!r}...); write plain text "
                "(& and < followed by a space are fine)",
            )
        if value.strip() and value != value.strip():
            yield doc.problem((field,), f"{field} starts or ends with spaces; remove them")

    for pointer, url in _urls(data):
        if (reason := _url_problem(url)) is not None:
            yield doc.problem(pointer, f"{'.'.join(map(str, pointer))}: {reason}")

    verified = data.get("last_verified")
    if isinstance(verified, str):
        try:
            day = datetime.date.fromisoformat(verified)
        except ValueError:
            pass  # the schema reports it
        else:
            if day > today:
                yield doc.problem(
                    ("last_verified",),
                    f"last_verified {verified} is in the future (today is {today.isoformat()})",
                )
    founded = data.get("founded")
    if isinstance(founded, int) and not isinstance(founded, bool) and founded > today.year:
        yield doc.problem(("founded",), f"founded {founded} is in the future")

    languages = data.get("languages")
    if isinstance(languages, list):
        for i, code in enumerate(languages):
            if isinstance(code, str) and re.fullmatch(r"[a-z]{2}", code):
                if not countries.language(code):
                    yield doc.problem(
                        ("languages", i),
                        f"languages: {code!r} is not an ISO 639-1 language code",
                        subtype="reference",
                    )


def _suggest(names: list[str]) -> str:
    return f"; did you mean {' or '.join(names)}?" if names else ""


def _urls(data: dict[str, Any]) -> Iterable[tuple[tuple[str, ...], str]]:
    if isinstance(data.get("url"), str):
        yield ("url",), data["url"]
    links = data.get("links")
    if isinstance(links, dict):
        for kind, url in links.items():
            if isinstance(url, str) and kind in LINK_KINDS:
                yield ("links", kind), url


def _url_problem(url: str) -> str | None:
    """What is wrong with *url* beyond the schema's pattern (which checks the scheme)."""
    scheme = url.partition(":")[0].lower()
    if scheme not in ("http", "https"):
        return None  # the schema reports the scheme
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        return f"{url!r} is not a valid address ({exc})"
    if parts.username is not None or parts.password is not None:
        return f"{url!r} contains a user name or password; remove it"
    return None


def normalise_url(url: str) -> str:
    """*url* reduced to what identifies a page: no scheme, lower-case host without www.,
    default port, trailing slash or fragment (so http://X.org/ equals https://x.org)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    if host.endswith(_CASELESS_PATHS):
        path = path.lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def _check_unique(checked: list[_Checked]) -> None:
    """Slugs and main URLs used by two files: a problem in each of them."""
    by_slug: dict[str, list[_Checked]] = {}
    by_url: dict[str, list[tuple[_Checked, str]]] = {}
    for c in checked:
        by_slug.setdefault(c.path.stem, []).append(c)
        if c.doc is not None and isinstance(c.doc.data, dict):
            url = c.doc.data.get("url")
            if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
                by_url.setdefault(normalise_url(url), []).append((c, url))
    for slug, same in by_slug.items():
        if len(same) > 1:
            for c in same:
                others = ", ".join(str(o.path) for o in same if o is not c)
                c.problems.append(
                    Problem(
                        c.path, 0, 0,
                        f"slug {slug!r} is also used by {others}; slugs are unique in the "
                        "whole directory (add the city or country: "
                        f"{slug}-<city>.yaml)",
                        subtype="duplicate",
                    )
                )
    for same_url in by_url.values():
        if len(same_url) > 1:
            for c, url in same_url:
                assert c.doc is not None
                others = ", ".join(
                    f"{o.path}:{o.doc.where(('url',))[0] if o.doc else 0}"
                    for o, _ in same_url
                    if o is not c
                )
                c.problems.append(
                    c.doc.problem(
                        ("url",),
                        f"url {url!r} is also the url of {others}; "
                        "two files describe the same group",
                        subtype="duplicate",
                    )
                )


def _group(path: Path, data: dict[str, Any], countries: Countries) -> Group:
    country = data["country"]
    links = data.get("links") or {}
    location = data.get("location")
    return Group(
        slug=path.stem,
        path=path,
        line=1,
        name=data["name"],
        city=data["city"],
        country=country,
        country_name=countries.name(country) or country,
        region=data.get("region"),
        url=data["url"],
        links={kind: links[kind] for kind in LINK_KINDS if kind in links},
        location=(float(location["lat"]), float(location["lon"])) if location else None,
        languages=tuple(data.get("languages", ())),
        formats=tuple(data.get("formats", ())),
        frequency=data.get("frequency"),
        founded=data.get("founded"),
        status=data.get("status", "active"),
        description=data.get("description", ""),
        contact=data.get("contact"),
        last_verified=datetime.date.fromisoformat(data["last_verified"]),
        source=data.get("source"),
    )
