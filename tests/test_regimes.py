"""A light-touch regime beside an intensive one (issue 20): a playbook declares review regimes, each with its own
rhythm and items; an audit names its regime and is checked and scored on that regime's items; every regime falls
due on its own clock, and a full audit counts as the light check too. Exact messages, overdue dates at their
boundaries, pages, `spread audit new --regime`, and `spread playbook diff`."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from conftest import MINIMAL_PLAYBOOK, Run, write
from spread.handbook.instrument import instrument
from spread.handbook.site import site_page
from spread.model import periods
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.scoring.score import score_audit
from spread.versions.diff import diff_playbooks
from test_reviews import SCALED

REGIMES = MINIMAL_PLAYBOOK.replace("  frequency: quarterly\n", """  frequency: yearly
  regimes:
    - id: registration
      title: Annual registration check
      items: [peer-led]
    - id: full
      title: Full audit
      every: 3
""")
AUDITS = "fidelity/demo/leeds/audits"
LIGHT = """site: leeds
playbook: {id: demo, version: 1.0.0}
period: "2025"
regime: registration
review: self
completed: 2026-01-20
ratings:
  peer-led: {level: expected, evidence: Every session led by a trained peer.}
"""
FULL = """site: leeds
playbook: {id: demo, version: 1.0.0}
period: "2024"
review: self
completed: 2025-01-20
ratings:
  peer-led: {level: expected, evidence: Rota.}
  regular: {level: unacceptable, evidence: Met twice.}
"""


def regimes(root: Path, *audits: str) -> None:
    write(root / "playbooks/demo/playbook.yaml", REGIMES)
    (root / AUDITS / "2026-Q2.yaml").unlink()
    for text in audits:
        period = text.split("period: ")[1].split("\n")[0].strip('"')
        write(root / AUDITS / f"{period}.yaml", text)


def check_lines(run: Run, root: Path, today: str = "2026-08-01") -> list[str]:
    result = run("check", "--repo", root, "--today", today)
    return [line for line in result.stdout.splitlines() if " error: " in line or "regime" in line]


def test_one_audit_in_n_periods_is_enough() -> None:
    # Yearly, every third year: on 2027-02-14 the due year is 2026 (45 days' grace); 2024 still counts, 2023 not.
    assert not periods.is_overdue("2024", "yearly", date(2027, 2, 14), every=3)
    assert periods.is_overdue("2023", "yearly", date(2027, 2, 14), every=3)
    assert not periods.is_overdue("2023", "yearly", date(2027, 2, 13), every=3)
    assert periods.is_overdue("2024", "yearly", date(2027, 2, 14))


def test_a_light_audit_rates_only_its_regimes_items_and_is_scored_on_them(run: Run, demo: Path) -> None:
    regimes(demo, LIGHT, FULL)
    assert check_lines(run, demo) == []
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    light, full = (score_audit(pb, a) for a in sorted(network.audits[("demo", "leeds")], key=lambda a: a.period,
                                                      reverse=True))
    assert (light.regime, light.count, light.percent, light.band and light.band.label) == (
        "Annual registration check", 1, 100, "high")
    assert (full.regime, full.count, full.percent) == ("Full audit", 2, 50)


def test_an_audit_names_a_regime_its_playbook_declares(run: Run, demo: Path) -> None:
    regimes(demo, LIGHT.replace("regime: registration", "regime: registraton"))
    assert check_lines(run, demo) == [
        f"{AUDITS}/2025.yaml:4:9: error: version 1.0.0 of `demo` has no review regime `registraton`: did you mean "
        "`registration`? [audit-regime-unknown]"]
    write(demo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    assert check_lines(run, demo)[-1] == (
        f"{AUDITS}/2025.yaml:4:9: error: version 1.0.0 of `demo` declares no review regimes, so every audit is its "
        "full self-audit: remove `regime` [audit-regime-unknown]")


def test_a_regime_rates_real_items_and_is_not_banded_on_a_total(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/playbook.yaml", REGIMES.replace("items: [peer-led]", "items: [peer-lead]"))
    assert check_lines(run, demo) == [
        "playbooks/demo/playbook.yaml:37:15: error: the regime `registration` rates `peer-lead`, which is not an item "
        "of this playbook's instrument: did you mean `peer-led`? [regime-item-unknown]"]
    write(demo / "playbooks/scaled/playbook.yaml", SCALED + "  regimes:\n    - {id: check, title: Check, items: [A1]}\n")
    assert check_lines(run, demo)[-1] == (
        "playbooks/scaled/playbook.yaml:17:33: error: the regime `check` rates 1 of the 2 items, but the bands are on "
        "the total of every item, which its audits cannot reach: band on a percent or a mean (`scoring: band_on`), "
        "or let the regime rate every item [regime-bands-total]")


def test_each_regime_falls_due_on_its_own_clock_and_a_full_audit_counts_as_the_check(demo: Path) -> None:
    regimes(demo, LIGHT, FULL)
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]

    def status(day: date) -> tuple[bool, str, int | None]:
        s = playbook_report(network, pb, day).sites[0]
        return s.overdue, s.due if not s.overdue else f"{s.owed} for {s.due}", s.age

    assert status(date(2027, 2, 13)) == (False, "2025", None)
    assert status(date(2027, 2, 14)) == (True, "Annual registration check for 2026", 13)
    write(demo / AUDITS / "2026.yaml", FULL.replace("2024", "2026").replace("2025-01-20", "2027-01-20"))
    network = load_network(demo, cache=False)
    assert status(date(2027, 2, 14)) == (False, "2026", None)  # the full audit is that year's check too
    (demo / AUDITS / "2026.yaml").unlink()
    write(demo / AUDITS / "2026.yaml", LIGHT.replace("2025", "2026").replace("2026-01-20", "2027-01-20"))
    network = load_network(demo, cache=False)
    assert status(date(2028, 2, 13)) == (False, "2026", None)
    write(demo / AUDITS / "2027.yaml", LIGHT.replace("2025", "2027").replace("2026-01-20", "2028-01-20"))
    network = load_network(demo, cache=False)
    # A light check each year, but no full audit since 2024: the full audit falls due for 2027.
    assert status(date(2028, 2, 14)) == (True, "Full audit for 2027", None)  # overdue, yet the 2027 check is fresh


def test_pages_name_each_regime_and_its_rhythm(demo: Path) -> None:
    regimes(demo, LIGHT, FULL)
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    assert ("Sites are reviewed in 2 ways: **Annual registration check**, every year, rating Led by peers; **Full "
            "audit**, once every 3 years, rating every item.") in instrument(pb, "c.md", "t.yaml")
    status = playbook_report(network, pb, date(2026, 8, 1)).sites[0]
    page = site_page(status, network.site_audits(status.site), pb, pb.title)
    assert "<dd>Annual registration check every year; Full audit once every 3 years; up to date</dd>" in page
    assert "Latest self-audit (Annual registration check), 2025: high" in page


def test_audit_new_follows_a_regime(run: Run, demo: Path) -> None:
    regimes(demo)
    result = run("audit", "new", "demo/leeds", "--repo", demo, "--today", "2026-08-01", "--regime", "registration")
    assert result.exit_code == 0, result.output
    text = (demo / AUDITS / "2025.yaml").read_text()
    assert "period: \"2025\"\nregime: registration  # Annual registration check: rate the items below\n" in text
    assert "peer-led:" in text and "regular:" not in text
    result = run("audit", "new", "demo/leeds", "--repo", demo, "--today", "2026-08-01", "--regime", "quick")
    assert result.exit_code == 2
    assert "`demo` 1.0.0 has no review regime `quick`: use `registration` or `full`" in result.output


def test_diff_any_change_to_a_regime_but_its_title_is_major(demo: Path) -> None:
    write(demo / "playbooks/demo/playbook.yaml", REGIMES)
    pb = load_network(demo, cache=False).playbooks["demo"]
    light, full = pb.instrument.regimes
    new = dataclasses.replace(pb, instrument=dataclasses.replace(pb.instrument, regimes=(
        dataclasses.replace(light, title="Registration", items=("peer-led", "regular")),
        dataclasses.replace(full, every=2))))
    assert [(c.rule, c.bump, c.message) for c in diff_playbooks(pb, new)] == [
        ("regime-items-changed", "major", "Review regime `registration` now rates `peer-led`, `regular` (rated "
         "`peer-led`)."),
        ("regime-wording", "patch", "Review regime `registration` is now called Registration."),
        ("regime-rhythm-changed", "major", "Review regime `full` is now yearly, once in 2 (was yearly, once in 3).")]
    gone = dataclasses.replace(pb, instrument=dataclasses.replace(pb.instrument, regimes=(light,)))
    assert [(c.rule, c.bump) for c in diff_playbooks(pb, gone)] == [("regime-removed", "major")]


def test_a_new_sites_readme_lists_each_review_and_its_command(run: Run, demo: Path) -> None:
    regimes(demo)
    result = run("site", "new", "demo", "york", "--repo", demo, "--set", "venue=library", "--set", "name=York",
                 "--reason", "name=Short.", "--no-input", "--answers", write(demo / "a.yaml", "name: York\nhost: Y\n"))
    assert result.exit_code == 0, result.output
    readme = (demo / "fidelity/demo/york/README.md").read_text()
    assert "In each review, the site rates itself against the playbook's 2 fidelity items (or those of the review)" \
        in readme
    assert ("- **Annual registration check**, every year, 1 item: `spread audit new demo/york --regime registration`\n"
            "- **Full audit**, every 3 years, 2 items: `spread audit new demo/york --regime full`") in readme


def test_audit_score_says_which_regime_it_scored(run: Run, demo: Path) -> None:
    import json

    regimes(demo, LIGHT, FULL)
    light = demo / AUDITS / "2025.yaml"
    result = run("audit", "score", light, "--repo", demo)
    assert "Band: high (80–100%), from a self-audit (Annual registration check)" in result.output
    data = json.loads(run("audit", "score", light, "--repo", demo, "--format", "json").output)
    assert (data["regime"], data["items_count"], data["percent"]) == ("Annual registration check", 1, 100)
