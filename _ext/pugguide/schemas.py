"""Check loaded YAML against the project's JSON Schemas, with messages people can act on.

The schemas in ``data/schema/`` are the contract: editors (through the
``yaml-language-server`` hint), pre-commit (check-jsonschema) and this module all read
the same files. jsonschema's own messages are written for programmers, so each error
is rephrased here and placed on the line of the offending key or value.
"""

from __future__ import annotations

import difflib
import functools
import json
from typing import TYPE_CHECKING, Any

import jsonschema
from jsonschema.exceptions import best_match

if TYPE_CHECKING:
    from pathlib import Path

    from jsonschema.exceptions import ValidationError

    from pugguide.problems import Problem
    from pugguide.yamlload import Document

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


def _type_of(value: Any) -> str:
    for name, kind in (
        ("true or false", bool),
        ("a number", int | float),
        ("text", str),
        ("a list", list),
        ("a mapping", dict),
    ):
        if isinstance(value, kind):
            return name
    return "empty"


@functools.cache
def _validator(schema_file: Path) -> jsonschema.Draft202012Validator:
    # Cached per schema file: the schema is configuration, not build data.
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def load_schema(schema_file: Path) -> dict[str, Any]:
    """The parsed schema (shared with the validator's cache)."""
    return _validator(schema_file).schema  # type: ignore[no-any-return]


def check(doc: Document, schema_file: Path) -> list[Problem]:
    """Every way *doc* breaks the schema in *schema_file*, in file order."""
    return sorted({_rephrase(doc, err) for err in _validator(schema_file).iter_errors(doc.data)})


def _rephrase(doc: Document, err: ValidationError) -> Problem:
    if err.context:  # anyOf / oneOf: report the branch that came closest
        err = best_match(err.context)
    pointer = tuple(err.absolute_path)
    field = ".".join(str(p) for p in pointer) or "the file"
    where = f" in {field}" if pointer else ""
    hint = err.schema.get("x-hint", "") if isinstance(err.schema, dict) else ""
    match err.validator:
        case "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extras = [k for k in err.instance if k not in allowed]
            key = extras[0]
            close = difflib.get_close_matches(key, allowed, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
            return doc.problem((*pointer, key), f"unknown key {key!r}{where}; {fix}", key=True)
        case "required":
            missing = err.message.split("'")[1]
            return doc.problem(pointer, f"missing required key {missing!r}{where}", key=True)
        case "type":
            expected = err.validator_value
            names = [expected] if isinstance(expected, str) else expected
            want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
            message = f"{field} must be {want}, not {_type_of(err.instance)}"
        case "enum":
            choices = ", ".join(map(str, err.validator_value))
            message = f"{field}: {err.instance!r} is not one of the allowed values: {choices}"
            close = difflib.get_close_matches(str(err.instance), map(str, err.validator_value), 1)
            if close:
                message += f"; did you mean {close[0]!r}?"
        case "pattern" | "format":
            message = f"{field}: {err.instance!r} is not valid"
            if err.validator == "format":
                message += f" ({err.validator_value})"
        case "minLength" if err.validator_value == 1:
            message = f"{field} must not be empty"
        case "maxLength":
            limit = err.validator_value
            message = f"{field} is {len(err.instance)} characters; the limit is {limit}"
        case "minItems" if err.validator_value == 1:
            message = f"{field} must list at least one entry"
        case "uniqueItems":
            message = f"{field} lists the same entry twice"
        case _:
            message = f"{field}: {err.message}"
    if hint:
        message = f"{message} ({hint})"
    return doc.problem(pointer, message)
