"""Who adopts a playbook (issue 20): a local site, an organisation such as an ambulance service, or a mentoring pair;
what a site record means then, checked with exact messages, shown in the playbook's words on the pages and asked
in those words by `spread site new`, and classified by `spread playbook diff`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import MINIMAL_PLAYBOOK, Run, write
from spread.handbook.playbook import playbook_page
from spread.handbook.site import site_page
from spread.model.adopters import Adopter
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.versions.adopter import diff_adopter

TODAY = "2026-08-01"
ORGANISATION = """adopter:
  kind: organisation
  noun: ambulance service
  host: ambulance service trust
  area: area covered
"""
PAIR = """roles:
  - {id: volunteer-mentor, title: Volunteer mentor}
  - {id: jobseeker, title: Jobseeker}
adopter:
  kind: pair
  roles: {mentor: volunteer-mentor, mentee: jobseeker}
"""
SITE = "fidelity/demo/leeds/site.yaml"


def adopted_by(root: Path, text: str) -> None:
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + text)


def problems(run: Run, root: Path) -> list[str]:
    result = run("check", "--repo", root, "--today", TODAY)
    return [line for line in result.stdout.splitlines() if "[adopter-" in line or "[site-pair-" in line]


def test_a_pair_names_roles_the_playbook_has(run: Run, demo: Path) -> None:
    adopted_by(demo, PAIR.replace("mentee: jobseeker", "mentee: job-seeker"))
    assert problems(run, demo)[1] == (
        "playbooks/demo/playbook.yaml:39:45: error: the mentee's role `job-seeker` is not one of this playbook's roles "
        "(its roles are `volunteer-mentor` and `jobseeker`): add it under `roles`, or name one of them "
        "[adopter-role-unknown]")


def test_only_a_pair_has_roles(run: Run, demo: Path) -> None:
    adopted_by(demo, ORGANISATION + "  roles: {mentor: a, mentee: b}\n")
    assert problems(run, demo) == [
        "playbooks/demo/playbook.yaml:39:10: error: `adopter: roles` names a mentor and a mentee, but this playbook is "
        "adopted by an organisation: set `kind: pair`, or remove `roles` [adopter-roles-not-pair]"]


def test_a_pair_site_describes_its_pair_and_no_other_site_does(run: Run, demo: Path) -> None:
    site = demo / SITE
    site.write_text(site.read_text() + "pair: {mentor: HR professional, mentee: Jobseeker aged 19}\n")
    assert problems(run, demo) == [
        f"{SITE}:12:1: error: `pair` describes a mentor and a mentee, but `demo` is adopted by sites, not mentoring "
        "pairs: remove `pair` [site-pair-not-pair]"]
    adopted_by(demo, PAIR)
    assert problems(run, demo) == []
    site.write_text(site.read_text().replace("pair: {mentor: HR professional, mentee: Jobseeker aged 19}\n", ""))
    assert problems(run, demo) == [
        f"{SITE}:1:1: warning: `demo` is adopted by mentoring pairs, and this record does not describe its pair: add "
        "`pair:` with `mentor:` and `mentee:`, each by role and background only (no names: site files are published) "
        "[site-pair-missing]"]


def test_a_pair_member_has_no_name_field(run: Run, demo: Path) -> None:
    adopted_by(demo, PAIR)
    site = demo / SITE
    site.write_text(site.read_text() + "pair: {mentor: {name: Ann Smith}, mentee: Jobseeker}\n")
    result = run("check", "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    assert f"{SITE}:12:16: error: `mentor` should be text, not a mapping [schema-type]" in result.stdout


def test_pages_use_the_playbooks_words(demo: Path) -> None:
    adopted_by(demo, ORGANISATION)
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    report = playbook_report(network, pb, date(2026, 8, 1))
    page = playbook_page(pb, report, ["1.0.0"], None)
    assert "1 ambulance service" in page and "Ambulance services running it" in page
    assert "<th>Ambulance service</th><th>Area covered</th>" in page
    status = report.sites[0]
    site = site_page(status, network.site_audits(status.site), pb, pb.title)
    assert "<dt>Ambulance service trust</dt><dd>Leeds Circles CIC (a social enterprise)</dd>" in site
    assert ", adopted by Leeds Circles CIC." in site


def test_a_pairs_page_names_its_members_by_role(demo: Path) -> None:
    adopted_by(demo, PAIR)
    site = demo / SITE
    site.write_text(site.read_text() + "pair: {mentor: HR professional, mentee: Jobseeker aged 19}\n")
    network = load_network(demo, cache=False)
    pb = network.playbooks["demo"]
    status = playbook_report(network, pb, date(2026, 8, 1)).sites[0]
    page = site_page(status, network.site_audits(status.site), pb, pb.title)
    assert "<dt>Volunteer mentor</dt><dd>HR professional</dd><dt>Jobseeker</dt><dd>Jobseeker aged 19</dd>" in page
    assert "<dt>Organisation arranging the pair</dt>" in page and ", arranged by Leeds Circles CIC." in page


def test_site_new_asks_in_the_playbooks_words(run: Run, demo: Path) -> None:
    adopted_by(demo, ORGANISATION)
    result = run("site", "new", "demo", "emas", "--repo", demo, "--set", "venue=library", "--set", "name=EMAS",
                 input="East Midlands\nEast Midlands Ambulance Service NHS Trust\n\nEast Midlands\n2026-03-01\nOur name.\n\n")
    assert result.exit_code == 0, result.output
    assert "Ambulance service name, as local people know it: " in result.output
    assert "Ambulance service trust (who runs the ambulance service): " in result.output
    assert "Area covered (Enter to skip): " in result.output


def test_site_new_asks_a_pair_by_role_and_writes_no_name(run: Run, demo: Path) -> None:
    adopted_by(demo, PAIR)
    answers = write(demo / "answers.yaml", """
        name: Pair 17
        host: {name: Steps Ahead Leeds}
        pair: {mentor: HR professional, mentee: Jobseeker aged 19}
        choices: {venue: library, name: {choice: Pair 17, reason: Our number.}}
        """)
    result = run("site", "new", "demo", "pair-17", "--repo", demo, "--answers", answers, "--no-input")
    assert result.exit_code == 0, result.output
    text = (demo / "fidelity/demo/pair-17/site.yaml").read_text()
    assert ("pair:\n  # by role and background only, never a name: this file is published\n  mentor: HR professional\n"
            "  mentee: Jobseeker aged 19\n") in text
    assert [line for line in problems(run, demo) if "pair-17" in line] == []
    write(answers, "name: Pair 18\nhost: {name: Steps Ahead Leeds}\nchoices: {venue: library}\n")
    result = run("site", "new", "demo", "pair-18", "--repo", demo, "--answers", answers, "--no-input",
                 "--set", "name=P18")
    assert result.exit_code == 1
    assert ("`pair: mentor` (the mentor, by role, no name); `pair: mentee` (the mentee, by role, no name)"
            in result.output)


def test_diff_another_kind_of_adopter_is_major_and_new_words_a_patch() -> None:
    site, org = Adopter(), Adopter("organisation", "ambulance service")
    assert [(c.rule, c.bump, c.message) for c in diff_adopter(site, org)] == [
        ("adopter-kind-changed", "major", "The playbook is now adopted by ambulance services (`organisation`), not "
         "sites (`site`): every site record must be reviewed.")]
    assert [(c.rule, c.bump, c.message) for c in diff_adopter(org, Adopter("organisation", "local authority",
                                                                           "local authorities", area="area covered"))] == [
        ("adopter-wording", "patch", "New wording for who adopts: the name for one adopter, plural and name for the "
         "area.")]
    assert list(diff_adopter(org, Adopter("organisation", "ambulance service"))) == []
