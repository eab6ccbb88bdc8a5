"""First benchmark of `spread check`: cold runs over generated networks of growing size.

    python benchmarks/bench_check.py [--sizes 100 1000] [--repeat 3]

Prints a Markdown table (median wall time, time per file, peak memory of the checking process).
Each run is a fresh `spread check` process, as in CI or a pre-commit hook.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def time_check(root: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of one `spread check` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spread", "check", "--repo", str(root)], capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--audits", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| sites | files | median check (s) | ms per file | peak memory (MB) |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = Path(tmp) / f"net{size}"
            generate(root, size, args.audits, seed=7, mistakes=0.02)
            files = len(list(root.glob("fidelity/*/*/site.yaml"))) + len(list(root.glob("fidelity/*/*/audits/*.yaml")))
            runs = [time_check(root) for _ in range(args.repeat)]
            median = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(f"| {size} | {files} | {median:.2f} | {1000 * median / files:.2f} | {peak} |", flush=True)


if __name__ == "__main__":
    main()
