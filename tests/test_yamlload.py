"""The strict YAML loader: safe plain data, or an error at the right line."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from pugguide.problems import DataError
from pugguide.yamlload import MAX_BYTES, load_file, load_text

F = Path("f.yaml")


def error(text: str) -> str:
    with pytest.raises(DataError) as info:
        load_text(F, text)
    [problem] = info.value.problems
    return problem.format()


def test_plain_data_with_positions() -> None:
    doc = load_text(F, "name: PyNAM\ncountry: no\nsince: 2026-01-02\ntags: [a, 2]\n")
    # YAML 1.2 core schema: `no` is Norway, dates stay text for the schema to judge.
    assert doc.data == {"name": "PyNAM", "country": "no", "since": "2026-01-02", "tags": ["a", 2]}
    assert doc.where(("tags", 1)) == (4, 11)
    assert doc.where(("country",), key=True) == (2, 1)
    assert doc.where(("missing", "deeper")) == (1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: error: duplicate key 'a' (first given on line 1)"),
        ("a: &x 1\nb: *x\n", "f.yaml:1:4: error: YAML anchors (&x) are not allowed"),
        ("a: !!python/object:os.system ls\n", "f.yaml:1:4: error: YAML tags"),
        ("a: !custom 1\n", "f.yaml:1:4: error: YAML tags (!custom)"),
        ("a: [1, 2\n", "f.yaml:2:1: error: invalid YAML"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: invalid YAML: expected a single document"),
        ("", "f.yaml:0:0: error: file is empty"),
        ("# only a comment\n", "f.yaml:0:0: error: file is empty"),
        ("? [a, b]\n: 1\n", "f.yaml:1:3: error: a key must be plain text"),
    ],
)
def test_refused_with_location(text: str, expected: str) -> None:
    assert error(text).startswith(expected)


def test_alias_bomb_is_refused_before_expansion() -> None:
    # The "billion laughs": nine levels of nine aliases each.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    tracemalloc.start()
    assert "anchors" in error("\n".join(lines) + "\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: ok\ncity: M\xfcnchen\n".encode("latin-1"))
    with pytest.raises(DataError) as info:
        load_file(path)
    assert info.value.problems[0].format() == (
        f"{path}:2:8: error: file is not UTF-8 (byte 0xfc); save it as UTF-8"
    )


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("a: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="the limit is"):
        load_file(path)


def test_deep_nesting_is_refused() -> None:
    assert "nesting deeper" in error("a: " + "[" * 40 + "]" * 40 + "\n")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: x\n")
    assert load_file(path).data == {"name": "x"}
