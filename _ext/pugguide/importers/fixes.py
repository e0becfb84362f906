"""Corrections a person made to a source, kept as data files beside the snapshots.

``data/sources/wiki-fixes.yaml`` and ``data/sources/pyladies-fixes.yaml`` hold what no
rule can work out (the city a group's nickname means, regions GeoNames lacks, chapters
whose list entry names no country). They are read with the project's strict loader and
checked here, so a bad entry is an error naming its file, line and field.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from pugguide.groups.countries import Countries
from pugguide.groups.load import SLUG
from pugguide.importers.pyladies import read_chapters
from pugguide.problems import DataError, Problem
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pugguide.yamlload import Pointer

WIKI_FIXES = "wiki-fixes.yaml"
PYLADIES_FIXES = "pyladies-fixes.yaml"


@dataclasses.dataclass(frozen=True)
class WikiFixes:
    #: Country code -> name of the group the wiki lists only as a run of link bullets.
    section_names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: An entry's main address -> the city a person read from the entry.
    cities: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Country code -> {region as written, folded: its usual name}.
    regions: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    #: Brand shared by many chapters, folded -> as written: the chapter needs its place.
    brands: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Headings whose entries are resources, not groups.
    not_group_headings: tuple[str, ...] = ()
    #: Words that mark an entry as an organisation or an old site, not a group.
    not_group_words: tuple[str, ...] = ()


#: What a PyLadies chapter's fix may set.
CHAPTER_KEYS = (
    "name", "slug", "city", "region", "country", "website", "meetup", "languages", "skip",
)  # fmt: skip


class _Checker:
    """One fixes file, and its problems, each at the line of the offending value."""

    def __init__(self, path: Path) -> None:
        self.doc = load_file(path)
        self.problems: list[Problem] = []
        self.countries = Countries()
        self.data = self.mapping((), {} if self.doc.data is None else self.doc.data)

    def fail(self, pointer: Pointer, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(pointer, message, key=key))

    def mapping(self, pointer: Pointer, value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(pointer, "should be a mapping of keys to values")
        return {}

    def text(self, pointer: Pointer, value: Any) -> str | None:
        if isinstance(value, str) and value.strip() and "\n" not in value:
            return value
        self.fail(pointer, "should be a line of text")
        return None

    def country(self, pointer: Pointer, code: Any, *, key: bool = True) -> bool:
        if isinstance(code, str) and (code == "online" or self.countries.name(code)):
            return True
        self.fail(pointer, f"{code!r} is not an upper-case ISO 3166-1 code (or online)", key=key)
        return False

    def address(self, pointer: Pointer, key: str) -> bool:
        if re.fullmatch(r"https?://\S+", key):
            return True
        self.fail(pointer, f"{key!r} is not an entry's http(s) address", key=True)
        return False

    def strings(
        self, pointer: Pointer, value: Any, key_ok: Callable[[Pointer, str], bool] | None = None
    ) -> dict[str, str]:
        """A mapping of keys to lines of text, without the keys *key_ok* refuses."""
        return {
            key: text
            for key, item in self.mapping(pointer, value).items()
            if (key_ok is None or key_ok((*pointer, key), key))
            and (text := self.text((*pointer, key), item))
        }

    def words(self, pointer: Pointer, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(pointer, "should be a list of words")
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text((*pointer, i), v)))

    def known_keys(self, pointer: Pointer, data: dict[str, Any], keys: tuple[str, ...]) -> None:
        for key in data:
            if key not in keys:
                self.fail((*pointer, key), f"unknown key {key!r}; use {', '.join(keys)}", key=True)

    def done(self) -> None:
        if self.problems:
            raise DataError(sorted(self.problems))


def load_wiki_fixes(path: Path) -> WikiFixes:
    """The wiki's fixes from *path*; :class:`DataError` with every problem otherwise."""
    check = _Checker(path)
    data = check.data
    check.known_keys((), data, tuple(f.name for f in dataclasses.fields(WikiFixes)))
    regions = check.mapping(("regions",), data.get("regions", {}))
    fixes = WikiFixes(
        section_names=check.strings(
            ("section_names",), data.get("section_names", {}), check.country
        ),
        cities=check.strings(("cities",), data.get("cities", {}), check.address),
        regions={
            code: check.strings(("regions", code), names)
            for code, names in regions.items()
            if check.country(("regions", code), code)
        },
        brands=check.strings(("brands",), data.get("brands", {})),
        not_group_headings=check.words(("not_group_headings",), data.get("not_group_headings", [])),
        not_group_words=check.words(("not_group_words",), data.get("not_group_words", [])),
    )
    check.done()
    return fixes


def load_pyladies_fixes(
    path: Path, chapter_names: set[str], *, strict: bool = True
) -> dict[str, dict[str, Any]]:
    """The chapter fixes from *path*, keyed by the chapter's ``name`` in the list. With
    *strict* (reading the committed list) each must name a chapter of *chapter_names*;
    otherwise fixes for other chapters are left out."""
    check = _Checker(path)
    check.known_keys((), check.data, ("chapters",))
    fixes: dict[str, dict[str, Any]] = {}
    for name, fix in check.mapping(("chapters",), check.data.get("chapters", {})).items():
        at = ("chapters", name)
        if name not in chapter_names:
            if strict:
                check.fail(at, f"no chapter is named {name!r} in the PyLadies list", key=True)
            continue
        values = check.mapping(at, fix)
        check.known_keys(at, values, CHAPTER_KEYS)
        for key, value in values.items():
            if key == "languages":
                if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    check.fail((*at, key), "should be a list of ISO 639-1 codes")
            elif key == "country":
                check.country((*at, key), value, key=False)
            elif key == "slug":
                if not (isinstance(value, str) and SLUG.fullmatch(value)):
                    check.fail((*at, key), "should be lower-case letters, digits and hyphens")
            elif key in ("website", "meetup") and value == "":
                continue  # "": the list's address is not the chapter's; drop it
            elif key in CHAPTER_KEYS:
                check.text((*at, key), value)
        fixes[name] = values
    check.done()
    return fixes


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """Problems in the fixes files among *files*, as the import finds them (a checker of
    ``validate.KINDS``'s shape). Snapshots are the sources' own files and are not checked."""
    problems: list[Problem] = []
    for path in files:
        try:
            if path.name == WIKI_FIXES:
                load_wiki_fixes(path)
            elif path.name == PYLADIES_FIXES:
                chapters = read_chapters(path.parent / "pyladies-chapters.yml")
                load_pyladies_fixes(path, {c["name"] for _, c in chapters if "name" in c})
        except DataError as exc:
            problems += exc.problems
    return problems
