"""`spread check --format github`: GitHub Actions workflow commands, one per problem, safely escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Run
from spread.check.reporters import github
from spread.errors import Problem

COMMAND = re.compile(r"^::(error|warning) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$")


def test_a_bad_audit_becomes_one_error_command_on_its_line(run: Run, demo: Path) -> None:
    audit = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    audit.write_text(audit.read_text().replace("review: self", "review: selfish"))
    result = run("check", "--format", "github", "--repo", demo)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        ("::error file=fidelity/demo/leeds/audits/2026-Q2.yaml,line=4,col=9,title=schema-enum::"
         "`review` cannot be \"selfish\": did you mean `self`?"),
    ]
    assert "1 error in 1 file." in result.stderr


def test_warnings_become_warning_commands(run: Run, demo: Path) -> None:
    audit = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    audit.write_text(audit.read_text() + "actions:\n  - {item: nope, action: Train two more peers.}\n")
    result = run("check", "--format", "github", "--repo", demo)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        ("::warning file=fidelity/demo/leeds/audits/2026-Q2.yaml,line=10,col=12,title=audit-action-item-unknown::"
         "the action is about `nope`, which is not an item of this audit: use an item id"),
    ]


def test_a_clean_repository_prints_no_commands(run: Run, demo: Path) -> None:
    result = run("check", "--format", "github", "--repo", demo)
    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize(("path", "rule", "shown_path", "shown_rule"), [
    ("fidelity/a,b/site.yaml", "schema-enum", "fidelity/a%2Cb/site.yaml", "schema-enum"),
    ("C:/odd:name.yaml", "rule:x,y", "C%3A/odd%3Aname.yaml", "rule%3Ax%2Cy"),
    ("100%/site.yaml", "r%", "100%25/site.yaml", "r%25"),
    ("line\nbreak.yaml", "r", "line%0Abreak.yaml", "r"),
])
def test_properties_escape_percent_newlines_colons_and_commas(
    capsys: pytest.CaptureFixture[str], path: str, rule: str, shown_path: str, shown_rule: str
) -> None:
    github([Problem(path, 3, 7, "error", "plain message", rule)])
    line = capsys.readouterr().out.rstrip("\n")
    assert line == f"::error file={shown_path},line=3,col=7,title={shown_rule}::plain message"
    assert COMMAND.match(line)


def test_the_message_escapes_percent_and_line_breaks_but_keeps_colons_and_commas(
    capsys: pytest.CaptureFixture[str]
) -> None:
    github([Problem("a.yaml", 1, 1, "warning", "50% done:\nsee below, then\r\nfix it", "r")])
    out = capsys.readouterr().out
    assert out == "::warning file=a.yaml,line=1,col=1,title=r::50%25 done:%0Asee below, then%0D%0Afix it\n"
