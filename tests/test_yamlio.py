"""The loader: positions, refusals, and hostile files that must never produce a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from spread.errors import Problem, SpreadError
from spread.yaml.document import Document
from spread.yaml.read import parse_document, read_document
from spread.yaml.write import write_atomic


def parse(text: str | bytes) -> Document | Problem:
    raw = text.encode() if isinstance(text, str) else text
    return parse_document(raw, Path("f.yaml"))


def test_values_keep_their_line_and_column() -> None:
    doc = parse("id: demo\ncore:\n  - id: peer-led\n    title: Led by peers\n")
    assert isinstance(doc, Document)
    assert doc.data == {"id": "demo", "core": [{"id": "peer-led", "title": "Led by peers"}]}
    assert doc.at(("core", 0, "title")) == (4, 12)
    assert doc.at(("core", 0, "title"), key=True) == (4, 5)
    # A path that does not exist falls back to the nearest enclosing value.
    assert doc.at(("core", 0, "missing")) == (3, 5)


def test_yaml_1_2_keeps_words_as_text_and_dates_as_written() -> None:
    doc = parse("a: on\nb: yes\nc: 2026-03-01\nd: 017\ne: 1_000\nf: null\n")
    assert isinstance(doc, Document)
    assert doc.data == {"a": "on", "b": "yes", "c": "2026-03-01", "d": 17, "e": 1000, "f": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: error: `a` appears twice in this mapping (first on line 1): "
                               "keep one and delete the other [yaml-duplicate-key]"),
        ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4: error: the tag `!!python/object/apply:os.system` "
         "is not allowed: Spread files hold only text, numbers, true/false, lists and mappings [yaml-unsafe-tag]"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: error: a tab is used for indenting: YAML needs spaces (use two spaces per level) "
                         "[yaml-syntax]"),
        ("a: b: c\n", "f.yaml:1:5: error: unexpected `:` here: put text that contains `: ` in quotes, or check the "
                      "indentation of this line [yaml-syntax]"),
        ("", "f.yaml:1:1: error: this file is empty: it should hold a YAML mapping of fields [yaml-empty]"),
        ("a: 'open\n", "f.yaml:2:1: error: the file ends inside an open quote or bracket: close it [yaml-syntax]"),
        ("? [a, b]\n: 1\n", "f.yaml:1:3: error: a field name here is a list or mapping: field names must be plain "
                            "words [yaml-bad-key]"),
    ],
)
def test_refusals_are_one_clear_line(text: str, expected: str) -> None:
    assert str(parse(text)) == expected


def test_binary_and_non_utf8_files() -> None:
    assert parse(b"\x89PNG\r\n\x1a\n\x00\x00").rule == "file-binary"  # type: ignore[union-attr]
    problem = parse(b"a: 1\nb: caf\xe9\n")
    assert isinstance(problem, Problem)
    assert (problem.rule, problem.line, problem.col) == ("file-encoding", 2, 7)


def test_bom_and_crlf_are_fine() -> None:
    doc = parse(b"\xef\xbb\xbfid: demo\r\nlist:\r\n  - 1\r\n")
    assert isinstance(doc, Document)
    assert doc.data == {"id": "demo", "list": [1]}
    assert doc.at(("list", 0)) == (3, 5)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    # Expanded, this is 9**9 strings: the loader must stop counting long before, or this test never ends.
    problem = parse("\n".join(lines) + "\n")
    assert isinstance(problem, Problem) and problem.rule == "yaml-too-large"


def test_deep_nesting_is_refused() -> None:
    assert parse("a: " + "[" * 500 + "]" * 500 + "\n").rule == "yaml-too-deep"  # type: ignore[union-attr]
    assert parse("a: " + "[" * 50 + "]" * 50 + "\n").data is not None  # type: ignore[union-attr]


def test_huge_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (10 * 1024 * 1024) + b"\n")
    problem = read_document(big, "big.yaml")
    assert str(problem) == ("big.yaml:1:1: error: this file is 10.0 MB; Spread reads files up to 5 MB. "
                            "Is it the right file? [file-too-large]")
    assert read_document(tmp_path / "nope.yaml", "nope.yaml").rule == "file-missing"  # type: ignore[union-attr]


def test_write_atomic_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "site.yaml"
    write_atomic(target, "id: one\n")
    with pytest.raises(SpreadError, match="already exists: use --force to replace it"):
        write_atomic(target, "id: two\n")
    assert target.read_text() == "id: one\n"
    write_atomic(target, "id: three\n", force=True)
    assert target.read_text() == "id: three\n"
    assert [p.name for p in target.parent.iterdir()] == ["site.yaml"]  # no temporary files left behind
