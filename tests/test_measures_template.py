"""`spread audit new` leaves the period's figures and survey answers empty, with the playbook's guidance beside them;
`spread check` names each one still empty, and a filled-in file passes."""

from __future__ import annotations

import json
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


def test_an_interactive_audit_asks_for_each_figure_and_answer_and_explains_a_wrong_one(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + MEASURES)
    answers = [
        "expected", "The register.", "records", "expected", "The register.", "records",  # the two items
        "-3", "12",  # people: a negative count is explained and asked again
        "",  # sessions: no figure this period, so left out
        "61.5", "9",  # pam: a mean and its n
        "4", "3", "8",  # hba1c-fell: a denominator below its numerator is asked again
        "maybe", "yes",  # the survey was given
        "9", "1", "0", "7", "1", "0", "8",  # V1: answers adding up to 8, not 9, are asked again
        "",  # V2: not asked
        "", "", "", "2026-10-05", ""]  # no action; raters, review and date as offered
    typed = "".join(answer + "\n" for answer in answers) + "\n"
    result = run("audit", "new", "demo/leeds", "--interactive", "--today", "2026-10-05", input=typed, cwd=demo)
    assert result.exit_code == 0, result.output
    said = result.stdout.splitlines()
    assert "Error: a count cannot be negative" in said
    assert "Error: out of 3 cannot be fewer than the 4 counted: type the whole group" in said
    assert 'Error: "maybe" is not yes or no: type yes or no' in said
    assert "Error: the answers add up to 8, not 9: type them again" in said
    text = (demo / Q3).read_text()
    assert "  people:\n    count: 12\n" in text and "  sessions:" not in text
    assert "  pam:\n    mean: 61.5\n    n: 9\n" in text
    assert "  hba1c-fell:\n    numerator: 4\n    denominator: 8\n" in text
    assert "  V1:\n    n: 9\n    answers:\n      disagree: 1\n      not-sure: 0\n      agree: 8\n" in text
    assert "  V2:" not in text
    result = run("check", "--repo", demo, "--today", "2026-10-05")
    assert (result.exit_code, result.stdout) == (0, "")
    figures = run("report", "--repo", demo, "--today", "2026-10-05", "--format", "json")
    sites = json.loads(figures.stdout)["playbooks"][0]["sites"]
    assert {f["measure"]: f["value"] for f in sites[0]["figures"]}["pam"] == 61.5
