"""The pure parts of `site new` and `audit new`: YAML text that reads back exactly, choices, answers, periods."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAYBOOK, write
from spread.adopt.answers import read_answers
from spread.adopt.audit_template import default_period, period_problem
from spread.model.build import playbook_from
from spread.model.choices import Refused, resolve
from spread.model.playbook import Playbook
from spread.yaml.document import Document
from spread.yaml.read import parse_document
from spread.yaml.render import field, modeline, scalar


def playbook(tmp_path: Path) -> Playbook:
    doc = parse_document(MINIMAL_PLAYBOOK.encode(), tmp_path / "playbook.yaml")
    assert isinstance(doc, Document)
    return playbook_from(doc)


@pytest.mark.parametrize("text", [
    "plain words", "yes", "No", "null", "~", "123", "1.5", "0x1F", "true", "- a list?", "a: b", "say # not a comment",
    "'quoted'", '"double"', "  padded ", "*alias", "&anchor", "!tag", "{a: 1}", "[1, 2]", "%percent", "@at", "`tick`",
    "tab\there", "line\nbreak", "back\\slash", "bell\x07", "sep\u2028arator", "émoji 🎉", "?", ":", "-", "|", ">",
    "2026-02-30 is not a date", "A " + "long reason that keeps going " * 8 + "and ends.", "long " * 30 + "# hash: colon",
])
def test_any_text_reads_back_exactly(text: str) -> None:
    for lines in (field("reason", text), field("reason", text, 4)):
        doc = parse_document("\n".join(lines).encode(), Path("t.yaml"))
        assert isinstance(doc, Document) and doc.data == {"reason": text}, lines


def test_plain_where_safe_and_long_text_folded() -> None:
    assert scalar("Central and free.") == "Central and free."
    assert scalar("yes") == '"yes"' and scalar("12") == '"12"' and scalar("a: b") == '"a: b"'
    assert scalar("2026-03-01") == "2026-03-01"  # Spread reads dates as text: they stay plain, as people write them
    assert field("reason", "word " * 30 + "end")[0] == "reason: >-"
    assert field("note", None, 2, "fill this in") == ["  note:  # fill this in"]


def test_modeline_is_relative_to_the_file(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert modeline(root / "fidelity/a/b", root, "site") == "# yaml-language-server: $schema=../../../schemas/site.schema.json"
    assert modeline(root / "fidelity/a/b/audits", root, "audit").endswith("=../../../../schemas/audit.schema.json")
    assert modeline(tmp_path / "elsewhere", root, "site").endswith("=../repo/schemas/site.schema.json")


def test_choices_by_number_id_label_or_words(tmp_path: Path) -> None:
    venue, name = playbook(tmp_path).local
    assert resolve(venue, "2", numbers=True) == "gp-surgery"
    assert resolve(venue, "online") == resolve(venue, "ONLINE") == "online"  # the label, whatever its case
    assert resolve(name, "  Circle   of Friends ") == "Circle of Friends"
    assert resolve(name, "7", numbers=True) == "7"  # free text only: a number is just words


@pytest.mark.parametrize(("component", "text", "message"), [
    (0, "pub", ("\"pub\" is not one of the options for `venue` (Where circles meet): choose `library`, `gp-surgery` or "
               "`online`")),
    (0, "Paid  venues", ("\"Paid venues\" is a prohibited variation of `venue` (Where circles meet): the playbook does "
                        "not allow it, so choose another way")),
    (0, "9", "there is no option 9: type a number from 1 to 3"),
    (1, "A name far too long to fit", ("that is 26 characters; the playbook allows at most 20 for `name`: say it more "
                                      "briefly")),
    (1, " ", "`name` needs a choice: describe your choice in words"),
])
def test_choices_refused_with_the_reason(tmp_path: Path, component: int, text: str, message: str) -> None:
    with pytest.raises(Refused) as refused:
        resolve(playbook(tmp_path).local[component], text, numbers=True)
    assert str(refused.value) == message


def test_answers_file_problems_name_the_line(tmp_path: Path) -> None:
    answers = write(tmp_path / "answers.yaml", """
        name: York Circles
        hots: {name: York CVS}
        started: 2026-02-30
        stage: planning
        choices:
          venue: {choice: pub, reason: Near the station.}
          peer-led: library
          venu: library
          name: {choice: Paid venues, because: fun}
    """)
    given, problems = read_answers(answers, playbook(tmp_path))
    shown = answers.as_posix()
    assert [str(p).replace(shown, "A") for p in problems] == [
        "A:2:1: error: `hots` is not something `spread site new` asks about: did you mean `host`? [answers-unknown]",
        ("A:3:10: error: `started` is 2026-02-30, which is not a real date: write it as YYYY-MM-DD, for example "
        "2026-03-01 [answers-date]"),
        ("A:4:8: error: `stage` cannot be `planning`: use `exploration`, `installation`, `initial-implementation`, "
        "`full-implementation`, `paused` or `closed` [answers-value]"),
        ("A:6:19: error: \"pub\" is not one of the options for `venue` (Where circles meet): choose `library`, "
        "`gp-surgery` or `online` [answers-choice]"),
        ("A:7:3: error: `peer-led` is a core component of `demo`: every site keeps it as the playbook says, so there "
        "is nothing to choose (record a change to it in site.yaml, under `adaptations`) [answers-core]"),
        "A:8:3: error: `venu` is not a local component of `demo` 1.0.0: did you mean `venue`? [answers-unknown]",
        "A:9:31: error: `because` is not a field of a local choice: use `choice` or `reason` [answers-unknown]",
    ]
    assert given.fields == {"name": "York Circles"} and given.reasons == {"venue": "Near the station."}
    assert given.choices == {"name": "Paid venues"}  # a prohibited variation of venue, but fine as a name


def test_answers_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    _, problems = read_answers(write(tmp_path / "a.yaml", "- name: x\n"), playbook(tmp_path))
    assert [p.rule for p in problems] == ["answers-text"]
    _, problems = read_answers(write(tmp_path / "b.yaml", "name: [x\n"), playbook(tmp_path))
    assert [p.rule for p in problems] == ["yaml-syntax"]


def test_default_period_is_the_last_one_ended() -> None:
    assert default_period("quarterly", date(2026, 10, 1)) == "2026-Q3"
    assert default_period("quarterly", date(2026, 9, 30)) == "2026-Q2"
    assert default_period("yearly", date(2026, 1, 5)) == "2025"
    assert default_period("monthly", date(2026, 1, 5)) == "2025-12"
    assert default_period("half-yearly", date(2026, 7, 1)) == "2026-H1"


def test_period_must_fit_the_playbook() -> None:
    assert period_problem("2026-Q4", "quarterly") is None
    assert period_problem("2026-H2", "quarterly") == ("2026-H2 is a half-yearly period, but this playbook's audits "
                                                      "are quarterly: use a period like 2026-Q3")
    assert period_problem("2026-Q5", "quarterly") == (
        "2026-Q5 is not a period: write a year with a quarter (2026-Q3), a half (2026-H2) or a month (2026-09), or a "
        "year alone (2026)")
