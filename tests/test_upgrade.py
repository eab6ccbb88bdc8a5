"""`spread site upgrade`: every preview category, a file rewritten only where it must be, nothing lost."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, Run, write
from spread.handbook.site import site_page
from spread.model.build import site_from
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.versions.upgrade import plan_upgrade, preview
from spread.yaml.document import Document
from spread.yaml.edit import Editor, Entry, block_of
from test_playbook_diff import PLAYBOOK, commit
from test_versions import ANCHORED, build

SITE = "fidelity/demo/leeds/site.yaml"
AUDIT = "fidelity/demo/leeds/audits/2026-Q2.yaml"

OLD = """
id: demo
title: Demo circles
version: 1.0.0
status: active
summary: A small programme used in tests.
core:
  - id: peer-led
    title: Led by peers
    function: People learn from others who live with the same condition.
    critical: true
    practice: {expected: Peers lead., developmental: Peers co-lead., unacceptable: Staff lead.}
  - id: regular
    title: Meets regularly
    function: Continuity builds trust.
    practice: {expected: Every six weeks., developmental: Less often., unacceptable: When someone remembers.}
  - id: welcome
    title: New members welcomed
    function: People stay when they feel expected.
    practice: {expected: Always., developmental: Sometimes., unacceptable: Never.}
  - id: buddy
    title: A buddy for each new member
    function: Nobody is alone at first.
    practice: {expected: Always., developmental: Sometimes., unacceptable: Never.}
local:
  - id: venue
    title: Where circles meet
    options: [library, gp-surgery, online]
    default: library
  - id: name
    title: Local name
    free_text: true
    max_length: 20
  - id: tea
    title: What we drink
    options: [tea, coffee]
  - id: rhythm
    title: Day of the week
    options: [weekday, weekend]
fidelity:
  frequency: quarterly
"""

NEW = (OLD.replace("version: 1.0.0", "version: 2.0.0")
       .replace("expected: Every six weeks.", "expected: Every month.")
       .replace("title: New members welcomed", "title: New members are welcomed")
       .replace("options: [library, gp-surgery, online]", "options: [library, gp-surgery]")
       .replace("    max_length: 20\n", "    max_length: 20\n    guidance: What local people will call it.\n")
       .replace("""  - id: buddy
    title: A buddy for each new member
    function: Nobody is alone at first.
    practice: {expected: Always., developmental: Sometimes., unacceptable: Never.}
""", """  - id: clinical-link
    title: A named clinical link
    function: Concerns reach a professional quickly.
    practice: {expected: A named nurse., developmental: Someone sometimes., unacceptable: Nobody.}
""")
       .replace("""  - id: tea
    title: What we drink
    options: [tea, coffee]
""", "")
       .replace("fidelity:", """  - id: language
    title: Language of the circle
    options: [english, welsh]
    default: english
  - id: snacks
    title: What we eat
    free_text: true
fidelity:"""))

SITE_TEXT = """# yaml-language-server: $schema=../../../schemas/site.schema.json
# Leeds: edited by hand. Keep these notes.
id: leeds
name: Demo Leeds
playbook:
  id: demo
  version: 1.0.0  # adopted at launch
  commit: {commit}
host: {{name: Leeds Circles CIC, type: social-enterprise}}
stage: installation
started: 2026-03-01
adaptations:
  # Where we meet, while the library is shut.
  - component: venue
    choice: online  # during building works
    reason: The library is closed for repairs.
  - component: name
    choice: Leeds Circles
    reason: Members chose it.   # at the first circle

  - component: tea
    choice: tea
    reason: >-
      Everyone
      likes tea.
    fidelity: consistent
notes: Keep this note.  # and this comment
"""

EXPECTED = """# yaml-language-server: $schema=../../../schemas/site.schema.json
# Leeds: edited by hand. Keep these notes.
id: leeds
name: Demo Leeds
playbook:
  id: demo
  version: 2.0.0  # adopted at launch
  commit: {new}
host: {{name: Leeds Circles CIC, type: social-enterprise}}
stage: installation
started: 2026-03-01
choices:
  - component: name
    choice: Leeds Circles
    reason: Members chose it.   # at the first circle
  # Where circles meet: one of library, gp-surgery
  - component: venue
    choice: gp-surgery
    reason: The surgery has a free room.
    date: 2026-05-01
  # Language of the circle: one of english, welsh
  - component: language
    choice: english
    date: 2026-05-01
  # What we eat: your own words
  - component: snacks
    choice: Fruit and biscuits
    reason: Members asked for them.
    date: 2026-05-01
adaptations: []

retired:
  # Where we meet, while the library is shut.
  - component: venue
    choice: online  # during building works
    reason: The library is closed for repairs.
    retired_in: 2.0.0
  - component: tea
    choice: tea
    reason: >-
      Everyone
      likes tea.
    fidelity: consistent
    retired_in: 2.0.0
upgrades:
  - from: 1.0.0
    to: 2.0.0
    date: 2026-05-01
    commit: {new}
    review:
      - regular
      - clinical-link
      - buddy
notes: Keep this note.  # and this comment
"""

PREVIEW = """Upgrading Demo Leeds (demo/leeds) from 1.0.0 to 2.0.0:

Core components to review (they are recorded in the upgrade for the site team to discuss):
  - regular (Meets regularly): its practice profile changed.
      Expected, before: Every six weeks.
      Expected, now: Every month.
  - clinical-link (A named clinical link): new core component: every site must put it in place.
      Expected, now: A named nurse.
      Developmental, now: Someone sometimes.
      Unacceptable, now: Nobody.
  - buddy (A buddy for each new member): no longer a core component.
      Expected, before: Always.
      Developmental, before: Sometimes.
      Unacceptable, before: Never.

Choices no longer allowed (you must choose again; the old record is kept under `retired:`):
  - venue (Where circles meet): `online` is no longer allowed: choose `library` or `gp-surgery`.

New local components (you choose; --no-input takes the playbook's default):
  - language (Language of the circle): new in 2.0.0: choose `english` or `welsh` (the default is `english`).
  - snacks (What we eat): new in 2.0.0: describe your choice in words (there is no default).

Local components removed (your records are kept under `retired:`, never deleted):
  - tea (What we drink): removed from the playbook; your record of it stays under `retired:`.

Updated cleanly (your choices still fit):
  - welcome (New members are welcomed): new wording only.
  - name (Local name): new wording; your choice `Leeds Circles` still fits.

Unchanged: peer-led, rhythm.

Local choices recorded as adaptations (moved to `choices:`, without FRAME details: choosing among the options the \
playbook offers is configuration, not adaptation):
  - name: Leeds Circles
"""


@pytest.fixture
def network(git_repo: Path) -> tuple[Path, str, str]:
    """Playbook demo released as 1.0.0 and 2.0.0 (tags), with the Leeds site and an audit on 1.0.0."""
    write(git_repo / PLAYBOOK, OLD)
    old = commit(git_repo, "demo 1.0.0", tag="demo/v1.0.0")
    write(git_repo / SITE, SITE_TEXT.format(commit=old))
    write(git_repo / AUDIT, MINIMAL_AUDIT + "  welcome: {level: expected, evidence: Rota.}\n"
                            "  buddy: {level: expected, evidence: Rota.}\n")
    commit(git_repo, "Leeds adopts 1.0.0")
    write(git_repo / PLAYBOOK, NEW)
    new = commit(git_repo, "demo 2.0.0", tag="demo/v2.0.0")
    return git_repo, old, new


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the repository with its bytes and modification time (git's and Spread's caches aside)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*")
            if p.is_file() and not {".git", ".spread-cache"} & set(p.relative_to(root).parts)}


def upgrade(run: Run, root: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return run("site", "upgrade", "demo/leeds", *args, "--today", "2026-05-01", "--repo", root, input=input)


# Venue by number, and why; the default language (Enter: a default needs no reason); the snacks, and why; confirm.
ANSWERS = "2\nThe surgery has a free room.\n\nFruit and biscuits\nMembers asked for them.\n\n"


def test_upgrade_across_a_major_version_keeps_every_comment_and_record(run: Run, network: tuple[Path, str, str]) -> None:
    root, _, new = network
    audit = (root / AUDIT).read_bytes(), (root / AUDIT).stat().st_mtime_ns
    result = upgrade(run, root, input=ANSWERS)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(PREVIEW)
    assert result.output.endswith(
        "Write the upgrade to fidelity/demo/leeds/site.yaml? [Y/n]: \nUpgraded Demo Leeds to demo 2.0.0, a major release: "
        "talk through the core components to review with your team, rate your next self-audit against 2.0.0 (earlier "
        "audits stay on 1.0.0), and run `spread check fidelity/demo/leeds`.\n")
    assert (root / SITE).read_text(encoding="utf-8") == EXPECTED.format(new=new)
    assert ((root / AUDIT).read_bytes(), (root / AUDIT).stat().st_mtime_ns) == audit
    # The audit stays on 1.0.0, as it was made; the site is now clean on 2.0.0.
    assert run("check", "--repo", root).output == "No problems found.\n"


def test_dry_run_shows_the_preview_asks_nothing_and_writes_nothing(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    before = snapshot(root)
    result = upgrade(run, root, "--dry-run")
    assert result.exit_code == 0
    assert result.output == PREVIEW + "\nDry run: nothing was written.\n"
    assert snapshot(root) == before


def test_no_input_stops_at_a_choice_it_cannot_make_and_writes_nothing(run: Run,
                                                                      network: tuple[Path, str, str]) -> None:
    root = network[0]
    before = snapshot(root)
    result = upgrade(run, root, "--no-input")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: --no-input cannot choose for you: `venue`: `online` is no longer allowed: choose `library` or "
        "`gp-surgery` (give it with --set venue=CHOICE); `snacks` is new in 2.0.0 and has no default (give it with "
        "--set snacks=CHOICE). Nothing was written.")
    assert snapshot(root) == before


def test_no_input_takes_the_defaults_of_new_components(run: Run, network: tuple[Path, str, str]) -> None:
    root, old, _new = network
    text = SITE_TEXT.format(commit=old).replace("choice: online", "choice: library")
    write(root / SITE, text)
    write(root / PLAYBOOK, NEW.replace("version: 2.0.0", "version: 2.1.0")
          .replace("    free_text: true\nfidelity:", "    free_text: true\n    default: none\nfidelity:"))
    newer = commit(root, "demo 2.1.0: defaults for every new component", tag="demo/v2.1.0")
    result = upgrade(run, root, "--no-input", "--to", "2.1.0")
    assert result.exit_code == 0, result.output
    site = (root / SITE).read_text(encoding="utf-8")
    # Each new record as `site new` writes it: what the component allows, above it.
    assert ("  # Language of the circle: one of english, welsh\n  - component: language\n    choice: english\n    "
            "reason: The playbook's default, taken when moving to 2.1.0.\n    date: 2026-05-01\n"
            "  # What we eat: your own words\n  - component: snacks\n    choice: none\n") in site
    assert f"    commit: {newer}\n" in site
    assert "choice: library" in site and "retired_in" in site  # only tea was retired
    assert run("check", "--repo", root).exit_code == 0


def test_a_site_on_the_newest_version_has_nothing_to_upgrade(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    assert upgrade(run, root, input=ANSWERS).exit_code == 0
    result = upgrade(run, root)
    assert result.output == "Demo Leeds is already on demo 2.0.0: nothing to upgrade.\n"
    result = upgrade(run, root, "--to", "1.0.0")
    assert result.exit_code == 2
    assert "Invalid value for '--to': 1.0.0 is not newer than 2.0.0, the version Demo Leeds runs: a site only " \
           "moves forward" in result.output


def test_without_git_versions_come_from_archived_releases(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    write(demo / PLAYBOOK, MINIMAL_PLAYBOOK.replace("1.0.0", "2.0.0").replace("[library, gp-surgery, online]",
                                                                              "[library, gp-surgery, online, hall]"))
    result = upgrade(run, demo, "--no-input")
    assert result.exit_code == 0, result.output
    assert "Note: the playbook's git commit could not be recorded: this handbook is not in a git repository." \
        in result.output
    site = (demo / SITE).read_text(encoding="utf-8")
    assert "playbook: {id: demo, version: 2.0.0}\n" in site
    assert site.endswith("    reason: Central and free.\nadaptations: []\nupgrades:\n  - from: 1.0.0\n    to: 2.0.0\n"
                         "    date: 2026-05-01\n")
    assert run("check", "--repo", demo).exit_code == 0


def test_an_unknown_site_or_version_says_what_exists(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    result = run("site", "upgrade", "demo/york", "--repo", root)
    assert result.exit_code == 2
    assert "no site `demo/york` was found" in result.output
    result = upgrade(run, root, "--to", "7.0.0")
    assert result.exit_code == 2
    assert result.output.endswith("Error: version 7.0.0 of `demo` was not found (no archived release and no git tag "
                                  "demo/v7.0.0): known versions are `1.0.0` or `2.0.0`\n")


def test_a_site_folder_works_as_well_as_its_name(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    result = run("site", "upgrade", str(root / "fidelity/demo/leeds"), "--dry-run")
    assert result.output.startswith("Upgrading Demo Leeds (demo/leeds) from 1.0.0 to 2.0.0:")


def test_the_example_network_site_on_1_0_0(run: Run, example: Path) -> None:
    result = run("site", "upgrade", "peer-diabetes/gateshead", "--dry-run", "--repo", example)
    assert result.exit_code == 0
    assert "  - clinical-link (A named clinical link): new core component: every site must put it in place." \
        in result.output
    assert result.output.endswith("\nDry run: nothing was written.\n")


def test_edits_keep_line_endings_a_missing_final_newline_and_one_line_lists() -> None:
    editor = Editor("id: x\r\nplaybook: {id: demo, version: '1.0.0'}\r\nadaptations: []\r\nnotes: n")
    editor.set_scalar(("playbook", "version"), "2.0.0")
    editor.set_key(("playbook",), "commit", "3f2a9c1")
    record = {"component": "venue", "choice": "library", "reason": "Near: the bus."}
    editor.append("adaptations", [Entry(block_of(record), record)], ("id",))
    editor.append("upgrades", [Entry(block_of({"from": "1.0.0"}), {"from": "1.0.0"})], ("adaptations",))
    assert editor.result() == (
        "id: x\r\nplaybook: {id: demo, version: '2.0.0', commit: 3f2a9c1}\r\nadaptations:\r\n"
        "  - component: venue\r\n    choice: library\r\n    reason: \"Near: the bus.\"\r\n"
        "upgrades:\r\n  - from: 1.0.0\r\nnotes: n")


def test_a_list_written_on_one_line_is_added_to_on_that_line() -> None:
    editor = Editor("adaptations: [{component: venue, reason: r}]  # one line\n")
    editor.append("adaptations", [Entry("- unused", {"component": "name", "reason": "s"})], ())
    assert editor.result() == ('adaptations: [{component: venue, reason: r}, {"component": "name", "reason": "s"}]'
                               "  # one line\n")


def test_retiring_every_adaptation_leaves_an_empty_list(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    write(demo / PLAYBOOK, MINIMAL_PLAYBOOK.replace("1.0.0", "2.0.0").replace(
        """  - id: venue
    title: Where circles meet
    options: [library, gp-surgery, online]
    prohibited: [paid venues]
    default: library
""", ""))
    result = upgrade(run, demo, "--no-input")
    assert result.exit_code == 0, result.output
    site = (demo / SITE).read_text(encoding="utf-8")
    assert ("adaptations: []\nretired:\n  - component: venue\n    choice: library\n    reason: Central and free.\n"
            "    retired_in: 2.0.0\nupgrades:\n") in site
    assert run("check", "--repo", demo).exit_code == 0


def test_stopping_at_a_question_writes_nothing_and_says_how_to_skip_the_questions(
        run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    before = snapshot(root)
    result = upgrade(run, root, input="")  # no one there to answer: a script that forgot --no-input
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: stopped before writing anything: to upgrade without questions (in a "
                                  "script), add --no-input (new components take the playbook's "
                                  "defaults; give other choices with --set COMPONENT=CHOICE and --reason "
                                  "COMPONENT=REASON)\n")
    assert "Aborted" not in result.output
    assert snapshot(root) == before
    result = upgrade(run, root, input=ANSWERS[:-1] + "n\n")  # every answer, then "no" to writing: an answer
    assert (result.exit_code, result.stderr) == (0, "Nothing was changed.\n")
    assert snapshot(root) == before


def test_the_preview_lists_what_changes_in_how_audits_are_scored() -> None:
    """A new cap, a rule for unrated items and levels of an item's own are major changes a site must hear of."""
    new = copy.deepcopy(ANCHORED)
    new["version"] = "2.0.0"
    new["fidelity"]["scoring"] = {"method": "sum", "missing": "lowest", "critical_cap": "fair"}
    new["fidelity"]["items"][1]["levels"] = {"expected": [3], "developmental": [], "unacceptable": [1, 2]}
    site = site_from(Document(Path(SITE), {"id": "leeds", "name": "Leeds", "playbook": {"id": "demo",
                     "version": "1.0.0"}, "host": {"name": "Host"}, "stage": "full-implementation",
                     "started": "2026-01-01"}))
    text = preview(plan_upgrade(site, build(ANCHORED), build(new)))
    assert text.endswith(
        "How your audits are scored from this version on:\n"
        "  - Fidelity item `R1` (Regular meetings): its scores now count as expected 3; developmental none; "
        "unacceptable 1, 2 (they counted as expected 3; developmental 2; unacceptable 1).\n"
        "  - Fidelity instrument: the rule for unrated items is now `lowest` (was `incomplete`).\n"
        "  - Fidelity instrument: the band cap when a critical component is breached is now `fair` (was `low`).")


YORK = """name: York Circles
host: {name: York CVS, type: charity}
started: 2026-03-01
choices:
  venue: {choice: online, reason: No room yet.}
  name: {choice: York Circle, reason: Members chose it.}
  tea: coffee
  rhythm: weekday
"""


def york(run: Run, root: Path) -> Path:
    """A site set up by `site new` on 1.0.0, so it has the README checklist `site new` writes."""
    answers = write(root / "york.yaml", YORK)
    result = run("site", "new", "demo", "york", "--version", "1.0.0", "--answers", answers, "--reason",
                 "tea=Members asked.", "--reason", "rhythm=Most members work weekends.", "--no-input",
                 "--today", "2026-04-01", "--repo", root)
    assert result.exit_code == 0, result.output
    return root / "fidelity/demo/york"


def up(run: Run, root: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return run("site", "upgrade", "demo/york", *args, "--today", "2026-05-01", "--repo", root, input=input)


def test_a_scripted_upgrade_chooses_again_with_set_and_reason(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    folder = york(run, root)
    before = snapshot(root)
    result = up(run, root, "--no-input")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: --no-input cannot choose for you: `venue`: `online` is no longer allowed: choose `library` or "
        "`gp-surgery` (give it with --set venue=CHOICE); `snacks` is new in 2.0.0 and has no default (give it with "
        "--set snacks=CHOICE). Nothing was written.\n")
    result = up(run, root, "--no-input", "--set", "venue=gp-surgery", "--set", "snacks=Fruit")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: --no-input cannot choose for you: a reason for choosing \"gp-surgery\" for `venue` (give it with "
        "--reason \"venue=…\"); a reason for choosing \"Fruit\" for `snacks` (give it with --reason \"snacks=…\"). "
        "Nothing was written.\n")
    result = up(run, root, "--no-input", "--set", "name=Circle")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--set' / '--reason': this upgrade does not ask about `name`, whose record still "
        "fits (it asks about `venue`, `language` and `snacks`): change it in site.yaml instead\n")
    assert snapshot(root) == before
    result = up(run, root, "--no-input", "--set", "venue=gp-surgery", "--reason", "venue=The surgery has a free room.",
                "--set", "snacks=Fruit", "--reason", "snacks=Members asked for it.")
    assert result.exit_code == 0, result.output
    site = (folder / "site.yaml").read_text(encoding="utf-8")
    assert ("  # Where circles meet: one of library, gp-surgery\n  - component: venue\n    choice: gp-surgery\n"
            "    reason: The surgery has a free room.\n    date: 2026-05-01\n") in site
    assert result.stdout.splitlines()[-2:] == [
        "Wrote fidelity/demo/york/site.yaml and the checklist fidelity/demo/york/README.md for 2.0.0.",
        "Upgraded York Circles to demo 2.0.0, a major release: talk through the core components to review with your "
        "team, rate your next self-audit against 2.0.0 (earlier audits stay on 1.0.0), and run `spread check "
        "fidelity/demo/york`."]
    assert run("check", "--repo", root).exit_code == 0


def test_the_readme_checklist_is_written_afresh_for_the_new_version(run: Run, network: tuple[Path, str, str]) -> None:
    root, _, new = network
    folder = york(run, root)
    assert "version 1.0.0" in (folder / "README.md").read_text(encoding="utf-8")
    # Venue by number and why; Enter for the default language; the snacks and why; confirm both files.
    result = up(run, root, input="2\nThe surgery has a free room.\n\nFruit\nMembers asked for it.\n\n")
    assert result.exit_code == 0, result.output
    assert "Write the upgrade to fidelity/demo/york/site.yaml and fidelity/demo/york/README.md? [Y/n]" in result.stdout
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert (f"York Circles runs **Demo circles** (playbook `demo`, version 2.0.0, commit `{new[:12]}`), hosted by "
            "York CVS. Moved from version 1.0.0 with `spread site upgrade` on 2026-05-01") in readme
    for line in ("- **Where circles meet**: gp-surgery. The surgery has a free room.",
                 "- **Local name**: \u201cYork Circle\u201d. Members chose it.",
                 "- **Language of the circle**: english.", "- **What we eat**: \u201cFruit\u201d. Members asked for it.",
                 "- **A named clinical link**: Concerns reach a professional quickly."):
        assert line in readme
    for gone in ("online", "What we drink", "A buddy for each new member", "version 1.0.0,"):
        assert gone not in readme


def test_a_checklist_someone_edited_is_kept_and_the_new_one_written_beside_it(
        run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    folder = york(run, root)
    original = (folder / "README.md").read_text(encoding="utf-8")
    assert "## Self-audit" in original
    ticked = original.replace("## Self-audit", "Our notes: the hall key is with Sam.\n\n## Self-audit")
    (folder / "README.md").write_text(ticked, encoding="utf-8")
    sets = ("--set", "venue=library", "--set", "snacks=Fruit", "--reason", "snacks=Members asked for it.")
    result = up(run, root, *sets, input="\n\n")  # Enter for the default language; Enter says yes
    assert result.exit_code == 0, result.output
    assert ("Write the upgrade to fidelity/demo/york/site.yaml and fidelity/demo/york/README-2.0.0.md (README.md has "
            "edits of your own, so it stays as it is)? [Y/n]") in result.stdout
    assert (folder / "README.md").read_text(encoding="utf-8") == ticked  # their ticks and notes, byte for byte
    assert "version 2.0.0" in (folder / "README-2.0.0.md").read_text(encoding="utf-8")
    assert result.stdout.splitlines()[-3:-1] == [
        "Wrote fidelity/demo/york/site.yaml and the checklist fidelity/demo/york/README-2.0.0.md for 2.0.0.",
        "fidelity/demo/york/README.md has edits of your own, so Spread left it as it is: copy what you want to keep "
        "into README-2.0.0.md, then replace README.md with it."]


def test_a_checklist_as_spread_wrote_it_is_replaced_whatever_the_line_endings(
        run: Run, network: tuple[Path, str, str]) -> None:
    """A checkout on Windows may turn every line ending into \\r\\n: that is not an edit of anyone's."""
    root = network[0]
    folder = york(run, root)
    readme = folder / "README.md"
    readme.write_bytes(readme.read_bytes().replace(b"\n", b"\r\n"))
    result = up(run, root, "--no-input", "--set", "venue=library", "--set", "snacks=Fruit", "--reason",
                "snacks=Members asked for it.")
    assert result.exit_code == 0, result.output
    assert "version 2.0.0" in readme.read_text(encoding="utf-8")
    assert not (folder / "README-2.0.0.md").exists()


def test_the_closing_advice_fits_the_bump(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    york(run, root)
    assert up(run, root, "--no-input", "--set", "venue=library", "--set", "snacks=Fruit", "--reason",
              "snacks=Members asked for it.").exit_code == 0
    commit(root, "York on 2.0.0")
    minor = NEW.replace("version: 2.0.0", "version: 2.1.0").replace("fidelity:", """  - id: music
    title: Music in the circle
    options: [none, quiet]
    default: none
fidelity:""")
    write(root / PLAYBOOK, minor)
    commit(root, "demo 2.1.0", tag="demo/v2.1.0")
    result = up(run, root, "--no-input")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Upgraded York Circles to demo 2.1.0, a minor release: new optional things to look at with your team: `music` "
        "(Music in the circle). Run `spread check fidelity/demo/york` after any change.")
    commit(root, "York on 2.1.0")
    write(root / PLAYBOOK, minor.replace("version: 2.1.0", "version: 2.1.1").replace("title: Music in the circle",
                                                                                   "title: Music during the circle"))
    commit(root, "demo 2.1.1", tag="demo/v2.1.1")
    result = up(run, root, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == ("Upgraded York Circles to demo 2.1.1, a patch release (wording only): "
                                              "nothing to do, your choices and audits carry on as they were.")


def test_the_site_page_says_an_option_was_removed_not_the_component(run: Run, network: tuple[Path, str, str]) -> None:
    root = network[0]
    york(run, root)
    assert up(run, root, "--no-input", "--set", "venue=library", "--set", "snacks=Fruit", "--reason",
              "snacks=Members asked for it.").exit_code == 0
    loaded = load_network(root, cache=False)
    pb = loaded.playbooks["demo"]
    status = next(s for s in playbook_report(loaded, pb, date(2026, 8, 1)).sites if s.site.id == "york")
    page = site_page(status, loaded.site_audits(status.site), pb, pb.title)
    assert "The option <code>online</code> was removed in version 2.0.0." in page  # venue is still there; `online` is not
    assert "The component was removed in version 2.0.0." in page  # tea is gone altogether


def test_own_words_chosen_again_are_an_adaptation_with_frame_s_details(run: Run,
                                                                        network: tuple[Path, str, str]) -> None:
    root = network[0]
    york(run, root)
    write(root / PLAYBOOK, NEW.replace("version: 2.0.0", "version: 2.1.0")
          .replace("    options: [english, welsh]\n", "    options: [english, welsh]\n    free_text: true\n"))
    commit(root, "demo 2.1.0", tag="demo/v2.1.0")
    result = up(run, root, "--no-input", "--set", "venue=library", "--set", "language=Polish", "--reason",
                "language=Most members speak Polish at home.", "--set", "snacks=Fruit", "--reason",
                "snacks=Members asked for it.")
    assert result.exit_code == 0, result.output
    site = (root / "fidelity/demo/york/site.yaml").read_text(encoding="utf-8")
    # As `site new` records own words where the playbook lists options: FRAME's details, `unknown` where not said.
    assert ("adaptations:\n  # Language of the circle: one of english, welsh or your own words\n"
            "  - component: language\n    choice: Polish\n    reason: Most members speak Polish at home.\n"
            "    date: 2026-05-01\n    planned: unknown\n    decided_by:\n      - unknown\n    fidelity: unknown\n") in site
    readme = (root / "fidelity/demo/york/README.md").read_text(encoding="utf-8")
    assert ("- **Language of the circle**: \u201cPolish\u201d (an adaptation: it departs from what the playbook "
            "offers). Most members speak Polish at home.") in readme
    assert run("check", "--repo", root).exit_code == 0


def test_a_principle_that_became_a_practice_moves_the_sites_words_to_retired(run: Run, demo: Path) -> None:
    """The site described how it made `regular` its own; once `regular` is a practice that record has no place under
    `principles:` (the check would call it unknown), so the upgrade keeps it under `retired:` and says so."""
    old = MINIMAL_PLAYBOOK.replace("    function: Continuity builds trust.\n",
                                   "    kind: principle\n    function: Continuity builds trust.\n"
                                   "    evidence: [The circle's calendar.]\n")
    write(demo / "playbooks/demo/releases/1.0.0.yaml", old)
    write(demo / PLAYBOOK, MINIMAL_PLAYBOOK.replace("1.0.0", "2.0.0"))
    write(demo / SITE, (demo / SITE).read_text(encoding="utf-8")
          + "principles:\n  - {principle: regular, how: We meet after the Friday market.}\n")
    result = upgrade(run, demo, "--no-input", "--yes")
    assert result.exit_code == 0, result.output
    assert "  - regular (Meets regularly): it is now a practice in a prescribed form. Your description of how you made " \
           "it your own is kept under `retired:`.\n" in result.output
    site = (demo / SITE).read_text(encoding="utf-8")
    assert "principles: []\nretired:\n  - component: regular\n    description: We meet after the Friday market.\n" \
           "    retired_in: 2.0.0\n" in site
    assert run("check", "--repo", demo).exit_code == 0


def test_a_local_component_that_became_core_retires_the_sites_choice(run: Run, demo: Path) -> None:
    """`venue` was chosen by the site; now a core component, it is kept as the playbook says, so the old choice
    moves to `retired:` (left under `choices:` the check would call it a choice of a core component)."""
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    new = MINIMAL_PLAYBOOK.replace("1.0.0", "2.0.0").replace(
        "local:\n  - id: venue\n    title: Where circles meet\n    options: [library, gp-surgery, online]\n"
        "    prohibited: [paid venues]\n    default: library\n",
        "  - id: venue\n    title: A safe venue\n    function: People feel safe.\n    practice: {expected: Always., "
        "developmental: Mostly., unacceptable: Never.}\nlocal:\n")
    write(demo / PLAYBOOK, new)
    result = upgrade(run, demo, "--no-input", "--yes")
    assert result.exit_code == 0, result.output
    assert "  - venue (Where circles meet): now a core component, which every site keeps as the playbook says (not " \
           "chosen); your record of it stays under `retired:`.\n" in result.output
    site = (demo / SITE).read_text(encoding="utf-8")
    assert "retired:\n  - component: venue\n    choice: library\n    reason: Central and free.\n    retired_in: 2.0.0\n" \
        in site
    assert "[choice-core]" not in run("check", "--repo", demo).output
