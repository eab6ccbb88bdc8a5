"""Who rated is visible and honest (issue 14, point 6): an independent review is by people from outside the site's
host organisation, a peer review by people from another site of the network, and an unacceptable or below-minimum
rating says what it is based on; and the review type is shown beside every band. Exact messages on the demo
repository; the issue's cases on a copy of the example network; the handbook built and opened in Chromium."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, write
from spread.check.rules.reviews import same_organisation
from spread.check.run import run_check
from spread.network import records
from test_browser import browser, served  # noqa: F401  (fixtures: the browser tests' Chromium and web server)

AUDIT = "fidelity/demo/leeds/audits/2026-Q2.yaml"
RULES = tuple(f"[{rule}]" for rule in ("audit-independent-own-organisation", "audit-independent-site-role",
                                       "audit-independent-unplaced", "audit-peer-site-missing", "audit-peer-own-site",
                                       "audit-peer-site-unknown", "audit-evidence-missing"))
DAY = date(2026, 12, 1)
BRADFORD = """
id: bradford
name: Demo Bradford
playbook: {id: demo, version: 1.0.0}
host: {name: Bradford Circles, type: charity}
stage: installation
started: 2026-03-01
"""


def review(root: Path, kind: str, raters: str = "") -> None:
    """Make the demo audit a review of this kind, by these raters (YAML list items, one per line)."""
    audit = root / AUDIT
    text = audit.read_text().replace("review: self", f"review: {kind}")
    if raters:
        text = text.replace("ratings:", "raters:\n" + raters + "ratings:")
    audit.write_text(text)


def lines(run: Run, root: Path) -> list[str]:
    """The problems of the rules about who rated and what they saw (other rules' findings are their tests')."""
    result = run("check", "--repo", root, "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.endswith(RULES)]


@pytest.fixture
def two(demo: Path) -> Path:
    """The demo network with a second site, Bradford."""
    write(demo / "fidelity/demo/bradford/site.yaml", BRADFORD)
    return demo


def test_an_independent_reviewer_from_the_host_organisation(run: Run, two: Path) -> None:
    review(two, "independent", "  - {role: network-coach, organisation: Demo network}\n"
                               "  - {role: manager, organisation: leeds circles  CIC}\n")
    assert lines(run, two) == [
        f"{AUDIT}:8:35: warning: this independent review has a rater from Leeds Circles CIC, the site's own host "
        "organisation: independent reviewers come from outside it, so name them, or call the review `guided` (the "
        "site's team with a coach) [audit-independent-own-organisation]"]


def test_an_independent_reviewer_in_a_site_role_or_from_the_site_itself(run: Run, two: Path) -> None:
    review(two, "independent", "  - {role: site-coordinator, organisation: Leeds Circles Trust}\n"
                               "  - {role: network-coach, organisation: Demo network, site: leeds}\n"
                               "  - {role: site-coordinator, organisation: Bradford Circles, site: bradford}\n")
    message = ("warning: this independent review has a rater from the site itself (`{}`): independent reviewers come "
               "from outside the site, so name them, or call the review `guided`; someone from another site of the "
               "network says which in `site:` [audit-independent-site-role]")
    assert lines(run, two) == [f"{AUDIT}:7:12: " + message.format("site-coordinator"),
                               f"{AUDIT}:8:61: " + message.format("network-coach")]


@pytest.mark.parametrize(("raters", "position", "who"), [
    ("", "4:9", "who rated"),
    ("  - {role: evaluator}\n", "7:3", "which organisation its rater comes from"),
    ("  - {role: evaluator}\n  - {role: clinician}\n", "7:3", "which organisation its 2 raters come from"),
    ("  - {role: evaluator}\n  - {role: clinician, organisation: NHS}\n", "7:3",
     "which organisation 1 of its 2 raters comes from"),
    ("  - {role: evaluator}\n  - {role: clinician}\n  - {role: coach, organisation: Demo network}\n", "7:3",
     "which organisation 2 of its 3 raters come from"),
])
def test_an_independent_review_says_where_its_raters_come_from(run: Run, two: Path, raters: str, position: str,
                                                              who: str) -> None:
    review(two, "independent", raters)
    assert lines(run, two) == [
        f"{AUDIT}:{position}: warning: this independent review does not say {who}: give each rater's `organisation`, "
        "so readers can see the review is from outside Leeds Circles CIC [audit-independent-unplaced]"]


def test_a_peer_review_names_the_site_its_reviewers_come_from(run: Run, two: Path) -> None:
    review(two, "peer", "  - {role: peer-facilitator, organisation: Bradford Circles}\n")
    assert lines(run, two) == [
        f"{AUDIT}:7:3: warning: this peer review does not say which site its reviewers come from: give each peer "
        "reviewer's `site` (the id of their site in this network) [audit-peer-site-missing]"]


def test_a_peer_reviewer_from_this_site_or_an_unknown_one(run: Run, two: Path) -> None:
    review(two, "peer", "  - {role: peer-facilitator, site: leeds}\n  - {role: coordinator, site: bradfrod}\n"
                        "  - {role: coordinator, site: york}\n")
    assert lines(run, two) == [
        f"{AUDIT}:7:36: warning: `leeds` is this site itself: a peer review is done by people from another site of "
        "the network; if the site's own team rated, call the review `self` or `guided` [audit-peer-own-site]",
        f"{AUDIT}:8:31: warning: there is no site `bradfrod` in the `demo` network: did you mean `bradford`? "
        "[audit-peer-site-unknown]",
        f"{AUDIT}:9:31: warning: there is no site `york` in the `demo` network: its other sites are `bradford` "
        "[audit-peer-site-unknown]"]


def test_a_peer_review_in_a_network_of_one_site(run: Run, demo: Path) -> None:
    review(demo, "peer", "  - {role: coordinator, site: york}\n")
    assert lines(run, demo) == [
        f"{AUDIT}:7:31: warning: there is no site `york` in the `demo` network: it has no other site yet, so check the "
        "id [audit-peer-site-unknown]"]


@pytest.mark.parametrize(("kind", "raters"), [
    ("independent", "  - {role: evaluator, organisation: University of Leeds}\n"
                    "  - {role: site-coordinator, organisation: Bradford Circles, site: bradford}\n"),
    ("peer", "  - {role: coordinator, organisation: Bradford Circles, site: bradford}\n"),
    ("guided", "  - {role: site-coordinator}\n  - {role: network-coach}\n"),
    ("self", ""),
])
def test_proper_reviews_are_quiet(run: Run, two: Path, kind: str, raters: str) -> None:
    review(two, kind, raters)
    assert lines(run, two) == []


def test_an_unacceptable_rating_says_what_was_seen(run: Run, demo: Path) -> None:
    audit = demo / AUDIT
    audit.write_text(audit.read_text().replace(
        "{level: expected, evidence: Rota shows peers led all 12 circles.}", "{level: unacceptable}").replace(
        "{level: developmental, evidence: Met monthly in the summer.}", "{level: unacceptable, evidence: '  '}"))
    said = "with no evidence: say what you saw, so the coaching agenda can start from it (`evidence:`) " \
           "[audit-evidence-missing]"
    assert lines(run, demo) == [f"{AUDIT}:7:21: warning: peer-led is rated unacceptable {said}",
                                f"{AUDIT}:8:44: warning: regular is rated unacceptable {said}"]


SCALED = """
id: scaled
title: Scaled demo
version: 1.0.0
status: active
summary: A playbook with an anchored scale.
core:
  - {id: one, title: One, function: F., practice: {expected: a, developmental: b, unacceptable: c}}
  - {id: two, title: Two, function: F., practice: {expected: a, developmental: b, unacceptable: c}}
fidelity:
  frequency: quarterly
  scale: {min: 1, max: 5}
  items:
    - {id: A1, component: one, title: With a minimum, anchors: {1: a, 2: b, 3: c, 4: d, 5: e}, min: 3}
    - {id: A2, component: two, title: Without, anchors: {1: a, 2: b, 3: c, 4: d, 5: e}}
  bands: [{label: low, min: 2, max: 6}, {label: good, min: 7, max: 10}]
"""


@pytest.mark.parametrize(("a1", "a2", "expected"), [
    (2, 2, ["A1 is scored 2, below its minimum of 3,"]),
    (3, 2, []),  # at the minimum, and above the bottom of the scale
    (3, 1, ["A2 is scored 1, at the unacceptable level,"]),
])
def test_a_score_below_the_minimum_or_at_the_bottom_says_what_was_seen(run: Run, demo: Path, a1: int, a2: int,
                                                                      expected: list[str]) -> None:
    write(demo / "playbooks/scaled/playbook.yaml", SCALED)
    write(demo / "fidelity/scaled/york/site.yaml", BRADFORD.replace("bradford", "york").replace("demo,", "scaled,"))
    a1_evidence, a2_evidence = ("", ", evidence: Minutes.") if a2 > 1 else (", evidence: Rota.", "")
    write(demo / "fidelity/scaled/york/audits/2026-Q1.yaml", "site: york\nplaybook: {id: scaled, version: 1.0.0}\n"
          "period: 2026-Q1\nreview: self\ncompleted: 2026-04-15\nratings:\n"
          f"  A1: {{score: {a1}{a1_evidence}}}\n  A2: {{score: {a2}{a2_evidence}}}\n")
    position = {"A1": "7:15", "A2": "8:15"}
    assert lines(run, demo) == [
        f"fidelity/scaled/york/audits/2026-Q1.yaml:{position[said[:2]]}: warning: {said} with no evidence: say what "
        "you saw, so the coaching agenda can start from it (`evidence:`) [audit-evidence-missing]" for said in expected]


def test_organisations_are_the_same_whatever_the_case_spacing_or_a_leading_the() -> None:
    assert same_organisation("The Leeds  Circles CIC", "leeds circles cic")
    assert not same_organisation("Leeds Circles", "Leeds Circles CIC")


def test_a_new_site_is_seen_by_a_cached_check_of_a_peer_review(demo: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A peer reviewer's site is another site folder: adding it changes the audit's problems, cache or not."""
    monkeypatch.setattr(records, "CACHE_MIN", 0)
    review(demo, "peer", "  - {role: coordinator, site: bradford}\n")
    def found() -> list[str]:
        return [str(p) for p in run_check((), demo, today=DAY) if p.rule == "audit-peer-site-unknown"]

    unknown = found()
    assert len(unknown) == 1
    assert found() == unknown  # from the cache
    write(demo / "fidelity/demo/bradford/site.yaml", BRADFORD)
    assert found() == []
    shutil.rmtree(demo / "fidelity/demo/bradford")
    assert found() == unknown


# The example network, as issue 14's point 6 tried it.
BRISTOL = "fidelity/breathe-together/bristol/audits/2026-H1.yaml"


def test_the_review_type_is_beside_the_band_in_audit_score(run: Run, example: Path) -> None:
    result = run("audit", "score", "breathe-together/bristol", "--repo", example)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == ("Band: high (80–100%), from an independent review — Delivered as designed, "
                                             "consistently.")
    data = json.loads(run("audit", "score", example / "fidelity/shared-lives/glasgow/audits/2025-H2.yaml",
                          "--format", "json").output)
    assert (data["review"], data["band"]) == ("peer", "high")


def test_the_review_type_is_a_column_of_every_report_format(run: Run, example: Path) -> None:
    text = run("report", "peer-diabetes", "--repo", example, "--today", "2026-11-15").output.splitlines()
    header = next(line for line in text if line.startswith("Site "))
    leeds = next(line for line in text if line.startswith("leeds "))
    column = header.index("Review")
    assert header[column:].startswith("Review  ") and leeds[column:].startswith("independent  ")
    assert leeds[header.index("Band"):].startswith("exemplary")
    rows = list(csv.DictReader(io.StringIO(run("report", "--repo", example, "--format", "csv", "--today", "2026-11-15")
                                           .output.removeprefix("\ufeff"))))
    reviews = {(row["playbook"], row["site"]): row["review"] for row in rows}
    assert reviews[("peer-diabetes", "leeds")] == "independent" and reviews[("breathe-together", "belfast")] == "self"
    assert "; 2025-H2 high (90%), peer review; " in next(row for row in rows if row["site"] == "glasgow")["trend"]
    data = json.loads(run("report", "shared-lives", "--repo", example, "--format", "json", "--today", "2026-11-15")
                      .output)
    glasgow = next(s for s in data["playbooks"][0]["sites"] if s["site"] == "glasgow")
    assert [(t["period"], t["review"]) for t in glasgow["trend"]] == [("2025-H1", "self"), ("2025-H2", "peer"),
                                                                      ("2026-H1", "self")]


def test_an_independent_review_by_the_sites_own_staff_warns(run: Run, example: Path) -> None:
    audit = example / BRISTOL
    audit.write_text(audit.read_text().replace("organisation: North Bristol NHS Trust",
                                               "organisation: Easton Arts and Health Trust"))
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert (f"{BRISTOL}:13:19: warning: this independent review has a rater from Easton Arts and Health Trust, the "
            "site's own host organisation: independent reviewers come from outside it, so name them, or call the "
            "review `guided` (the site's team with a coach) [audit-independent-own-organisation]"
            ) in result.stdout.splitlines()


def test_an_unacceptable_rating_without_evidence_warns(run: Run, example: Path) -> None:
    audit = example / BRISTOL
    audit.write_text(audit.read_text().replace(
        "  trained-leader:\n    level: expected\n    evidence: Training and update records checked; leader or trained "
        "deputy at every session.\n", "  trained-leader:\n    level: unacceptable\n    evidence:\n"))
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert (f"{BRISTOL}:17:14: warning: trained-leader is rated unacceptable with no evidence: say what you saw, so "
            "the coaching agenda can start from it (`evidence:`) [audit-evidence-missing]") in result.stdout.splitlines()


def test_a_peer_review_from_the_site_itself_warns(run: Run, example: Path) -> None:
    audit = example / "fidelity/shared-lives/glasgow/audits/2025-H2.yaml"
    audit.write_text(audit.read_text().replace("site: kirklees", "site: glasgow"))
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert ("fidelity/shared-lives/glasgow/audits/2025-H2.yaml:12:11: warning: `glasgow` is this site itself: a peer "
            "review is done by people from another site of the network; if the site's own team rated, call the review "
            "`self` or `guided` [audit-peer-own-site]") in result.stdout.splitlines()


def test_the_example_networks_reviews_are_proper(run: Run, example: Path) -> None:
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert "[audit-independent" not in result.stdout and "[audit-peer" not in result.stdout, result.stdout
    assert "[audit-evidence-missing]" not in result.stdout


@pytest.mark.slow
def test_in_a_browser_the_site_page_and_dashboard_say_who_rated(request: pytest.FixtureRequest) -> None:
    """Leeds's latest audit is an independent review: its page says so in the heading and beside the band, never
    "Latest self-audit"; the dashboard's table of sites has the review beside each band."""
    from selenium.webdriver.common.by import By

    session: Any = request.getfixturevalue("browser")
    home: str = request.getfixturevalue("served")

    session.get(home + "playbooks/peer-diabetes/sites/leeds.html")
    headings = [h.text for h in session.find_elements(By.TAG_NAME, "h2")]
    assert any(h.startswith("Latest independent review: 2026-Q3") for h in headings), headings
    assert not any(h.startswith("Latest self-audit") for h in headings), headings
    score = session.find_element(By.CSS_SELECTOR, "p.spread-score").text
    assert ", from an independent review. Score:" in score, score
    assert "Rated by network coach (Peer Diabetes Network central team) and site coordinator (Norfolk Together CIC, " \
           "site norwich)." in session.find_element(By.TAG_NAME, "article").text
    session.get(home + "playbooks/peer-diabetes/dashboard.html")
    table = next(t for t in session.find_elements(By.TAG_NAME, "table")
                 if [th.text for th in t.find_elements(By.TAG_NAME, "th")][3:5] == ["Band", "Review"])
    cells = {row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[4].text
             for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert cells["Peer Diabetes Circles Leeds"] == "Independent review" and set(cells.values()) >= {"Self-audit"}
    session.get(home + "playbooks/shared-lives/sites/somerset.html")
    expired = session.find_element(By.CSS_SELECTOR, "p.spread-expired").text
    assert expired.startswith("Approval expired on 30 September 2026 (approved by Network quality lead"), expired


def test_audit_new_asks_a_peer_reviewers_organisation_and_site(run: Run, two: Path) -> None:
    typed = ("expected\nRota.\nrecords\nexpected\nMinutes.\nrecords\n\n"  # two ratings, no action
             "coordinator\npeer\nBradford Circles\nBradford!\nbradford\n2026-10-02\n\n")
    result = run("audit", "new", "demo/leeds", "--interactive", "--today", "2026-10-05", input=typed, cwd=two)
    assert result.exit_code == 0, result.output
    assert ('Error: "Bradford!" is not a site id: use lower-case letters, digits and single hyphens, like '
            "`leeds-central`") in result.stdout
    text = (two / "fidelity/demo/leeds/audits/2026-Q3.yaml").read_text()
    assert "review: peer\n" in text
    assert "raters:\n  - role: coordinator\n    organisation: Bradford Circles\n    site: bradford\n" in text
    assert lines(run, two) == []


def test_adding_a_site_checks_again_only_the_audits_that_name_a_peers_site(demo: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from spread.network.deps import Deps

    monkeypatch.setattr(records, "CACHE_MIN", 0)
    write(demo / "fidelity/demo/bradford/site.yaml", BRADFORD)
    write(demo / "fidelity/demo/bradford/audits/2026-Q2.yaml", (demo / AUDIT).read_text().replace("leeds", "bradford"))
    review(demo, "peer", "  - {role: coordinator, site: york}\n")
    assert [p.rule for p in run_check((), demo, today=DAY) if p.rule.startswith("audit-peer")] == [
        "audit-peer-site-unknown"]
    missed: list[set[str]] = []
    misses = Deps.misses
    monkeypatch.setattr(Deps, "misses", lambda self, index: missed.append(misses(self, index)) or missed[-1])
    write(demo / "fidelity/demo/york/site.yaml", BRADFORD.replace("bradford", "york"))
    assert [p.rule for p in run_check((), demo, today=DAY) if p.rule.startswith("audit-peer")] == []
    assert missed == [{AUDIT, "fidelity/demo/york/site.yaml"}]
