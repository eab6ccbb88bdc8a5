"""Programme reviews (issue 15): a review of the programme itself, on an instrument its playbook declares under
`reviews`, filed beside the playbook, checked by `spread check`, prepared and scored by `spread review new|score`
with the self-audit's own scorer, and shown on the playbook page with its history. Figures are worked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, REPO, Run, write
from spread.handbook.generate import histories
from spread.handbook.reviews import reviews_section
from spread.network.reviews import load_reviews, playbooks_network
from test_browser import AXE, browser, served  # noqa: F401  (fixtures: Chromium and a web server over the built handbook)

TODAY = "2026-08-01"
REVIEWS = """
reviews:
  - id: readiness
    title: Ready to replicate?
    description: A yearly check, by the central team, that the model can be copied.
    instrument:
      scale: {min: 1, max: 3}
      items:
        - id: R1
          title: The model is written down
          anchors: {1: Not written, 2: Partly written, 3: Fully written}
        - id: R2
          title: Outcomes are evidenced
          min: 2
          anchors: {1: No data, 2: Pre-post data, 3: A comparison group}
        - id: R3
          title: Sites can be supported
          anchors: {1: No support, 2: Ad hoc support, 3: A support team}
      bands:
        - {label: not-ready, min: 3, max: 5}
        - {label: nearly, min: 6, max: 7}
        - {label: ready, min: 8, max: 9}
"""
FIRST = """
playbook: {id: demo, version: 1.0.0}
period: 2024
review: independent
completed: 2025-01-20
raters: [{role: evaluator, organisation: Example University}]
ratings:
  R1: {score: 2, evidence: Manual drafted.}
  R2: {score: 1, evidence: No outcome data yet.}
  R3: {score: 2, evidence: One regional lead.}
actions:
  - {item: R2, action: Start a pre-post survey, owner: Central team, due: 2025-06-30}
"""
SECOND = """
playbook: {id: demo, version: 1.0.0}
period: 2025
review: self
completed: 2026-01-15
ratings:
  R1: {score: 3, evidence: Manual complete.}
  R2: {score: 2, evidence: Pre-post survey of 40 people.}
  R3: {score: 2, evidence: Still one regional lead.}
"""
FOLDER = "playbooks/demo/reviews/readiness"


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """The demo network whose playbook declares a readiness review, reviewed in 2024 and 2025."""
    root = tmp_path / "demo"
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + REVIEWS)
    write(root / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    write(root / "fidelity/demo/leeds/audits/2026-Q2.yaml", MINIMAL_AUDIT)
    write(root / f"{FOLDER}/2024.yaml", FIRST)
    write(root / f"{FOLDER}/2025.yaml", SECOND)
    return root


def problems(run: Run, root: Path) -> list[str]:
    result = run("check", "--repo", root, "--today", TODAY)
    return [line for line in result.stdout.splitlines() if line]


def test_good_reviews_pass_the_check(run: Run, reviewed: Path) -> None:
    result = run("check", "--repo", reviewed, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_a_review_is_scored_by_its_own_instrument_with_the_change_since_the_one_before(run: Run, reviewed: Path) -> None:
    # 2024: 2 + 1 + 2 = 5 of 9 (5/9 = 55.6%, shown 56%), mean 5/3 = 1.67, band not-ready (3–5); R2 is below its
    # minimum of 2. 2025: 3 + 2 + 2 = 7 of 9 (78%), band nearly (6–7): +2, 78 - 56 = 22 percentage points.
    first = run("review", "score", f"{FOLDER}/2024.yaml", "--repo", reviewed)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[:3] == [
        "demo 1.0.0 · Ready to replicate? · 2024",
        "Band: not-ready (3–5), from an independent review",
        "Total: 5 of 9 (56%), mean 1.67 per item, 3 of 3 items rated."]
    assert "  R2 Outcomes are evidenced: 1, minimum 2" in first.stdout.splitlines()
    assert first.stdout.splitlines()[-1] == "No earlier review to compare with."
    latest = run("review", "score", "demo/readiness", "--repo", reviewed)
    assert latest.stdout.splitlines()[:3] == [
        "demo 1.0.0 · Ready to replicate? · 2025",
        "Band: nearly (6–7), from a self-assessment",
        "Total: 7 of 9 (78%), mean 2.33 per item, 3 of 3 items rated."]
    assert latest.stdout.splitlines()[-1] == ("Change since 2024: total +2, +22 percentage points, band not-ready → "
                                              "nearly.")


def test_the_json_score_names_the_review_and_fail_under_reads_its_bands(run: Run, reviewed: Path) -> None:
    result = run("review", "score", "demo/readiness", "--format", "json", "--repo", reviewed)
    data = json.loads(result.stdout)
    assert (data["review_id"], data["review"], data["period"], data["total"], data["percent"], data["band"],
            data["path"]) == ("readiness", "self", "2025", 7, 78, "nearly", f"{FOLDER}/2025.yaml")
    assert "site" not in data
    failing = run("review", "score", "demo/readiness", "--fail-under", "ready", "--repo", reviewed)
    assert failing.exit_code == 1
    assert failing.stderr.splitlines()[-1] == "Error: --fail-under ready: the band is nearly, below ready"
    wrong = run("review", "score", "demo/readiness", "--fail-under", "good", "--repo", reviewed)
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == ("Error: Invalid value for --fail-under: `good` is not a band of the review "
                                             "`readiness`: use one of not-ready, nearly, ready")


def test_a_review_file_is_checked_like_a_self_audit_and_said_of_a_review(run: Run, reviewed: Path) -> None:
    write(reviewed / f"{FOLDER}/2025.yaml", SECOND.replace("  R2: {score: 2, evidence: Pre-post survey of 40 people.}\n",
                                                           "  R4: {score: 2}\n").replace("R3: {score: 2", "R3: {score: 7"))
    write(reviewed / f"{FOLDER}/2023.yaml", FIRST)
    write(reviewed / "playbooks/demo/reviews/model/2024.yaml", FIRST)
    assert problems(run, reviewed) == [
        "playbooks/demo/reviews/model/2024.yaml:1:31: error: version 1.0.0 of `demo` declares no review `model` (the "
        "name of this file's folder): file it under one it declares (`readiness`) [review-kind-unknown]",
        f"{FOLDER}/2023.yaml:2:9: error: the period 2024 does not match the file name 2023.yaml: name the file "
        "2024.yaml [review-period-filename]",
        f"{FOLDER}/2025.yaml:6:3: error: item R2 (Outcomes are evidenced) is missing from this review: add `R2:` and "
        "give a `score` from 1 to 3, or say why in `not_rated` [review-item-missing]",
        f"{FOLDER}/2025.yaml:7:3: error: version 1.0.0 of `demo` has no item `R4`: its items are `R1`, `R2` "
        "and `R3` [review-item-unknown]",
        f"{FOLDER}/2025.yaml:8:15: error: R3 is scored 7, which is off the scale: give a `score` from 1 to 3 "
        "[review-score-off-scale]"]


def test_a_review_names_its_playbook_and_a_version_that_exists_and_rates_a_period_that_is_over(
        run: Run, reviewed: Path) -> None:
    write(reviewed / f"{FOLDER}/2024.yaml", FIRST.replace("{id: demo, version: 1.0.0}", "{id: demo, version: 9.0.0}"))
    write(reviewed / f"{FOLDER}/2025.yaml", SECOND.replace("id: demo,", "id: other,"))
    write(reviewed / f"{FOLDER}/2026.yaml", SECOND.replace("2025", "2026"))
    assert problems(run, reviewed) == [
        f"{FOLDER}/2024.yaml:1:31: error: version 9.0.0 of `demo` was not found (no playbooks/demo/releases/9.0.0.yaml "
        "and no git tag demo/v9.0.0): known versions are `1.0.0` [review-version-unknown]",
        f"{FOLDER}/2025.yaml:1:16: error: there is no playbook `other` in this repository: the playbooks here are "
        "`demo` [review-playbook-unknown]",
        f"{FOLDER}/2025.yaml:1:16: error: this review names playbook `other` but is filed under playbooks/demo/: use "
        "`demo` [review-playbook-folder]",
        f"{FOLDER}/2026.yaml:2:9: error: the period 2026 has not ended yet (its last day is 2026-12-31): rate a period "
        "once it is over; the latest that has ended is 2025 [review-period-not-ended]"]


def test_the_review_instrument_is_checked_by_the_fidelity_rules_at_its_own_lines(run: Run, reviewed: Path) -> None:
    broken = (REVIEWS.replace("{1: No data, 2: Pre-post data, 3: A comparison group}", "{1: No data, 2: Pre-post data}")
              .replace("{label: nearly, min: 6, max: 7}", "{label: nearly, min: 7, max: 7}")
              .replace("title: Sites can be supported", "title: Sites can be supported\n          component: nope")
              + "  - id: readiness\n    title: Again\n    instrument: {frequency: yearly}\n")
    write(reviewed / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + broken)
    found = [line for line in problems(run, reviewed) if line.startswith("playbooks/demo/playbook.yaml")]
    assert found == [
        "playbooks/demo/playbook.yaml:48:20: error: item R2 has no anchor for score 3, an end of its scale 1–3: "
        "describe at least what earns the lowest and the highest score (scores between two anchors need none) "
        "[anchors-incomplete]",
        "playbooks/demo/playbook.yaml:51:22: error: item R3 names `nope`, which is not a core component of this "
        "playbook: use `peer-led` or `regular`, or leave `component` out [review-item-component-unknown]",
        "playbooks/demo/playbook.yaml:55:32: error: no band covers a score of 6: widen `not-ready` or `nearly` "
        "[bands-gap]",
        "playbooks/demo/playbook.yaml:57:9: error: the review id `readiness` is used twice: give each review its own "
        "id [review-id-duplicate]",
        "playbooks/demo/playbook.yaml:59:5: error: review `readiness` has nothing to rate: add `items` on a `scale`, "
        "each with its anchors [review-no-items]"]


def test_an_item_of_the_fidelity_instrument_still_names_its_core_component(run: Run, reviewed: Path) -> None:
    fidelity = """
      scale: {min: 1, max: 2}
      items:
        - {id: F1, component: peer-led, title: Peers lead, anchors: {1: No, 2: Yes}}
        - {id: F2, title: Meets, anchors: {1: No, 2: Yes}}
      bands: [{label: low, min: 2, max: 3}, {label: high, min: 4, max: 4}]
    """
    text = MINIMAL_PLAYBOOK.replace("fidelity:\n  frequency: quarterly\n",
                                    "fidelity:\n  frequency: quarterly\n" + "\n".join(
                                        line[4:] for line in fidelity.strip("\n").splitlines()) + "\n")
    write(reviewed / "playbooks/demo/playbook.yaml", text)
    found = [line for line in problems(run, reviewed) if "[item-component-missing]" in line]
    assert found == ["playbooks/demo/playbook.yaml:37:7: error: item F2 does not say which core component it rates: "
                     "add `component:` with one of `peer-led` or `regular` [item-component-missing]"]


def test_review_new_writes_every_item_to_rate_for_the_last_period_that_ended(run: Run, reviewed: Path) -> None:
    (reviewed / f"{FOLDER}/2025.yaml").unlink()
    result = run("review", "new", "demo/readiness", "--repo", reviewed, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Wrote {FOLDER}/2025.yaml with 3 items to rate. Fill in each rating and its evidence, "
                             f"then run `spread check {FOLDER}/2025.yaml` and `spread review score {FOLDER}/2025.yaml`.\n")
    text = (reviewed / f"{FOLDER}/2025.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/review.schema.json\n")
    assert "  # R2 · Outcomes are evidenced (lowest acceptable score 2)\n  #   1 = No data\n" in text
    assert 'period: "2025"\n' in text
    again = run("review", "new", "demo/readiness", "--repo", reviewed, "--today", TODAY)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Error: {FOLDER}/2025.yaml already exists")
    unrated = [line for line in problems(run, reviewed) if "[review-unrated]" in line]
    assert len(unrated) == 3
    wrong = run("review", "new", "demo/readiness", "--period", "2025-Q1", "--repo", reviewed, "--today", TODAY)
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == ("Error: Invalid value for '--period': 2025-Q1 is a quarterly period, but "
                                             "the review `readiness` is yearly: use a period like 2025")


def test_a_review_with_problems_is_not_scored(run: Run, reviewed: Path) -> None:
    write(reviewed / f"{FOLDER}/2025.yaml", SECOND.replace("R3: {score: 2", "R3: {score: 9"))
    result = run("review", "score", "demo/readiness", "--repo", reviewed)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{FOLDER}/2025.yaml:8:15: error: R3 is scored 9")
    assert result.stderr.splitlines()[-1] == (f"Error: {FOLDER}/2025.yaml has 1 problem, so it cannot be scored yet: "
                                              "fix it and run the score again")


def test_the_playbook_page_section_shows_the_latest_review_and_its_history(reviewed: Path) -> None:
    network = playbooks_network(reviewed)
    pb = network.playbooks["demo"]
    page = reviews_section(pb, histories(network, pb, load_reviews(reviewed)))
    assert "Latest: 2025, self-assessment of version 1.0.0, completed 15 January 2026." in page
    assert "Band: <strong>Nearly</strong>. Score: <strong>7 of 9 (78%)</strong>." in page
    rows = page.split("<tbody>")[-1].split("</tbody>")[0].strip().splitlines()
    assert rows == [
        "<tr><td>2025</td><td>15 January 2026</td><td>1.0.0</td><td>Self-assessment</td><td>7 of 9 (78%)</td>"
        "<td>Nearly</td><td>total +2, +22 percentage points, band not-ready → nearly.</td></tr>",
        "<tr><td>2024</td><td>20 January 2025</td><td>1.0.0</td><td>Independent review</td><td>5 of 9 (56%)</td>"
        "<td>Not ready</td><td></td></tr>"]
    assert "2024: 56% (Not ready); 2025: 78% (Nearly)" in page


def test_the_example_network_has_a_readiness_review_with_anchors_at_the_ends_and_its_history(run: Run) -> None:
    # code-club's ten-question readiness check, each item 1–10 with anchors at 1 and 10 only, banded on the total
    # (not-ready 10–49, nearly-ready 50–79, ready 80–100): 2024 is 4+2+5+3+2+6+3+4+5+2 = 36 of 100, not ready;
    # 2025 is 8+5+6+7+5+8+6+7+7+5 = 64 of 100, nearly ready: +28, and +28 percentage points.
    network = playbooks_network(REPO)
    pb = network.playbooks["code-club"]
    (kind,) = pb.reviews
    assert [sorted(item.anchors) for item in kind.instrument.items] == [[1, 10]] * 10
    history = histories(network, pb, load_reviews(REPO))["readiness"]
    figures = [(r.review.period, r.score.total, r.score.maximum, r.score.band.label, r.score.band.name)
               for r in history if r.score and r.score.band]
    assert figures == [("2024", 36, 100, "not-ready", "Not ready"), ("2025", 64, 100, "nearly-ready", "Nearly ready")]
    result = run("review", "score", "code-club/readiness", "--repo", REPO)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == "Total: 64 of 100 (64%), mean 6.40 per item, 10 of 10 items rated."
    assert result.stdout.splitlines()[-1] == ("Change since 2024: total +28, +28 percentage points, band not-ready → "
                                              "nearly-ready.")


def test_the_built_playbook_page_shows_the_review_history_in_chromium(browser: Any, served: str) -> None:  # noqa: F811
    """The example handbook, built by `spread publish`: code-club's page has the readiness review's latest result,
    its chart and its history, newest first, with no serious accessibility problem."""
    from selenium.webdriver.common.by import By

    browser.get(served + "playbooks/code-club/index.html")
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h2, h3")]
    assert headings.index("Programme reviews") + 1 == headings.index("Ready to replicate?")
    section = browser.find_element(By.XPATH, "//table[.//th[normalize-space()='Change since the one before']]")
    rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in section.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert rows == [
        ["2025", "12 February 2026", "1.0.0", "Independent review", "64 of 100 (64%)", "Nearly ready",
         "total +28, +28 percentage points, band not-ready → nearly-ready."],
        ["2024", "20 January 2025", "1.0.0", "Self-assessment", "36 of 100 (36%)", "Not ready", ""]]
    score = browser.find_element(By.XPATH, "//h3[starts-with(normalize-space(), 'Ready to replicate?')]/following::"
                                           "p[contains(@class, 'spread-score')][1]")
    assert score.text == "Band: Nearly ready. Score: 64 of 100 (64%)."
    chart = browser.find_element(By.CSS_SELECTOR, "#review-code-club-readiness-desc")
    assert chart.get_attribute("textContent") == "2024: 36%, Not ready; 2025: 64%, Nearly ready"
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)));")
    assert violations == []


def test_playbook_diff_calls_a_change_to_a_review_minor_and_its_wording_a_patch(reviewed: Path) -> None:
    from spread.versions.diff import diff_playbooks, needed_bump

    old = playbooks_network(reviewed).playbooks["demo"]
    write(reviewed / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + REVIEWS.replace(
        "title: Ready to replicate?", "title: Ready to copy?").replace("{label: not-ready, min: 3, max: 5}",
                                                                      "{label: not-ready, min: 3, max: 6}").replace(
        "{label: nearly, min: 6, max: 7}", "{label: nearly, min: 7, max: 7}"))
    new = playbooks_network(reviewed).playbooks["demo"]
    changes = diff_playbooks(old, new)
    assert [(c.rule, c.bump, c.message) for c in changes] == [
        ("review-wording", "patch", "Programme review `readiness` (Ready to copy?): new wording for the title."),
        ("review-instrument-bands-changed", "minor", "Programme review `readiness` (Ready to copy?): the bands are now "
         "not-ready 3–6, nearly 7–7, ready 8–9 (were not-ready 3–5, nearly 6–7, ready 8–9).")]
    assert needed_bump(changes) == "minor"
    write(reviewed / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    gone = diff_playbooks(old, playbooks_network(reviewed).playbooks["demo"])
    assert [(c.rule, c.bump) for c in gone] == [("review-removed", "minor")]


def test_the_report_lists_each_review_with_its_band_and_score_and_keeps_up_with_edits(run: Run,
                                                                                     reviewed: Path) -> None:
    def report(*extra: str) -> Any:
        result = run("report", "--repo", reviewed, "--today", TODAY, *extra)
        assert result.exit_code == 0, result.output
        return result

    heading = "Programme reviews (of the programme itself, not of one site):"
    lines = report().stdout.splitlines()
    # 2024: 2 + 1 + 2 = 5 of 9 (56%), not-ready (3-5); 2025: 3 + 2 + 2 = 7 of 9 (78%), nearly (6-7).
    assert lines[lines.index(heading) + 1] == ("  Ready to replicate? [readiness]: 2024 not-ready, 5 of 9 (56%), "
                                               "independent review; 2025 nearly, 7 of 9 (78%), self-assessment")
    assert report().stdout.splitlines() == lines  # the second report, from the cache, says the same
    found = json.loads(report("--format", "json").stdout)["playbooks"][0]["reviews"]
    assert found == [{"id": "readiness", "title": "Ready to replicate?", "reviews": [
        {"period": "2024", "version": "1.0.0", "review": "independent", "band": "not-ready", "verdict": "not-ready",
         "complete": True, "total": 5, "maximum": 9, "percent": 56},
        {"period": "2025", "version": "1.0.0", "review": "self", "band": "nearly", "verdict": "nearly",
         "complete": True, "total": 7, "maximum": 9, "percent": 78}]}]
    # An edited review is scored again, never served from the cache.
    write(reviewed / f"{FOLDER}/2025.yaml", SECOND.replace("R3: {score: 2", "R3: {score: 3"))
    lines = report().stdout.splitlines()
    assert lines[lines.index(heading) + 1].endswith("2025 ready, 8 of 9 (89%), self-assessment")
    # A review with an error is left out of the report and named, as a site's broken audit is.
    write(reviewed / f"{FOLDER}/2025.yaml", SECOND.replace("R3:", "R9:"))
    result = report()
    lines = result.stdout.splitlines()
    assert lines[lines.index(heading) + 1] == ("  Ready to replicate? [readiness]: 2024 not-ready, 5 of 9 (56%), "
                                               "independent review")
    assert f"left out of this report (`{FOLDER}/2025.yaml`)" in result.stderr


def test_a_report_of_a_network_without_reviews_says_nothing_of_them(run: Run, demo: Path) -> None:
    result = run("report", "--repo", demo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Programme reviews" not in result.stdout
    assert all(pb["reviews"] == [] for pb in json.loads(run("report", "--repo", demo, "--today", TODAY, "--format",
                                                             "json").stdout)["playbooks"])
