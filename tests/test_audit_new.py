"""`spread audit new` from the outside: templates that fail the check until rated, periods, refusals, the walk-through."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, Run, write

ANCHORED = """
id: anchored
title: Anchored circles
version: 1.0.0
status: active
summary: A small programme rated on an anchored scale.
core:
  - id: peer-led
    title: Led by peers
    function: People learn from others who live with the same condition.
    critical: true
    practice: {expected: Peers lead., developmental: Some peers lead., unacceptable: Staff lead.}
fidelity:
  frequency: half-yearly
  scale: {min: 1, max: 3}
  sections: [{id: staff, title: Staffing}]
  items:
    - id: S1
      section: staff
      component: peer-led
      title: Who leads circles
      description: Check the register.
      anchors: {1: Staff lead every circle., 2: Peers lead some circles., 3: Peers lead every circle.}
      min: 2
  bands:
    - {label: low, min: 1, max: 1}
    - {label: good, min: 2, max: 3}
  goals:
    - {id: G1, title: Circles held, numerator: Circles held., denominator: Circles planned., op: ">=", target: 80}
    - {id: G2, title: Trained peers, metric: Peers who led a circle., op: ">=", target: 2, unit: count}
"""
ANCHORED_SITE = """
id: hull
name: Hull Circles
playbook: {id: anchored, version: 1.0.0}
host: {name: Hull CVS}
stage: installation
started: 2026-01-05
"""
DEMO_TEMPLATE = """\
# yaml-language-server: $schema=../../../../schemas/audit.schema.json
# Self-audit of Demo Leeds for 2026-Q3, against `demo` version 1.0.0.
# Rate what you can show happened in the period, not what is planned. For each item, write the level
# (the one whose description matches your evidence) and what it is based on. If an item cannot be
# rated, replace its rating with `not_rated:` and the reason. Then run `spread check`.
site: leeds
playbook:
  id: demo
  version: 1.0.0
period: 2026-Q3
# Who rated: self (your own team), guided (with a coach from the network), peer (people from another
# site of the network) or independent (from outside Leeds Circles CIC).
review: self
completed:  # the date you finish (YYYY-MM-DD)
# One entry per person who rated: their role, not their name. For a peer or independent review, add
# each reviewer's `organisation`, and a peer reviewer's `site` (the id of their site in the
# network).
raters:
  - role: site-coordinator
ratings:

  # peer-led · Led by peers (critical)
  #   expected: Every circle is led by a trained peer.
  #   developmental: Some circles are led by staff while peers train.
  #   unacceptable: Circles are led by staff only.
  peer-led:
    level:  # expected, developmental, unacceptable
    evidence:
    sources: []  # records, documents, interviews, observation, survey or other

  # regular · Meets regularly
  #   expected: Meets every fortnight.
  #   developmental: Meets monthly.
  #   unacceptable: Meets when someone remembers.
  regular:
    level:  # expected, developmental, unacceptable
    evidence:
    sources: []  # records, documents, interviews, observation, survey or other

# Action plan: what you will do next, starting with items below their minimum or below expected
# practice. Add an entry per action.
actions:
  - item:  # an item id
    action:
    owner:  # a role
    due:  # YYYY-MM-DD
"""
Q3 = "fidelity/demo/leeds/audits/2026-Q3.yaml"


@pytest.fixture
def anchored(demo: Path) -> Path:
    write(demo / "playbooks/anchored/playbook.yaml", ANCHORED)
    write(demo / "fidelity/anchored/hull/site.yaml", ANCHORED_SITE)
    return demo


def check(run: Run, root: Path) -> tuple[int, str]:
    result = run("check", "--repo", root)
    return result.exit_code, result.stdout


def test_template_fails_the_check_once_per_item_until_rated(run: Run, demo: Path) -> None:
    result = run("audit", "new", "demo/leeds", "--today", "2026-10-05", cwd=demo)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (f"Wrote {Q3} with 2 items to rate. Fill in each rating and its evidence, then run "
                             f"`spread check {Q3}`.\n")
    text = (demo / Q3).read_text()
    assert text == DEMO_TEMPLATE
    assert check(run, demo) == (1, (
        f"{Q3}:14:11: error: the audit of 2026-Q3 has no `completed` date: add the day it was finished (YYYY-MM-DD), "
        "on or after 2026-09-30, when the period ended [audit-completed-missing]\n"
        f"{Q3}:26:3: error: peer-led has no rating yet: give a `level` (expected, developmental or unacceptable), "
        "or say why it could not be rated in `not_rated` [audit-unrated]\n"
        f"{Q3}:35:3: error: regular has no rating yet: give a `level` (expected, developmental or unacceptable), "
        "or say why it could not be rated in `not_rated` [audit-unrated]\n"))
    filled = text.replace("completed:  # the date you finish (YYYY-MM-DD)", "completed: 2026-10-05").replace(
        "    level:  # expected, developmental, unacceptable\n    evidence:\n",
        "    level: developmental  # kept\n    evidence: The register, week by week.\n")
    (demo / Q3).write_text(filled)
    assert check(run, demo) == (0, "")


def test_anchored_template_has_anchors_sections_and_goals(run: Run, anchored: Path) -> None:
    result = run("audit", "new", "fidelity/anchored/hull", "--today", "2026-07-01", cwd=anchored)
    assert result.exit_code == 0, result.output
    text = (anchored / "fidelity/anchored/hull/audits/2026-H1.yaml").read_text()
    assert ("ratings:\n\n  # == Staffing ==\n"
            "  # S1 · Who leads circles (core component peer-led; critical; lowest acceptable score 2)\n"
            "  #   Check the register.\n"
            "  #   1 = Staff lead every circle.\n  #   2 = Peers lead some circles.\n  #   3 = Peers lead every circle.\n"
            "  S1:\n    score:  # 1 to 3\n    evidence:\n") in text
    assert ("goals:\n  # G1 · Circles held: at least 80%\n  #   numerator: Circles held.\n"
            "  #   denominator: Circles planned.\n  G1:\n    numerator:\n    denominator:\n"
            "  # G2 · Trained peers: at least 2 (count)\n  #   Peers who led a circle.\n  G2:\n    value:\n") in text
    code, out = check(run, anchored)
    assert code == 1 and out.count("\n") == 2 and "[audit-completed-missing]" in out.splitlines()[0]
    assert "hull/audits/2026-H1.yaml:28:3: error: S1 has no rating yet: give a `score` from 1 to 3" in out


def test_period_default_choice_and_refusals(run: Run, anchored: Path) -> None:
    result = run("audit", "new", "anchored/hull", "--period", "2026-Q3", cwd=anchored)
    assert result.exit_code == 2
    assert ("Invalid value for '--period': 2026-Q3 is a quarterly period, but this playbook's audits are "
            "half-yearly: use a period like 2026-H2") in result.stderr
    result = run("audit", "new", "anchored/hull", "--period", "2026-13", cwd=anchored)
    assert result.exit_code == 2 and "2026-13 is not a period" in result.stderr
    result = run("audit", "new", "anchored/hull", "--period", "2026-H2", "--today", "2026-11-01", cwd=anchored)
    assert result.exit_code == 0
    assert result.stderr == "Note: 2026-H2 ends on 2026-12-31: rate it once it is over.\n"


def test_never_overwrites_a_period(run: Run, demo: Path) -> None:
    q2 = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    old = q2.read_text()
    result = run("audit", "new", "demo/leeds", "--period", "2026-Q2", "--interactive", "--today", "2026-09-01",
                 cwd=demo)
    assert result.exit_code == 1 and "Self-audit of" not in result.stdout  # refused before any question
    assert result.stderr == ("Error: fidelity/demo/leeds/audits/2026-Q2.yaml already exists: Spread never replaces "
                             "an audit. To rate the next period, add --period 2026-Q3 (it ends on 2026-09-30: rate it "
                             "once it is over); to replace this audit, add --force.\n")
    assert q2.read_text() == old
    assert run("audit", "new", "demo/leeds", "--period", "2026-Q2", "--force", cwd=demo).exit_code == 0
    assert "    level:  # expected" in q2.read_text()


def test_an_audited_period_names_the_next_one_without_an_audit(run: Run, demo: Path) -> None:
    # The period asked for has its audit, and so has the next: the advice skips to the first period with none, and
    # says nothing of waiting when that one is over.
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", MINIMAL_AUDIT.replace("2026-Q2", "2026-Q3")
          .replace("2026-07-10", "2026-10-10"))
    result = run("audit", "new", "demo/leeds", "--period", "2026-Q2", "--today", "2027-01-15", cwd=demo)
    assert result.exit_code == 1
    assert result.stderr == ("Error: fidelity/demo/leeds/audits/2026-Q2.yaml already exists: Spread never replaces "
                             "an audit. To rate the next period, add --period 2026-Q4; to replace this audit, add "
                             "--force.\n")
    assert run("audit", "new", "demo/leeds", "--period", "2026-Q4", "--today", "2027-01-02", cwd=demo).exit_code == 0


def test_warns_when_the_site_is_on_an_old_version(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    pb = demo / "playbooks/demo/playbook.yaml"
    pb.write_text(pb.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    result = run("audit", "new", "leeds", "--today", "2026-10-05", cwd=demo)
    assert result.exit_code == 0
    assert result.stderr == ("Warning: leeds follows version 1.0.0 of `demo`, not the newest (1.1.0); the audit rates "
                             "1.0.0. See `spread site upgrade`.\n")
    assert "  version: 1.0.0\n" in (demo / Q3).read_text()


def test_unknown_or_broken_site(run: Run, demo: Path) -> None:
    result = run("audit", "new", "demo/york", cwd=demo)
    assert result.exit_code == 2
    assert ("Invalid value for 'SITE': no site `demo/york` was found: name it as PLAYBOOK/SITE or give its folder "
            "(sites here: `demo/leeds`), or set a new one up with `spread site new`") in result.stderr
    site = demo / "fidelity/demo/leeds/site.yaml"
    site.write_text(site.read_text().replace("stage: installation", "stage: sometimes"))
    result = run("audit", "new", "demo/leeds", cwd=demo)
    assert result.exit_code == 1
    assert result.stderr == ("Error: fidelity/demo/leeds/site.yaml has problems, so no audit can be prepared for it "
                             "yet: run `spread check fidelity/demo/leeds` and fix them first\n")
    assert not (demo / Q3).exists()


def test_interactive_practice_profile(run: Run, demo: Path) -> None:
    typed = ("great\ndev\nThe register, week by week.\nrecords, gossip\nrecords, observation\n"
             "skip\n\n" "Train a second peer.\nPF9\nPeer-Led\n\n2026-12-31\n\n"
             "site-coordinator, peer-facilitator\nguided\n2026-10-02\n\n")
    result = run("audit", "new", "demo/leeds", "--interactive", "--today", "2026-10-05", input=typed, cwd=demo)
    assert result.exit_code == 0, result.output
    assert ('Error: "great" is not one of the levels: type a number from 1 to 3, or one of expected, developmental, '
                 'unacceptable, or skip'
            in result.stdout)
    assert 'Error: "gossip" is not a kind of source: use records, documents,' in result.stdout
    assert result.stdout.endswith(f"Wrote {Q3}: 1 of 2 items rated. See the score with `spread audit score {Q3}`.\n")
    text = (demo / Q3).read_text()
    assert ("  peer-led:\n    level: developmental  # expected, developmental, unacceptable\n"
            "    evidence: The register, week by week.\n    sources:\n      - records\n      - observation\n") in text
    assert "  regular:\n    not_rated: insufficient-data\n" in text
    assert "review: guided\n" in text and "completed: 2026-10-02\n" in text
    assert "  - role: peer-facilitator\n" in text
    assert 'Error: "PF9" is not an item of this audit: type one of peer-led, regular, or press Enter' in result.stdout
    assert ("actions:\n  - item: peer-led\n    action: Train a second peer.\n    owner: site-coordinator\n"
            "    due: 2026-12-31\n") in text
    assert check(run, demo) == (0, "")


def test_interactive_anchored_with_goals(run: Run, anchored: Path) -> None:
    typed = "4\n2\nTwo of three circles.\n\nx\n8\n10\n\n\n\n\n2026-07-01\n\n"
    result = run("audit", "new", "anchored/hull", "--interactive", "--today", "2026-07-01", input=typed, cwd=anchored)
    assert result.exit_code == 0, result.output
    assert 'Error: "4" is not a score of this item: type one of 1, 2, 3, or skip' in result.stdout
    assert 'Error: "x" is not a number: type digits, like 12' in result.stdout
    text = (anchored / "fidelity/anchored/hull/audits/2026-H1.yaml").read_text()
    assert "  S1:\n    score: 2  # 1 to 3\n    evidence: Two of three circles.\n    sources: []" in text
    assert "  G1:\n    numerator: 8\n    denominator: 10\n" in text and "  G2:\n    value:\n" in text
    assert text.endswith("actions: []\n")
    assert check(run, anchored) == (0, "")


def test_stopping_an_interactive_audit_writes_nothing(run: Run, demo: Path) -> None:
    result = run("audit", "new", "demo/leeds", "--interactive", "--today", "2026-10-05", input="", cwd=demo)
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: stopped before writing anything: to prepare the audit without questions, "
                                  "leave out --interactive: a form to fill in is written\n")
    assert not (demo / Q3).exists()
