"""Terminal output never carries control sequences from users' files: every command's text, prompts and error
lines show them escaped (`\\x1b`, `\\u202e`), JSON stays valid and decodes to the text in the file, CSV and
the GitHub format carry no raw escape. Run as click runs on a terminal (colour kept, nothing stripped) and
as it runs in a pipe."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, Run, write
from spread.cli import cli
from spread.terminal import SafeStream, printable

# Retitle the window, plant a hyperlink, clear the screen, a C1 CSI, a right-to-left override.
HOSTILE = "\x1b]0;pwned\x07 \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[2J \x9b31m \u202eevil"
HOSTILE_YAML = '"\\e]0;pwned\\a \\e]8;;http://x\\alink\\e]8;;\\a \\e[2J \\x9b31m \\u202eevil"'
SHOWN = "\\x1b]0;pwned\\x07 \\x1b]8;;http://x\\x07link\\x1b]8;;\\x07 \\x1b[2J \\u009b31m \\u202eevil"
# Everything a terminal acts on: C0 but tab and newline, DEL, C1, bidi overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TODAY = "2026-11-20"


def on_a_terminal(*args: str | Path, input: str | None = None) -> Result:
    """As on a terminal: click strips nothing, so only Spread stands between a file and the screen."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, color=True, catch_exceptions=False)


def clean(result: Result) -> str:
    """Everything the command printed, once checked to hold no raw control character."""
    both = result.stdout + result.stderr
    assert not RAW.findall(both), RAW.findall(both)
    return both


@pytest.fixture
def hostile(demo: Path) -> Path:
    """The demo repository with the hostile text in a playbook's titles and guidance, a site's name and reason,
    and an audit's evidence and reason for not rating."""
    playbook = MINIMAL_PLAYBOOK.replace("title: Led by peers", f"title: {HOSTILE_YAML}")
    playbook = playbook.replace("title: Where circles meet", f"title: {HOSTILE_YAML}\n    guidance: {HOSTILE_YAML}")
    playbook = playbook.replace("prohibited: [paid venues]", f"prohibited: [{HOSTILE_YAML}]")
    write(demo / "playbooks/demo/playbook.yaml", playbook)
    site = MINIMAL_SITE.replace("name: Demo Leeds", f"name: {HOSTILE_YAML}")
    write(demo / "fidelity/demo/leeds/site.yaml", site.replace("reason: Central and free.", f"reason: {HOSTILE_YAML}"))
    audit = MINIMAL_AUDIT.replace("evidence: Rota shows peers led all 12 circles.", f"evidence: {HOSTILE_YAML}")
    write(demo / "fidelity/demo/leeds/audits/2026-Q2.yaml", audit)
    audit = audit.replace("2026-Q2", "2026-Q3").replace("2026-07-10", "2026-10-10")
    audit = audit.replace("{level: developmental, evidence: Met monthly in the summer.}", f"{{not_rated: {HOSTILE_YAML}}}")
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", audit)
    return demo


def test_printable_escapes_what_a_terminal_obeys_and_keeps_the_rest() -> None:
    assert printable(HOSTILE) == SHOWN
    assert printable("tab\there\nnext line\r\nWindows line, ünïcödé, 中文, עברית, 🙂") == (
        "tab\there\nnext line\r\nWindows line, ünïcödé, 中文, עברית, 🙂")
    assert printable("a\rb\x00c\x7fd\u2066e\u2069") == "a\\x0db\\x00c\\u007fd\\u2066e\\u2069"
    assert printable("one\nline\r\n", newlines=False) == "one\\x0aline\\x0d\\x0a"
    assert json.loads(json.dumps(printable("\x9b\u202e\x7f"))) == "\\u009b\\u202e\\u007f"


def expected(text: str, newlines: bool) -> str:
    """The rule, character by character: what `printable` must do, however quickly it does it."""
    out = []
    for i, char in enumerate(text):
        code = ord(char)
        kept = char == "\t" or (newlines and (char == "\n" or (char == "\r" and text[i + 1:i + 2] == "\n")))
        unsafe = code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069
        out.append(char if kept or not unsafe else f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}")
    return "".join(out)


def test_printable_follows_the_rule_on_any_mix_of_characters() -> None:
    tricky = ["a", "é", "→", "\n", "\r", "\r\n", "\t", "\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\u202e",
              "\u2066", "\u00a0", "\ufeff", "\u200b", "\u2028", "中", "🙂"]
    draw = random.Random(12)
    for _ in range(20_000):
        text = "".join(draw.choice(tricky) for _ in range(draw.randint(0, 8)))
        for newlines in (True, False):
            assert printable(text, newlines=newlines) == expected(text, newlines), (text, newlines)
    big = "→ · – plain report text\r\n" * 50_000  # large output takes a quicker path: the same result
    assert printable(big) == big and printable(big + "\x1b") == big + "\\x1b"


def test_the_guard_escapes_text_and_bytes_and_passes_on_what_it_wraps() -> None:
    class Screen(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Screen()
    guard = SafeStream(screen)
    assert guard.write(HOSTILE) == len(HOSTILE)
    guard.buffer.write(HOSTILE.encode())
    assert screen.getvalue() == SHOWN * 2
    assert guard.isatty()
    with pytest.raises(TypeError):  # how click tells a text stream from a binary one
        guard.write(b"")  # type: ignore[arg-type]


def test_check_shows_a_hostile_yaml_key_escaped_on_one_line(demo: Path) -> None:
    site = demo / "fidelity/demo/leeds/site.yaml"
    text = site.read_text().replace("type: social-enterprise}", 'type: social-enterprise, "two\\nlines\\x9b": 2}')
    site.write_text(text + f"{HOSTILE_YAML}: 1\n")
    result = on_a_terminal("check", "--repo", demo)
    assert result.exit_code == 1
    lines = clean(result).splitlines()
    assert lines[0].startswith("fidelity/demo/leeds/site.yaml:4:58: error: `two\\x0alines\\u009b` is not a field")
    assert lines[1] == (f"fidelity/demo/leeds/site.yaml:12:1: error: `{SHOWN}` is not a field Spread knows here: "
                        "the fields allowed here are: adaptations, area, choices, contact, host, id, name, notes, "
                        "pair, playbook, principles, publish, regulator_ratings, retired, stage, started, upgrades "
                        "[schema-additionalProperties]")


def test_check_in_json_and_for_github_carries_no_raw_control_and_json_decodes_to_the_key(run: Run, demo: Path) -> None:
    site = demo / "fidelity/demo/leeds/site.yaml"
    site.write_text(site.read_text() + f"{HOSTILE_YAML}: 1\n")
    data = json.loads(clean(result := run("check", "--repo", demo, "--format", "json")) and result.stdout)
    assert data["problems"][0]["message"].startswith(f"`{HOSTILE}` is not a field")
    github = clean(on_a_terminal("check", "--repo", demo, "--format", "github"))
    assert f"::error file=fidelity/demo/leeds/site.yaml,line=12,col=1,title=schema-additionalProperties::`{SHOWN}`" \
        in github


def test_report_text_json_and_csv(run: Run, hostile: Path) -> None:
    text = clean(on_a_terminal("report", "--repo", hostile, "--today", TODAY))
    assert f"why: {SHOWN}" in text
    piped = run("report", "--repo", hostile, "--today", TODAY, "--format", "json")
    reasons = json.loads(clean(piped))["playbooks"][0]["adaptations"][0]["choices"][0]["reasons"]
    assert reasons == [HOSTILE]
    table = clean(on_a_terminal("report", "--repo", hostile, "--today", TODAY, "--format", "csv"))
    header, row = csv.reader(io.StringIO(table.removeprefix("\ufeff")))
    assert dict(zip(header, row))["name"] == SHOWN


def test_audit_score_and_its_explanation(run: Run, hostile: Path) -> None:
    result = on_a_terminal("audit", "score", "demo/leeds", "--repo", hostile, "--explain")
    shown = clean(result)
    assert f"Not rated\n  Meets regularly: {SHOWN}\n" in shown
    assert f"regular ({SHOWN})" in shown  # the explanation's list of unrated items
    data = json.loads(clean(run("audit", "score", "demo/leeds", "--repo", hostile, "--format", "json")))
    assert [(item["title"], item["not_rated"]) for item in data["items"]] == [(HOSTILE, None),
                                                                              ("Meets regularly", HOSTILE)]


def test_the_site_new_form_shows_the_playbook_text_escaped(hostile: Path) -> None:
    typed = "York Circles\nYork CVS\n\n\n\n1\nYork Circle\nThe members chose it.\n\n"
    result = on_a_terminal("site", "new", "demo", "york", "--repo", hostile, "--today", TODAY, input=typed)
    shown = clean(result)
    assert result.exit_code == 0, shown
    assert f"[1 of 2] {SHOWN} (venue)" in shown
    assert f"  Not allowed: {SHOWN}" in shown


def test_the_interactive_audit_shows_the_items_escaped(hostile: Path) -> None:
    typed = "expected\nRota.\n\ndevelopmental\n\n\n\n\n\n\n\n"
    result = on_a_terminal("audit", "new", "demo/leeds", "--repo", hostile, "--period", "2026-Q1", "--interactive",
                           "--today", TODAY, input=typed)
    shown = clean(result)
    assert result.exit_code == 0, shown
    assert f"[1 of 2] peer-led · {SHOWN}" in shown


def test_playbook_diff_shows_changed_titles_escaped(hostile: Path) -> None:
    released = hostile / "playbooks/demo/releases/1.0.0.yaml"
    write(released, MINIMAL_PLAYBOOK)
    result = on_a_terminal("playbook", "diff", "demo", "1.0.0", "working", "--repo", hostile)
    assert SHOWN in clean(result)
    assert result.exit_code == 0


def test_error_lines_show_a_hostile_argument_escaped_on_one_line(demo: Path) -> None:
    result = on_a_terminal("audit", "score", f"demo/{HOSTILE}\nsecond line", "--repo", demo)
    assert result.exit_code == 2
    assert f"demo/{SHOWN}\\x0asecond line is not an audit file or a site" in clean(result)


def test_an_unexpected_problem_is_one_escaped_line(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError(f"{HOSTILE}\nmore")

    monkeypatch.setattr("spread.commands.report.network_summary", broken)
    result = on_a_terminal("report", "--repo", demo)
    assert result.exit_code == 3
    assert clean(result) == (f"Error: Spread hit an unexpected problem (RuntimeError: {SHOWN}\\x0amore). Please "
                             "report it; run again with --traceback for the details.\n")
