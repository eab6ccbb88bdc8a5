"""`spread check` on the scoring fields of issue 14: the cap, the rule for unrated items, and levels; each rule with
its exact message, and good declarations passing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write
from test_check_rules import ANCHORED, ANCHORED_AUDIT, ANCHORED_SITE, edit, fires

PB = "playbooks/anchored/playbook.yaml"
DEMO = "playbooks/demo/playbook.yaml"
FREQ = "  frequency: quarterly\n"
SCORING = "  scoring: {method"


def levels(text: str) -> tuple[str, str]:
    """An edit adding instrument-wide levels to the anchored playbook (scale 1–3, D1 critical with minimum 2)."""
    return SCORING, f"  levels: {text}\n{SCORING}"


CASES = [
    (DEMO, FREQ, FREQ + "  scoring: {critical_cap: fine}\n",
     f"{DEMO}:34:27: error: `critical_cap` names the band `fine`, which does not exist: use `low`, `adequate` or "
     "`high` [critical-cap-unknown]"),
    (DEMO, FREQ, FREQ + "  scoring: {missing: exclude}\n",
     f"{DEMO}:34:22: error: `missing: exclude` needs `max_unrated`, the most items an audit may leave unrated and "
     "still be scored on the rest: add it, e.g. `max_unrated: 1` [missing-exclude-max]"),
    (PB, "scoring: {method: sum,", "scoring: {method: sum, missing: exclude, max_unrated: 1,",
     f"{PB}:23:35: error: `missing: exclude` scores the rated items only, and their total cannot be read against "
     "bands of the whole total: set `band_on: mean` or `band_on: percent`, with bands to match "
     "[missing-exclude-total]"),
    (DEMO, FREQ, FREQ + "  scoring: {max_unrated: 1}\n",
     f"{DEMO}:34:26: error: `max_unrated` only counts with `missing: exclude`: remove it, or set `missing: exclude` "
     "[missing-max-unused]"),
    (DEMO, FREQ, FREQ + "  scoring: {missing: exclude, max_unrated: 2}\n",
     f"{DEMO}:34:44: error: `max_unrated` is 2, but the instrument has 2 items and at least one must be rated: use "
     "at most 1 [missing-max-too-high]"),
    (DEMO, FREQ, FREQ + "  levels: {expected: [2], unacceptable: [0]}\n",
     f"{DEMO}:34:11: error: `levels` sorts the scores of anchored items, but this playbook rates each core "
     "component on its practice profile, whose levels are its own: remove `levels`, or add `items` on a scale "
     "[levels-without-items]"),
    (PB, *levels("{expected: [2, 3], developmental: [2], unacceptable: [1]}"),
     f"{PB}:23:11: error: the levels count score 2 as both developmental and expected: put each score in one "
     "level [levels-overlap]"),
    (PB, *levels("{expected: [3], unacceptable: [1]}"),
     f"{PB}:23:11: error: the levels leave out score 2: add it to `expected`, `developmental` or `unacceptable` "
     "[levels-incomplete]"),
    (PB, *levels("{expected: [3, 4], developmental: [2], unacceptable: [1]}"),
     f"{PB}:23:11: error: the levels name score 4, outside the scale 1–3: remove it [levels-off-scale]"),
    (PB, *levels("{expected: [1], developmental: [2], unacceptable: [3]}"),
     f"{PB}:23:11: error: the levels must rise with the score, unacceptable lowest and expected highest; here 1 is "
     "expected, 2 is developmental, 3 is unacceptable [levels-order]"),
    (PB, *levels("{expected: [3], unacceptable: [1, 2]}"),
     f"{PB}:21:115: warning: item D1 has minimum 2, but its levels count score 2 as unacceptable: a score that "
     "meets the minimum should count as developmental or expected, or raise the minimum [levels-minimum]"),
    (PB, "title: Regular, anchors: {1: no, 2: some, 3: all}}",
     "title: Regular, anchors: {1: no, 2: some, 3: all}, levels: {expected: [3], unacceptable: [1]}}",
     f"{PB}:22:114: error: item D2's levels leave out score 2: add it to `expected`, `developmental` or "
     "`unacceptable` [levels-incomplete]"),
    (DEMO, FREQ, FREQ + "  decimals: {percent: 7}\n",
     f"{DEMO}:34:23: error: `percent` is 7 but must be at most 4 [schema-maximum]"),
    (DEMO, FREQ, FREQ + "  scoring: {missing: lowest-score}\n",
     f"{DEMO}:34:22: error: `missing` cannot be \"lowest-score\": did you mean `lowest`? [schema-enum]"),
    # Good declarations: nothing to report.
    (DEMO, FREQ, FREQ + "  scoring: {missing: exclude, max_unrated: 1, critical_cap: adequate}\n"
     "  decimals: {percent: 1, mean: 1}\n", None),
    (PB, *levels("{expected: [3], developmental: [2], unacceptable: [1]}"), None),
    (PB, "scoring: {method: sum,", "scoring: {method: sum, missing: lowest,", None),
]


@pytest.fixture
def repo(demo: Path) -> Path:
    write(demo / PB, ANCHORED)
    write(demo / "fidelity/anchored/york/site.yaml", ANCHORED_SITE)
    write(demo / "fidelity/anchored/york/audits/2026-Q1.yaml", ANCHORED_AUDIT)
    return demo


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES,
                         ids=[f"{c[3].split('[')[-1][:-1] if c[3] else 'ok'}-{i}" for i, c in enumerate(CASES)])
def test_scoring_rule_fires_with_its_message(run: Run, repo: Path, rel: str, old: str, new: str,
                                             expected: str | None) -> None:
    fires(run, repo, rel, old, new, expected)


def test_levels_that_call_a_score_below_the_minimum_acceptable_warn(run: Run, repo: Path) -> None:
    edit(repo / PB, "3: all}, min: 2}", "3: all}, min: 3}")
    edit(repo / PB, *levels("{expected: [3], developmental: [2], unacceptable: [1]}"))
    result = run("check", "--repo", repo)
    assert result.exit_code == 0, result.output  # a warning
    assert result.stdout.splitlines() == [
        f"{PB}:21:115: warning: item D1 has minimum 3, but its levels count score 2 as developmental: a score below "
        "the minimum is flagged, so count it as unacceptable, or lower the minimum [levels-minimum]"]
