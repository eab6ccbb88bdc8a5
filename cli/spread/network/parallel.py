"""Loading many files on every core: worker processes each load a chunk of files and send back records.

Parsing is pure Python work bound by one core, so threads would not help; processes do. Starting them
costs tens of milliseconds, so small batches are loaded in this process. Records come back as one
`marshal` payload per chunk: strings shared within a chunk stay shared, and loading it is cheap.
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from spread.model.schemas import Kind
from spread.network.loading import Record, load_file

# Below this many files, starting worker processes costs more than it saves (see benchmarks/RESULTS.md).
PARALLEL_MIN = 400
CHUNK = 250


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_many(root: Path, todo: list[tuple[str, Kind]], advance: Callable[[int], None]) -> Iterator[Record]:
    """Every file's record, in any order; `advance(n)` is called as each batch of n files is done."""
    workers = min(cores(), len(todo) // CHUNK)
    if workers < 2 or len(todo) < PARALLEL_MIN:
        yield from _here(root, todo, advance)
        return
    import multiprocessing  # only where processes are started: a re-check of a few files never needs them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    # fork starts a worker in milliseconds with everything already imported; elsewhere it is unsafe.
    method = "fork" if sys.platform == "linux" else "spawn"
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            for payload in pool.map(_chunk, [root] * len(chunks), chunks):
                records: list[Record] = marshal.loads(payload)
                done += len(records)
                yield from records
                advance(len(records))
    except (BrokenProcessPool, OSError):  # no processes to be had here: load the rest in this one
        yield from _here(root, [item for chunk in chunks for item in chunk][done:], advance)


def _here(root: Path, todo: list[tuple[str, Kind]], advance: Callable[[int], None]) -> Iterator[Record]:
    memo: dict[str, str] = {}
    for rel, kind in todo:
        yield load_file(root, rel, kind, memo)
        advance(1)


def _chunk(root: Path, chunk: list[tuple[str, Kind]]) -> bytes:
    memo: dict[str, str] = {}
    gc.disable()  # a worker makes only acyclic data (see spread.network.bulk)
    return marshal.dumps([load_file(root, rel, kind, memo) for rel, kind in chunk])
