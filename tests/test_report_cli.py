"""`spread report`, driven through the real command line, and the example network it exists to show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import MINIMAL_SITE, Run, write

TODAY = "2026-11-20"

DEMO_REPORT = """\
Network report, 2026-11-20

Demo circles [demo], latest version 1.0.0
1 site. Bands at the latest audit: low 0, adequate 0, high 0, out of date 1.

Site   Version  Last audit  Band      Review  Total   Percent  Trend (%)  Flags
leeds  1.0.0    2026-Q2     adequate  self    3 of 4  75%      75         out of date: last audit 2026-Q2, 4 months ago (2026-Q3 due)

Each core component at the sites' latest audits:
  Core component       expected  developmental  unacceptable  no rating
  peer-led (critical)  1         0              0             0
  regular              0         1              0             0

What sites chose, most common first (the learning loop):
  Where circles meet [venue], local component: 1 site
    library: leeds
      why: Central and free.
  Local name [name], local component: 0 sites
    no site has recorded a choice yet
"""


def add_tricky_site(demo: Path) -> None:
    """A site whose name a spreadsheet would run as a formula, and whose reason spans lines."""
    text = MINIMAL_SITE.replace("id: leeds", "id: york").replace("name: Demo Leeds", 'name: "=HYPERLINK(1), York"')
    text = text.replace("reason: Central and free.", "reason: |\n      Free,\n      and central.")
    write(demo / "fidelity/demo/york/site.yaml", text)


def test_text_report_shows_sites_components_and_adaptations(run: Run, demo: Path) -> None:
    result = run("report", "--repo", demo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == DEMO_REPORT


def test_json_report_has_every_site_with_its_trend(run: Run, demo: Path) -> None:
    add_tricky_site(demo)
    result = run("report", "demo", "--repo", demo, "--today", TODAY, "--format", "json")
    data = json.loads(result.output)
    assert data["today"] == TODAY
    (playbook,) = data["playbooks"]
    assert playbook["bands"] == {"low": 0, "adequate": 0, "high": 0, "out of date": 1, "no audit": 1}
    leeds, york = playbook["sites"]
    assert {k: leeds[k] for k in ("site", "version", "behind", "band", "review", "total", "percent", "overdue",
                                  "audit_due")} == {
        "site": "leeds", "version": "1.0.0", "behind": False, "band": "adequate", "review": "self", "total": 3,
        "percent": 75,
        "overdue": True, "audit_due": "2026-Q3"}
    assert leeds["trend"] == [{"period": "2026-Q2", "version": "1.0.0", "total": 3, "percent": 75,
                               "band": "adequate", "verdict": "adequate", "review": "self",
                               "complete": True}]
    assert (york["band"], york["overdue"], york["trend"]) == ("no audit", False, [])
    assert playbook["components"][0] == {"id": "peer-led", "title": "Led by peers", "critical": True,
                                         "expected": ["leeds"], "developmental": [], "unacceptable": []}
    assert playbook["adaptations"][0]["choices"] == [
        {"choice": "library", "sites": ["leeds", "york"], "reasons": ["Central and free.", "Free, and central."]}]


def test_csv_opens_cleanly_in_a_spreadsheet(run: Run, demo: Path) -> None:
    add_tricky_site(demo)
    result = run("report", "--repo", demo, "--today", TODAY, "--format", "csv")
    assert result.exit_code == 0
    assert result.output.startswith("\ufeffplaybook,site,name,stage,version,")
    assert len(result.output.splitlines()) == 3
    header, leeds, york = csv.reader(io.StringIO(result.output.removeprefix("\ufeff")))
    row = dict(zip(header, leeds))
    assert {k: row[k] for k in ("site", "band", "review", "total", "maximum", "percent", "overdue", "trend")} == {
        "site": "leeds", "band": "adequate", "review": "self", "total": "3", "maximum": "4", "percent": "75",
        "overdue": "yes",
        "trend": "2026-Q2 adequate (75%), self-audit"}
    assert dict(zip(header, york))["name"] == "'=HYPERLINK(1), York"


def test_an_unknown_playbook_is_an_error_naming_the_ones_there_are(run: Run, demo: Path) -> None:
    result = run("report", "nope", "--repo", demo)
    assert result.exit_code == 2
    assert result.output == "Error: there is no playbook `nope` in playbooks/: the playbooks here are `demo`\n"


def test_a_badly_written_date_is_a_wrong_invocation(run: Run, demo: Path) -> None:
    result = run("report", "--repo", demo, "--today", "20/11/2026")
    assert result.exit_code == 2
    assert "\"20/11/2026\" is not a real date: write it as YYYY-MM-DD, for example 2026-11-30" in result.output


def test_the_example_network_shows_bands_breaches_overdue_old_versions_and_incomplete_audits(
        run: Run, example: Path) -> None:
    result = run("report", "peer-diabetes", "--repo", example, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    (network,) = json.loads(result.output)["playbooks"]
    sites = network["sites"]
    assert len({s["band"] for s in sites} - {"incomplete", "no audit"}) >= 3, "a spread of bands"
    assert any("peer-led" in s["critical_breaches"] for s in sites), "a critical breach"
    assert any(s["overdue"] for s in sites), "an overdue site"
    assert any(s["version"] == "1.0.0" and s["behind"] for s in sites), "a site on the old version"
    assert any(not point["complete"] for s in sites for point in s["trend"]), "an incomplete audit"
    breached = next(s["site"] for s in sites if "peer-led" in s["critical_breaches"])
    score = run("audit", "score", f"peer-diabetes/{breached}", "--repo", example, "--explain").output
    assert "Critical breaches (flagged whatever the total)\n  PF1 Who leads circles (peer-led): 1 of 5" in score
    assert ("Critical breach: PF1 (peer-led) is rated 1, which counts as unacceptable; flagged whatever the "
            "total.") in score
