"""Deviations with a life (issue 14, point 4): a change to a core component is approved by someone, on a day, until a
day, with a plan back to the model; an approval runs out; and an adaptation that contradicts the latest audit is
named with both files. Exact messages, at their boundaries, on the demo repository and on the example network."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import Run, write
from spread.model.deviations import is_deviation, missing, status
from spread.model.playbook import CoreComponent, Playbook
from spread.model.site import Adaptation
from test_reviews import SCALED

SITE = "fidelity/demo/leeds/site.yaml"
AUDIT = "fidelity/demo/leeds/audits/2026-Q2.yaml"
CHANGE = "  - component: {component}\n    description: Something else.\n    reason: Needed.\n"


def change(root: Path, component: str = "peer-led", **fields: str) -> None:
    """Add a change to a core component to the demo site, with these fields (in this order)."""
    text = CHANGE.format(component=component) + "".join(f"    {k}: {v}\n" for k, v in fields.items())
    site = root / SITE
    site.write_text(site.read_text().replace("adaptations: []\n", "adaptations:\n") + text)


def where(root: Path, component: str, key: str = "fidelity") -> str:
    """Where the check places a problem with `key` of the demo site's change to `component`."""
    return value_at(root, SITE, component, key)


ASK = ("so the network's central team should review it: record who approved it (`approved_by`), when (`approved_on`), "
       "until when (`review_by`) and the plan back to the model (`plan`)")


def lines(run: Run, root: Path, today: str = "2026-12-01") -> list[str]:
    """The problems of the rules about deviations (other rules' findings are their tests')."""
    return deviation_lines(run, root, today)


APPROVED = {"fidelity": "inconsistent", "approved_by": "Network quality lead", "approved_on": "2026-08-10",
            "review_by": "2027-02-28", "plan": "Peers lead again from February."}


def test_an_inconsistent_change_to_any_core_component_warns(run: Run, demo: Path) -> None:
    change(demo, "regular", date="2026-08-03", fidelity="inconsistent")
    assert lines(run, demo) == [
        f"{where(demo, 'regular')}: warning: core component `regular` was changed and the change is "
        f"fidelity-inconsistent, {ASK} [adaptation-core-inconsistent]"]


def test_a_change_whose_fidelity_is_unknown_or_that_removes_elements_warns(run: Run, demo: Path) -> None:
    change(demo, "regular", date="2026-08-03", fidelity="unknown")
    change(demo, "peer-led", date="2026-08-03", nature="[removing]")
    assert lines(run, demo) == [
        f"{where(demo, 'regular')}: warning: core component `regular` was changed and it is not known whether the "
        f"change keeps its function, {ASK} [adaptation-core-inconsistent]",
        f"{where(demo, 'peer-led', 'nature')}: warning: critical core component `peer-led` was changed and the "
        f"change removes elements, {ASK} [adaptation-critical-inconsistent]"]


def test_a_fidelity_consistent_change_needs_no_approval(run: Run, demo: Path) -> None:
    change(demo, "regular", date="2026-08-03", fidelity="consistent")
    assert lines(run, demo) == []


def test_a_name_alone_is_not_an_approval(run: Run, demo: Path) -> None:
    change(demo, date="2026-08-03", fidelity="inconsistent", approved_by="Network quality lead")
    assert lines(run, demo) == [
        f"{where(demo, 'peer-led', 'approved_by')}: warning: the change to `peer-led` names who approved it but not "
        "for how long: approved deviations are time-limited, so add `approved_on` (the day it was approved), "
        "`review_by` (until when it holds) and `plan` (the way back to the model) [adaptation-approval-incomplete]"]


def test_an_approval_names_only_what_it_lacks(run: Run, demo: Path) -> None:
    change(demo, date="2026-08-03", fidelity="unknown", approved_by="Network quality lead", approved_on="2026-08-10")
    assert lines(run, demo) == [
        f"{where(demo, 'peer-led', 'approved_by')}: warning: the change to `peer-led` names who approved it but not "
        "for how long: approved deviations are time-limited, so add `review_by` (until when it holds) and `plan` "
        "(the way back to the model) [adaptation-approval-incomplete]"]


def test_a_complete_approval_is_quiet_until_its_review_date(run: Run, demo: Path) -> None:
    change(demo, date="2026-08-03", **APPROVED)
    assert lines(run, demo, "2027-02-28") == []  # the last day it holds


def test_an_approval_runs_out_the_day_after_its_review_date(run: Run, demo: Path) -> None:
    change(demo, date="2026-08-03", **APPROVED)
    assert lines(run, demo, "2027-03-01") == [
        f"{where(demo, 'peer-led', 'review_by')}: warning: the approval of the change to `peer-led` ran out on "
        "2027-02-28: the central team should review it again and set a new `review_by`, or record the day the site "
        "returned to the model in `returned_on` [adaptation-approval-expired]"]


def test_a_deviation_that_ended_needs_no_approval(run: Run, demo: Path) -> None:
    change(demo, "regular", date="2026-08-03", fidelity="inconsistent", returned_on="2026-10-05")
    assert lines(run, demo, "2030-01-01") == []


def test_an_approval_cannot_end_before_it_began(run: Run, demo: Path) -> None:
    change(demo, date="2026-08-03", **(APPROVED | {"review_by": "2026-08-09"}))
    assert lines(run, demo, "2026-08-09") == [
        f"{where(demo, 'peer-led', 'review_by')}: warning: `review_by` (2026-08-09) is before `approved_on` "
        "(2026-08-10): give the day the approval runs until [adaptation-approval-dates]"]


MISMATCH = ("{where}: warning: this records the change to `peer-led` as fidelity-inconsistent, but the latest "
            f"audit, {AUDIT}:7:21, rates it expected: correct the adaptation or the audit, or record the day the site "
            "returned to the model (`returned_on`) [adaptation-audit-mismatch]")


@pytest.mark.parametrize(("made", "warned"), [("2026-06-30", True), ("2026-07-01", False), (None, True)])
def test_an_inconsistent_change_the_audit_rates_expected(run: Run, demo: Path, made: str | None, warned: bool) -> None:
    """The 2026-Q2 audit ends on 30 June: a change made by then is practice it rated; one made after, it is not."""
    change(demo, **({"date": made} if made else {}), **APPROVED)
    assert lines(run, demo) == ([MISMATCH.format(where=where(demo, "peer-led"))] if warned else [])


def test_a_return_to_the_model_within_the_audited_period_explains_the_rating(run: Run, demo: Path) -> None:
    change(demo, date="2026-04-01", **APPROVED, returned_on="2026-06-30")
    assert lines(run, demo) == []


def test_a_consistent_change_the_audit_rates_unacceptable(run: Run, demo: Path) -> None:
    audit = demo / AUDIT
    audit.write_text(audit.read_text().replace("{level: developmental, evidence: Met", "{level: unacceptable, "
                                               "evidence: Met"))
    change(demo, "regular", date="2026-04-01", fidelity="consistent")
    assert lines(run, demo) == [
        f"{where(demo, 'regular')}: warning: this records the change to `regular` as fidelity-consistent, but the "
        f"latest audit, {AUDIT}:8:20, rates it unacceptable: correct the adaptation or the audit, or, if the change "
        "broke the component, record it as `inconsistent` [adaptation-audit-mismatch]"]


def test_only_the_latest_audit_is_compared(run: Run, demo: Path) -> None:
    later = (demo / AUDIT).read_text().replace("2026-Q2", "2026-Q3").replace("2026-07-10", "2026-10-09")
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", later.replace("{level: expected, evidence: Rota",
                                                                          "{level: developmental, evidence: Rota"))
    change(demo, date="2026-04-01", **APPROVED)
    assert lines(run, demo) == []


def test_an_anchored_item_at_its_top_score_is_expected(run: Run, demo: Path) -> None:
    write(demo / "playbooks/scaled/playbook.yaml", SCALED)
    write(demo / "fidelity/scaled/york/site.yaml", "id: york\nname: York\nplaybook: {id: scaled, version: 1.0.0}\n"
          "host: {name: York CVS}\nstage: initial-implementation\nstarted: 2025-01-06\nadaptations:\n"
          "  - {component: one, description: Staff lead., reason: No peers., fidelity: inconsistent,\n"
          "     approved_by: Lead, approved_on: 2025-02-01, review_by: 2027-01-31, plan: Train peers.}\n")
    write(demo / "fidelity/scaled/york/audits/2026-Q1.yaml", "site: york\nplaybook: {id: scaled, version: 1.0.0}\n"
          "period: 2026-Q1\nreview: self\ncompleted: 2026-04-15\nratings:\n  A1: {score: 5, evidence: Rota.}\n"
          "  A2: {score: 4, evidence: Minutes.}\n")
    assert lines(run, demo) == [
        "fidelity/scaled/york/site.yaml:8:77: warning: this records the change to `one` as fidelity-inconsistent, "
        "but the latest audit, fidelity/scaled/york/audits/2026-Q1.yaml:7:15, rates it expected: correct the "
        "adaptation or the audit, or record the day the site returned to the model (`returned_on`) "
        "[adaptation-audit-mismatch]"]


def adaptation(**fields: object) -> Adaptation:
    return Adaptation(**({"component": "peer-led", "reason": "Needed.", "index": 0} | fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "unapproved"),
    ({"approved_by": "Lead"}, "incomplete"),
    ({"approved_by": "Lead", "approved_on": "2026-01-05", "review_by": "2026-06-30"}, "incomplete"),
    ({"approved_by": "Lead", "approved_on": "2026-01-05", "review_by": "2026-06-30", "plan": "Back."}, "approved"),
    ({"approved_by": "Lead", "approved_on": "2026-01-05", "review_by": "2026-05-31", "plan": "Back."}, "expired"),
    ({"approved_by": "Lead", "approved_on": "2026-01-05", "review_by": "2026-02-30", "plan": "Back."}, "incomplete"),
    ({"returned_on": "2026-03-01"}, "returned"),
])
def test_where_a_deviation_is_in_its_life(fields: dict[str, str], expected: str) -> None:
    assert status(adaptation(**fields), date(2026, 6, 1)) == expected


def test_what_counts_as_a_deviation(demo: Path) -> None:
    from spread.network.repo import load_network

    pb: Playbook = load_network(demo).playbooks["demo"]
    assert isinstance(pb.component("regular"), CoreComponent)
    assert [is_deviation(pb, adaptation(component=c, **f)) for c, f in [
        ("regular", {"fidelity": "inconsistent"}), ("regular", {"fidelity": "unknown"}),
        ("regular", {"fidelity": "consistent"}), ("regular", {"fidelity": "consistent", "nature": ("removing",)}),
        ("venue", {"fidelity": "inconsistent"}), ("gone", {"fidelity": "inconsistent"})]] == [
        True, True, False, True, False, False]
    assert missing(adaptation(approved_by="Lead", plan="Back.")) == ["approved_on", "review_by"]


# The example network, as issue 14's point 4 tried it.
TODAY = "2026-11-15"
DEVIATION_RULES = ("adaptation-critical-inconsistent", "adaptation-core-inconsistent", "adaptation-approval-incomplete",
                   "adaptation-approval-expired", "adaptation-approval-dates", "adaptation-audit-mismatch")
POWYS = "fidelity/first-responders/powys/site.yaml"


def value_at(root: Path, rel: str, component: str, key: str) -> str:
    """`path:line:col` of `key`'s value in the adaptation of `component`, worked out from the file (so that the
    expected messages stay exact however the rest of the example network is edited)."""
    text = (root / rel).read_text(encoding="utf-8")
    start = text.index(f"- component: {component}\n")
    found = text.index(f" {key}: ", start) + len(f" {key}: ")
    line_start = text.rfind("\n", 0, found) + 1
    return f"{rel}:{text.count(chr(10), 0, found) + 1}:{found - line_start + 1}"


def deviation_lines(run: Run, root: Path, today: str = TODAY, *, clean: bool = True) -> list[str]:
    """The problems of the deviation rules; with `clean`, the check must find no error at all."""
    result = run("check", "--repo", root, "--today", today)
    assert not clean or (result.exit_code == 0 and " error:" not in result.stdout), result.output
    return [line for line in result.stdout.splitlines() if line.endswith(tuple(f"[{r}]" for r in DEVIATION_RULES))]


def test_the_example_networks_deviations_are_true_findings(run: Run, example: Path) -> None:
    def at(site: str, component: str, key: str = "fidelity") -> str:
        return value_at(example, f"fidelity/{site}/site.yaml", component, key)

    assert deviation_lines(run, example) == [
        f"{at('code-club/inverness', 'own-pace-projects')}: warning: core component `own-pace-projects` was changed "
        f"and it is not known whether the change keeps its function, {ASK} [adaptation-core-inconsistent]",
        f"{at('first-responders/powys', 'training-currency')}: warning: critical core component `training-currency` "
        f"was changed and the change is fidelity-inconsistent, {ASK} [adaptation-critical-inconsistent]",
        f"{at('peer-diabetes/gateshead', 'supervision')}: warning: core component `supervision` was changed and the "
        f"change is fidelity-inconsistent, {ASK} [adaptation-core-inconsistent]",
        f"{at('peer-diabetes/swansea', 'peer-led')}: warning: critical core component `peer-led` was changed and "
        f"the change is fidelity-inconsistent, {ASK} [adaptation-critical-inconsistent]",
        f"{at('shared-lives/somerset', 'monitoring-safeguarding', 'review_by')}: warning: the approval of the change to "
        "`monitoring-safeguarding` ran out on 2026-09-30: the central team should review it again and set a new "
        "`review_by`, or record the day the site returned to the model in `returned_on` [adaptation-approval-expired]"]
    # Somerset's approval held until the end of its review day (when the 2026-Q3 audits were not yet due).
    assert not any("somerset" in line for line in deviation_lines(run, example, "2026-09-30", clean=False))


def test_any_name_in_approved_by_no_longer_silences_a_deviation(run: Run, example: Path) -> None:
    site = example / POWYS
    site.write_text(site.read_text().replace("      - provider\nnotes:", "      - provider\n"
                                             "    approved_by: Anyone at all\nnotes:"))
    assert [line for line in deviation_lines(run, example) if POWYS in line] == [
        f"{value_at(example, POWYS, 'training-currency', 'approved_by')}: warning: the change to "
        "`training-currency` names who approved it but not for how long: approved deviations are time-limited, so "
        "add `approved_on` (the day it was approved), `review_by` (until when it holds) and `plan` (the way back to "
        "the model) [adaptation-approval-incomplete]"]


def test_an_adaptation_the_latest_audit_contradicts_names_both_files(run: Run, example: Path) -> None:
    audit = example / "fidelity/first-responders/powys/audits/2025.yaml"
    audit.write_text(audit.read_text().replace("  training-currency:\n    level: unacceptable",
                                               "  training-currency:\n    level: expected"))
    assert (f"{value_at(example, POWYS, 'training-currency', 'fidelity')}: warning: this records the change to "
            "`training-currency` as fidelity-inconsistent, but the latest audit, "
            "fidelity/first-responders/powys/audits/2025.yaml:21:12, rates it expected: correct the adaptation or the "
            "audit, or record the day the site returned to the model (`returned_on`) [adaptation-audit-mismatch]"
            ) in deviation_lines(run, example)


def test_site_pages_and_dashboards_show_each_deviations_approval(handbook: Path) -> None:
    """Built with the shared handbook's day (2026-11-15): Wirral's approval holds, Somerset's ran out."""
    built = handbook / "site/playbooks"
    wirral = (built / "first-responders/sites/wirral.html").read_text(encoding="utf-8")
    assert ("<strong>Approved deviation</strong> by Community resuscitation lead, regional ambulance service on 10 "
            "January 2025, until 31 January 2027. Plan back to the model: The ambulance service reviews") in wirral
    somerset = (built / "shared-lives/sites/somerset.html").read_text(encoding="utf-8")
    assert ('<p class="spread-approval spread-expired"><strong>Approval expired</strong> on 30 September 2026 '
            "(approved by Network quality lead on 12 January 2026): the network's central team should review "
            "the change again. Plan back to the model: In-person visits") in somerset
    blackpool = (built / "breathe-together/sites/blackpool.html").read_text(encoding="utf-8")
    assert "Back to the model since 7 April 2026. The change was approved by Regional coordinator" in blackpool
    dashboard = (built / "shared-lives/dashboard.html").read_text(encoding="utf-8")
    assert "Shared Lives West Somerset</a>: Regular monitoring and safeguarding: <strong>approval expired</strong> " \
           "on 30 September 2026" in dashboard


def test_an_upgrade_that_changes_a_deviated_component_asks_whether_the_approval_holds(demo: Path) -> None:
    from dataclasses import replace

    from spread.network.repo import load_network
    from spread.versions.upgrade import plan_upgrade, preview

    change(demo, date="2026-08-03", **APPROVED)
    network = load_network(demo)
    old, site = network.playbooks["demo"], network.sites[("demo", "leeds")]
    peer_led = old.core[0]
    new = replace(old, version="2.0.0", core=(replace(peer_led, practice=replace(
        peer_led.practice, expected="Every circle is led by two trained peers.")), *old.core[1:]))
    assert ("  - peer-led (Led by peers): its practice profile changed. Your site's own change to it (approved until "
            "2027-02-28) stays recorded: ask the network's central team whether it still applies to the new version."
            ) in preview(plan_upgrade(site, old, new)).splitlines()
    unchanged = replace(old, version="1.1.0")
    assert "Your site's own change" not in preview(plan_upgrade(site, old, unchanged))
