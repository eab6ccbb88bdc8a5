"""`spread audit import` from the outside: a sent YAML audit checked by `spread check`'s rules, refused or filed."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import Run

TODAY = "2026-10-15"
Q3 = "fidelity/demo/leeds/audits/2026-Q3.yaml"
SCORE = """\
demo 1.0.0 · site leeds · 2026-Q3
Band: high (80–100%), from a self-audit — Delivered as designed, consistently.
Total: 4 of 4 (100%), mean 2.00 per item, 2 of 2 items rated.

Change since 2026-Q2: total +1, +25 percentage points, band adequate → high.
"""


def template(run: Run, demo: Path, tmp_path: Path) -> Path:
    """The form `spread audit new` writes for 2026-Q3, moved out of the repository as a site would send it."""
    assert run("audit", "new", "demo/leeds", "--repo", demo, "--today", TODAY).exit_code == 0
    sent = tmp_path / "sent.yaml"
    (demo / Q3).rename(sent)
    return sent


def fill(form: Path, path: Path) -> Path:
    """The form filled in as a coordinator would: every level `expected`, evidence and the day finished."""
    text = form.read_text(encoding="utf-8").replace("level:  #", "level: expected  #")
    text = text.replace("    evidence:\n", "    evidence: The rota.\n").replace(
        "completed:  # the date you finish (YYYY-MM-DD)", "completed: 2026-10-10")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_filled_form_is_filed_exactly_as_sent_and_scored(run: Run, demo: Path, tmp_path: Path) -> None:
    sent = fill(template(run, demo, tmp_path), tmp_path / "leeds-2026-Q3.yaml")
    result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == f"Imported {sent.as_posix()} as {Q3}.\n{SCORE}"
    assert (demo / Q3).read_text(encoding="utf-8") == sent.read_text(encoding="utf-8")
    assert run("audit", "score", demo / Q3).output == SCORE
    assert run("check", demo / Q3, "--repo", demo, "--today", TODAY).exit_code == 0


def test_problems_are_named_by_the_sent_file_and_nothing_is_written(run: Run, demo: Path, tmp_path: Path) -> None:
    sent = template(run, demo, tmp_path)
    result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    shown = sent.as_posix()
    assert result.output.splitlines()[:3] == [
        f"{shown}:14:11: error: the audit of 2026-Q3 has no `completed` date: add the day it was finished "
        "(YYYY-MM-DD), on or after 2026-09-30, when the period ended [audit-completed-missing]",
        f"{shown}:26:3: error: peer-led has no rating yet: give a `level` (expected, developmental or unacceptable), "
        "or say why it could not be rated in `not_rated` [audit-unrated]",
        f"{shown}:35:3: error: regular has no rating yet: give a `level` (expected, developmental or unacceptable), "
        "or say why it could not be rated in `not_rated` [audit-unrated]"]
    assert result.output.endswith(f"Error: {shown} has 3 problems, so nothing was written: fix them (or ask the "
                                  "site to) and import it again\n")
    assert not (demo / Q3).exists()


def test_a_period_with_an_audit_is_replaced_only_with_force(run: Run, demo: Path, tmp_path: Path) -> None:
    sent = fill(template(run, demo, tmp_path), tmp_path / "leeds.yaml")
    q2 = sent.read_text(encoding="utf-8").replace("2026-Q3", "2026-Q2").replace("2026-10-10", "2026-07-10")
    sent.write_text(q2, encoding="utf-8")
    before = (demo / "fidelity/demo/leeds/audits/2026-Q2.yaml").read_text(encoding="utf-8")
    result = run("audit", "import", sent, "demo/leeds", "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (f"Error: fidelity/demo/leeds/audits/2026-Q2.yaml already exists: Spread never replaces "
                             f"an audit. If {sent.as_posix()} is a corrected audit of 2026-Q2, add --force to replace "
                             "it; if it rates a later period, ask the site to correct its `period`.\n")
    assert (demo / "fidelity/demo/leeds/audits/2026-Q2.yaml").read_text(encoding="utf-8") == before
    result = run("audit", "import", sent, "demo/leeds", "--repo", demo, "--today", TODAY, "--force")
    assert result.exit_code == 0, result.output
    assert "Total: 4 of 4 (100%)" in result.output
    assert (demo / "fidelity/demo/leeds/audits/2026-Q2.yaml").read_text(encoding="utf-8") == q2


def test_a_form_without_the_schema_line_gets_the_one_audit_new_writes(run: Run, demo: Path, tmp_path: Path) -> None:
    form = fill(template(run, demo, tmp_path), tmp_path / "filled.yaml")
    lines = form.read_text(encoding="utf-8").splitlines(keepends=True)
    sent = tmp_path / "from-the-browser.yaml"
    sent.write_text("".join(lines[1:]).replace("\n", "\r\n"), encoding="utf-8")
    result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (demo / Q3).read_text(encoding="utf-8") == form.read_text(encoding="utf-8")


def test_an_audit_of_another_site_is_refused(run: Run, demo: Path, tmp_path: Path) -> None:
    sent = fill(template(run, demo, tmp_path), tmp_path / "leeds.yaml")
    sent.write_text(sent.read_text(encoding="utf-8").replace("site: leeds", "site: york"), encoding="utf-8")
    result = run("audit", "import", sent, "demo/leeds", "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (f"Error: {sent.as_posix()} is the audit of `demo/york`, not of `demo/leeds`: leave out "
                             "SITE to file it where it says, or import the audit of leeds\n")
    result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 2
    assert "york" in result.output
    assert not (demo / Q3).exists()


def test_a_file_that_is_not_an_audit_gets_one_line(run: Run, demo: Path, tmp_path: Path) -> None:
    cases = {
        "photo.yaml": (b"\x89PNG\r\n\x00\x00", "1:1: error: this is a binary file, not YAML text: check you saved "
                       "the right file [file-binary]"),
        "list.yaml": (b"- a\n- b\n", "1:1: error: this file should be a self-audit, a mapping of fields (`site: …`), "
                      "not a list [yaml-not-mapping]"),
    }
    for name, (raw, message) in cases.items():
        sent = tmp_path / name
        sent.write_bytes(raw)
        result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
        assert result.exit_code == 1
        assert result.output.splitlines()[0] == f"{sent.as_posix()}:{message}"
        assert result.output.endswith(f"Error: {sent.as_posix()} has 1 problem, so nothing was written: fix it (or "
                                      "ask the site to) and import it again\n")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (5 * 2**20 + 1))
    result = run("audit", "import", huge, "--repo", demo)
    assert result.output == (f"Error: {huge.as_posix()} is larger than 5 MB, far more than any self-audit: check "
                             "that it is the audit you were sent\n")
    result = run("audit", "import", tmp_path / "missing.yaml", "--repo", demo)
    assert result.exit_code == 1
    assert result.output == (f"Error: {(tmp_path / 'missing.yaml').as_posix()}: no such file: check the name and "
                             "folder of the audit you were sent\n")
    assert not (demo / "fidelity/demo/leeds/audits/2026-Q3.yaml").exists()


def test_a_schema_problem_is_named_by_line(run: Run, demo: Path, tmp_path: Path) -> None:
    sent = fill(template(run, demo, tmp_path), tmp_path / "leeds.yaml")
    sent.write_text(sent.read_text(encoding="utf-8").replace("review: self", "review: myself"), encoding="utf-8")
    result = run("audit", "import", sent, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{sent.as_posix()}:13:9: error: `review` cannot be \"myself\": did "
                                             "you mean `self`? [schema-enum]")
    assert not (demo / Q3).exists()


def test_importing_a_yaml_audit_never_loads_the_spreadsheet_library(run: Run, demo: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import REPO

    sent = fill(template(run, demo, tmp_path), tmp_path / "leeds-2026-Q3.yaml")
    script = ("import sys\nfrom spread.cli import cli\n"
              "try:\n    cli(sys.argv[1:], standalone_mode=False)\n"
              "finally:\n    print('openpyxl loaded' if 'openpyxl' in sys.modules else 'openpyxl not loaded')\n")
    done = subprocess.run([sys.executable, "-c", script, "audit", "import", str(sent), "--repo", str(demo),
                           "--today", TODAY], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO / "cli")}, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Imported {sent.as_posix()} as {Q3}.")
    assert done.stdout.endswith("openpyxl not loaded\n")
