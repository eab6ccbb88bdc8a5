"""`spread site new` from the outside: the form, answers files, --set, --no-input, versions, commits, refusals."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from conftest import MINIMAL_PLAYBOOK, Run, write

ROLLOUT = """rollout:
  - stage: installation
    steps:
      - Find a room and a clinical link.
      - Train two peers.
  - stage: initial-implementation
    steps: [Open the first circle.]
"""
# Name, host, kind of host, area, start date (a bad one first), venue (outside the options, then prohibited,
# then by number) and reason, local name (too long first) and reason.
TYPED = ("York Circles\nYork CVS\n1\nYork\n2026-02-30\n2026-03-01\npub\npaid venues\n2\nNear the station.\n"
         "Circle of Friends and Neighbours\nYork Circle\nThe members chose it.\n\n")
YORK = """\
# yaml-language-server: $schema=../../../schemas/site.schema.json
# York Circles runs the playbook `demo` (Demo circles), version 1.0.0. Written by `spread site new`
# on 2026-03-10. Record a later choice among the playbook's options under `choices`, any departure
# from the playbook under `adaptations`, then run `spread check`.
id: york
name: York Circles
playbook:
  id: demo
  version: 1.0.0  # the version this site follows; move on with `spread site upgrade`
  # commit: not recorded (this handbook is not in a git repository)
host:
  name: York CVS
  type: charity
area: York
# stage: exploration, installation, initial-implementation or full-implementation (NIRN's stages),
# or paused or closed. Change it as the site moves on.
stage: installation
started: 2026-03-01

# Local choices: what the site chose among the options the playbook offers. Choosing as the playbook
# offers is configuration, so no FRAME details; a default needs no reason.
choices:
  # Where circles meet: one of library, gp-surgery, online. Not allowed: paid venues.
  - component: venue
    choice: gp-surgery
    reason: Near the station.
  # Local name: your own words (at most 20 characters)
  - component: name
    choice: York Circle
    reason: The members chose it.

# Adaptations: where the site departs from the playbook (a change to a core component, a choice
# outside the options, or anything the site calls a change), with its reason and FRAME's details:
# when, whether it was planned, who decided, what was modified, and whether the component's purpose
# is kept (fidelity). Write `unknown` where you do not know; never guess.
adaptations: []
"""


@pytest.fixture
def repo(demo: Path) -> Path:
    (demo / "playbooks/demo/playbook.yaml").write_text(MINIMAL_PLAYBOOK.lstrip() + ROLLOUT)
    return demo


def files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def checks_clean(run: Run, root: Path) -> None:
    result = run("check", "--repo", root)
    assert (result.exit_code, result.stdout) == (0, ""), result.output


def test_the_form_explains_refusals_and_asks_again(run: Run, repo: Path) -> None:
    result = run("site", "new", "demo", "york", "--today", "2026-03-10", input=TYPED, cwd=repo)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for line in ('Error: "2026-02-30" is not a real date: write it as YYYY-MM-DD, for example 2026-03-01',
                 ('Error: "pub" is not one of the options for `venue` (Where circles meet): choose `library`, '
                 '`gp-surgery` or `online`'),
                 ('Error: "paid venues" is a prohibited variation of `venue` (Where circles meet): the playbook does '
                 'not allow it, so choose another way'),
                 "Error: that is 32 characters; the playbook allows at most 20 for `name`: say it more briefly",
                 "[1 of 2] Where circles meet (venue)", "  1. library  [default]", "  Not allowed: paid venues",
                 "Describe your own choice in words (at most 20 characters)."):
        assert line in out
    assert result.stderr == ("Note: the playbook's git commit could not be recorded: this handbook is not in a git "
                             "repository.\n")
    assert out.endswith("Wrote fidelity/demo/york/site.yaml and fidelity/demo/york/README.md: York Circles adopts "
                        "demo 1.0.0.\nNext: follow the checklist in fidelity/demo/york/README.md, and run "
                        "`spread check fidelity/demo/york` after any edit.\n")
    assert (repo / "fidelity/demo/york/site.yaml").read_text() == YORK
    checks_clean(run, repo)


def test_readme_has_the_choices_next_steps_and_how_to_audit(run: Run, repo: Path) -> None:
    run("site", "new", "demo", "york", "--today", "2026-03-10", input=TYPED, cwd=repo)
    readme = (repo / "fidelity/demo/york/README.md").read_text()
    assert readme.startswith("# York Circles\n\nYork Circles runs **Demo circles** (playbook `demo`, version 1.0.0), "
                             "hosted by York CVS in York.")
    for part in ("- **Led by peers** (critical): People learn from others who live with the same condition.",
                 "- **Where circles meet**: gp-surgery. Near the station.",
                 "- **Local name**: \u201cYork Circle\u201d. The members chose it.",
                 "### Installation (where the site is now)\n\n- [ ] Find a room and a clinical link.\n- [ ] Train two peers.\n",
                 "### Initial implementation\n\n- [ ] Open the first circle.\n",
                 "run `spread audit new demo/york`", "Run `spread check fidelity/demo/york`"):
        assert part in readme


def test_defaults_offered_and_set_choices_not_asked(run: Run, repo: Path) -> None:
    # Enter for the kind, area and date; --set answers the local name, so only its reason is asked.
    typed = "York Circles\nYork CVS\n\n\n\n\n\nA name the members like.\n\n"
    result = run("site", "new", "demo", "york", "--set", "name=Tea & Talk", "--today", "2026-03-10",
                 input=typed, cwd=repo)
    assert result.exit_code == 0, result.output
    assert "[2 of 2]" not in result.stdout and 'Why "Tea & Talk" for name?' in result.stdout
    text = (repo / "fidelity/demo/york/site.yaml").read_text()
    assert "started: 2026-03-10\n" in text and "  # type: add the kind of organisation" in text
    # The default needs no reason, and none is made up.
    assert "  - component: venue\n    choice: library\n  # Local name" in text
    assert "    choice: Tea & Talk\n" in text and "area:" not in text
    checks_clean(run, repo)


ANSWERS = """
name: "York: Circles #1"
host: {name: York CVS, type: charity}
area: York
started: 2026-04-01
stage: exploration
choices:
  venue: {choice: online, reason: "Rural area: members live far apart."}
  name: {choice: Circle 1, reason: Short.}
"""


def test_answers_file_without_questions(run: Run, repo: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "york.yaml", ANSWERS)
    result = run("site", "new", "demo", "york", "--answers", answers, "--no-input", cwd=repo)
    assert result.exit_code == 0, result.output
    assert "Setting up" not in result.stdout
    text = (repo / "fidelity/demo/york/site.yaml").read_text()
    assert 'name: "York: Circles #1"\n' in text and "stage: exploration\n" in text
    assert '    choice: online\n    reason: "Rural area: members live far apart."\n' in text
    checks_clean(run, repo)


def test_readme_ticks_the_stages_already_done(run: Run, repo: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "york.yaml", ANSWERS.replace("stage: exploration", "stage: initial-implementation"))
    assert run("site", "new", "demo", "york", "--answers", answers, "--no-input", cwd=repo).exit_code == 0
    readme = (repo / "fidelity/demo/york/README.md").read_text()
    assert "### Installation\n\n- [x] Find a room and a clinical link.\n- [x] Train two peers.\n" in readme
    assert "### Initial implementation (where the site is now)\n\n- [ ] Open the first circle.\n" in readme
    assert "3. Fill in who rated, the date you finished and your action plan." in readme  # no goals to count


def test_bad_answers_are_all_reported_and_nothing_is_written(run: Run, repo: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "york.yaml", ANSWERS.replace("2026-04-01", "2026-04-31")
                    .replace("choice: online", "choice: paid venues").replace("  name: {", "  nmae: {"))
    before = files(repo)
    result = run("site", "new", "demo", "york", "--answers", answers, "--no-input", cwd=repo)
    assert result.exit_code == 1
    shown = answers.as_posix()
    assert result.stderr.splitlines() == [
        "Note: the playbook's git commit could not be recorded: this handbook is not in a git repository.",
        (f"{shown}:4:10: error: `started` is 2026-04-31, which is not a real date: write it as YYYY-MM-DD, for "
        "example 2026-03-01 [answers-date]"),
        (f"{shown}:7:19: error: \"paid venues\" is a prohibited variation of `venue` (Where circles meet): the "
        "playbook does not allow it, so choose another way [answers-choice]"),
        f"{shown}:8:3: error: `nmae` is not a local component of `demo` 1.0.0: did you mean `name`? [answers-unknown]",
        f"Error: {shown}: 3 problems in the answers: nothing was written",
    ]
    assert files(repo) == before


def test_leaving_the_form_half_way_writes_nothing(run: Run, repo: Path) -> None:
    before = files(repo)
    result = run("site", "new", "demo", "york", input="York Circles\nYork CVS\n", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: stopped before writing anything: to set up a site without questions (in a "
                                  "script), give the answers with --answers FILE or --set, and add --no-input\n")
    assert files(repo) == before


def test_no_input_names_what_is_missing(run: Run, repo: Path) -> None:
    before = files(repo)
    result = run("site", "new", "demo", "york", "--no-input", "--set", "venue=online", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: --no-input: these answers are missing and have no default: `name` (the site's name); `host: name` "
        "(the host organisation); a reason for choosing \"online\" for `venue`; a choice for `name` (describe your "
        "choice in words). Add them to the answers file (see `spread site new --help`), or leave out --no-input to "
        "be asked.\n")
    assert files(repo) == before


@pytest.mark.parametrize(("option", "message"), [
    ("venue=pub", ("Invalid value for '--set': \"pub\" is not one of the options for `venue` (Where circles meet): "
                  "choose `library`, `gp-surgery` or `online`")),
    ("peer-led=staff", ("Invalid value for '--set': 'peer-led=staff' should be COMPONENT=CHOICE with a local "
                       "component of `demo` 1.0.0 (`venue` or `name`)")),
    ("venue", "Invalid value for '--set': 'venue' should be COMPONENT=CHOICE"),
])
def test_bad_set_is_a_usage_error(run: Run, repo: Path, option: str, message: str) -> None:
    before = files(repo)
    result = run("site", "new", "demo", "york", "--set", option, input="York\nCVS\n", cwd=repo)
    assert result.exit_code == 2
    assert message in result.stderr
    assert files(repo) == before


@pytest.mark.parametrize("site_id", ["../x", "/abs", "a/b", "Leeds", "x/../../y", "x-", "a--b", ""])
def test_hostile_site_ids_are_refused(run: Run, repo: Path, site_id: str) -> None:
    before = files(repo.parent)
    result = run("site", "new", "demo", site_id, "--no-input", cwd=repo)
    assert result.exit_code == 2
    assert (f"Invalid value for 'SITE': \"{site_id}\" is not an id: use lower-case letters, digits and single "
            "hyphens, like `leeds-north` (it also names the site's folder)") in result.stderr
    assert files(repo.parent) == before


def test_never_overwrites_without_force(run: Run, repo: Path, tmp_path: Path) -> None:
    site = repo / "fidelity/demo/leeds/site.yaml"
    old = site.read_text()
    result = run("site", "new", "demo", "leeds", input=TYPED, cwd=repo)
    assert result.exit_code == 1
    assert "Site name" not in result.stdout  # refused before asking anything
    assert result.stderr.endswith("Error: fidelity/demo/leeds/site.yaml already exists: Spread never overwrites it. "
                                  "Use --force to replace it, or choose another name.\n")
    assert site.read_text() == old
    answers = write(tmp_path / "a.yaml", ANSWERS.replace("York", "Leeds"))
    result = run("site", "new", "demo", "leeds", "--answers", answers, "--no-input", "--force", cwd=repo)
    assert result.exit_code == 0, result.output
    assert "name: \"Leeds: Circles #1\"" in site.read_text()
    checks_clean(run, repo)


def test_into_another_folder_points_the_modeline_back(run: Run, repo: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", ANSWERS)
    result = run("site", "new", "demo", "york", "--answers", answers, "--no-input", "--into", "drafts/york", cwd=repo)
    assert result.exit_code == 0, result.output
    text = (repo / "drafts/york/site.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/site.schema.json"
    assert "run `spread audit new drafts/york`" in (repo / "drafts/york/README.md").read_text()
    assert not (repo / "fidelity/demo/york").exists()


def test_unknown_playbook_and_version(run: Run, repo: Path) -> None:
    result = run("site", "new", "demp", "york", cwd=repo)
    assert result.exit_code == 2 and "there is no playbook `demp` in" in result.stderr
    assert "the playbooks here are `demo`" in result.stderr
    result = run("site", "new", "demo", "york", "--version", "9.9.9", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: version 9.9.9 of `demo` was not found (no archived release and no git tag "
                                  "demo/v9.9.9): known versions are `1.0.0`\n")
    result = run("site", "new", "demo", "york", "--version", "2", cwd=repo)
    assert result.exit_code == 2 and '"2" is not a version: write it as X.Y.Z, like 2.0.0' in result.stderr


def test_older_archived_version(run: Run, repo: Path, tmp_path: Path) -> None:
    pb = repo / "playbooks/demo/playbook.yaml"
    write(repo / "playbooks/demo/releases/1.0.0.yaml", pb.read_text())
    pb.write_text(pb.read_text().replace("version: 1.0.0", "version: 1.1.0").replace(
        "local:\n", "local:\n  - id: snacks\n    title: Snacks\n    options: [tea, fruit]\n    default: tea\n"))
    answers = write(tmp_path / "a.yaml", ANSWERS)
    assert run("site", "new", "demo", "york", "--answers", answers, "--no-input", cwd=repo).exit_code == 0
    newest = (repo / "fidelity/demo/york/site.yaml").read_text()
    assert "  version: 1.1.0" in newest and "component: snacks" in newest
    result = run("site", "new", "demo", "hull", "--answers", answers, "--no-input", "--version", "1.0.0", cwd=repo)
    assert result.exit_code == 0, result.output
    older = (repo / "fidelity/demo/hull/site.yaml").read_text()
    assert "  version: 1.0.0" in older and "snacks" not in older
    checks_clean(run, repo)


def commit_all(repo: git.Repo, message: str) -> str:
    repo.git.add("-A")
    repo.git.commit("-m", message)
    return str(repo.head.commit.hexsha)


def test_records_the_commit_of_the_tag_or_of_head(run: Run, git_repo: Path, tmp_path: Path) -> None:
    write(git_repo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    repo = git.Repo(git_repo)
    tagged = commit_all(repo, "demo 1.0.0")
    repo.create_tag("demo/v1.0.0")
    pb = git_repo / "playbooks/demo/playbook.yaml"
    pb.write_text(pb.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    head = commit_all(repo, "demo 1.1.0, not tagged yet")
    answers = write(tmp_path / "a.yaml", ANSWERS)
    for site, version, commit in (("york", "1.0.0", tagged), ("hull", "1.1.0", head)):
        result = run("site", "new", "demo", site, "--version", version, "--answers", answers, "--no-input",
                     cwd=git_repo)
        assert result.exit_code == 0 and result.stderr == "", result.output
        text = (git_repo / f"fidelity/demo/{site}/site.yaml").read_text()
        assert f"  version: {version}  #" in text and f"  commit: {commit}  # the exact playbook text adopted" in text
    pb.write_text(pb.read_text().replace("Demo circles", "Demo circles, edited"))
    result = run("site", "new", "demo", "leeds", "--answers", answers, "--no-input", cwd=git_repo)
    assert result.exit_code == 0
    assert result.stderr == ("Note: the playbook's git commit could not be recorded: playbooks/demo/playbook.yaml "
                             "has changes that are not committed yet.\n")
    assert "  # commit: not recorded (playbooks/demo/playbook.yaml has changes that are not committed yet)\n" in (
        git_repo / "fidelity/demo/leeds/site.yaml").read_text()
    checks_clean(run, git_repo)


def test_a_repository_without_playbooks_says_how_to_start_one(run: Run, tmp_path: Path) -> None:
    (tmp_path / "playbooks").mkdir()
    result = run("site", "new", "demo", "york", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.endswith("there are no playbooks here yet: start one with `spread playbook new`\n")
    assert not (tmp_path / "fidelity").exists()

