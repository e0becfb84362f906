"""Load and check group files: the one implementation behind ``pugguide validate``,
the Sphinx build and pre-commit. Each layer reports all it finds:

1. the strict YAML loader (syntax, duplicate keys, tags, aliases, encoding, size);
2. the JSON Schema ``data/schema/group.schema.json`` (keys, types, vocabularies);
3. rules a schema cannot express: the country exists and matches the folder, the file
   name is a slug, dates are not in the future, text holds no HTML, and (across files)
   no slug or URL is used by two groups.

Speed matters (10,000 files in under 3 s): libyaml parses, jsonschema-rs answers
"valid or not", and only files with problems pay for jsonschema's worded messages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.groups.countries import ISO_639_1, MISTAKES, Countries
from pugguide.groups.model import LINK_KINDS, ONLINE, Group
from pugguide.groups.records import directory_order
from pugguide.groups.urls import URL, addresses, url_problem
from pugguide.groups.urls import normalise_url as normalise_url  # importers use it here
from pugguide.paths import schema_file
from pugguide.problems import DataError, Problem, display_path
from pugguide.scripts import describe, unprintable, unprintable_address
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from pugguide.yamlload import Document

GROUPS = "groups"
SCHEMA = "group"
SUFFIX = ".yaml"

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Fields holding plain text, checked for HTML and stray spaces.
TEXT_FIELDS = ("name", "city", "region", "description", "source")
#: A tag (``<b``, ``</``, ``<!--``, ``<?``) or a character reference (``&amp;``, ``&#60;``).
HTML = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
#: Bidirectional overrides and isolates: they reorder what readers see (spoofing).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def group_files(data_dir: Path) -> list[Path]:
    """Every ``*.yaml`` under ``data_dir/groups``, sorted."""
    return [Path(f) for f in group_file_names(data_dir)]


def group_file_names(data_dir: Path) -> list[str]:
    """:func:`group_files` as strings: builds stat 10,000 of them on every run."""
    # os.walk, not Path.rglob: a tenth of the time.
    found = [
        os.path.join(folder, name)  # noqa: PTH118
        for folder, _dirs, names in os.walk(data_dir / GROUPS)
        for name in names
        if name.endswith(SUFFIX)
    ]
    found.sort()
    return found


def load_groups(data_dir: Path, *, jobs: int = 1) -> tuple[list[Group], list[Problem]]:
    return load_files(group_files(data_dir), data_dir, jobs=jobs)


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """Problems in *files*, judged against the whole directory.

    A slug or URL must be unique across all of ``data_dir/groups``, so the files not
    named are read too (their own problems are not reported): checking one new file
    still finds the group it duplicates.
    """
    # abspath, not resolve(): no system call per file, and 10,000 files are checked.
    named = {os.path.abspath(f) for f in files}  # noqa: PTH100
    rest = (p for p in group_files(data_dir) if os.path.abspath(p) not in named)  # noqa: PTH100
    everything = [*files, *rest]
    schema = schema_file(data_dir, SCHEMA)
    results = _check_all(everything, schema, jobs_for(len(everything)), keep_groups=False)
    _check_unique(results)
    return sorted(p for r in results[: len(files)] for p in r.problems)


#: Below this many files a second process costs more than it saves.
PARALLEL_FROM = 1500


def jobs_for(count: int) -> int:
    """Processes to check *count* files with: thousands of files (pugguide validate,
    pre-commit --all-files, a first build) use every core, up to four."""
    return min(os.cpu_count() or 1, 4) if count >= PARALLEL_FROM else 1


def load_files(
    files: Sequence[Path], data_dir: Path, *, jobs: int = 1
) -> tuple[list[Group], list[Problem]]:
    schema = schema_file(data_dir, SCHEMA)
    results = _check_all(list(files), schema, jobs)
    _check_unique(results)
    groups = [r.group for r in results if r.group is not None and not r.problems]
    groups.sort(key=lambda g: directory_order(g.country, g.region or "", g.city, g.name, g.slug))
    return groups, sorted(p for r in results for p in r.problems)


@dataclasses.dataclass
class _Result:
    """One file's outcome, small enough to come back from a worker process."""

    path: Path
    problems: list[Problem]
    #: The group, when the file alone is valid (a clash with another file may remain).
    group: Group | None = None
    #: The main URL and where it is, for the check across files.
    url: str | None = None
    url_at: tuple[int, int] = (0, 0)


def _check_all(
    files: list[Path], schema: Path, jobs: int, *, keep_groups: bool = True
) -> list[_Result]:
    """Each file's result; without *keep_groups* results carry no :class:`Group`
    (checking only: less to send back from the workers)."""
    if jobs > 1 and len(files) > 1:
        # Worker processes started afresh ("spawn"): they inherit nothing of a running
        # Sphinx build, and send back plain results.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = -(-len(files) // jobs)
        chunks = [(schema, files[i : i + size], keep_groups) for i in range(0, len(files), size)]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(len(chunks), mp_context=context) as pool:
            return [r for part in pool.map(_check_chunk, chunks) for r in part]
    return _check_chunk((schema, files, keep_groups))


def _check_chunk(job: tuple[Path, list[Path], bool]) -> list[_Result]:
    schema, files, keep_groups = job
    run = _Run(schema, keep_groups=keep_groups)
    return [run.check_file(path) for path in files]


@functools.cache
def _fast_validator(schema: Path) -> Any:
    """A jsonschema-rs validator for *schema* (None without the package), cached per
    schema file: it only answers "valid or not", :func:`pugguide.schemas.check` words why."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - an optional speed-up
        return None
    return jsonschema_rs.validator_for(
        json.loads(schema.read_text(encoding="utf-8")), validate_formats=True
    )


class _Run:
    """What one validation run needs for every file: built once, dropped after the run."""

    def __init__(self, schema: Path, *, keep_groups: bool = True) -> None:
        self.schema = schema
        self.keep_groups = keep_groups
        self.today = datetime.date.today()
        self.countries = Countries()
        self.folders: dict[str, bool] = {}

    def check_file(self, path: Path) -> _Result:
        problems = self.check_path(path)
        try:
            doc = load_file(path)
        except DataError as exc:
            return _Result(path, problems + exc.problems)
        if not isinstance(doc.data, dict):
            message = "a group file is a mapping of keys to values (name: ..., city: ...)"
            return _Result(path, [*problems, doc.problem((), message)])
        fast = _fast_validator(self.schema)
        if fast is None or not fast.is_valid(doc.data):
            from pugguide import schemas  # jsonschema is slow to import: only when needed

            problems.extend(schemas.check(doc, self.schema))
        problems.extend(self.check_rules(doc))
        result = _Result(path, problems)
        url = doc.data.get("url")
        if isinstance(url, str) and URL.match(url):
            result.url, result.url_at = url, doc.where(("url",))
        if not problems and self.keep_groups:
            result.group = _group(path, doc.data, self.countries)
        return result

    def check_path(self, path: Path) -> list[Problem]:
        problems = []
        if not SLUG.fullmatch(path.stem):
            message = (
                f"file name {path.stem!r} is not a valid slug: use lower-case letters, "
                "digits and single hyphens (e.g. python-berlin.yaml)"
            )
            problems.append(Problem(path, 0, 0, message))
        folder = path.parent.name
        if folder not in self.folders:
            self.folders[folder] = folder == ONLINE or (
                folder.islower() and self.countries.name(folder.upper()) is not None
            )
        if not self.folders[folder]:
            message = (
                f"folder {folder!r} is not a country: group files live in {GROUPS}/<cc>/, "
                f"where <cc> is a lower-case ISO 3166-1 alpha-2 code, or in {GROUPS}/{ONLINE}/"
            )
            problems.append(Problem(path, 0, 0, message, subtype="reference"))
        return problems

    def check_rules(self, doc: Document) -> Iterator[Problem]:
        """What the schema cannot say; each check skips values of the wrong type,
        which the schema has reported already."""
        data: dict[str, Any] = doc.data
        yield from self._check_country(doc, data.get("country"))
        for field in TEXT_FIELDS:
            value = data.get(field)
            if not isinstance(value, str):
                continue
            if match := HTML.search(value):
                yield doc.problem(
                    (field,),
                    f"{field} contains HTML ({value[match.start() :][:30]!r}); write plain text "
                    "(& and < followed by a space are fine)",
                )
            if bidi := _BIDI.search(value):
                yield doc.problem(
                    (field,),
                    f"{field} contains an invisible direction control (U+{ord(bidi.group()):04X}); "
                    "remove it",
                )
            if value.strip() and value != value.strip():
                yield doc.problem((field,), f"{field} starts or ends with spaces; remove them")
            if bad := unprintable(value):
                yield doc.problem(
                    (field,),
                    f"{field} contains {', '.join(map(describe, bad[:3]))}, which the PDF "
                    "edition cannot print (no font in it has the character); replace or "
                    "remove it",
                )
        for pointer, url in addresses(data):
            if (reason := url_problem(url)) is None and _BIDI.search(url):
                reason = "contains an invisible direction control; remove it"
            if reason is None and (bad := unprintable_address(url)):
                reason = (
                    f"contains {', '.join(map(describe, bad[:3]))}, which the PDF cannot "
                    "print in an address; write it in ASCII (punycode for the host name, "
                    "percent-escapes for the path)"
                )
            if reason is not None:
                yield doc.problem(pointer, f"{'.'.join(pointer)}: {reason}")
        verified = data.get("last_verified")
        if isinstance(verified, str):
            with contextlib.suppress(ValueError):  # not a date: the schema reports it
                if datetime.date.fromisoformat(verified) > self.today:
                    yield doc.problem(
                        ("last_verified",),
                        f"last_verified {verified} is in the future "
                        f"(today is {self.today.isoformat()})",
                    )
        location = data.get("location")
        if isinstance(location, dict):
            for axis in ("lat", "lon"):
                value = location.get(axis)
                if isinstance(value, float) and not math.isfinite(value):
                    # NaN slips past minimum and maximum: every comparison is false.
                    yield doc.problem(("location", axis), f"location.{axis} must be a number")
        returns = data.get("returns")
        if returns is not None and data.get("status") != "paused":
            yield doc.problem(
                ("returns",),
                "returns is the date a paused group meets again; set status: paused, "
                "or remove returns",
            )
        founded = data.get("founded")
        if type(founded) is int and founded > self.today.year:
            yield doc.problem(("founded",), f"founded {founded} is in the future")
        languages = data.get("languages")
        for i, code in enumerate(languages if isinstance(languages, list) else ()):
            if (
                isinstance(code, str)
                and len(code) == 2
                and code.islower()
                and code not in ISO_639_1
            ):
                yield doc.problem(
                    ("languages", i),
                    f"languages: {code!r} is not an ISO 639-1 language code",
                    subtype="reference",
                )

    def _check_country(self, doc: Document, country: Any) -> Iterator[Problem]:
        if not isinstance(country, str):
            return
        folder = doc.path.parent.name
        if re.fullmatch(r"[A-Z]{2}|online", country):
            if self.countries.name(country) is None:
                meant = MISTAKES.get(country)
                yield doc.problem(
                    ("country",),
                    f"country {country!r} is not an ISO 3166-1 alpha-2 code"
                    + (f"; did you mean {meant!r}?" if meant else ""),
                    subtype="reference",
                )
            elif country.lower() != folder:
                yield doc.problem(
                    ("country",),
                    f"country is {country!r} but the file is in the folder {folder!r}; "
                    f"move it to {GROUPS}/{country.lower()}/ or fix the code",
                    subtype="reference",
                )


def _check_unique(results: list[_Result]) -> None:
    """Slugs and main URLs used by two files: a problem in each of them."""
    by_slug: dict[str, list[_Result]] = {}
    by_url: dict[str, list[_Result]] = {}
    for r in results:
        by_slug.setdefault(r.path.stem, []).append(r)
        if r.url is not None:
            by_url.setdefault(normalise_url(r.url), []).append(r)
    for slug, same in by_slug.items():
        for r in same if len(same) > 1 else ():
            others = ", ".join(str(display_path(o.path)) for o in same if o is not r)
            message = (
                f"slug {slug!r} is also used by {others}; slugs are unique in the whole "
                f"directory (add the city or country: {slug}-<city>.yaml)"
            )
            r.problems.append(Problem(r.path, 0, 0, message, subtype="duplicate"))
    for same in by_url.values():
        for r in same if len(same) > 1 else ():
            others = ", ".join(f"{display_path(o.path)}:{o.url_at[0]}" for o in same if o is not r)
            message = (
                f"url {r.url!r} is also the url of {others}; two files describe the same group"
            )
            r.problems.append(Problem(r.path, *r.url_at, message, field="url", subtype="duplicate"))


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
        returns=datetime.date.fromisoformat(data["returns"]) if "returns" in data else None,
    )
