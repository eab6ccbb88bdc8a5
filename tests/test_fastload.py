"""The fast path never changes what a file means: it reads (and places) exactly what the careful path does, or steps aside.

Compared on the example network, a generated network (with its mistakes) and a corpus of tricky YAML;
jsonschema-rs must never pass a document that jsonschema fails; positions found later are the careful ones.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from spread.model.schemas import is_valid, validate
from spread.network.loading import document, load_file
from spread.network.repo import kind_of
from spread.yaml.document import Document
from spread.yaml.fast import fast_parse, fast_positions
from spread.yaml.plain import read_plain
from spread.yaml.read import parse_document

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def typed(value: Any) -> Any:
    """The value with every scalar's type spelt out: `1 == 1.0 == True` must not hide a difference."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, repr(value)


def same_reading(raw: bytes) -> Any:
    """The fast reading of `raw` if it agrees with the careful one (fails otherwise); None if it stepped aside."""
    fast = fast_parse(raw)
    if fast is None:
        return None
    careful = parse_document(raw, Path("f.yaml"))
    assert isinstance(careful, Document), (raw, careful)
    assert typed(fast) == typed(careful.data), raw
    assert fast_positions(raw) == (careful.values, careful.keys), raw  # and every value is placed alike
    return fast


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "net"
    generate(root, 30, 4, seed=11, mistakes=0.15, use_git=False)
    return root


def documents(root: Path) -> list[tuple[Path, str]]:
    found = []
    for path in sorted(root.rglob("*.y*ml")):
        kind = kind_of(path.relative_to(root).as_posix())
        if kind is not None:
            found.append((path, kind))
    return found


@pytest.mark.parametrize("where", ["example", "generated"])
def test_fast_and_careful_read_every_network_file_alike(where: str, generated: Path) -> None:
    files = documents(REPO if where == "example" else generated)
    assert len(files) > 50
    read = [same_reading(path.read_bytes()) for path, _ in files]
    assert all(data is not None for data in read)  # and the fast path really did the reading


PLAIN = """
words: [yes, no, on, off, y, n, Yes, NO, On, OFF, Y, N]
booleans: [true, True, TRUE, false, False, FALSE, tRue]
nulls: [null, Null, NULL, ~, nULL, {empty: }]
ints: [0, 017, 0o17, 0x1F, 0b101, 1_000, +12, -0, -17, 00, 0o8, 09, 1_2_3]
sexagesimal:
  - 1:30
  - 1:30:00
  - 190:20:30.15
  - -1:30
floats: [0.5, .5, 1., 1e3, 1E3, 1.5e-3, 6.8523015e+5, 685.230_15e+03, .inf, -.inf, +.INF, .NaN, .nan, 1_2.3_4, -.5e+1]
not-floats: [1e, e3, 1.2.3, 0.1.0, 1.0.0, 2.1.0-rc.1, 12e, .5e3]
dates:
  - 2026-03-01
  - 2026-3-1
  - 2026-03-01T12:00:00
  - 2001-12-14t21:59:43.10-05:00
  - 2001-12-14 21:59:43.10 -5
  - 2026-02-30
quoted: ["12", '12', "true", 'null', "", '', "it's", 'it''s', "tab\\there", "\\u00e9t\\u00e9", "line\\nbreak"]
keys: {1: one, true: yes, null: nothing, ~: tilde, 1.5: half, 2026-01-01: day, "quoted key": q, key with spaces: s}
text: plain text with:a colon inside, and# not a comment
comment: value # a comment
unicode: "Café, naïve, 日本語, emoji 🎉"
empty:
nested: {a: [1, {b: [2, [3, {c: ~}]]}], d: []}
folded: >
  folded text
  over lines

literal: |
  keep
    these lines
keep: |+
  trailing

strip: >-
  no newline
dash: -not a list
percent: 100%
bang: wow!
star: 5*3
question: really?
tilde-text: ~home
"""

DOUBTFUL = [
    "a: 1\nb: 2\na: 3\n",  # a duplicate key
    "a: !!str 12\n",  # an explicit tag
    "a: !custom x\n",
    "a: &anchor {b: 1}\nc: *anchor\n",  # anchors and aliases
    "base: {a: 1}\n<<: {b: 2}\n",  # a merge key
    "a: =\n",  # a "value" key
    "%YAML 1.1\n---\na: yes\n",  # a directive that would change how `yes` reads
    "? [a, b]\n: 1\n",  # a key that is a list
    "a: b: c\n",  # a syntax error
    "",  # empty
    "---\na: 1\n---\nb: 2\n",  # two documents
    "a: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the careful path allows
    "a: 0x_\n",  # passes the number pattern, but is no number
    "a: Q&A\nb: [x]\n",  # `&` anywhere, where libyaml must compose: the fast path does not look for anchors
    "a: [a:b, http://x.org]\n",  # newer libyaml takes colons in flow scalars; ruamel's, and so Spread, does not
    "a: [what?]\n",
]


def test_tricky_scalars_read_alike() -> None:
    data = same_reading(PLAIN.encode())
    assert data is not None
    assert data["words"] == ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "N"]
    assert data["ints"][1:3] == [17, 15]  # YAML 1.2: 017 is seventeen, 0o17 is octal
    assert data["sexagesimal"] == ["1:30", "1:30:00", "190:20:30.15", "-1:30"]
    assert data["dates"][0] == "2026-03-01"
    assert list(data["keys"]) == ["1", "true", "null", "~", "1.5", "2026-01-01", "quoted key", "key with spaces"]


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom-crlf"])
def test_byte_order_marks_and_line_ends_read_alike(variant: str) -> None:
    raw = PLAIN.encode()
    if "crlf" in variant:
        raw = raw.replace(b"\n", b"\r\n")
    if "bom" in variant:
        raw = b"\xef\xbb\xbf" + raw
    assert same_reading(raw) is not None


@pytest.mark.parametrize("text", DOUBTFUL)
def test_the_fast_path_steps_aside_when_in_doubt(text: str) -> None:
    assert fast_parse(text.encode()) is None


TOKENS = ["a", "key", "1", "true", "null", "~", ": ", ":", "- ", "-", "\n", "\n  ", "\n    ", " ", "[", "]", "{", "}",
          ", ", "yes", "No", "0x1F", "0o7", "017", "1_0", "1e3", ".5", ".inf", "-.INF", ".NaN", "1.", "+1", "0b1", "_", "0x_",
          "._", "''", '""', "'q'", '"d\\n"', "2026-01-01", "2026-1-1 1:00:00", "12:30", "<<", "=", " #c", "!t ", "!!str ",
          "? ", "|", ">", "|-", "\t", "é", "---", "...", "%", "'", '"', "TRUE", "False", "Null", "1.0.0", "-0", "1:2:3"]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map("".join))
def test_any_text_the_fast_path_reads_it_reads_as_the_careful_path_does(text: str) -> None:
    # Run with many more examples while changing the resolver: 200,000 such texts found no difference.
    same_reading(text.encode())


BLOCK = ["\n", "\n", "\n  ", "\n  ", "\n    ", "\n ", "\n   ", "a: ", "b: ", "key:", "key: ", "- ", "- ", "-", "x", "word",
         "two words", "1", "-1", "1.5", "true", "null", "~", "2026-01-01", "'q'", "'it''s'", "''", '"d"', '""', "'open",
         "# c", " #c", ":", ": ", "x:y", "[", "]", "{", "}", ", ", "&", "*", "!", "|", ">", "?", "%", "@", "`", "=", "<<",
         "\t", "é", " ", "  ", "---", "...", "0x_", "a b: c", "_k: ", "K-1: ", "\u2028", "\u00a0", "Q&A", "x#y"]


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(BLOCK), min_size=1, max_size=30).map("".join))
def test_block_texts_the_plain_reader_reads_it_reads_as_the_careful_path_does(text: str) -> None:
    # Run with many more examples while changing spread.yaml.plain: 300,000 such texts found no difference.
    data = read_plain(text, {})
    if data is not None:
        careful = parse_document(text.encode(), Path("f.yaml"))
        assert isinstance(careful, Document), (text, careful)
        assert typed(data) == typed(careful.data), text


SCALARS = ["x", "two words", "1", "-1", "1.5", "true", "null", "~", "2026-01-01", "'q'", "'it''s'", "''", '"d"', "x#y",
           "x:y", "-x", "a [b] {c}, d", "Q&A", "é ü", "a\u00a0b", "12:30", "+.5", ".inf", "a'b", "N", "0o17", "017", "1_0",
           "2026-01-01 10:00:00", "0x1F", "1e3"]
GOES_ON = ["more", "and more", "1", "x#y", "- x", "'q'", "x: y", "# c", "-x", "[a]", "a,b", "true", "key:", "?x", "é"]


def random_block_text(rng: random.Random) -> str:
    """A nested mapping as people write one, with folded scalars, comments, blank lines and stray indents."""
    out: list[str] = []

    def scalar(indent: int, first: str) -> None:
        out.append(first + rng.choice(SCALARS))
        while rng.random() < 0.2:
            out.append(" " * (indent + rng.choice([-1, 0, 1, 1, 2, 3])) + rng.choice(GOES_ON))
        if rng.random() < 0.1:
            out.append(rng.choice(["", " " * rng.randint(0, 4) + "# comment"]))

    def mapping(indent: int, depth: int, first: str | None = None) -> None:
        keys = rng.sample(["a", "b", "key", "K-1", "_k", "true", "Null", "c"], rng.randint(1, 4))
        keys += keys[:1] if rng.random() < 0.03 else []
        for i, key in enumerate(keys):
            line = (first if first is not None and i == 0 else " " * indent) + key + ":"
            shape = rng.random()
            if depth > 3 or shape < 0.5:
                scalar(indent, line + " " * rng.choice([1, 1, 2])) if rng.random() < 0.9 else out.append(line)
            elif shape < 0.75:
                out.append(line)
                mapping(indent + rng.choice([1, 2, 2, 4]), depth + 1)
            else:
                out.append(line)
                sequence(indent + rng.choice([0, 0, 2, 1]), depth + 1)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(rng.randint(1, 3)):
            dash = " " * indent + rng.choice(["- ", "- ", "-  "])
            scalar(indent, dash) if depth > 3 or rng.random() < 0.5 else mapping(len(dash), depth + 1, dash)

    mapping(0, 0)
    for _ in range(rng.choice([0, 0, 1, 2])):  # an indent one off here and there
        i = rng.randrange(len(out))
        out[i] = " " * rng.choice([1, 2]) + out[i] if rng.random() < 0.5 else out[i][1:]
    return "\n".join(out) + "\n"


def test_nested_texts_the_plain_reader_reads_it_reads_as_the_careful_path_does() -> None:
    # Run with many more while changing spread.yaml.plain: of 200,000 such texts it read 43,765, all alike.
    rng, read = random.Random(4), 0
    for _ in range(3000):
        text = random_block_text(rng)
        data = read_plain(text, {})
        if data is not None:
            careful = parse_document(text.encode(), Path("f.yaml"))
            assert isinstance(careful, Document), (text, careful)
            assert typed(data) == typed(careful.data), text
            read += 1
    assert read > 300  # and it did read many of them


def test_the_plain_reader_reads_what_spread_writes() -> None:
    text = ("id: x\nlist:\n- a\n- 'b'\n-   c: 1\n    d:\n    - e\n    f: two\n      lines\nmap:\n  k: v\n"
            "  empty:\n  n: -3\n# a comment\n\nlast: \"done\"\n")
    assert read_plain(text, {}) == same_reading(text.encode()) == {
        "id": "x", "list": ["a", "b", {"c": 1, "d": ["e"], "f": "two lines"}], "map": {"k": "v", "empty": None, "n": -3},
        "last": "done"}


@pytest.mark.parametrize("levels", range(61, 67))
def test_nesting_at_the_careful_limit_is_read_or_refused_alike(levels: int) -> None:
    for leaf in ("a: x", "- x", "a: [x]"):
        raw = ("".join("  " * i + "a:\n" for i in range(levels)) + "  " * levels + leaf + "\n").encode()
        careful = parse_document(raw, Path("f.yaml"))
        assert (same_reading(raw) is not None) == isinstance(careful, Document), (levels, leaf)


@pytest.mark.parametrize("text", ["a: " + "[" * 100_000 + "]" * 100_000 + "\n", "- " * 60_000 + "x\n"])
def test_nesting_deep_enough_to_crash_libyaml_is_refused(text: str) -> None:
    problem = parse_document(text.encode(), Path("f.yaml"))
    assert not isinstance(problem, Document) and problem.rule == "yaml-too-deep"
    assert fast_parse(text.encode()) is None


@pytest.mark.parametrize("where", ["example", "generated"])
def test_jsonschema_rs_and_jsonschema_agree(where: str, generated: Path) -> None:
    verdicts = set()
    for path, kind in documents(REPO if where == "example" else generated):
        doc = parse_document(path.read_bytes(), path)
        if isinstance(doc, Document) and isinstance(doc.data, dict):
            problems = validate(doc, kind, "f")  # type: ignore[arg-type]
            assert is_valid(doc.data, kind) == (not problems), path  # type: ignore[arg-type]
            verdicts.add(not problems)
    assert verdicts == {True, False} if where == "generated" else {True}


def test_jsonschema_rs_never_passes_what_jsonschema_fails(generated: Path) -> None:
    # Where the two differ it must be jsonschema-rs that is stricter: its "no" only costs a careful look.
    site = generated / next(p for p in (generated / "fidelity").rglob("site.yaml")).relative_to(generated)
    base = parse_document(site.read_bytes(), site)
    assert isinstance(base, Document)
    variants = [("started", "2026-02-29"), ("started", "2024-02-29"), ("started", "٢٠٢٦-٠١-٠١"), ("started", "2026-01-01\n"),
                ("started", 20260101), ("stage", "Installation"), ("id", "UPPER"), ("id", "a" * 500), ("name", ""),
                ("name", 10**30), ("name", float("nan")), ("area", None), ("adaptations", []), ("contact", "x")]
    for key, value in variants:
        data = {**base.data, key: value}
        if is_valid(data, "site"):
            assert not validate(Document(site, data), "site", "f"), (key, value)


def test_positions_found_later_are_the_careful_ones(generated: Path) -> None:
    path, kind = next((p, k) for p, k in documents(generated) if k == "audit")
    rel = path.relative_to(generated).as_posix()
    record = load_file(generated, rel, kind)  # type: ignore[arg-type]
    assert record[3] is not None  # read by the fast path
    lazy, careful = document(generated, record), parse_document(path.read_bytes(), path)
    assert isinstance(careful, Document)
    assert (lazy.values, lazy.keys, lazy.stale) == (careful.values, careful.keys, False)
    assert lazy.at(("ratings",), key=True) == careful.at(("ratings",), key=True)


def test_every_file_s_problems_are_those_the_careful_path_finds(generated: Path) -> None:
    """Files the fast path reads but the schema refuses get their messages without being composed again:
    the same problems, at the same places, as composing every file carefully."""
    from spread.network.loading import _careful

    refused = 0
    for path, kind in documents(generated):
        rel = path.relative_to(generated).as_posix()
        record = load_file(generated, rel, kind)  # type: ignore[arg-type]
        careful = _careful(rel, kind, record[2], parse_document(path.read_bytes(), path, rel))  # type: ignore[arg-type]
        assert record == careful, rel
        refused += bool(record[4]) and isinstance(fast_parse(path.read_bytes()), dict)
    assert refused >= 5  # the generated mistakes include schema mistakes in files the fast path reads
