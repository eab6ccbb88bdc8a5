"""The fields that let the model stretch (issue 20), in a built handbook opened in headless Chromium: an organisation
that adopts a programme of principles with a light-touch and a full regime and an external regulator, and a
mentoring pair. The pages say it in the playbook's words, the regulator's rating stands in its own column beside
the self-rated band, and axe finds no serious accessibility problem on the new parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_PLAYBOOK, Run, write
from test_browser import AXE, browser  # noqa: F401  (the shared Chromium session)

pytestmark = pytest.mark.slow

CITY = MINIMAL_PLAYBOOK.replace("id: demo\ntitle: Demo circles", "id: service\ntitle: Cities of service").replace(
    """  - id: regular
    title: Meets regularly
    function: Continuity builds trust.
""", """  - id: regular
    title: A service plan
    kind: principle
    function: Volunteering targets the city's priorities.
    evidence: [a published service plan with measurable goals]
""").replace("  frequency: quarterly\n", """  frequency: yearly
  regimes:
    - {id: check, title: Annual check, items: [peer-led]}
    - {id: full, title: Full review, every: 3}
""") + """adopter: {kind: organisation, noun: city, plural: cities, host: city council, area: city}
regulator:
  name: Service Inspectorate
  short: SI
  ratings: [outstanding, good, requires improvement, inadequate]
"""
CITY_SITE = """id: leeds
name: Leeds City of Service
playbook: {id: service, version: 1.0.0}
host: {name: Leeds City Council, type: local-authority}
area: Leeds
stage: full-implementation
started: 2025-03-01
choices:
  - {component: venue, choice: library, reason: Central.}
principles:
  - {principle: regular, how: The council adopted a three-year plan in May 2025.}
regulator_ratings:
  - {rating: good, date: 2025-11-02, report: "https://example.org/reports/leeds"}
"""
CITY_AUDIT = """site: leeds
playbook: {id: service, version: 1.0.0}
period: "2025"
regime: check
review: self
completed: 2026-01-15
ratings:
  peer-led: {level: expected, evidence: Volunteers lead every project.}
"""
PAIR = MINIMAL_PLAYBOOK.replace("id: demo\ntitle: Demo circles", "id: steps\ntitle: Steps ahead") + """roles:
  - {id: hr-volunteer, title: HR volunteer}
  - {id: jobseeker, title: Jobseeker}
adopter: {kind: pair, roles: {mentor: hr-volunteer, mentee: jobseeker}}
"""
PAIR_SITE = """id: pair-17
name: Pair 17
playbook: {id: steps, version: 1.0.0}
host: {name: Steps Ahead Leeds}
stage: installation
started: 2026-03-01
pair: {mentor: HR professional, mentee: Young jobseeker referred by Jobcentre Plus}
choices:
  - {component: venue, choice: library, reason: Quiet rooms.}
"""


@pytest.fixture(scope="module")
def stretched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from spread.cli import cli

    root = tmp_path_factory.mktemp("stretch") / "handbook"
    write(root / "playbooks/service/playbook.yaml", CITY)
    write(root / "fidelity/service/leeds/site.yaml", CITY_SITE)
    write(root / "fidelity/service/leeds/audits/2025.yaml", CITY_AUDIT)
    write(root / "playbooks/steps/playbook.yaml", PAIR)
    write(root / "fidelity/steps/pair-17/site.yaml", PAIR_SITE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_COLOR", "1")
        result = CliRunner().invoke(cli, ["publish", "--repo", str(root), "--today", "2026-08-01"],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def test_the_stretched_network_checks_clean(run: Run, stretched: Path) -> None:
    result = run("check", "--repo", stretched, "--today", "2026-08-01")
    assert result.exit_code == 0 and result.stdout == "", result.output


def _text(browser: Any, url: str) -> str:  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(url)
    return str(browser.find_element(By.CSS_SELECTOR, "article").text)


def test_pages_in_a_browser(browser: Any, stretched: Path) -> None:  # noqa: F811
    site = (stretched / "site").as_uri()
    page = _text(browser, f"{site}/playbooks/service/sites/leeds.html")
    assert "Runs Cities of service in Leeds, adopted by Leeds City Council." in page
    assert "Latest self-audit (Annual check), 2025: high" in page
    assert "The Service Inspectorate rated it good on 2 November 2025." in page
    assert "City council\nLeeds City Council (a local authority)" in page
    assert "SI rating\nGood, 2 November 2025 (the Service Inspectorate's own rating, not part of the fidelity score)" \
        in page
    # Never reviewed in full: the full review is owed, and the page says which review, not just "the audit".
    assert ("Self-audits\nAnnual check every year; Full review once every 3 years; overdue: the Full review for 2025 "
            "is not in yet") in page
    assert "How this site makes the principles its own" in page
    playbook = _text(browser, f"{site}/playbooks/service/index.html")
    assert "PRINCIPLE: EVERY SITE MAKES THIS ITS OWN" in playbook and "Cities running it" in playbook
    assert "Sites are reviewed in 2 ways: Annual check, every year, rating Led by peers; Full review, once every 3 " \
           "years, rating every item." in playbook
    dashboard = _text(browser, f"{site}/playbooks/service/dashboard.html")
    assert "City Version Latest audit Band Review SI rating Score" in dashboard
    pair = _text(browser, f"{site}/playbooks/steps/sites/pair-17.html")
    assert "HR volunteer\nHR professional\nJobseeker\nYoung jobseeker referred by Jobcentre Plus" in pair
    assert "arranged by Steps Ahead Leeds" in pair


@pytest.mark.parametrize("page", ["service/sites/leeds.html", "service/dashboard.html", "service/index.html",
                                  "steps/sites/pair-17.html"])
def test_no_serious_accessibility_problems(browser: Any, stretched: Path, page: str) -> None:  # noqa: F811
    browser.get(f"{(stretched / 'site').as_uri()}/playbooks/{page}")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
    assert not [v for v in violations if v["impact"] in ("serious", "critical")], violations
