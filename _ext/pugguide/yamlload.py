"""Load a YAML data file strictly, keeping the line and column of every value.

Data files come from pull requests, so the loader accepts only plain data: one
document of mappings, sequences and scalars. Tags, anchors and aliases are refused
while the file is parsed, before anything is built, so an alias bomb costs nothing.
Duplicate keys are errors, not "last one wins". Scalars follow YAML 1.2's core
schema: ``no`` is the string "no" (Norway's country code), not ``False``, and dates
stay strings so the schema decides what a valid date is.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from pugguide.problems import DataError, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from yaml.error import Mark
    from yaml.nodes import Node

#: Group and checklist files are a few KiB; anything this big is a mistake or an attack.
MAX_BYTES = 256 * 1024
#: Nesting deeper than this is never data we define.
MAX_DEPTH = 32

Pointer = tuple[str | int, ...]


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only ``true``/``false`` are booleans, no sexagesimals."""


for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _CoreResolver.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


class _Refused(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _StrictComposer(Composer):
    """Refuses anchors, aliases and tags as the events arrive."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                event.start_mark,
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _Refused(
                event.start_mark,
                f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full",
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
            raise _Refused(
                event.start_mark,
                f"YAML tags ({event.tag}) are not allowed; use plain values (quote text if needed)",
            )
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _Loader(Reader, Scanner, Parser, _StrictComposer, _CoreResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        _CoreResolver.__init__(self)


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
        """Position of *pointer*, or of its nearest ancestor that has one."""
        marks = self.key_marks if key else self.value_marks
        pointer = tuple(pointer)
        while pointer:
            if pointer in marks:
                return marks[pointer]
            if not key and pointer in self.key_marks:
                return self.key_marks[pointer]
            pointer = pointer[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(
        self, pointer: Pointer, message: str, *, key: bool = False, subtype: str = "schema"
    ) -> Problem:
        """A :class:`Problem` located at *pointer*."""
        line, column = self.where(pointer, key=key)
        field = ".".join(str(p) for p in pointer)
        return Problem(self.path, line, column, message, field, subtype)


def _pos(mark: Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _decode(path: Path, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise DataError(
            [
                Problem(
                    path, 0, 0,
                    f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} "
                    "(a data file should be a few KiB)",
                    subtype="yaml",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataError(
            [
                Problem(
                    path, line, column,
                    f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                    subtype="yaml",
                )
            ]
        ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise DataError([Problem(path, 0, 0, "file is empty", subtype="yaml")])
    return text


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    value = node.value
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int":
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if tag == "float":
        low = value.lower()
        if low.endswith(("inf", "nan")):
            return float(low.lstrip("+").replace(".", ""))
        return float(value)
    if tag == "null":
        return None
    return value


def _build(doc: Document, node: Node, pointer: Pointer, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
    doc.value_marks[pointer] = _pos(node.start_mark)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(doc, item, (*pointer, i), depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node.start_mark, "a key must be plain text")
            key = key_node.value
            if key in result:
                first = doc.key_marks[(*pointer, key)][0]
                raise _Refused(
                    key_node.start_mark,
                    f"duplicate key {key!r} (first given on line {first}); keep one",
                )
            doc.key_marks[(*pointer, key)] = _pos(key_node.start_mark)
            result[key] = _build(doc, value_node, (*pointer, key), depth + 1)
        return result
    raise _Refused(node.start_mark, "unsupported YAML node")  # pragma: no cover


def load_text(path: Path, text: str) -> Document:
    """Parse *text* (read from *path*) into a :class:`Document`, or raise :class:`DataError`."""
    loader = _Loader(text)
    doc = Document(path, None, {}, {})
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(path, 0, 0, "file is empty", subtype="yaml")])
        doc.data = _build(doc, node, (), 0)
    except _Refused as exc:
        line, column = _pos(exc.mark)
        raise DataError([Problem(path, line, column, exc.message, subtype="yaml")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (0, 0)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        raise DataError(
            [Problem(path, line, column, f"invalid YAML: {message}", subtype="yaml")]
        ) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise DataError([Problem(path, 0, 0, f"invalid YAML: {exc}", subtype="yaml")]) from None
    finally:
        loader.dispose()
    return doc


def load_file(path: Path) -> Document:
    """Read and parse *path*; every failure is a :class:`DataError` with a location."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem(path, 0, 0, f"cannot read file: {exc.strerror}", subtype="yaml")]
        ) from None
    return load_text(path, _decode(path, raw))
