"""Every network-scale benchmark in one run, side by side with its peer or floor, as a Markdown table.

    python benchmarks/run.py [--sizes 250 2500 10000] [--repeat 3] [--peer-repeat 1] [--no-publish]

For each size (sites, four audits each, 2% of files with mistakes, from `benchmarks/generate.py`):
1. cold `spread check` (no .spread-cache/) against `check-jsonschema` validating the same files against the
   same schemas (one command per document kind, in as few batches as the command line allows);
2. warm `spread check` after editing one audit, against the floor of listing the files with their blob ids
   (`git ls-files -s`) and a `stat` of every file;
3. warm `spread report` in every format.
Then `spread publish` of 2,000 sites with each engine (MkDocs, Zensical) against that engine's plain build
(`benchmarks/bench_publish.py`), and `spread --help` against `python -c "import click"`. Times are medians of
fresh processes; memory is the peak resident size of the process (of its largest process, for a check that uses
worker processes).
Spread runs from a copy of its code taken at the start, so that edits made meanwhile cannot disturb it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KINDS = {"playbook": "playbooks/*/playbook.yaml", "site": "fidelity/*/*/site.yaml", "audit": "fidelity/*/*/audits/*.yaml"}
FLOOR = """import os, subprocess, sys
listed = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=sys.argv[1], capture_output=True, check=True).stdout
for entry in listed.split(b"\\0"):
    if entry:
        os.stat(os.path.join(sys.argv[1].encode(), entry.split(b"\\t", 1)[1]))
"""


def timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one fresh process (the largest of it and the processes it
    waited for). GNU time measures the memory: a child forked from this (larger) process would count
    this process's pages before it starts its own program."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the network's planted mistakes were found, as they should be
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]) // 1024


def median(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def batches(files: list[str], limit: int) -> list[list[str]]:
    out: list[list[str]] = [[]]
    size = 0
    for name in files:
        if out[-1] and size + len(name) + 1 > limit:
            out.append([])
            size = 0
        out[-1].append(name)
        size += len(name) + 1
    return out


def peer(root: Path, env: dict[str, str]) -> tuple[float, int]:
    """check-jsonschema over every document, one batch of files at a time: total seconds, peak MB."""
    limit = min(os.sysconf("SC_ARG_MAX") // 4, 1 << 20)
    seconds, memory = 0.0, 0
    for kind, pattern in KINDS.items():
        files = sorted(p.relative_to(root).as_posix() for p in root.glob(pattern))
        for batch in batches(files, limit):
            took, mb = timed([str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile",
                              f"schemas/{kind}.schema.json", *batch], env, cwd=root)
            seconds, memory = seconds + took, max(memory, mb)
    return seconds, memory


def size_rows(root: Path, sites: int, spread: list[str], env: dict[str, str], repeat: int,
              peer_repeat: int) -> dict[str, Any]:
    files = sum(len(list(root.glob(pattern))) for pattern in KINDS.values())
    row: dict[str, Any] = {"sites": sites, "files": files}
    cold = []
    for _ in range(repeat):
        shutil.rmtree(root / ".spread-cache", ignore_errors=True)
        cold.append(timed([*spread, "check", "--repo", str(root)], env))
    row["cold"] = median(cold)
    row["peer"] = median([peer(root, env) for _ in range(peer_repeat)])
    audit = min(root.glob(KINDS["audit"]))
    original = audit.read_text(encoding="utf-8")
    timed([*spread, "check", "--repo", str(root)], env)  # the cache is warm from here on
    warm = []
    for n in range(repeat):
        audit.write_text(original + f"notes: edited for the benchmark, run {n}\n", encoding="utf-8")
        warm.append(timed([*spread, "check", "--repo", str(root)], env))
    audit.write_text(original, encoding="utf-8")
    row["warm"] = median(warm)
    row["floor"] = median([timed([sys.executable, "-c", FLOOR, str(root)], env) for _ in range(repeat)])
    for fmt in ("text", "json", "csv"):
        report = [*spread, "report", "--repo", str(root), "--format", fmt, "--today", "2026-11-23"]
        timed(report, env)  # warm: the first report reads what the check left in the cache
        row[f"report-{fmt}"] = median([timed(report, env) for _ in range(repeat)])
    return row


def startup(spread: list[str], env: dict[str, str], repeat: int) -> dict[str, tuple[float, int]]:
    complete = {**env, "_SPREAD_COMPLETE": "bash_complete", "COMP_WORDS": "spread audit score co", "COMP_CWORD": "3"}
    return {"spread --help": median([timed([*spread, "--help"], env) for _ in range(repeat)]),
            "completion (spread audit score co<Tab>)": median([timed(spread, complete, REPO) for _ in range(repeat)]),
            'python -c "import click"': median([timed([sys.executable, "-c", "import click"], env)
                                                for _ in range(repeat)])}


def table(rows: list[dict[str, Any]], starts: dict[str, tuple[float, int]]) -> str:
    out = [("| sites | files | cold check (s) | check-jsonschema (s) | speed-up | ms / file (cold) | "
            "warm check after one edit (s) | floor (s) | warm / floor | report text / json / csv (s) | "
            "peak MB: check / peer / report |"), "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        reports = " / ".join(f"{r[f'report-{fmt}'][0]:.1f}" for fmt in ("text", "json", "csv"))
        memory = max(r[f"report-{fmt}"][1] for fmt in ("text", "json", "csv"))
        out.append(f"| {r['sites']} | {r['files']} | {r['cold'][0]:.1f} | {r['peer'][0]:.1f} | "
                   f"{r['peer'][0] / r['cold'][0]:.1f}× | {1000 * r['cold'][0] / r['files']:.2f} | "
                   f"{r['warm'][0]:.2f} | {r['floor'][0]:.2f} | {r['warm'][0] / r['floor'][0]:.1f}× | {reports} | "
                   f"{max(r['cold'][1], r['warm'][1])} / {r['peer'][1]} / {memory} |")
    out += ["", "| start-up | median (s) | peak MB |", "|---|---:|---:|"]
    out += [f"| {name} | {seconds:.3f} | {mb} |" for name, (seconds, mb) in starts.items()]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 2500, 10000], help="sites (4 audits each)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each spread command (median)")
    parser.add_argument("--peer-repeat", type=int, default=1, help="runs of check-jsonschema (minutes at 10,000)")
    parser.add_argument("--no-publish", action="store_true", help="skip bench_publish.py (about 3 minutes)")
    parser.add_argument("--keep", type=Path, help="generate networks here and keep them")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spread-bench-")) if args.keep is None else args.keep
    shutil.copytree(REPO / "cli" / "spread", work / "code" / "spread", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    # Compiled once, as an installed package is: a shell that sets PYTHONDONTWRITEBYTECODE would otherwise
    # have every run compile Spread's modules again, which no user pays for.
    compileall.compile_dir(work / "code", quiet=1)
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
           "PYTHONPATH": str(work / "code"), "NO_COLOR": "1"}
    spread = [sys.executable, "-m", "spread"]
    sys.path.insert(0, str(HERE))
    from generate import generate

    rows = []
    for sites in args.sizes:
        root = work / f"net{sites}"
        if not (root / ".git").exists():
            generate(root, sites, 4, seed=7, mistakes=0.02)
        rows.append(size_rows(root, sites, spread, env, args.repeat, args.peer_repeat))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    starts = startup(spread, env, max(args.repeat, 11))
    print(table(rows, starts))
    if not args.no_publish:
        published = subprocess.run([sys.executable, str(HERE / "bench_publish.py"), "--sites", "2000"], env=env,
                                   capture_output=True, text=True, check=True)
        print("\n" + published.stdout.strip())
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
