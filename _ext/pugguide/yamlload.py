"""Load a YAML data file strictly, keeping the line and column of every value.

Data files come from pull requests, so only plain data is accepted: one document of
mappings, sequences and scalars. Tags, anchors and aliases are refused as the file is
parsed, before anything is built, so an alias bomb costs nothing. Duplicate keys are
errors. Scalars follow YAML 1.2's core schema: ``no`` is the string "no" (Norway's
country code), not ``False``, and dates stay strings for the schema to judge.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from pugguide.problems import DataError, Problem

_CParser: Any
try:  # libyaml's parser: the same events as the pure-Python one, about 20 times faster
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None

if TYPE_CHECKING:
    from pathlib import Path


#: Group and checklist files are a few KiB; anything this big is a mistake or an attack.
MAX_BYTES = 256 * 1024
#: Nesting deeper than this is never data we define.
MAX_DEPTH = 32

Pointer = tuple[str | int, ...]

# YAML 1.2 core schema: only ``true``/``false`` are booleans, no sexagesimals, no dates.
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NULL = re.compile(r"~|null|Null|NULL|")
#: First characters of plain scalars that may be something other than text.
_NOT_ONLY_TEXT = frozenset("-+0123456789.~tTfFnN")


class _Refused(Exception):
    """``(mark, message)``; marks come from libyaml or PyYAML, both with line and column."""


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, for when libyaml is missing or *use_libyaml* is off."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


@dataclasses.dataclass
class Document:
    """Plain data from one file, and where each value and key sits in it."""

    path: Path
    data: Any
    #: JSON-pointer-like tuple -> (line, column) of the value, both 1-based.
    value_marks: dict[Pointer, tuple[int, int]]
    #: the same for the key that introduces a mapping value.
    key_marks: dict[Pointer, tuple[int, int]]

    def where(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Position of *pointer*, or of its nearest ancestor that has one.

        With *key*, a mapping entry's key is preferred to its value; a list item has
        no key, so its own position is used (a key missing from ``items[3]`` is
        reported on that item's line, not on ``items:``).
        """
        marks = (self.key_marks, self.value_marks) if key else (self.value_marks, self.key_marks)
        pointer = tuple(pointer)
        while pointer:
            for found in marks:
                if pointer in found:
                    return found[pointer]
            pointer = pointer[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(
        self, pointer: Pointer, message: str, *, key: bool = False, subtype: str = "schema"
    ) -> Problem:
        """A :class:`Problem` located at *pointer*."""
        line, column = self.where(pointer, key=key)
        field = ".".join(str(p) for p in pointer)
        return Problem(self.path, line, column, message, field, subtype)


def _error(path: Path, message: str, line: int = 0, column: int = 0) -> DataError:
    return DataError([Problem(path, line, column, message, subtype="yaml")])


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _scalar(value: str, plain: bool) -> Any:
    if not plain:  # quoted or block scalars are always text
        return value
    if value and value[0] not in _NOT_ONLY_TEXT:  # most values: "Berlin", "https://..."
        return value
    if _BOOL.fullmatch(value):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):  # Python writes .inf and .nan without the dot
        return float(value.replace(".", "") if value[-1] in "fFnN" else value)
    if _NULL.fullmatch(value):
        return None
    return value


def _refuse_marked(event: Any) -> None:
    # Called for every event as it arrives, before anything is built: an alias bomb is
    # refused at its first anchor and costs nothing.
    if type(event) is AliasEvent:
        message = f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full"
    elif event.anchor is not None:
        message = f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full"
    elif event.tag is not None:
        message = (
            f"YAML tags ({event.tag}) are not allowed; use plain values (quote text if needed)"
        )
    else:
        return
    raise _Refused(event.start_mark, message)


def _build(doc: Document, parser: Any, event: Any, pointer: Pointer, depth: int) -> Any:
    """The value that starts with *event*, reading the rest of it from *parser*."""
    # Hot path: every event of every data file passes here, hence the plain loops.
    _refuse_marked(event)
    mark = event.start_mark
    if depth > MAX_DEPTH:
        raise _Refused(mark, f"nesting deeper than {MAX_DEPTH} levels")
    doc.value_marks[pointer] = (mark.line + 1, mark.column + 1)
    kind = type(event)
    if kind is ScalarEvent:
        return _scalar(event.value, event.implicit[0])
    get_event = parser.get_event
    if kind is SequenceStartEvent:
        items: list[Any] = []
        while type(item := get_event()) is not SequenceEndEvent:
            items.append(_build(doc, parser, item, (*pointer, len(items)), depth + 1))
        return items
    # A mapping: aliases were refused above.
    result: dict[str, Any] = {}
    key_marks = doc.key_marks
    while type(key_event := get_event()) is not MappingEndEvent:
        _refuse_marked(key_event)
        if type(key_event) is not ScalarEvent:
            raise _Refused(key_event.start_mark, "a key must be plain text")
        key = key_event.value
        key_pointer = (*pointer, key)
        if key in result:
            raise _Refused(
                key_event.start_mark,
                f"duplicate key {key!r} (first given on line {key_marks[key_pointer][0]}); "
                "keep one",
            )
        key_marks[key_pointer] = _pos(key_event.start_mark)
        result[key] = _build(doc, parser, get_event(), key_pointer, depth + 1)
    return result


def _build_document(doc: Document, parser: Any) -> None:
    parser.get_event()  # stream start
    if parser.check_event(StreamEndEvent):
        raise _error(doc.path, "file is empty")
    parser.get_event()  # document start
    doc.data = _build(doc, parser, parser.get_event(), (), 0)
    parser.get_event()  # document end
    if not parser.check_event(StreamEndEvent):
        raise _Refused(
            parser.get_event().start_mark,
            "invalid YAML: expected a single document in the stream but found another document",
        )


def load_text(path: Path, text: str, *, use_libyaml: bool = True) -> Document:
    """Parse *text* (read from *path*) into a :class:`Document`, or raise :class:`DataError`.

    Both parsers feed the same strict builder; *use_libyaml* off is for comparisons.
    """
    doc = Document(path, None, {}, {})
    parser: Any = None
    try:
        # The pure-Python reader checks for control characters as it is created.
        parser = _CParser(text) if use_libyaml and _CParser is not None else _PyParser(text)
        _build_document(doc, parser)
    except _Refused as exc:
        mark, message = exc.args
        raise _error(path, message, *_pos(mark)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (0, 0)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        if mark and message.endswith("found character that cannot start any token"):
            # libyaml does not say which character; people need to see it.
            bad = text.splitlines()[mark.line][mark.column : mark.column + 1]
            message = message.replace("character", f"character {bad!r}")
        raise _error(path, f"invalid YAML: {message}", line, column) from None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        before = text[: exc.position]
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: control character U+{char:04X} is not allowed; remove it"
        line, column = before.count("\n") + 1, exc.position - before.rfind("\n")
        raise _error(path, message, line, column) from None
    except (yaml.YAMLError, UnicodeError) as exc:
        raise _error(path, f"invalid YAML: {exc}") from None
    finally:
        if parser is not None:
            parser.dispose()
    return doc


def load_file(path: Path) -> Document:
    """Read and parse *path*; every failure is a :class:`DataError` with a location."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(path, f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _error(
            path,
            f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} "
            "(a data file should be a few KiB)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - before.rfind(b"\n")
        message = f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise _error(path, message, line, column) from None
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _error(path, "file is empty")
    return load_text(path, text)
