"""`spread playbook release` on real git repositories: the right bump, all of it or none of it."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import git
import pytest

from conftest import MINIMAL_PLAYBOOK, REPO, Run, write
from spread.versions.changelog import control_character, one_line
from test_playbook_diff import PLAYBOOK, commit, edit

MODELINE = "# yaml-language-server: $schema=../../schemas/playbook.schema.json\n"


# Spread's own cache of loaded files is not the user's work: it is left out of every comparison.
OWN = (".git", ".spread-cache")


def status(repo: git.Repo) -> str:
    return "\n".join(line for line in str(repo.git.status("--porcelain")).splitlines() if ".spread-cache" not in line)


def state(root: Path) -> tuple[str, list[str], dict[str, bytes], str]:
    """Everything a release may touch: HEAD, the tags, every file's bytes, and what git sees as changed."""
    repo = git.Repo(root)
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and not set(OWN) & set(p.relative_to(root).parts)}
    result = str(repo.head.commit.hexsha), sorted(t.name for t in repo.tags), files, status(repo)
    repo.close()
    return result


def release(run: Run, root: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return run("playbook", "release", "demo", *args, "--today", "2026-05-01", "--repo", root, input=input)


@pytest.fixture
def committed(git_repo: Path) -> Path:
    """A repository with playbook `demo` 1.0.0 committed (with an editor modeline and a comment) but never released."""
    write(git_repo / PLAYBOOK, MODELINE + "# The demo playbook.\n" + MINIMAL_PLAYBOOK.lstrip())
    commit(git_repo, "Add demo")
    return git_repo


@pytest.fixture
def first(run: Run, committed: Path) -> Path:
    assert release(run, committed, "--no-input").exit_code == 0
    return committed


def test_the_first_release_in_a_repository_with_no_tags(run: Run, committed: Path) -> None:
    before = (committed / PLAYBOOK).read_text(encoding="utf-8")
    result = release(run, committed, "--no-input")
    assert result.exit_code == 0, result.output
    repo = git.Repo(committed)
    head = repo.head.commit
    assert result.output == (
        "Releasing demo 1.0.0, its first release.\n"
        f"Released demo 1.0.0: commit {head.hexsha[:7]}, tag demo/v1.0.0. Share it with `git push --follow-tags`; "
        "sites move up with `spread site upgrade`.\n")
    assert head.message == "Release demo 1.0.0\n\nFirst release.\n"
    tag = repo.tags["demo/v1.0.0"]
    assert tag.tag is not None and tag.tag.message == "Demo circles 1.0.0\n\nFirst release."  # annotated
    assert tag.commit == head
    # The version in the file is released as it is: only the archive and the changelog are new.
    assert sorted(head.stats.files) == ["playbooks/demo/CHANGELOG.md", "playbooks/demo/releases/1.0.0.yaml"]
    assert (committed / PLAYBOOK).read_text(encoding="utf-8") == before
    archived = (committed / "playbooks/demo/releases/1.0.0.yaml").read_text(encoding="utf-8")
    assert archived == before.replace("$schema=../../schemas", "$schema=../../../schemas")
    log = (committed / "playbooks/demo/CHANGELOG.md").read_text(encoding="utf-8")
    assert log.startswith("# Changelog: Demo circles\n")
    assert log.endswith(
        "## [1.0.0] - 2026-05-01\n\nFirst release.\n\n### Added\n\n- 2 core components (`peer-led`, `regular`), "
        "local components: `venue`, `name`, and a fidelity instrument of 2 items.\n")
    assert status(repo) == ""
    repo.close()


def test_a_too_small_bump_is_refused_with_the_reasons_then_the_right_one_succeeds(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery]")
    edit(first, "title: Led by peers", "title: Led by trained peers")
    commit(first)
    before = state(first)
    result = release(run, first, "--minor", "--no-input")
    assert result.exit_code == 1
    assert result.output == (
        "  needs major: Local component `venue` (Where circles meet): `online` is no longer allowed. "
        "[local-option-removed]\n"
        "Error: a minor release (1.0.0 to 1.1.0) is too small for the changes listed above, which need a major "
        "release (2.0.0): release with --major, or leave out the flag to get the release the changes need\n")
    assert state(first) == before

    playbook_before = (first / PLAYBOOK).read_text(encoding="utf-8")
    result = release(run, first, "--yes", "--summary", "Online circles end; peers are trained.")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "Releasing demo 2.0.0, a major release after 1.0.0, for these changes:",
        "  patch  Core component `peer-led` (Led by trained peers): new wording for the title. [core-wording]",
        "  major  Local component `venue` (Where circles meet): `online` is no longer allowed. [local-option-removed]"]
    # Only the version line changed; the modeline and the comment are kept.
    assert (first / PLAYBOOK).read_text(encoding="utf-8") == playbook_before.replace("version: 1.0.0", "version: 2.0.0")
    assert (first / "playbooks/demo/releases/2.0.0.yaml").is_file()
    assert (first / "playbooks/demo/releases/1.0.0.yaml").is_file()
    log = (first / "playbooks/demo/CHANGELOG.md").read_text(encoding="utf-8")
    assert log.index("## [2.0.0] - 2026-05-01") < log.index("## [1.0.0] - 2026-05-01")
    assert ("## [2.0.0] - 2026-05-01\n\nOnline circles end; peers are trained.\n\n### Changed\n\n"
            "- Core component `peer-led` (Led by trained peers): new wording for the title.\n\n### Removed\n\n"
            "- Local component `venue` (Where circles meet): `online` is no longer allowed.\n\n## [1.0.0]") in log
    repo = git.Repo(first)
    assert repo.tags["demo/v2.0.0"].commit == repo.head.commit
    assert status(repo) == ""
    repo.close()
    assert run("check", "--repo", first).output == "No problems found.\n"


def test_a_bigger_bump_than_needed_is_allowed(run: Run, first: Path) -> None:
    edit(first, "title: Led by peers", "title: Led by trained peers")
    commit(first)
    assert release(run, first, "--major", "--no-input").exit_code == 0
    assert "version: 2.0.0" in (first / PLAYBOOK).read_text(encoding="utf-8")


def test_a_version_set_by_hand_is_released_if_it_is_big_enough(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    edit(first, "version: 1.0.0", "version: 1.0.1")
    commit(first)
    result = release(run, first, "--no-input")
    assert result.exit_code == 1
    assert result.output == (
        "  needs minor: Local component `venue` (Where circles meet): new option `pub`. [local-option-added]\n"
        "Error: a patch release (1.0.0 to 1.0.1) is too small for the changes listed above, which need a minor "
        "release (1.1.0): set `version: 1.1.0` in playbooks/demo/playbook.yaml, or set it back to 1.0.0 and let "
        "Spread choose\n")
    edit(first, "version: 1.0.1", "version: 1.1.0")
    commit(first)
    result = release(run, first, "--no-input")
    assert result.output.startswith("Releasing demo 1.1.0, a minor release after 1.0.0, for these changes:\n")
    assert "demo/v1.1.0" in [t.name for t in git.Repo(first).tags]


def test_a_dirty_playbook_folder_is_refused_with_nothing_changed(run: Run, first: Path) -> None:
    edit(first, "title: Led by peers", "title: Led by trained peers")
    write(first / "playbooks/demo/notes.md", "Ideas for 2.0\n")
    before = state(first)
    result = release(run, first, "--no-input")
    assert result.exit_code == 1
    assert result.output == (
        "Error: playbooks/demo/ has changes that are not committed (playbooks/demo/notes.md, "
        "playbooks/demo/playbook.yaml): commit them first (`git add playbooks/demo && git commit`), so the release "
        "is made from what is in git. Nothing was changed.\n")
    assert state(first) == before


def test_nothing_to_release(run: Run, first: Path) -> None:
    result = release(run, first, "--no-input")
    assert result.output == ("Error: nothing in playbooks/demo/playbook.yaml has changed since version 1.0.0: there "
                             "is nothing to release\n")


def test_a_folder_that_is_not_a_git_repository(run: Run, demo: Path) -> None:
    result = release(run, demo, "--no-input")
    assert result.exit_code == 1
    assert result.output == (f"Error: {demo.resolve()} is not in a git repository, and releases are git commits and "
                             "tags: run `git init`, commit your files, then release\n")


def test_a_first_release_cannot_be_bumped(run: Run, committed: Path) -> None:
    result = release(run, committed, "--minor", "--no-input")
    assert result.exit_code == 2
    assert result.output.endswith("Error: `demo` has never been released, so there is nothing to bump from: leave out "
                                  "--minor to release version 1.0.0, as playbooks/demo/playbook.yaml says\n")


def test_problems_in_the_playbook_stop_the_release(run: Run, committed: Path) -> None:
    edit(committed, "default: library", "default: pub")
    commit(committed)
    before = state(committed)
    result = release(run, committed, "--no-input")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: 1 problem in playbooks/demo/ (listed above): fix them before releasing. Nothing was changed.")
    assert "[local-default-not-option]" in result.output
    assert state(committed) == before


def test_a_failing_tag_undoes_the_commit_and_every_file(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    # A tag one level below the new tag's name makes git refuse to create the new one, after the commit.
    git.Repo(first).git.tag("demo/v1.1.0/blocker")
    before = state(first)
    result = release(run, first, "--no-input")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("Error: git could not create the tag demo/v1.1.0 (")
    assert state(first) == before
    assert not (first / "playbooks/demo/releases/1.1.0.yaml").exists()


def test_a_failing_commit_puts_every_file_back(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    hook = first / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'no releases on Fridays' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    before = state(first)
    result = release(run, first, "--no-input")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: git could not make the commit (no releases on Fridays)"
    assert state(first) == before


def test_asks_for_the_summary_and_a_confirmation(run: Run, first: Path) -> None:
    edit(first, "summary: A small programme used in tests.", "summary: Small circles.")
    commit(first)
    before = state(first)
    result = release(run, first, input="\nn\n")
    assert result.exit_code == 0  # "no" is an answer, not a failure
    assert "Summary for the changelog [A patch release: clearer wording; nothing changes for sites.]: " in result.output
    assert result.stderr == "Nothing was changed.\n"
    assert state(first) == before
    no_one_there = release(run, first, input="")
    assert no_one_there.exit_code == 1 and "Aborted" not in no_one_there.output
    assert no_one_there.stderr.endswith("to release without questions (in a script or CI), add --no-input, or "
                                        "--summary \"…\" --yes\n")
    assert state(first) == before
    result = release(run, first, input="Tighter summary.\n\n")
    assert result.exit_code == 0, result.output
    log = (first / "playbooks/demo/CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [1.0.1] - 2026-05-01\n\nTighter summary.\n" in log


def test_a_changelog_entry_written_ahead_is_kept(run: Run, first: Path) -> None:
    log = first / "playbooks/demo/CHANGELOG.md"
    written = log.read_text(encoding="utf-8").replace("## [1.0.0]", "## [1.0.1] - 2026-05-01\n\nOur words.\n\n"
                                                                      "## [1.0.0]")
    log.write_text(written, encoding="utf-8")
    edit(first, "summary: A small programme used in tests.", "summary: Small circles.")
    commit(first)
    result = release(run, first, "--no-input")
    assert result.exit_code == 0, result.output
    assert "playbooks/demo/CHANGELOG.md already has an entry for 1.0.1: it is kept as you wrote it.\n" in result.output
    assert log.read_text(encoding="utf-8") == written


EXAMPLE_PLAYBOOKS = sorted(p.parent.name for p in (REPO / "playbooks").glob("*/playbook.yaml"))


def test_the_example_network_is_fully_released() -> None:
    """Every version a site runs or CHANGELOG names is archived, and the newest archive is the working file."""
    assert len(EXAMPLE_PLAYBOOKS) == 9
    for pid in EXAMPLE_PLAYBOOKS:
        folder = REPO / "playbooks" / pid
        working = (folder / "playbook.yaml").read_text(encoding="utf-8")
        version = re.search(r"^version: (\S+)$", working, re.MULTILINE).group(1)  # type: ignore[union-attr]
        archived = {p.stem for p in (folder / "releases").glob("*.yaml")}
        logged = set(re.findall(r"^## \[([^]]+)\]", (folder / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE))
        assert archived == logged and version in archived, pid
        released = (folder / "releases" / f"{version}.yaml").read_text(encoding="utf-8")
        assert released.replace("../../../schemas/", "../../schemas/") == working, pid
        for site in (REPO / "fidelity" / pid).glob("*/site.yaml"):
            pinned = re.search(r"^  version: ([^\s#]+)", site.read_text(encoding="utf-8"), re.MULTILINE)
            assert pinned is not None and pinned.group(1) in archived, site


@pytest.mark.parametrize("pid", EXAMPLE_PLAYBOOKS)
def test_a_fresh_clone_without_tags_diffs_and_releases_every_example_playbook(run: Run, example: Path,
                                                                              pid: str) -> None:
    repo = git.Repo.init(example, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "The example network")
    path = example / "playbooks" / pid / "playbook.yaml"
    version = re.search(r"^version: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)  # type: ignore[union-attr]
    diff = run("playbook", "diff", pid, "--repo", example)
    assert diff.exit_code == 0 and diff.output == f"No changes between {version} and the working file ({version}).\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsummary: >-\n  ", "\nsummary: >-\n  In short: ", 1), encoding="utf-8")
    repo.git.commit("-am", "Clearer summary")
    major, minor, patch = version.split(".")
    bumped = f"{major}.{minor}.{int(patch) + 1}"
    result = run("playbook", "release", pid, "--summary", "A clearer summary.", "--no-input", "--today", "2026-11-20",
                 "--repo", example)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Releasing {pid} {bumped}, a patch release after {version}")
    assert [t.name for t in repo.tags] == [f"{pid}/v{bumped}"]
    assert (example / "playbooks" / pid / "releases" / f"{bumped}.yaml").is_file()
    log = (example / "playbooks" / pid / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{bumped}] - 2026-11-20" in log and "A clearer summary." in log
    assert log.index(f"## [{bumped}]") < log.index(f"## [{version}]")
    repo.close()


# A summary is one line of the changelog: whatever it holds, it never adds a heading, a list or a code block.
HOSTILE = [
    ("Pubs too.\n\n## [9.9.9] - 2026-01-01\n\n- a fake change", "Pubs too. ## [9.9.9] - 2026-01-01 - a fake change"),
    ("## [9.9.9] - 2026-01-01", "\\## [9.9.9] - 2026-01-01"),
    ("#9.9.9", "\\#9.9.9"),
    ("  - a list item", "\\- a list item"),
    ("* another", "\\* another"),
    ("+ and another", "\\+ and another"),
    ("1. first", "1\\. first"),
    ("2026) was good", "2026\\) was good"),
    ("```js", "\\```js"),
    ("~~~", "&#126;~~"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)</script>"),
    ("> a quote", "\\> a quote"),
    ("[x]: https://example.org", "\\[x]: https://example.org"),
    ("!!! danger", "\\!!! danger"),
    ("??? note", "&#63;?? note"),
    ("---", "\\---"),
    ("___", "\\___"),
    ("| a | b |", "&#124; a | b |"),
    (": a definition", "&#58; a definition"),
    ("===", "&#61;=="),
    ("{: .big }", "\\{: .big }"),
    ('--8<-- "/etc/passwd"', '\\--8<-- "/etc/passwd"'),
    ("a\r\nb\tc\u2028d\x85e\x0bf", "a b c d e f"),
    ("Plain words, kept as they are: *emphasis* and `code`.", "Plain words, kept as they are: *emphasis* and `code`."),
]


@pytest.mark.parametrize(("summary", "line"), HOSTILE)
def test_a_summary_becomes_one_line_of_prose(summary: str, line: str) -> None:
    import markdown

    assert one_line(summary) == line
    page = markdown.markdown(f"## [1.1.0] - 2026-05-01\n\n{one_line(summary)}\n", extensions=[
        "tables", "admonition", "attr_list", "md_in_html", "def_list", "footnotes", "abbr", "pymdownx.details",
        "pymdownx.superfences"])
    assert page.count("<h") == 1 and page.count("<p>") == 1
    assert not re.search(r"<(li|ol|ul|pre|code class|blockquote|hr|table|dl|div|details|script)\b", page)


def test_control_characters_are_found() -> None:
    assert control_character("Tabs\tand\nline breaks\r\u2028are fine, so are emoji 👩‍💻 and é") is None
    assert control_character("\x1b]0;pwned\x07") == "U+001B"
    assert control_character("bell\x07") == "U+0007"
    assert control_character("csi\x9b") == "U+009B"
    assert control_character("abc\u202edcba") == "U+202E"
    assert control_character("isolate\u2066") == "U+2066"


def test_a_summary_cannot_fake_a_release_heading(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    result = release(run, first, "--yes", "--summary", "## [1.2.0] - 2026-05-01\n\nA fake entry for 1.2.0.\n\n- x")
    assert result.exit_code == 0, result.output
    log = first / "playbooks/demo/CHANGELOG.md"
    assert "## [1.1.0] - 2026-05-01\n\n\\## [1.2.0] - 2026-05-01 A fake entry for 1.2.0. - x\n\n### Added\n" in \
        log.read_text(encoding="utf-8")
    assert git.Repo(first).head.commit.message == ("Release demo 1.1.0\n\n## [1.2.0] - 2026-05-01 A fake entry for "
                                                   "1.2.0. - x\n")
    # The next release is 1.2.0: the fake heading is not taken for an entry written ahead.
    edit(first, "options: [library, gp-surgery, online, pub]", "options: [library, gp-surgery, online, pub, park]")
    commit(first)
    result = release(run, first, "--yes", "--summary", "Parks.")
    assert result.exit_code == 0, result.output
    assert "already has an entry" not in result.output
    headings = re.findall(r"^#.*$", log.read_text(encoding="utf-8"), re.MULTILINE)
    assert headings == ["# Changelog: Demo circles", "## [1.2.0] - 2026-05-01", "### Added", "## [1.1.0] - 2026-05-01",
                        "### Added", "## [1.0.0] - 2026-05-01", "### Added"]


@pytest.mark.parametrize(("summary", "code"), [("Pubs\x1b]0;pwned\x07", "U+001B"), ("Pubs \u202etoo", "U+202E")])
def test_a_summary_with_a_control_character_is_refused(run: Run, first: Path, summary: str, code: str) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    before = state(first)
    result = release(run, first, "--yes", "--summary", summary)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"Error: Invalid value for '--summary': the summary holds the control "
                                              f"character {code}: write it as plain text")
    assert state(first) == before


def test_a_typed_summary_with_a_control_character_is_asked_again(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    result = release(run, first, input="Pubs\x1b[2J\nPubs,\t  too.\n\n")
    assert result.exit_code == 0, result.output
    assert "Error: the summary holds the control character U+001B: write it as plain text\n" in result.output
    assert "## [1.1.0] - 2026-05-01\n\nPubs, too.\n" in (first / "playbooks/demo/CHANGELOG.md").read_text(encoding="utf-8")


def test_a_blank_summary_gets_the_default(run: Run, first: Path) -> None:
    edit(first, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
    commit(first)
    assert release(run, first, "--yes", "--summary", " \n ").exit_code == 0
    assert "## [1.1.0] - 2026-05-01\n\nA minor release: sites have more room" in \
        (first / "playbooks/demo/CHANGELOG.md").read_text(encoding="utf-8")
