"""The words are the field's: NIRN's stages (and the others named for what they are), configuration that is not
called adaptation, prohibited variations as patterns. Through the real command line, on the example network."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO, Run, edit_playbook
from spread.model.choices import Breach, allows, breach
from spread.model.playbook import LocalComponent, Prohibited
from spread.network.repo import load_network
from spread.versions.local import diff_local
from spread.versions.upgrade import plan_upgrade

BRISTOL = "fidelity/breathe-together/bristol/site.yaml"


def test_stages_are_nirns_four_then_paused_and_closed() -> None:
    stage = json.loads((REPO / "schemas/site.schema.json").read_text())["properties"]["stage"]
    assert stage["enum"] == ["exploration", "installation", "initial-implementation", "full-implementation",
                             "paused", "closed"]


def test_an_old_sustainment_stage_says_which_stage_to_use(run: Run, example: Path) -> None:
    site = example / BRISTOL
    site.write_text(site.read_text().replace("stage: full-implementation", "stage: sustainment"))
    result = run("check", "--repo", example, "--today", "2026-11-15")
    assert result.exit_code == 1
    assert (
        f"{BRISTOL}:12:8: error: `stage` cannot be \"sustainment\" any more: sustainment is the last phase of EPIS, not "
        "a NIRN stage: use `full-implementation` for a site running the model as everyday practice (or `paused` or "
        "`closed` if it has stopped) [schema-enum]") in result.stdout.splitlines()


def test_no_example_site_is_in_a_stage_nirn_does_not_name() -> None:
    stages = {line.split(":", 1)[1].strip() for path in (REPO / "fidelity").glob("*/*/site.yaml")
              for line in path.read_text().splitlines() if line.startswith("stage:")}
    assert stages <= {"exploration", "installation", "initial-implementation", "full-implementation", "paused",
                      "closed"}


# Configuration is not adaptation ----------------------------------------------------------------------------

YORK = "fidelity/peer-diabetes/york/site.yaml"
ANSWERS = """
name: York Sugar Talk
host: {name: York CVS, type: charity}
area: York
started: 2026-11-01
choices:
  venue: {choice: library, reason: "Free rooms, in the evening."}
  rhythm: fortnightly
  recruitment: {choice: self-referral, reason: Most people hear of it by word of mouth.}
  local-name: {choice: Sugar Talk York, reason: Members chose it.}
"""
ADAPTED = """adaptations:
  # Language of the circle: one of english, welsh, bilingual-welsh-english or your own words (at
  # most 80 characters). Not allowed: Relying on members' relatives or children to interpret
  # personal health conversations.
  - component: language
    choice: Portuguese and English
    reason: Many members speak Portuguese at home.
"""


def _new_site(run: Run, example: Path, answers: str, *args: str, input: str | None = None) -> str:
    path = example / "york.yaml"
    path.write_text(answers)
    result = run("site", "new", "peer-diabetes", "york", "--answers", path, "--today", "2026-11-20", *args,
                 input=input, cwd=example)
    assert result.exit_code == 0, result.output
    checked = run("check", "--repo", example, "--today", "2026-11-20", example / YORK)
    assert (checked.exit_code, checked.stdout) == (0, ""), checked.output
    return (example / YORK).read_text()


def test_choices_among_the_options_are_local_choices_without_frame(run: Run, example: Path) -> None:
    text = _new_site(run, example, ANSWERS, "--no-input")
    assert ("choices:\n  # Where circles meet: one of community-centre, library, gp-surgery, faith-building, online. "
            "Not\n") in text
    assert "  - component: venue\n    choice: library\n    reason: Free rooms, in the evening.\n" in text
    # The defaults need no reason, and none is made up.
    assert "  - component: rhythm\n    choice: fortnightly\n  #" in text
    assert "  - component: language\n    choice: english\n  #" in text
    assert text.endswith("adaptations: []\n")
    for frame in ("planned:", "decided_by:", "fidelity:", "when:"):
        assert frame not in text


def test_own_words_outside_the_options_are_an_adaptation_and_frame_is_asked(run: Run, example: Path) -> None:
    # The language in the site's own words, why, then FRAME: Enter (unknown), two numbers, one number.
    typed = "Portuguese and English\nMany members speak Portuguese at home.\n\n2 8\n1\n\n"
    out = run("site", "new", "peer-diabetes", "york", "--answers", _answers(example), "--today", "2026-11-20",
              input=typed, cwd=example).stdout
    assert ('"Portuguese and English" is not one of the options the playbook offers for language, so it is recorded '
            "as an adaptation, with its reason and FRAME's details. Answer what you know; press Enter for "
            "`unknown`.") in out
    assert ("Was the change planned? 1. yes, planned ahead; 2. planned in response to a problem; 3. no, it happened "
            "without a plan") in out
    text = (example / YORK).read_text()
    assert text.endswith(ADAPTED + "    planned: unknown\n    decided_by:\n      - programme-leaders\n"
                         "      - site-team\n    fidelity: consistent\n")
    assert "  - component: language" not in text.split("adaptations:")[0]
    assert run("check", "--repo", example, "--today", "2026-11-20", example / YORK).stdout == ""


def _answers(example: Path, extra: str = "") -> Path:
    path = example / "york.yaml"
    path.write_text(ANSWERS + extra)
    return path


def test_without_questions_what_is_not_known_is_left_unknown(run: Run, example: Path) -> None:
    text = _new_site(run, example, ANSWERS + "  language: {choice: Portuguese and English, reason: Many members "
                     "speak Portuguese at home.}\n", "--no-input")
    assert text.endswith(ADAPTED + "    planned: unknown\n    decided_by:\n      - unknown\n    fidelity: unknown\n")


def test_a_site_that_calls_a_choice_a_change_records_an_adaptation_with_what_it_says(run: Run, example: Path) -> None:
    answers = ANSWERS.replace("  rhythm: fortnightly\n", "") + (
        "adaptations:\n  rhythm:\n    choice: weekly\n    reason: A new circle meets weekly for its first three "
        "months.\n    description: Weekly, not fortnightly, while the circle is new.\n    when: implementation\n"
        "    planned: proactive\n    decided_by: [site-team, recipients]\n")
    text = _new_site(run, example, answers, "--no-input")
    assert text.endswith(
        "adaptations:\n  # How often circles meet: one of weekly, fortnightly, monthly. Not allowed: Meeting less often\n"
        "  # than monthly; Meeting only \"when enough people sign up\".\n  - component: rhythm\n    choice: weekly\n"
        "    reason: A new circle meets weekly for its first three months.\n"
        "    description: Weekly, not fortnightly, while the circle is new.\n    when: implementation\n"
        "    planned: proactive\n    decided_by:\n      - site-team\n      - recipients\n    fidelity: unknown\n")
    without = answers.replace("    description: Weekly, not fortnightly, while the circle is new.\n", "")
    (example / "york.yaml").write_text(without)
    result = run("site", "new", "peer-diabetes", "york", "--answers", example / "york.yaml", "--no-input", "--force",
                 cwd=example)
    assert result.exit_code == 1
    assert ("a `description` of what the site does differently, for the adaptation of `rhythm` (\"weekly\" is one of "
            "its options)") in result.stderr


def test_frame_answers_are_checked_against_frames_words(run: Run, example: Path) -> None:
    answers = _answers(example, "adaptations:\n  rhythm: {choice: weekly, reason: x, planned: yes-ish}\n")
    result = run("site", "new", "peer-diabetes", "york", "--answers", answers, "--no-input", cwd=example)
    assert result.exit_code == 1
    assert (f"{answers.as_posix()}:12:48: error: `planned` cannot be `yes-ish`: use `proactive`, `reactive`, "
            "`unplanned` or `unknown` [answers-value]") in result.stderr


DERBY = "fidelity/code-club/derby/site.yaml"
OLD_DERBY = """adaptations:
  - component: setting
    choice: library
    reason: A library, open to children from six schools.
    date: 2025-09-01
    when: pre-implementation
    planned: proactive
    decided_by:
      - site-team
    fidelity: consistent
  - component: club-name
    choice: Normanton Coders
    description: The club meets as two groups, each with its own name.
    reason: The children chose.
"""


def _old_style(example: Path) -> Path:
    """Derby's site file as older Spread wrote it: every choice recorded as an adaptation, with FRAME filled in."""
    site = example / DERBY
    text = site.read_text()
    site.write_text(text[:text.index("choices:")] + OLD_DERBY)
    return site


def test_an_old_site_file_still_loads_and_check_says_what_is_configuration(run: Run, example: Path) -> None:
    _old_style(example)
    result = run("check", "--repo", example, "--today", "2026-11-15", example / DERBY)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{DERBY}:16:13: warning: `library` is one of the options for `setting`: choosing as the playbook offers is "
        "configuration, not an adaptation: move it to `choices` (`spread site upgrade` does it), or say how the site "
        "departs from the playbook in `description` [adaptation-is-choice]"]
    report = run("report", "code-club", "--repo", example, "--today", "2026-11-15").stdout
    assert "    library: derby, leeds-central\n" in report  # the learning loop reads both


def test_upgrade_moves_old_local_choices_to_choices_and_keeps_reasons(run: Run, example: Path) -> None:
    site = _old_style(example)
    dry = run("site", "upgrade", "code-club/derby", "--dry-run", "--repo", example)
    assert dry.output == (
        "Normanton Library Code Club is already on code-club 1.0.0, and its site.yaml records these local choices as "
        "adaptations. Choosing among the options the playbook offers is configuration, so they move to `choices:`, "
        "with their reasons and without FRAME details:\n  - setting: library\n\nDry run: nothing was written.\n")
    assert "choices:" not in site.read_text()
    result = run("site", "upgrade", "code-club/derby", "--yes", "--repo", example)
    assert result.output.endswith("Moved 1 local choice to `choices:` in fidelity/code-club/derby/site.yaml.\n")
    text = site.read_text()
    assert text.endswith(
        "choices:\n  - component: setting\n    choice: library\n    reason: A library, open to children from six "
        "schools.\n    date: 2025-09-01\nadaptations:\n  - component: club-name\n    choice: Normanton Coders\n"
        "    description: The club meets as two groups, each with its own name.\n    reason: The children chose.\n")
    assert run("check", "--repo", example, "--today", "2026-11-15", example / DERBY).stdout == ""
    again = run("site", "upgrade", "code-club/derby", "--yes", "--repo", example)
    assert again.output == "Normanton Library Code Club is already on code-club 1.0.0: nothing to upgrade.\n"


def test_a_choice_in_own_words_under_choices_is_a_departure(run: Run, example: Path) -> None:
    site = example / DERBY
    site.write_text(site.read_text().replace("    choice: weekend\n", "    choice: Friday evenings\n"))
    result = run("check", "--repo", example, "--today", "2026-11-15", example / DERBY)
    assert result.stdout.splitlines() == [
        f"{DERBY}:22:13: error: `Friday evenings` is not one of the options for `session-time`: choose "
        "`after-school`, `lunchtime` or `weekend` [choice-option]"]
    edit_playbook(example, "code-club", "    default: after-school\n", "    default: after-school\n    free_text: true\n")
    result = run("check", "--repo", example, "--today", "2026-11-15", example / DERBY)
    assert result.stdout.splitlines() == [
        f"{DERBY}:22:13: warning: `Friday evenings` is not one of the options for `session-time`: your own words "
        "depart from what the playbook offers, so record this under `adaptations`, with its reason and FRAME details "
        "(`unknown` where you do not know) [choice-departs]"]


# Prohibited variations with words or a pattern ----------------------------------------------------------------

LAMBETH = "fidelity/peer-diabetes/lambeth/site.yaml"
CLINIC = ('"Lambeth Diabetes Clinic" is not allowed for `local-name` (What circles are called locally): it contains '
          '"clinic" (not allowed: Names that suggest medical treatment, such as "clinic" or "cure"), so choose another '
          'way')


def test_check_refuses_a_name_with_a_prohibited_word(run: Run, example: Path) -> None:
    site = example / LAMBETH
    site.write_text(site.read_text().replace("choice: Sugar Talk Lambeth", "choice: Lambeth Diabetes Clinic"))
    result = run("check", "--repo", example, "--today", "2026-11-15", site)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{LAMBETH}:30:13: error: `Lambeth Diabetes Clinic` contains \u201cclinic\u201d, which `local-name` does not "
        'allow (Names that suggest medical treatment, such as "clinic" or "cure"): choose another way to do it '
        "[choice-prohibited]"]


def test_the_form_answers_files_and_set_refuse_it_alike(run: Run, example: Path) -> None:
    answers = ANSWERS.replace("Sugar Talk York", "Lambeth Diabetes Clinic")
    path = example / "york.yaml"
    path.write_text(answers)
    result = run("site", "new", "peer-diabetes", "york", "--answers", path, "--no-input", cwd=example)
    assert f"{path.as_posix()}:10:24: error: {CLINIC} [answers-choice]" in result.stderr.splitlines()
    result = run("site", "new", "peer-diabetes", "york", "--set", "local-name=Lambeth Diabetes Clinic", cwd=example)
    assert result.exit_code == 2 and f"Invalid value for '--set': {CLINIC}" in result.output
    path.write_text(ANSWERS.replace("  local-name: {choice: Sugar Talk York, reason: Members chose it.}\n",
                                    "  language: english\n"))
    typed = "Lambeth Diabetes Clinic\nCure Circle\nSugar Talk York\nMembers chose it.\n\n"
    result = run("site", "new", "peer-diabetes", "york", "--answers", path, "--today", "2026-11-20", input=typed,
                 cwd=example)
    assert result.exit_code == 0, result.output
    assert f"Error: {CLINIC}" in result.stdout and 'it contains "cure"' in result.stdout
    assert "    choice: Sugar Talk York\n" in (example / YORK).read_text()


def test_upgrade_asks_again_when_new_words_refuse_a_choice(example: Path) -> None:
    network = load_network(example)
    site = network.sites[("peer-diabetes", "lambeth")]
    old = network.playbooks["peer-diabetes"]
    local = [replace(c, prohibited=(*c.prohibited, Prohibited("Names that sound like a tea party.", ("talk",))))
             if c.id == "local-name" else c for c in old.local]
    step = next(s for s in plan_upgrade(site, old, replace(old, version="3.0.0", local=tuple(local))).steps
                if s.component == "local-name")
    assert (step.category, step.retire) == ("choose-again", (("choices", 2),))


PLAYBOOK = "playbooks/code-club/playbook.yaml"


@pytest.mark.parametrize(("rule", "expected"), [
    ("{text: Sponsors., pattern: '(a+)+$'}", "the prohibited pattern of `club-name` cannot be used: the pattern "
     "repeats a repetition or a choice of alternatives, which can take a computer for ever on some texts: write it "
     "more simply, or list `words` instead [prohibited-pattern]"),
    ("{text: Sponsors., pattern: '(ltd'}", "the prohibited pattern of `club-name` cannot be used: the pattern is not "
     "a regular expression Python can read (missing ), unterminated subpattern at character 1): correct it "
     "[prohibited-pattern]"),
    ("{text: Sponsors., pattern: '(\\w+)\\1'}", "the prohibited pattern of `club-name` cannot be used: the pattern "
     "refers back to a group (\\1), which can take a computer for ever: write it without [prohibited-pattern]"),
    ("{text: Sponsors., pattern: '\\w+\\s+\\w+ ltd'}", "the prohibited pattern of `club-name` cannot be used: the "
     "pattern has 3 parts that match more or less text (3 repeating with +, * or {m,n}, 0 optional with ?): keep to 3, "
     "at most 2 of them repeating, so that it never takes long, or list `words` instead [prohibited-pattern]"),
    ("{text: Sponsors., pattern: '" + "x" * 201 + "'}", "`pattern` is 201 characters long: keep the pattern to 200 "
     "characters, or list `words` instead [schema-maxLength]"),
])
def test_check_refuses_a_pattern_it_cannot_use_on_its_line(run: Run, example: Path, rule: str, expected: str) -> None:
    playbook = example / PLAYBOOK
    text = playbook.read_text()
    playbook.write_text(text.replace("      - The name of a commercial sponsor or product.\n", f"      - {rule}\n"))
    line = text[:text.index("      - The name of a commercial sponsor or product.")].count("\n") + 1
    result = run("check", "--repo", example, "--today", "2026-11-15", playbook)
    assert result.exit_code == 1
    assert [p.split(": error: ")[1] for p in result.stdout.splitlines() if p.startswith(f"{PLAYBOOK}:{line}:")] == \
        [expected]


def test_a_prohibition_that_refuses_an_option_is_an_error(run: Run, example: Path) -> None:
    edit_playbook(example, "code-club", "      - Children under 7.\n",
                  "      - {text: Children under 7., words: [ages-7-11, ages 7]}\n")
    result = run("check", "--repo", example, "--today", "2026-11-15", example / PLAYBOOK)
    assert result.stdout.splitlines() == [
        f"{PLAYBOOK}:268:9: error: the prohibited variation \u201cChildren under 7\u201d of `age-range` refuses its own "
        "option `ages-7-11`: remove the option, or narrow its words or pattern [prohibited-option]"]


def test_a_choice_is_at_most_500_characters_so_no_pattern_takes_long(run: Run, example: Path) -> None:
    site = example / LAMBETH
    site.write_text(site.read_text().replace("choice: Sugar Talk Lambeth", "choice: " + "Sugar " * 84))
    result = run("check", "--repo", example, "--today", "2026-11-15", site)
    assert f"{LAMBETH}:30:13: error: `choice` is 503 characters long: shorten it to 500 characters [schema-maxLength]" \
        in result.stdout.splitlines()
    result = run("site", "new", "peer-diabetes", "york", "--set", "local-name=" + "Sugar " * 84, cwd=example)
    assert result.exit_code == 2
    assert ("that is 503 characters; a choice is at most 500: say it more briefly (the reason can say more)"
            in result.output)


def test_a_pattern_is_searched_whatever_the_case() -> None:
    local = LocalComponent("club-name", "The club's name", free_text=True,
                           prohibited=(Prohibited("Sponsors.", pattern=r"\bsponsored\s+by\b"),))
    assert breach(local, "Coders, Sponsored  by Acme") == Breach(local.prohibited[0], "Sponsored  by")
    assert breach(local, "Unsponsored by anyone") is None and allows(local, "Unsponsored by anyone")


@pytest.mark.parametrize(("before", "after", "rule", "bump"), [
    (Prohibited("No clinics."), Prohibited("No clinics.", ("clinic",)), "local-prohibited-words-added", "major"),
    (Prohibited("No clinics.", ("clinic", "cure")), Prohibited("No clinics.", ("clinic",)),
     "local-prohibited-words-removed", "minor"),
    (Prohibited("No clinics."), Prohibited("No clinics.", pattern="clinic"), "local-prohibited-pattern-changed", "major"),
    (Prohibited("No clinics.", pattern="clinics?"), Prohibited("No clinics.", pattern="clinic"),
     "local-prohibited-pattern-changed", "major"),
    (Prohibited("No clinics.", pattern="clinic"), Prohibited("No clinics."), "local-prohibited-pattern-removed",
     "minor"),
])
def test_narrowing_what_a_site_may_choose_is_major(before: Prohibited, after: Prohibited, rule: str,
                                                   bump: str) -> None:
    old = LocalComponent("name", "Name", free_text=True, prohibited=(before,))
    changes = list(diff_local(old, replace(old, prohibited=(after,)), "`name`"))
    assert [(c.rule, c.bump) for c in changes] == [(rule, bump)]


def test_upgrade_moves_choices_out_of_a_list_written_on_one_line(run: Run, demo: Path) -> None:
    site = demo / "fidelity/demo/leeds/site.yaml"
    text = site.read_text()
    site.write_text(text[:text.index("choices:")] + (
        'adaptations: [{component: venue, choice: library, reason: "Central, free.", planned: proactive}, '
        "{component: name, choice: Tea Time, description: Two names., reason: x}]\nnotes: Kept.\n"))
    assert run("site", "upgrade", "demo/leeds", "--yes", "--repo", demo).exit_code == 0
    assert site.read_text().endswith(
        "started: 2026-03-01\nchoices:\n  - component: venue\n    choice: library\n    reason: Central, free.\n"
        'adaptations: [{"component": "name", "choice": "Tea Time", "description": "Two names.", "reason": "x"}]\n'
        "notes: Kept.\n")
    assert run("check", "--repo", demo).stdout == ""
