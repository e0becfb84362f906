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
from pugguide.importers.pyladies import read_chapters
from pugguide.problems import DataError, Problem
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pugguide.yamlload import Document, Pointer

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


@dataclasses.dataclass(frozen=True)
class ChapterFix:
    values: dict[str, Any]
    line: int


class _Checker:
    """Collects problems in one fixes file, each at the line of the offending value."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.countries = Countries()

    def fail(self, pointer: Pointer, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(pointer, message, key=key, subtype="schema"))

    def mapping(self, pointer: Pointer, value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(pointer, "should be a mapping of keys to values")
        return {}

    def text(self, pointer: Pointer, value: Any, what: str = "a line of text") -> str | None:
        if isinstance(value, str) and value.strip() and "\n" not in value:
            return value
        self.fail(pointer, f"should be {what}")
        return None

    def country(self, pointer: Pointer, code: Any, *, key: bool = True) -> bool:
        if isinstance(code, str) and (code == "online" or self.countries.name(code)):
            return True
        self.fail(pointer, f"{code!r} is not an upper-case ISO 3166-1 code (or online)", key=key)
        return False

    def strings(self, pointer: Pointer, value: Any, check: Callable[[str], bool]) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, item in self.mapping(pointer, value).items():
            if not check(key):
                continue
            if (text := self.text((*pointer, key), item)) is not None:
                out[key] = text
        return out

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


def _document(path: Path) -> tuple[_Checker, dict[str, Any]]:
    doc = load_file(path)
    checker = _Checker(doc)
    return checker, checker.mapping((), doc.data if doc.data is not None else {})


def load_wiki_fixes(path: Path) -> WikiFixes:
    """The wiki's fixes from *path*; :class:`DataError` with every problem otherwise."""
    check, data = _document(path)
    fields = [f.name for f in dataclasses.fields(WikiFixes)]
    check.known_keys((), data, tuple(fields))
    url = re.compile(r"https?://\S+")

    def is_url(key: str) -> bool:
        if url.fullmatch(key):
            return True
        check.fail(("cities", key), f"{key!r} is not an entry's http(s) address", key=True)
        return False

    regions: dict[str, dict[str, str]] = {}
    for code, names in check.mapping(("regions",), data.get("regions", {})).items():
        if check.country(("regions", code), code):
            regions[code] = check.strings(("regions", code), names, lambda key: True)
    fixes = WikiFixes(
        section_names=check.strings(
            ("section_names",),
            data.get("section_names", {}),
            lambda code: check.country(("section_names", code), code),
        ),
        cities=check.strings(("cities",), data.get("cities", {}), is_url),
        regions=regions,
        brands=check.strings(("brands",), data.get("brands", {}), lambda key: True),
        not_group_headings=check.words(("not_group_headings",), data.get("not_group_headings", [])),
        not_group_words=check.words(("not_group_words",), data.get("not_group_words", [])),
    )
    check.done()
    return fixes


def load_pyladies_fixes(
    path: Path, chapter_names: set[str], *, strict: bool = True
) -> dict[str, ChapterFix]:
    """The chapter fixes from *path*, keyed by the chapter's ``name`` in the list. With
    *strict* (reading the committed list) each must name a chapter of *chapter_names*;
    otherwise fixes for other chapters are left out."""
    check, data = _document(path)
    check.known_keys((), data, ("chapters",))
    fixes: dict[str, ChapterFix] = {}
    for name, fix in check.mapping(("chapters",), data.get("chapters", {})).items():
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
                if not (isinstance(value, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)):
                    check.fail((*at, key), "should be lower-case letters, digits and hyphens")
            elif key in ("website", "meetup") and value == "":
                continue  # "": the list's address is not the chapter's; drop it
            elif key in CHAPTER_KEYS:
                check.text((*at, key), value)
        fixes[name] = ChapterFix(values, check.doc.where(at, key=True)[0])
    check.done()
    return fixes


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """Problems in the fixes files among *files*: a ``validate.KINDS`` checker for
    ``data/sources``, so ``pugguide validate`` and pre-commit check them as the import
    does. Snapshots are the sources' own files and are not checked here."""
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
