"""Both engines, one network: publish a generated network with MkDocs and with Zensical and compare every page.

    python benchmarks/compare_engines.py [--sites 2000] [--audits 4]

Each page's main content (its article: the text and structure a reader gets, read by `tests/article.py`, which
the test suite uses on the example network) must be the same whichever engine built it. Prints how many pages
were compared, how many differ, and the first differences; exits 1 if any page differs or is missing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from bench_publish import TODAY, generated

from article import article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--audits", type=int, default=4)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        root = generated(Path(tmp) / "network", args.sites, args.audits)
        for engine_name in ("mkdocs", "zensical"):
            subprocess.run([sys.executable, "-m", "spread", "publish", "--engine", engine_name, "--today", TODAY,
                            "--repo", str(root), "--site-dir", str(root / f"site-{engine_name}")], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        one, other = root / "site-mkdocs", root / "site-zensical"
        pages = sorted(p.relative_to(one).as_posix() for p in one.rglob("*.html"))
        missing = sorted({p.relative_to(other).as_posix() for p in other.rglob("*.html")} ^ set(pages))
        differ = [rel for rel in pages if rel not in missing and
                  article((one / rel).read_text("utf-8")) != article((other / rel).read_text("utf-8"))]
    print(f"{len(pages)} pages compared ({args.sites} sites): {len(differ)} differ, {len(missing)} built by one "
          "engine only")
    for rel in (differ + missing)[:10]:
        print(f"  {rel}")
    raise SystemExit(1 if differ or missing else 0)


if __name__ == "__main__":
    main()
