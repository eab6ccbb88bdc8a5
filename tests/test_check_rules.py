"""Every cross-document rule fires on a minimal bad file, with its exact message, and not on good files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write

ANCHORED = """
id: anchored
title: Anchored demo
version: 1.0.0
status: active
summary: A playbook with a full fidelity instrument.
core:
  - id: peer-led
    title: Led by peers
    function: Peers lead.
    critical: true
    practice: {expected: a, developmental: b, unacceptable: c}
  - id: regular
    title: Meets regularly
    function: Continuity.
    practice: {expected: a, developmental: b, unacceptable: c}
fidelity:
  frequency: quarterly
  scale: {min: 1, max: 3}
  sections: [{id: delivery, title: Delivery}]
  items:
    - {id: D1, section: delivery, component: peer-led, title: Peer leads, anchors: {1: no, 2: some, 3: all}, min: 2}
    - {id: D2, section: delivery, component: regular, title: Regular, anchors: {1: no, 2: some, 3: all}}
  scoring: {method: sum, critical_cap: fair}
  bands:
    - {label: low, min: 2, max: 3}
    - {label: fair, min: 4, max: 5}
    - {label: good, min: 6, max: 6}
  goals:
    - {id: E1, title: Peers trained, numerator: trained peers, denominator: all peers, op: ">=", target: 80}
"""

ANCHORED_SITE = """
id: york
name: York
playbook: {id: anchored, version: 1.0.0}
host: {name: York CVS}
stage: initial-implementation
started: 2025-01-06
"""

ANCHORED_AUDIT = """
site: york
playbook: {id: anchored, version: 1.0.0}
period: 2026-Q1
review: guided
completed: 2026-04-15
ratings:
  D1: {score: 3, evidence: Rota.}
  D2: {score: 2, evidence: Minutes.}
goals:
  E1: {numerator: 8, denominator: 10}
"""


@pytest.fixture
def repo(demo: Path) -> Path:
    write(demo / "playbooks/anchored/playbook.yaml", ANCHORED)
    write(demo / "fidelity/anchored/york/site.yaml", ANCHORED_SITE)
    write(demo / "fidelity/anchored/york/audits/2026-Q1.yaml", ANCHORED_AUDIT)
    return demo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_good_repository_passes(run: Run, repo: Path) -> None:
    result = run("check", "--repo", repo)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "No problems found.\n"


PB = "playbooks/anchored/playbook.yaml"
DEMO = "playbooks/demo/playbook.yaml"
SITE = "fidelity/demo/leeds/site.yaml"
AUDIT = "fidelity/anchored/york/audits/2026-Q1.yaml"
PAUDIT = "fidelity/demo/leeds/audits/2026-Q2.yaml"

CASES = [
    (PB, '- {id: D2, section', '- {id: D1, section',
     f"{PB}" ':22:12: error: the item id `D1` is used twice: give each item its own id [item-id-duplicate]'),
    (PB, '  goals:\n    - {id: E1,', '  goals:\n    - {id: E1, title: Peers met, numerator: met, denominator: all, op: ">=", '
     'target: 50}\n    - {id: E1,',
     f"{PB}" ':30:12: error: the goal id `E1` is used twice: give each goal its own id [goal-id-duplicate]'),
    (PB, '  - id: regular\n    title: Meets', '  - id: peer-led\n    title: Meets',
     f"{PB}" ':12:9: error: the component id `peer-led` is used twice (also in core): give each component its own '
     'id [component-id-duplicate]'),
    (PB, 'component: regular,', 'component: regulr,',
     f"{PB}" ':22:46: error: item D2 rates `regulr`, which is not a core component of this playbook: use `peer-led'
     '` or `regular` [item-component-unknown]'),
    (PB, 'component: regular,', 'component: peer-led,',
     f"{PB}" ':12:9: error: core component `regular` is not rated by any fidelity item: add an item with `componen'
     't: regular` [instrument-uncovered-component]'),
    (PB, '{id: D2, section: delivery', '{id: D2, section: deliver',
     f"{PB}" ':22:25: error: item D2 is in section `deliver`, which is not listed under `sections`: use `delivery`'
     ' or add it [item-section-unknown]'),
    (PB, 'title: Regular, anchors: {1: no, 2: some, 3: all}', 'title: Regular, anchors: {1: no, 2: some}',
     f"{PB}" ':22:80: error: item D2 has no anchor for score 3, an end of its scale 1–3: describe at least what earn'
     's the lowest and the highest score (scores between two anchors need none) [anchors-incomplete]'),
    (PB, 'title: Regular, anchors: {1: no, 2: some, 3: all}', 'title: Regular, anchors: {2: some, 3: all}',
     f"{PB}" ':22:80: error: item D2 has no anchor for score 1, an end of its scale 1–3: describe at least what earn'
     's the lowest and the highest score (scores between two anchors need none) [anchors-incomplete]'),
    (PB, 'title: Regular, anchors: {1: no, 2: some, 3: all}', 'title: Regular, anchors: {1: no, 3: all}', None),
    (PB, 'title: Regular, anchors: {1: no, 2: some, 3: all}', 'title: Regular, anchors: {1: no, 2: some, 3: all, 4: x}',
     f"{PB}" ':22:80: error: item D2 has an anchor for score 4, which is not one of its scores (1, 2, 3): remove it '
     'or change the scale [anchors-off-scale]'),
    (PB, '3: all}, min: 2}', '3: all}, min: 7}',
     f"{PB}" ':21:115: error: item D1 has minimum 7, outside its scale 1–3 [item-min-off-scale]'),
    (PB, '{label: fair, min: 4, max: 5}', '{label: fair, min: 3, max: 5}',
     f"{PB}" ':26:26: error: bands `low` (2–3) and `fair` (3–5) overlap: a score must fall in exactly one band [ba'
     'nds-overlap]'),
    (PB, '{label: fair, min: 4, max: 5}', '{label: fair, min: 5, max: 5}',
     f"{PB}" ':26:26: error: no band covers a score of 4: widen `low` or `fair` [bands-gap]'),
    (PB, '{label: good, min: 6, max: 6}', '{label: good, min: 6, max: 7}', None),
    (PB, '{label: good, min: 6, max: 6}', '{label: good, min: 6, max: 6}\n    - {label: good, min: 7, max: 7}',
     f"{PB}" ':25:5: error: two bands have the same id: give each band its own [band-label-duplicate]'),
    (PB, '{label: low, min: 2, max: 3}', '{label: low, min: 3, max: 3}',
     f"{PB}" ':25:25: error: the lowest possible score is 2 but the lowest band starts at 3: lower `low` [bands-no'
     't-covering]'),
    (PB, '{label: good, min: 6, max: 6}', '{label: good, min: 6, max: 5.5}',
     f"{PB}" ':27:7: error: band `good` runs from 6 down to 5.5: swap them [band-reversed]'),
    (PB, 'critical_cap: fair', 'critical_cap: fine',
     f"{PB}" ':23:40: error: `critical_cap` names the band `fine`, which does not exist: use `low`, `fair` or `goo'
     'd` [critical-cap-unknown]'),
    (PB, 'scoring: {method: sum,', 'scoring: {method: sum, missing: mean-of-rated,',
     f"{PB}" ':23:35: error: `mean-of-rated` only works with the mean method: use `missing: incomplete`, or `metho'
     'd: mean` [scoring-missing-rule]'),
    (PB, 'numerator: trained peers, ', '',
     f"{PB}" ':29:7: error: goal E1 needs both a `numerator` and a `denominator` (or neither, for a goal measured '
     'as a single value) [goal-fraction]'),
    (PB, 'id: anchored', 'id: anchor',
     f"{PB}" ':1:5: error: the playbook id `anchor` does not match its folder `anchored`: rename one so they are t'
     'he same [playbook-id-folder]'),
    (DEMO, '    default: library', '    default: town-hall',
     f"{DEMO}" ':27:14: error: the default `town-hall` of `venue` is not one of its options: use `library`, `gp-surg'
     'ery` or `online` [local-default-not-option]'),
    (SITE, 'id: leeds', 'id: leeds-2',
     f"{SITE}" ':1:5: error: the site id `leeds-2` does not match its folder `leeds`: rename one so they are the sam'
     'e [site-id-folder]'),
    (SITE, '{id: demo, version: 1.0.0}', '{id: dmeo, version: 1.0.0}',
     f"{SITE}" ':3:16: error: this site says it runs `dmeo` but sits in fidelity/demo/: move the folder or correct t'
     'he id [site-playbook-folder]'),
    (SITE, '{id: demo, version: 1.0.0}', '{id: demo, version: 1.2.0}',
     f"{SITE}" ':3:31: error: version 1.2.0 of `demo` was not found (no playbooks/demo/releases/1.2.0.yaml and no gi'
     't tag demo/v1.2.0): known versions are `1.0.0` [site-version-unknown]'),
    (SITE, 'component: venue', 'component: venu',
     f"{SITE}" ':8:16: error: version 1.0.0 of `demo` has no local component `venu`: did you mean `venue`? [choice-c'
     'omponent-unknown]'),
    (SITE, 'component: venue', 'component: peer-led',
     f"{SITE}" ':8:16: error: `peer-led` is a core component: every site keeps it as the playbook says, so it is not '
     'chosen; record a change to it under `adaptations`, with its reason and FRAME details [choice-core]'),
    (SITE, 'choice: library', 'choice: town-hall',
     f"{SITE}" ':9:13: error: `town-hall` is not one of the options for `venue`: choose `library`, `gp-surgery` or `'
     'online` [choice-option]'),
    (SITE, 'choice: library', 'choice: Paid Venues',
     f"{SITE}" ':9:13: error: `Paid Venues` is a prohibited variation of `venue`: choose another way to do it [choic'
     'e-prohibited]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venu, choice: library, reason: x}\n',
     f"{SITE}" ':12:17: error: version 1.0.0 of `demo` has no component `venu`: did you mean `venue`? [adaptation-com'
     'ponent-unknown]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venue, choice: town-hall, reason: x}\n',
     f"{SITE}" ':12:32: error: `town-hall` is not one of the options for `venue`: choose `library`, `gp-surgery` or `'
     'online` [adaptation-option]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venue, choice: Paid Venues, reason: x}\n',
     f"{SITE}" ':12:32: error: `Paid Venues` is a prohibited variation of `venue`: choose another way to do it [adapt'
     'ation-prohibited]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venue, reason: x}\n',
     f"{SITE}" ':12:5: error: the adaptation of `venue` does not say what was chosen: add `choice:` (`library`, `gp-s'
     'urgery` or `online`) [adaptation-no-choice]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venue, choice: online, reason: x}\n',
     f"{SITE}" ':12:32: warning: `online` is one of the options for `venue`: choosing as the playbook offers is conf'
     'iguration, not an adaptation: move it to `choices` (`spread site upgrade` does it), or say how the site departs'
     ' from the playbook in `description` [adaptation-is-choice]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - {component: venue, choice: online, reason: x, description: y}\n',
     None),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - component: name\n    choice: The Leeds Diabetes Peer Circle\n    reason: Known.\n',
     f"{SITE}" ':13:13: error: the choice for `name` is 30 characters; the playbook allows at most 20: shorten it [a'
     'daptation-too-long]'),
    (SITE, 'adaptations: []\n', 'adaptations:\n  - component: peer-led\n    description: Staff lead while peers train.\n    reason: No trained peers yet.\n    fidelity: inconsistent\n',
     f"{SITE}" ':15:15: warning: critical core component `peer-led` was changed and the change is fidelity-inconsist'
     "ent, so the network's central team should review it: record who approved it (`approved_by`), when (`approved_"
     "on`), until when (`review_by`) and the plan back to the model (`plan`) [adaptation-critical-inconsistent]"),
    (AUDIT, 'site: york', 'site: yrok',
     f"{AUDIT}" ':1:7: error: this audit is for site `yrok` but sits in the folder of `york`: correct `site` or move '
     'the file [audit-site-folder]'),
    (AUDIT, 'period: 2026-Q1', 'period: 2026-Q2',
     f"{AUDIT}" ':3:9: error: the period 2026-Q2 does not match the file name 2026-Q1.yaml: name the file 2026-Q2.yam'
     'l [audit-period-filename]'),
    (AUDIT, '  D2: {score: 2, evidence: Minutes.}\n', '',
     f"{AUDIT}" ':7:3: error: item D2 (Regular) is missing from this audit: add `D2:` and give a `score` from 1 to 3,'
     ' or say why in `not_rated` [audit-item-missing]'),
    (AUDIT, '  D2: {score: 2, evidence: Minutes.}', '  D2: {score: 2, evidence: Minutes.}\n  D9: {score: 1}',
     f"{AUDIT}" ':9:3: error: version 1.0.0 of `anchored` has no item `D9`: its items are `D1` and `D2` [audit-item-u'
     'nknown]'),
    (AUDIT, 'D2: {score: 2, evidence: Minutes.}', 'D2: {score: null, evidence: Minutes.}',
     f"{AUDIT}" ':8:3: error: D2 has no rating yet: give a `score` from 1 to 3, or say why it could not be rated in `'
     'not_rated` [audit-unrated]'),
    (AUDIT, 'D2: {score: 2, evidence: Minutes.}', 'D2: {score: 2, not_rated: no-data}',
     f"{AUDIT}" ':8:29: error: D2 has both a rating and `not_rated`: keep one [audit-rating-both]'),
    (AUDIT, 'D2: {score: 2, evidence: Minutes.}', 'D2: {score: 4, evidence: Minutes.}',
     f"{AUDIT}" ':8:15: error: D2 is scored 4, which is off the scale: give a `score` from 1 to 3 [audit-score-off-sc'
     'ale]'),
    (AUDIT, 'D2: {score: 2, evidence: Minutes.}', 'D2: {level: expected, evidence: Minutes.}',
     f"{AUDIT}" ":8:15: error: D2 is rated on the playbook's scale: give a `score` from 1 to 3 instead of a level [au"
     'dit-rating-kind]'),
    (PAUDIT, 'regular: {level: developmental', 'regular: {score: 1',
     f"{PAUDIT}" ':8:20: error: regular is rated on its practice profile: give a `level` (expected, developmental or u'
     'nacceptable) instead of a score [audit-rating-kind]'),
    (PAUDIT, 'regular: {level: developmental', 'regular: {level: ideal',
     f"{PAUDIT}" ':8:20: error: `regular` has no ideal level in its practice profile: use expected, developmental or u'
     'nacceptable [audit-level-unknown]'),
    (AUDIT, 'E1: {numerator: 8, denominator: 10}', 'E2: {numerator: 8, denominator: 10}',
     f"{AUDIT}" ':10:3: error: version 1.0.0 of `anchored` has no goal `E2`: its goals are `E1` [audit-goal-unknown]'),
    (AUDIT, 'E1: {numerator: 8, denominator: 10}', 'E1: {value: 8}',
     f"{AUDIT}" ':10:15: error: goal E1 is a fraction: give `numerator` and `denominator` instead of `value` [audit-g'
     'oal-data]'),
    (AUDIT, 'E1: {numerator: 8, denominator: 10}', 'E1: {numerator: 12, denominator: 10}',
     f"{AUDIT}" ':10:19: error: goal E1 is a share, but the numerator (12) is larger than the denominator (10), whi'
     'ch would make it more than 100%: check the counts [audit-goal-over-100]'),
    (AUDIT, 'completed: 2026-04-15', 'completed: 2026-03-15',
     f"{AUDIT}" ':5:12: error: the audit was completed on 2026-03-15, before the period 2026-Q1 ended (2026-03-31):'
     ' rate practice once the period is over, and give the day you finished [audit-completed-early]'),
    (AUDIT, '  E1: {numerator: 8, denominator: 10}\n', '  E1: {numerator: 8, denominator: 10}\nactions:\n  - {item: Z9, action: Train peers, owner: coordinator}\n',
     f"{AUDIT}" ':12:12: warning: the action is about `Z9`, which is not an item of this audit: use an item id [audit'
     '-action-item-unknown]'),
    (AUDIT, 'version: 1.0.0}', 'version: 1.1.0}',
     f"{AUDIT}" ':2:35: error: this audit uses version 1.1.0, but the site is on 1.0.0: use 1.0.0 [audit-version-ahea'
     'd]'),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES, ids=[c[3].split("[")[-1][:-1] if c[3] else "ok"
                                                                       for c in CASES])
def test_rule_fires_with_its_message(run: Run, repo: Path, rel: str, old: str, new: str, expected: str | None) -> None:
    fires(run, repo, rel, old, new, expected)


def fires(run: Run, repo: Path, rel: str, old: str, new: str, expected: str | None) -> None:
    """Make one edit and check: the expected problem is listed (with the exit code it calls for), or none is."""
    edit(repo / rel, old, new)
    result = run("check", "--repo", repo)
    if expected is None:
        assert result.exit_code == 0, result.output
        return
    assert expected in result.stdout.splitlines(), result.stdout
    assert result.exit_code == (1 if "error:" in expected else 0)


def test_an_approved_change_to_a_critical_component_is_not_flagged(run: Run, repo: Path) -> None:
    # Made after the latest audit's period, so that audit does not speak to it; approved until a day to come.
    edit(repo / SITE, "adaptations: []\n", "adaptations:\n  - component: peer-led\n"
         "    description: Staff lead while peers train.\n    reason: No trained peers yet.\n    date: 2026-08-03\n"
         "    fidelity: inconsistent\n    approved_by: Network quality lead\n    approved_on: 2026-08-10\n"
         "    review_by: 2027-02-28\n    plan: Two peers finish the course in January and lead from February.\n")
    result = run("check", "--repo", repo, "--today", "2026-12-01")
    assert (result.exit_code, result.stdout) == (0, "")


def test_audit_without_a_site(run: Run, repo: Path) -> None:
    write(repo / "fidelity/anchored/hull/audits/2026-Q1.yaml", ANCHORED_AUDIT.replace("site: york", "site: hull"))
    result = run("check", "--repo", repo)
    assert ("fidelity/anchored/hull/audits/2026-Q1.yaml:1:7: error: there is no site.yaml in fidelity/anchored/hull/ "
            "for this audit: set the site up with `spread site new` [audit-site-unknown]") in result.stdout


def test_site_of_an_unknown_playbook(run: Run, repo: Path) -> None:
    write(repo / "fidelity/demos/leeds/site.yaml", (repo / SITE).read_text().replace("id: demo,", "id: demos,"))
    result = run("check", "--repo", repo)
    assert ("fidelity/demos/leeds/site.yaml:3:16: error: there is no playbook `demos` in this repository: did you "
            "mean `demo`? [site-playbook-unknown]") in result.stdout


def test_a_version_from_an_archived_release(run: Run, repo: Path) -> None:
    old = (repo / DEMO).read_text().replace("version: 1.0.0", "version: 0.9.0")
    write(repo / "playbooks/demo/releases/0.9.0.yaml", old)
    edit(repo / SITE, "version: 1.0.0}", "version: 0.9.0}")
    edit(repo / PAUDIT, "version: 1.0.0}", "version: 0.9.0}")
    assert run("check", "--repo", repo).exit_code == 0
    write(repo / "playbooks/demo/releases/0.8.0.yaml", old)
    result = run("check", "--repo", repo)
    assert ("playbooks/demo/releases/0.8.0.yaml:3:10: error: this archived release says version 0.9.0 but is named "
            "0.8.0.yaml: name it 0.9.0.yaml [playbook-release-name]") in result.stdout


def test_long_lists_in_messages_are_cut_short_and_still_read_as_english() -> None:
    from spread.errors import words

    assert words(["a"]) == "`a`"
    assert words(["a", "b", "c"]) == "`a`, `b` or `c`"
    assert words([]) == "none"
    assert words([str(n) for n in range(11)], limit=3, joiner="and") == "`0`, `1`, `2` and 8 more"
