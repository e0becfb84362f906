"""The one writer of group files: ``pugguide new-group`` and the importers both use it.

Keys come in the order of ``data/schema/group.schema.json``'s ``properties`` (and a
nested mapping's keys in the order of its own ``properties``), so a file reads the way
the schema documents it. Values are written by PyYAML's safe dumper, which quotes what a
YAML 1.1 tool would misread (``NO``, ``yes``, ``1.0``); dates (fields the schema marks
``"format": "date"``) are written plain, as people write them. Nothing is folded: a
long ``source`` line stays one line.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from typing import TYPE_CHECKING, Any

import yaml

from pugguide.paths import schema_file

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: The editor hint on a group file's first line (the file is data/groups/<cc>/<slug>.yaml).
SCHEMA_HINT = "# yaml-language-server: $schema=../../schema/group.schema.json"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclasses.dataclass(frozen=True)
class Layout:
    """What the writer takes from the schema: key orders and which fields are dates."""

    #: Top-level keys in file order.
    order: tuple[str, ...]
    #: For a key whose value is a mapping (``links``, ``location``): its keys in order.
    nested: Mapping[str, tuple[str, ...]]
    dates: frozenset[str]

    @classmethod
    def from_schema(cls, schema: Mapping[str, Any]) -> Layout:
        properties: dict[str, Any] = schema.get("properties", {})
        specs = {key: spec for key, spec in properties.items() if isinstance(spec, dict)}
        return cls(
            order=tuple(properties),
            nested={
                key: tuple(spec["properties"])
                for key, spec in specs.items()
                if isinstance(spec.get("properties"), dict)
            },
            dates=frozenset(key for key, spec in specs.items() if spec.get("format") == "date"),
        )

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> Layout:
        """The layout of ``data_dir/schema/group.schema.json``."""
        path = schema_file(data_dir, "group")
        return cls.from_schema(json.loads(path.read_text(encoding="utf-8")))

    def ordered(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """*data* with its keys (and its nested mappings' keys) in file order; keys the
        schema does not know keep their place after the known ones."""
        out: dict[str, Any] = {}
        for key in (*self.order, *(k for k in data if k not in self.order)):
            if key not in data:
                continue
            value = data[key]
            if isinstance(value, dict) and key in self.nested:
                inner = (*self.nested[key], *(k for k in value if k not in self.nested[key]))
                value = {k: value[k] for k in inner if k in value}
            elif key in self.dates and isinstance(value, str) and _ISO_DATE.fullmatch(value):
                value = datetime.date.fromisoformat(value)
            out[key] = value
        return out


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as yamllint's default style wants."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Mapping[str, Any], layout: Layout) -> str:
    """The YAML of *data*, one top-level key after another in *layout*'s order."""
    return "".join(
        yaml.dump(
            {key: value},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=1_000_000,  # never fold a line
            default_flow_style=False,
        )
        for key, value in layout.ordered(data).items()
    )


def render(data: Mapping[str, Any], layout: Layout, *comments: str) -> str:
    """A group file: the schema hint, any further comment lines, then :func:`dump`."""
    return "\n".join((SCHEMA_HINT, *comments)) + "\n" + dump(data, layout)
