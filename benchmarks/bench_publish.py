"""Benchmark of `spread publish`: the example network and a generated network, next to the floor.

    python benchmarks/bench_publish.py [--sites 2000] [--audits 4]

The floor is a plain `mkdocs build` of as many ordinary ~2 KB Markdown pages as the generated network has
sites, with the same theme, plugins (search, offline) and a short navigation: what MkDocs with Material
costs for that many pages before Spread does anything. Each build is a fresh process; the table gives
wall time, peak memory, the built site's size, and the ratio to the floor. A second table splits the
generated network's publish into its phases (load, check, generate Markdown, MkDocs).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
PARAGRAPH = ("Volunteers meet every week in the library to run the club. They plan each session together, "
             "keep a register, and check in with the coordinator about anything that worried them. ")
FLOOR_CONFIG = """site_name: Floor
theme: {name: material, font: false}
plugins: [search, offline]
use_directory_urls: false
nav:
  - Home: index.md
  - About: about.md
  - Pages: pages/page-0.md
"""


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one child process (ru_maxrss is the largest child so far,
    so the benchmark runs the cheapest builds first)."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def size(folder: Path) -> tuple[int, int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    pages = sum(p.suffix == ".html" for p in files)
    return len(files), pages, sum(p.stat().st_size for p in files) / 1048576


def floor(root: Path, count: int) -> Path:
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nThe floor: ordinary pages.\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\n" + PARAGRAPH + "\n", encoding="utf-8")
    for n in range(count):
        body = f"# Page {n}\n\n## What happens\n\n{PARAGRAPH * 4}\n\n## Who does it\n\n" + \
               "\n".join(f"- Step {k}: {PARAGRAPH[:80]}" for k in range(5)) + f"\n\n{PARAGRAPH * 3}\n"
        (docs / "pages" / f"page-{n}.md").write_text(body, encoding="utf-8")
    (root / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    return root


def example(root: Path) -> Path:
    for name in ("playbooks", "fidelity", "schemas", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def generated(root: Path, sites: int, audits: int) -> Path:
    generate(root, sites, audits, seed=7, mistakes=0.0, use_git=False)
    shutil.copytree(REPO / "docs", root / "docs")
    return root


def phases(root: Path) -> dict[str, float]:
    """The generated network's publish, phase by phase, in this process."""
    from datetime import date

    from spread.handbook import engine
    from spread.handbook.publish import BUILD, generate_build
    from spread.repo import load_network
    from spread.rules import check_network

    took: dict[str, float] = {}
    start = time.perf_counter()
    network = load_network(root)
    took["load"] = time.perf_counter() - start
    start = time.perf_counter()
    errors = [p for p in check_network(network) if p.is_error]
    took["check"] = time.perf_counter() - start
    assert not errors, errors[:3]
    start = time.perf_counter()
    prepared = generate_build(network, root / BUILD, root / "site-phases", date.fromisoformat(TODAY))
    took["generate"] = time.perf_counter() - start
    start = time.perf_counter()
    engine.build(prepared.config_file)
    took["mkdocs"] = time.perf_counter() - start
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--audits", type=int, default=4)
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        print(json.dumps(phases(args.phases)))
        return
    spread = [sys.executable, "-m", "spread", "publish", "--today", TODAY]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = [("example network", example(base / "example"), None),
                 (f"floor: {args.sites} plain pages", floor(base / "floor", args.sites), "floor"),
                 (f"generated network, {args.sites} sites", generated(base / "generated", args.sites, args.audits),
                  None)]
        for label, root, kind in cases:
            command = ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d",
                        str(root / "site")] if kind else [*spread, "--repo", str(root)])
            seconds, memory = run(command)
            rows.append((label, seconds, memory, *size(root / "site")))
        split = json.loads(subprocess.run([sys.executable, __file__, "--phases", str(base / "generated")],
                                          capture_output=True, text=True, check=True).stdout)
    floor_seconds, floor_mb = rows[1][1], rows[1][5]
    print("| build | wall time (s) | peak memory (MB) | files | HTML pages | size (MB) | time / floor | size / floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, seconds, memory, files, pages, mb in rows:
        print(f"| {label} | {seconds:.1f} | {memory} | {files} | {pages} | {mb:.1f} | "
              f"{seconds / floor_seconds:.2f} | {mb / floor_mb:.2f} |")
    print("\n| phase (generated network, in one process) | seconds |\n|---|---:|")
    for phase, seconds in split.items():
        print(f"| {phase} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
