"""Benchmark of Spread's own part of `spread publish`: `generate_build`, everything Spread writes before the engine
starts, on one generated network, in this process (CPU time, best of three: the figure load moves least).

    python benchmarks/bench_generate.py [--sites 2000] [--network PATH]

With `--network`, an existing generated network is reused, so that several states of the code can be timed on the
same files: `PYTHONPATH=<checkout>/cli python benchmarks/bench_generate.py --network /tmp/gen2000`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_publish import TODAY, generated


def generate_cpu(root: Path, rounds: int = 3) -> list[float]:
    from spread.handbook.publish import BUILD, generate_build
    from spread.network.repo import load_network

    network = load_network(root)
    took = []
    for _ in range(rounds):
        shutil.rmtree(root / BUILD, ignore_errors=True)
        start = time.process_time()
        generate_build(network, root / BUILD, date.fromisoformat(TODAY), engine_name="mkdocs")
        took.append(time.process_time() - start)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--audits", type=int, default=4)
    parser.add_argument("--network", type=Path, help="a network made by an earlier run (kept), instead of a new one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.network or generated(Path(tmp) / f"generated{args.sites}", args.sites, args.audits)
        took = generate_cpu(root)
    import spread

    print(json.dumps({"code": str(Path(spread.__file__).parent), "generate_cpu_best": round(min(took), 2),
                      "all": [round(t, 2) for t in took]}))


if __name__ == "__main__":
    main()
