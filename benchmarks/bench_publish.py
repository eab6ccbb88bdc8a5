"""Benchmark of `spread publish`: the example network and generated networks, next to the floor, with each engine.

    python benchmarks/bench_publish.py [--sites 1000 2000] [--audits 4] [--engines mkdocs zensical] [--no-phases]

The floor is a plain `mkdocs build` (or `zensical build --clean`, for `spread publish --engine zensical`) of as
many ordinary ~2 KB Markdown pages as the generated network has sites, with the same theme, plugins (search,
offline) and a short navigation: what the engine costs for that many pages before Spread does anything. Each generated network is published twice: first
with an empty parse cache (a fresh clone), then again (the everyday case: `spread check` runs on every
commit and fills the cache). Each build is a fresh process; the table gives wall time, the peak memory of
its whole process tree (loading uses worker processes), the built site's size, and the ratios to the
floor of the same page count and engine. A second table splits the largest network's publish into its phases.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
PARAGRAPH = ("Volunteers meet every week in the library to run the club. They plan each session together, "
             "keep a register, and check in with the coordinator about anything that worried them. ")
FLOOR_CONFIG = """site_name: Floor
theme: {name: material, font: false, variant: classic}
plugins: [search, offline]
use_directory_urls: false
nav:
  - Home: index.md
  - About: about.md
  - Pages: pages/page-0.md
"""


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, read from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4096
        except OSError:
            pass
    return total


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user and system, the whole process tree) and peak memory (MB, summed over
    the process tree, sampled) of one command. CPU time is steadier than wall time when other work shares
    the machine."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True)
        peak = [0]

        def sample() -> None:
            while process.returncode is None:
                peak[0] = max(peak[0], _tree_rss(process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.join()
        if process.returncode != 0:
            out.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{out.read()}")
    return elapsed, usage.ru_utime + usage.ru_stime, peak[0] // 1048576


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
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    return root


def phases(root: Path, engine_name: str) -> dict[str, float]:
    """The generated network's publish, phase by phase, in this process."""
    from datetime import date

    from spread.check.rules import check_network
    from spread.handbook import engine
    from spread.handbook.publish import BUILD, generate_build
    from spread.network.repo import load_network

    took: dict[str, float] = {}
    start = time.perf_counter()
    network = load_network(root)
    took["load"] = time.perf_counter() - start
    start = time.perf_counter()
    errors = [p for p in check_network(network) if p.is_error]
    took["check"] = time.perf_counter() - start
    assert not errors, errors[:3]
    start = time.perf_counter()
    prepared = generate_build(network, root / BUILD, date.fromisoformat(TODAY), engine_name=engine_name)
    took["generate"] = time.perf_counter() - start
    site = root / f"site-phases-{engine_name}"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir()
    start = time.perf_counter()
    engine.build(engine_name, prepared.config_file, site, prepared.split)
    took[engine_name] = time.perf_counter() - start
    return took


def floor_command(engine_name: str, root: Path) -> list[str]:
    if engine_name == "zensical":  # it builds into site/ beside its configuration
        return [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(root / "mkdocs.yml")]
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--audits", type=int, default=4)
    parser.add_argument("--engines", nargs="+", choices=["mkdocs", "zensical"], default=["mkdocs", "zensical"])
    parser.add_argument("--no-phases", action="store_true", help="skip the phase-by-phase run")
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--phases-engine", default="mkdocs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        print(json.dumps(phases(args.phases, args.phases_engine)))
        return
    # Material's end-of-life notice is one line of stderr, which the table does not show.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rows: list[tuple[str, float, float, int, int, int, float, tuple[float, float, float] | None]] = []
    split: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for engine_name in args.engines:
            spread = [sys.executable, "-m", "spread", "publish", "--engine", engine_name, "--today", TODAY]
            root = example(base / f"example-{engine_name}")
            rows.append((f"{engine_name}: example network", *run([*spread, "--repo", str(root)]),
                         *size(root / "site"), None))
        for sites in sorted(args.sites):
            root = generated(base / f"generated{sites}", sites, args.audits)
            for engine_name in args.engines:
                spread = [sys.executable, "-m", "spread", "publish", "--engine", engine_name, "--today", TODAY]
                plain = floor(base / f"floor{sites}-{engine_name}", sites)
                seconds, cpu, memory = run(floor_command(engine_name, plain))
                files, pages, mb = size(plain / "site")
                rows.append((f"{engine_name}: floor, {sites} plain pages", seconds, cpu, memory, files, pages, mb,
                             (seconds, cpu, mb)))
                shutil.rmtree(root / ".spread-cache", ignore_errors=True)
                for when in ("first publish, empty cache", "publish again"):
                    rows.append((f"{engine_name}: {sites} sites, {when}", *run([*spread, "--repo", str(root)]),
                                 *size(root / "site"), (seconds, cpu, mb)))
        for engine_name in [] if args.no_phases else args.engines:
            took = json.loads(subprocess.run(
                [sys.executable, __file__, "--phases", str(base / f"generated{max(args.sites)}"), "--phases-engine",
                 engine_name], capture_output=True, text=True, check=True).stdout)
            split.update({f"{engine_name}: {phase}": seconds for phase, seconds in took.items()})
    print("| build | wall time (s) | CPU time (s) | peak memory (MB) | files | HTML pages | size (MB) | time / floor "
          "| CPU / floor | size / floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, seconds, cpu, memory, files, pages, mb, base_line in rows:
        ratios = (f"{seconds / base_line[0]:.2f} | {cpu / base_line[1]:.2f} | {mb / base_line[2]:.2f}" if base_line
                  else "– | – | –")
        print(f"| {label} | {seconds:.1f} | {cpu:.1f} | {memory} | {files} | {pages} | {mb:.1f} | {ratios} |")
    if split:
        print(f"\n| phase ({max(args.sites)} sites, in one process, cache warm) | seconds |\n|---|---:|")
        for phase, seconds in split.items():
            print(f"| {phase} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
