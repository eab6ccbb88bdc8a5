"""The measurements of `bench_yaml_parsers.py`, each run in a fresh process on a copy of Spread's code.

    parse ROOT OUT NAME...        every document of ROOT through `fast_parse`, each candidate in the hand
                                  reader's place, rounds interleaved; then which files each candidate read
                                  and whether it read them as the careful path does
    check NAME ROOT               `spread check --no-cache` with the candidate in the hand reader's place
    texts OUT                     the texts of tests/test_fastload.py's comparison tests, with the careful
                                  path's reading of each
    agree NAME TEXTS OUT GROUP... the candidate's reading of those texts against the careful path's
    probe NAME OUT                what the candidate makes of a few texts where YAML 1.1 and 1.2 differ
"""

from __future__ import annotations

import gc
import pickle
import random
import sys
import time
from pathlib import Path
from typing import Any

from yaml_candidates import CANDIDATES, install, reader

PROBES = {
    "yes / on / No": "a: yes\nb: on\nc: No\n",
    "017 / 0o17 / 0x1F": "a: 017\nb: 0o17\nc: 0x1F\n",
    "1_000 / 0b101": "a: 1_000\nb: 0b101\n",
    "1e3 / .5e3 / 1:30": "a: 1e3\nb: .5e3\nc: 1:30\n",
    "2026-10-02": "a: 2026-10-02\n",
    "duplicate key": "a: 1\na: 2\n",
    "keys 1, true, null": "1: one\ntrue: t\nnull: n\n",
    "unknown tag": "a: !custom x\n",
    "anchor and alias": "a: &x [1]\nb: *x\n",
    "merge key": "base: {a: 1}\n<<: {b: 2}\n",
    "%YAML 1.1": "%YAML 1.1\n---\na: yes\n",
    "[a:b]": "a: [a:b]\n",
    "a: b: c": "a: b: c\n",
}


class _Refused(Exception):
    """The careful path's refusal, by its rule id."""


def documents(root: Path) -> list[tuple[str, bytes]]:
    """Every file `spread check` reads as a document, with its bytes."""
    from spread.network.repo import kind_of

    found = []
    for path in sorted(root.rglob("*.y*ml")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(".") and kind_of(rel) is not None:
            found.append((rel, path.read_bytes()))
    return found


def typed(value: Any) -> Any:
    from test_fastload import typed as spelt_out

    return spelt_out(value)


def careful(raw: bytes) -> Any:
    """The careful path's reading, every scalar's type spelt out; None where it refuses the file."""
    from spread.yaml.document import Document
    from spread.yaml.read import parse_document

    doc = parse_document(raw, Path("f.yaml"))
    return typed(doc.data) if isinstance(doc, Document) else None


def compare(read: Any, raw: bytes, reference: Any) -> str:
    """read, agree or disagree: what the candidate's reading of one text says against the careful path's."""
    if read is None:
        return "aside"
    return "agree" if reference is not None and typed(read) == reference else "disagree"


def parse(root: Path, out: Path, names: list[str], repeat: int) -> None:
    from spread.yaml import fast as fastload

    files = documents(root)
    blobs = [raw for _, raw in files]
    hand = fastload.read_plain
    readers = {name: hand if CANDIDATES[name][0] is None else reader(name) for name in names}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_ in range(repeat):
        for name in names[round_ % len(names):] + names[: round_ % len(names)]:
            fastload.read_plain = readers[name]
            memo: dict[str, str] = {}
            gc.disable()  # as a cold check reads (spread.bulk, the workers)
            wall, cpu = time.perf_counter(), time.process_time()
            kept = [fastload.fast_parse(raw, memo) for raw in blobs]
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
            del kept, memo
            gc.enable()
            gc.collect()
    fastload.read_plain = hand
    reference = []
    for raw in blobs:  # today's reading is tested equal to the careful one; the careful path reads the rest
        data = fastload.fast_parse(raw)
        reference.append(typed(data) if data is not None else careful(raw))
    outcome: dict[str, dict[str, Any]] = {}
    for name in names:
        counts: dict[str, Any] = {"aside": 0, "agree": 0, "disagree": 0, "examples": []}
        for (rel, raw), ref in zip(files, reference, strict=True):
            text = fastload._decoded(raw)
            verdict = "aside" if text is None else compare(readers[name](text, {}), raw, ref)
            counts[verdict] += 1
            if verdict == "disagree" and len(counts["examples"]) < 3:
                counts["examples"].append(rel)
        outcome[name] = counts
    out.write_bytes(pickle.dumps({"files": len(files), "times": times, "network": outcome}))


def check(name: str, root: Path) -> None:
    install(name)
    from spread.cli import main

    sys.argv = ["spread", "check", "--no-cache", "--repo", str(root)]
    main()


def texts(out: Path) -> None:
    """The texts of tests/test_fastload.py's comparison tests, generated by the tests' own code."""
    import tempfile

    import test_fastload as tests

    groups: dict[str, list[bytes]] = {}
    example = [p.read_bytes() for p, _ in tests.documents(tests.REPO)]
    generated_root = Path(tempfile.mkdtemp()) / "net"
    tests.generate(generated_root, 30, 4, seed=11, mistakes=0.15, use_git=False)
    groups["network files"] = example + [p.read_bytes() for p, _ in tests.documents(generated_root)]
    plain = tests.PLAIN.encode()
    groups["PLAIN, with BOM / CRLF"] = [plain, b"\xef\xbb\xbf" + plain, plain.replace(b"\n", b"\r\n"),
                                        b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n")]
    groups["DOUBTFUL"] = [text.encode() for text in tests.DOUBTFUL]
    collected: list[bytes] = []
    tests.same_reading = collected.append  # the test's own generator and settings, its body swapped
    tests.test_any_text_the_fast_path_reads_it_reads_as_the_careful_path_does()
    groups["token texts"] = collected
    blocks: list[bytes] = []
    tests.read_plain = lambda text, memo: blocks.append(text.encode())
    tests.test_block_texts_the_plain_reader_reads_it_reads_as_the_careful_path_does()
    groups["block texts"] = blocks
    rng = random.Random(4)
    groups["nested texts"] = [tests.random_block_text(rng).encode() for _ in range(3000)]
    groups["nesting at the limit"] = [
        ("".join("  " * i + "a:\n" for i in range(levels)) + "  " * levels + leaf + "\n").encode()
        for levels in range(61, 67) for leaf in ("a: x", "- x", "a: [x]")]
    groups["deep nesting"] = [("a: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(), ("- " * 60_000 + "x\n").encode()]
    out.write_bytes(pickle.dumps({group: [(raw, careful(raw)) for raw in raws] for group, raws in groups.items()}))


def whole_fast_path(name: str) -> bool:
    """Today's reader and "no hand reader" are judged as the tests judge them: the whole fast path (tiers 1
    and 2), which steps aside to the careful path only on what neither tier reads. Like the candidates, only
    mappings count as read: `load_file` sends anything else the careful way."""
    return CANDIDATES[name][0] in (None, "ruamel.yaml.clib")


def agree(name: str, source: Path, out: Path, groups: list[str]) -> None:
    from spread.yaml import fast

    if whole_fast_path(name):
        install(name)

        def read_raw(raw: bytes) -> Any:
            data = fast.fast_parse(raw)
            return data if isinstance(data, dict) else None  # as `load_file` takes it; the rest goes the careful way
    else:
        read = reader(name)
        assert read is not None

        def read_raw(raw: bytes) -> Any:
            text = fast._decoded(raw)  # what `fast_parse` hands its first tier, or None
            return None if text is None else read(text, {})
    every = pickle.loads(source.read_bytes())
    result: dict[str, dict[str, Any]] = {}
    for group in groups:
        counts: dict[str, Any] = {"aside": 0, "agree": 0, "disagree": 0, "examples": []}
        for raw, reference in every[group]:
            verdict = compare(read_raw(raw), raw, reference)
            counts[verdict] += 1
            if verdict == "disagree" and len(counts["examples"]) < 3:
                counts["examples"].append(raw[:400].decode("utf-8", "replace"))
        result[group] = counts
    out.write_bytes(pickle.dumps(result))


def probe(name: str, out: Path) -> None:
    """Each probe's reading, as the candidate's own repr, or how it refused. Today's reader and libyaml are
    shown through `fast_parse` (None: it steps aside, to the careful path); "careful path" is the reference."""
    if name == "careful path":
        from spread.yaml.read import parse_document

        def read(text: str, memo: dict[str, str]) -> Any:
            doc = parse_document(text.encode(), Path("f.yaml"))
            if not hasattr(doc, "data"):
                raise _Refused(doc.rule)
            return doc.data
    elif whole_fast_path(name):
        from spread.yaml import fast as fastload

        install(name)

        def read(text: str, memo: dict[str, str]) -> Any:
            return fastload.fast_parse(text.encode())
    else:
        read = CANDIDATES[name][1]()
    shown = {}
    for label, text in PROBES.items():
        try:
            shown[label] = repr(read(text, {}))
        except Exception as exc:  # noqa: BLE001  a refusal is an answer here
            shown[label] = f"refused ({exc if isinstance(exc, _Refused) else type(exc).__name__})"
    out.write_bytes(pickle.dumps(shown))


if __name__ == "__main__":
    stage, *rest = sys.argv[1:]
    if stage == "parse":
        parse(Path(rest[0]), Path(rest[1]), rest[3:], int(rest[2]))
    elif stage == "check":
        check(rest[0], Path(rest[1]))
    elif stage == "texts":
        texts(Path(rest[0]))
    elif stage == "agree":
        agree(rest[0], Path(rest[1]), Path(rest[2]), rest[3:])
    elif stage == "probe":
        probe(rest[0], Path(rest[1]))
