"""The README's walk-throughs are the test: every ```bash block, in order, word for word, on a fresh clone.

The README marks its code blocks by the fence's info string, which readers do not see:
  ```bash   commands this test runs, in order, in a fresh clone of this repository (with a remote to push to);
            each `## ` section starts in the clone's top folder, as a new terminal would
  ```shell  commands shown but not run here (the test suite itself, shell start-up lines, 20-minute benchmarks)
  ```yaml   examples: an answers file the text names is written where the reader would write it; every other
            YAML example is checked against what Spread reads or writes
  ```text   output, shown as it appears
`spread …` runs in-process through the real command line, `git …` for real. Steps that install Spread
(`python3 -m venv`, `. .venv/bin/activate`, `pip install`, `npm ci`) are what this test's environment already
did. What the prose asks the reader to do between two blocks (edit a playbook, rate the audit) is done by
`BEFORE` and `AFTER`, keyed by a command of the block; a README that no longer has that command fails here.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import REPO, Run, copy_example
from spread.adopt.answers import read_answers
from spread.model.schemas import schema
from spread.network.repo import load_network
from test_commands_alike import commands as every_command

FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
INSTALLING = (("python3", "-m", "venv"), (".", ".venv/bin/activate"), ("pip", "install"), ("npm", "ci"))
# What the reader types at the questions of a command the README runs: Enter takes the summary offered, Enter says yes.
TYPED = {"spread playbook release peer-diabetes": "\n\n"}


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    section: str
    before: str  # the prose between the previous block and this one


def blocks(readme: str) -> list[Block]:
    found, section, end = [], "", 0
    for match in FENCE.finditer(readme):
        prose = readme[end:match.start()]
        headings = re.findall(r"^## (.+)$", prose, re.MULTILINE)
        section = headings[-1] if headings else section
        found.append(Block(match.group(1), match.group(2), section, prose))
        end = match.end()
    return found


def yaml_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}"
    return done.stdout


def fresh_clone(tmp: Path) -> Path:
    """What `git clone` gives a newcomer: every file this repository tracks, and a remote to push to."""
    source = tmp / "source"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout:
        for name in tracked.stdout.split("\0"):
            if name and (REPO / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, source / name)
    else:  # not a git checkout (an unpacked release): the example network and the README are what the test needs
        copy_example(source)
        shutil.copy(REPO / "README.md", source / "README.md")
    git(tmp, "init", "-q", "--bare", "-b", "main", "origin.git")
    git(source, "init", "-q", "-b", "main")
    git(source, "add", ".")
    git(source, "commit", "-q", "-m", "The example network")
    git(source, "push", "-q", str(tmp / "origin.git"), "main")
    git(tmp, "clone", "-q", str(tmp / "origin.git"), "clone")
    return tmp / "clone"


def reword_rhythm(clone: Path, _run: Run) -> None:
    """"say by rewording the guidance of `rhythm` in playbooks/peer-diabetes/playbook.yaml"."""
    path = clone / "playbooks/peer-diabetes/playbook.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: rhythm")
    at = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("guidance:"))
    at += 1 if lines[at].rstrip().endswith((">-", ">", "|", "|-")) else 0
    lines[at] += " Agree the rhythm with the members."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rate_the_audit(clone: Path, run: Run) -> None:
    """Until every item is rated, `spread check` lists each one as the README shows; then the reader rates them."""
    (audit,) = (clone / "fidelity/code-club/leeds-north/audits").glob("*.yaml")
    result = run("check", "fidelity/code-club/leeds-north", cwd=clone)
    assert result.exit_code == 1
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"^fidelity/code-club/leeds-north/audits/.*\[audit-unrated\]$", readme, re.MULTILINE)
    assert re.sub(r"\d{4}(-Q\d)?\.yaml", audit.name, shown) in result.stdout.splitlines()
    text = audit.read_text(encoding="utf-8")
    text = re.sub(r"^completed:.*$", f"completed: {date.today().isoformat()}", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s+)level:.*$", r"\1level: expected", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s+)evidence:.*$", r"\1evidence: The session register and the volunteers' records.", text,
                  flags=re.MULTILINE)
    audit.write_text(text, encoding="utf-8")
    result = run("check", "fidelity/code-club/leeds-north", cwd=clone)
    assert result.exit_code == 0, result.output


def receive_the_audit(clone: Path, _run: Run) -> None:
    """The central team saves the audit Leeds North emailed: the one it committed, sent again."""
    (audit,) = (clone / "fidelity/code-club/leeds-north/audits").glob("*.yaml")
    (clone / "leeds-north-2025.yaml").write_bytes(audit.read_bytes())


Hook = Callable[[Path, Run], None]
BEFORE: dict[str, Hook] = {"git commit -m \"peer-diabetes: clearer guidance on how often circles meet\" "
                           "playbooks/peer-diabetes/playbook.yaml": reword_rhythm,
                           "spread audit import leeds-north-2025.yaml code-club/leeds-north --force": receive_the_audit}
AFTER: dict[str, Hook] = {"spread audit new code-club/leeds-north": rate_the_audit}


def commands(block: Block) -> list[tuple[str, list[list[str]]]]:
    """Each line of a block (without its comment), and the commands `&&` joins on it."""
    found = []
    for line in block.text.splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        steps: list[list[str]] = [[]]
        for word in words:
            if word == "&&":
                steps.append([])
            else:
                steps[-1].append(word)
        typed = line.split(" #", 1)[0].strip()
        found.append((typed, steps))
    return found


def run_step(step: list[str], typed: str, cwd: Path, run: Run) -> Path:
    """Run one command as the reader would; returns the folder the next command runs in."""
    if any(tuple(step[: len(start)]) == start for start in INSTALLING):
        return cwd
    if step[0] == "cd":
        return cwd / step[1]
    if step[0] == "git":
        git(cwd, *step[1:])
        return cwd
    assert step[0] == "spread", f"the README runs `{' '.join(step)}`, which this test cannot: mark the block ```shell"
    result = run(*step[1:], cwd=cwd, input=TYPED.get(typed))
    assert result.exit_code == 0, f"`{typed}` in {cwd} exited {result.exit_code}:\n{result.output}"
    return cwd


def check_yaml(block: Block, cwd: Path, clone: Path) -> None:
    """Write the answers file the prose names, or check an example against what Spread reads or writes."""
    data = yaml_load(block.text)
    named = re.findall(r"e\.g\. `([\w.-]+\.yaml)`", block.before)
    if named:
        (cwd / named[-1]).write_text(block.text, encoding="utf-8")
        pb = load_network(clone).playbooks["code-club"]
        assert read_answers(cwd / named[-1], pb)[1] == [], "the README's answers file has problems"
    elif isinstance(data, dict) and set(data) == {"prohibited"}:
        local = schema("playbook")["properties"]["local"]["items"]
        jsonschema.validate({"id": "name", "title": "Name", "free_text": True, **data}, local)
    elif isinstance(data, dict) and set(data) == {"reviews"}:
        as_read = json.loads(json.dumps(data))  # as Spread reads YAML: mapping keys are text (anchors' `1:`)
        jsonschema.validate(as_read, {**schema("playbook"), "required": []})
    elif isinstance(data, dict) and set(data) == {"figures", "voice"}:
        # Leeds's 2026-Q3 figures and survey answers, as its audit records them.
        audit = yaml_load((clone / "fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml").read_text(encoding="utf-8"))
        for part in ("figures", "voice"):
            assert {key: audit[part][key] for key in data[part]} == data[part], f"the README's {part} are not Leeds's"
    elif isinstance(data, dict) and "repos" in data:
        written = yaml_load((cwd / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
        assert data == written, "the README's pre-commit configuration is not the one `spread init` writes"
    else:
        pytest.fail(f"a YAML example in the README that this test does not check:\n{block.text}")


@pytest.mark.slow
def test_every_walk_through_works_as_written(run: Run, tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ran, hooked, cwd, section = [], set(), clone, ""
    for block in blocks(readme):
        if block.section != section:
            cwd, section = clone, block.section
        if block.kind == "yaml":
            check_yaml(block, cwd, clone)
            continue
        if block.kind != "bash":
            assert block.kind in ("shell", "text"), f"a README block without a known kind ({block.kind!r})"
            continue
        lines = commands(block)
        for typed, _ in lines:
            if typed in BEFORE:
                BEFORE[typed](cwd, run)
                hooked.add(typed)
        for typed, steps in lines:
            for step in steps:
                cwd = run_step(step, typed, cwd, run)
            ran.append(typed)
        for typed, _ in lines:
            if typed in AFTER:
                AFTER[typed](cwd, run)
                hooked.add(typed)
    assert hooked == {*BEFORE, *AFTER}, "the README no longer runs a command the test does the reader's part of"
    assert "spread site new code-club leeds-north --answers leeds-north.yaml --no-input" in ran
    # What the walk-throughs leave behind: the release pushed with its tag, the new site and its audit committed.
    assert re.search(r"refs/tags/peer-diabetes/v\d+\.\d+\.\d+", git(tmp_path / "origin.git", "show-ref", "--tags"))
    assert git(clone, "status", "--porcelain", "fidelity/code-club/leeds-north") == ""
    assert "Leeds North: self-audit" in git(clone, "log", "--format=%s", "-3")
    assert (clone / "our-handbook/site/index.html").is_file()


def test_only_site_new_s_help_holds_a_yaml_example(run: Run) -> None:
    # The next test reads that one: a YAML example in another command's help would go unchecked.
    with_yaml = [words for words, _ in every_command()
                 if re.search(r"^ {4,}[a-z_-]+:( |$)", run(*words, "--help").stdout, re.MULTILINE)]
    assert with_yaml == [("site", "new")]


def test_the_form_s_transcript_is_what_site_new_shows(run: Run, tmp_path: Path) -> None:
    """The README's sample of the `site new` form: each line it shows is a line the form prints, typed answers
    included (the form then stops, as the input ends before its last answer)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (sample,) = [b.text for b in blocks(readme) if b.kind == "text" and b.text.startswith("$ spread site new ")]
    lines = sample.splitlines()
    typed = [line.rsplit(": ", 1)[1] for line in lines if line.startswith("Your choice") and ": " in line]
    clone = copy_example(tmp_path / "handbook")
    args = shlex.split(lines[0])[2:]
    # Before the sample's first choice: the name, the host, then Enter for its kind, the area and the start date.
    result = run(*args, input="Leeds North Library Code Club\nLeeds Libraries\n\n\n\n" + "\n".join(typed) + "\n",
                 cwd=clone)
    assert result.exit_code == 1  # the input ended at the reason, which the sample leaves to the reader
    shown = result.stdout.splitlines()
    for line in lines[1:]:
        if line.strip() != "\u2026":
            assert any(out.rstrip() == line.rstrip() for out in shown), line


def test_every_yaml_example_in_the_help_is_read_as_it_says(run: Run, tmp_path: Path) -> None:
    shown = run("site", "new", "--help").stdout
    lines = shown.split("An answers file", 1)[1].splitlines()[1:]
    example = textwrap.dedent("\n".join(lines[: next(i for i, line in enumerate(lines) if not line.startswith("    "))]))
    assert yaml_load(example)["choices"], "the help's answers file has no choices"
    answers = tmp_path / "answers.yaml"
    answers.write_text(example, encoding="utf-8")
    clone = copy_example(tmp_path / "handbook")
    pb = load_network(clone).playbooks["code-club"]
    assert read_answers(answers, pb)[1] == []
    # The help says the reason of `session-time: weekend` is asked: without questions, --reason gives it.
    base = ("site", "new", "code-club", "leeds-north", "--answers", answers, "--set", "club-name=Code Club North",
            "--reason", "club-name=The children chose it.", "--no-input")
    result = run(*base, cwd=clone)
    assert result.exit_code == 1 and "a reason for choosing \"weekend\" for `session-time`" in result.stderr
    result = run(*base, "--reason", "session-time=Saturday mornings suit our volunteers.", cwd=clone)
    assert result.exit_code == 0, result.output
    site = (clone / "fidelity/code-club/leeds-north/site.yaml").read_text(encoding="utf-8")
    assert "    choice: weekend\n    reason: Saturday mornings suit our volunteers.\n" in site
    assert "    choice: library\n    reason: Sixteen computers, near many schools.\n" in site


def test_a_reason_on_the_command_line_names_a_local_component(run: Run, example: Path) -> None:
    result = run("site", "new", "code-club", "leeds-north", "--set", "setting=library", "--reason", "venue=Quiet",
                 cwd=example)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--reason': 'venue=Quiet' should be COMPONENT=REASON with "
                                  "a local component of `code-club` 1.0.0 (`setting`, `session-time`, `age-range`, "
                                  "`starting-point` or `club-name`)\n")
    result = run("site", "new", "code-club", "leeds-north", "--reason", "setting=  ", cwd=example)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--reason': 'setting=  ' gives no reason: write it as "
                                  "setting=\"…\" (in quotes)\n")
