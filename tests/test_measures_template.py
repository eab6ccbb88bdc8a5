"""`spread audit new` leaves the period's figures and survey answers empty, with the playbook's guidance beside them;
`spread check` names each one still empty, and a filled-in file passes."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_PLAYBOOK, Run, write
from test_measures_check import MEASURES

Q3 = "fidelity/demo/leeds/audits/2026-Q3.yaml"


def test_a_new_audit_asks_for_each_figure_and_answer(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + MEASURES)
    assert run("audit", "new", "demo/leeds", "--today", "2026-10-05", cwd=demo).exit_code == 0
    text = (demo / Q3).read_text()
    assert ("figures:\n  # People who came to a circle (reach; a count, in people)\n  people:\n    count:\n"
            in text)
    assert "  pam:\n    mean:\n    n:\n" in text and "  hba1c-fell:\n    numerator:\n    denominator:\n" in text
    assert "  V1:\n    n:\n    answers:\n      disagree:\n      not-sure:\n      agree:\n" in text
    result = run("check", "--repo", demo, "--today", "2026-10-05")
    empty = [line for line in result.stdout.splitlines() if line.endswith(("[figure-incomplete]",
                                                                         "[voice-incomplete]"))]
    assert len(empty) == 6, result.stdout
    assert empty[0].endswith("error: `people` has no figure yet: write it as `count: N`, or remove it if you have no "
                             "figure for this period [figure-incomplete]")
    filled = (text.replace("completed:  # the date you finish (YYYY-MM-DD)", "completed: 2026-10-05")
              .replace("    level:  # expected, developmental, unacceptable\n    evidence:\n",
                       "    level: expected\n    evidence: The register.\n")
              .replace("  people:\n    count:\n", "  people:\n    count: 12\n")
              .replace("  sessions:\n    count:\n", "")
              .replace("  pam:\n    mean:\n    n:\n", "  pam:\n    mean: 61.5\n    n: 9\n")
              .replace("  hba1c-fell:\n    numerator:\n    denominator:\n", "  hba1c-fell:\n    numerator: 4\n"
                       "    denominator: 8\n")
              .replace("  V1:\n    n:\n    answers:\n      disagree:\n      not-sure:\n      agree:\n",
                       "  V1:\n    n: 9\n    answers:\n      disagree: 1\n      not-sure: 0\n      agree: 8\n")
              .replace("  V2:\n    n:\n    answers:\n      disagree:\n      not-sure:\n      agree:\n", ""))
    (demo / Q3).write_text(filled)
    result = run("check", "--repo", demo, "--today", "2026-10-05")
    assert (result.exit_code, result.stdout) == (0, "")
