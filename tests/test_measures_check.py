"""Measures, figures and participant voice: a playbook declares them, an audit records them, `spread check` holds
each figure to its measure with one exact line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, Run, write

MEASURES = """measures:
  - id: people
    name: People who came to a circle
    kind: reach
    figure: count
    unit: people
    headline: true
  - id: sessions
    name: Circles held
    kind: reach
    figure: count
    unit: sessions
    people: false
  - id: pam
    name: Confidence to manage diabetes (PAM)
    kind: outcome
    figure: mean
    unit: points
    instrument: Patient Activation Measure
    target: 60
  - id: hba1c-fell
    name: Members whose HbA1c fell
    kind: outcome
    figure: share
    unit: people
    target: 50
voice:
  answers:
    - {id: disagree, label: Disagree, means: disagree}
    - {id: not-sure, label: Not sure, means: neutral}
    - {id: agree, label: Agree, means: agree}
  items:
    - {id: V1, text: My circle leader lives with diabetes like me., component: peer-led}
    - {id: V2, text: Our circle meets when it says it will., component: regular}
privacy:
  suppress_below: 5
"""

FIGURES = """figures:
  people: {count: 24}
  sessions: {count: 6}
  pam: {mean: 58.5, n: 20}
  hba1c-fell: {numerator: 9, denominator: 15}
voice:
  V1: {n: 18, answers: {agree: 12, not-sure: 4, disagree: 2}}
  V2: {n: 18, answers: {agree: 16, disagree: 2}}
"""

PB = "playbooks/demo/playbook.yaml"
AUDIT = "fidelity/demo/leeds/audits/2026-Q2.yaml"


@pytest.fixture
def repo(demo: Path) -> Path:
    write(demo / PB, MINIMAL_PLAYBOOK + MEASURES)
    write(demo / AUDIT, MINIMAL_AUDIT + FIGURES)
    return demo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_a_period_with_figures_and_voice_passes(run: Run, repo: Path) -> None:
    result = run("check", "--repo", repo, "--today", "2026-11-15")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No problems found.\n")


CASES = [
    (AUDIT, "  people: {count: 24}", "  peeple: {count: 24}",
     f"{AUDIT}:10:3: error: version 1.0.0 of `demo` has no measure `peeple`: did you mean `people`? "
     "[figure-measure-unknown]"),
    (AUDIT, "  people: {count: 24}", "  visits: {count: 24}",
     f"{AUDIT}:10:3: error: version 1.0.0 of `demo` has no measure `visits`: its measures are `people`, `sessions`, "
     "`pam` and `hba1c-fell` [figure-measure-unknown]"),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {mean: 58.5, n: 20, unit: percent}",
     f"{AUDIT}:12:34: error: `pam` is measured in points, not percent: give the figure in points (or leave `unit` "
     "out) [figure-unit]"),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {mean: 58.5, n: 20, unit: points}", None),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {mean: 58.5}",
     f"{AUDIT}:12:3: error: the mean of `pam` has no `n`: add how many people it is over, so readers can weigh it "
     "and small groups stay private [figure-mean-without-n]"),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {n: 20}",
     f"{AUDIT}:12:3: error: `pam` has `n` but no `mean`: add the average [figure-incomplete]"),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {count: 20}",
     f"{AUDIT}:12:16: error: `pam` is a mean: write it as `mean` and `n`, how many people it is over, without "
     "`count` [figure-kind]"),
    (AUDIT, "people: {count: 24}", "people: {mean: 24, n: 3}",
     f"{AUDIT}:10:18: error: `people` is a count: write it as `count: N`, without `mean` [figure-kind]"),
    (AUDIT, "people: {count: 24}", "people: {}",
     f"{AUDIT}:10:3: error: `people` has no figure yet: write it as `count: N`, or remove it if you have no figure "
     "for this period [figure-incomplete]"),
    (AUDIT, "pam: {mean: 58.5, n: 20}", "pam: {mean: , n: }",
     f"{AUDIT}:12:3: error: `pam` has no figure yet: write it as `mean` and `n`, how many people it is over, or "
     "remove it if you have no figure for this period [figure-incomplete]"),
    (AUDIT, "V2: {n: 18, answers: {agree: 16, disagree: 2}}", "V2: {n: , answers: {agree: , disagree: }}",
     f"{AUDIT}:16:3: error: V2 has no answers yet: give how many people answered (`n`) and how many gave each "
     "answer, or remove it if the survey was not given this period [voice-incomplete]"),
    (AUDIT, "hba1c-fell: {numerator: 9, denominator: 15}", "hba1c-fell: {numerator: 9}",
     f"{AUDIT}:13:3: error: the share `hba1c-fell` has no denominator: give `numerator` (how many people) and "
     "`denominator` (out of how many) [figure-share-without-n]"),
    (AUDIT, "hba1c-fell: {numerator: 9, denominator: 15}", "hba1c-fell: {numerator: 19, denominator: 15}",
     f"{AUDIT}:13:27: error: the share `hba1c-fell` counts 19 of 15: the numerator cannot be larger than the "
     "denominator, so check both counts [figure-share-over]"),
    (AUDIT, "  V2: {n: 18,", "  V3: {n: 18,",
     f"{AUDIT}:16:3: error: version 1.0.0 of `demo` has no survey statement `V3`: its statements are `V1` "
     "and `V2` [voice-statement-unknown]"),
    (AUDIT, "not-sure: 4", "unsure: 4",
     f"{AUDIT}:15:36: error: `unsure` is not an answer of this survey: count answers under `disagree`, `not-sure` or "
     "`agree` [voice-answer-unknown]"),
    (AUDIT, "V2: {n: 18, answers: {agree: 16, disagree: 2}}", "V2: {n: 19, answers: {agree: 16, disagree: 2}}",
     f"{AUDIT}:16:11: error: the answers to V2 add up to 18, but `n` says 19 people answered: count each person's "
     "answer once, and make `n` their number [voice-answers-not-n]"),
    (AUDIT, "period: 2026-Q2", "period: 2026-Q4",
     f"{AUDIT}:3:9: error: the period 2026-Q4 has not ended yet (its last day is 2026-12-31): rate a period and record "
     "its figures once it is over; the latest that has ended is 2026-Q3 [audit-period-not-ended]"),
    (AUDIT, "review: self", "review: participant", None),
    (AUDIT, "  people: {count: 24}", "  people: {count: 24, name: Ann Smith}",
     f"{AUDIT}:10:23: error: `name` is not a field Spread knows here: the fields allowed here are: count, "
     "denominator, mean, n, numerator, unit [schema-additionalProperties]"),
    (PB, "  - id: sessions", "  - id: people",
     f"{PB}:41:9: error: the measure id `people` is used twice: give each measure its own id [measure-id-duplicate]"),
    (PB, "    target: 60\n", "    target: 60\n    outcome: confidence\n",
     f"{PB}:54:14: error: `pam` measures the outcome `confidence`, which the theory of change does not list: add it "
     "to `theory_of_change.outcomes` first [measure-outcome-unknown]"),
    (PB, "component: regular}", "component: regulr}",
     f"{PB}:67:73: error: statement V2 is about `regulr`, which is not a core component: use `peer-led` or "
     "`regular` [voice-component-unknown]"),
    (PB, "{id: V2,", "{id: V1,",
     f"{PB}:67:12: error: the statement id `V1` is used twice: give each statement its own id [voice-id-duplicate]"),
    (PB, "label: Disagree, means: disagree", "label: Disagree, means: neutral",
     f"{PB}:62:5: error: the answer scale needs at least one answer that agrees (`means: agree`) and one that "
     "disagrees (`means: disagree`), or no one could say a component is missing [voice-scale-one-sided]"),
    (PB, "    target: 60\n", "    target: 60\n    headline: true\n",
     f"{PB}:54:15: error: `pam` cannot be the count of people reached: only a reach measure that counts people "
     "(`kind: reach`, `figure: count`) can [measure-headline]"),
    (PB, "    people: false\n", "    headline: true\n",
     f"{PB}:46:15: error: `people` is already the count of people reached: keep `headline: true` on one measure "
     "[measure-headline]"),
    (PB, "  suppress_below: 5", "  suppress_below: 2",
     f"{PB}:69:19: error: `suppress_below` is 2 but must be at least 3 [schema-minimum]"),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES, ids=lambda v: v if isinstance(v, str) and
                         v.startswith(("[", "x")) else None)
def test_rule_fires_with_its_message(run: Run, repo: Path, rel: str, old: str, new: str, expected: str | None) -> None:
    edit(repo / rel, old, new)
    result = run("check", "--repo", repo, "--today", "2026-11-15")
    if expected is None:
        assert (result.exit_code, result.stdout) == (0, ""), result.output
        return
    assert expected in result.stdout.splitlines(), result.stdout
    assert result.exit_code == 1


def test_voice_without_a_survey_in_the_playbook(run: Run, repo: Path) -> None:
    text = (repo / PB).read_text()
    (repo / PB).write_text(text[:text.index("voice:")] + "privacy:\n  suppress_below: 5\n")
    result = run("check", "--repo", repo, "--today", "2026-11-15")
    assert result.stdout.splitlines() == [
        f"{AUDIT}:15:3: error: version 1.0.0 of `demo` has no participant survey, so there is nothing to record "
        "answers to: add `voice:` to the playbook first, or remove these [voice-statement-unknown]"]
    assert result.exit_code == 1
