"""Reach, outcomes and participant voice worked out (`scoring.figures`, `scoring.voice`, `scoring.privacy`,
`report.outcomes`) and reported by `spread report` in text, JSON and CSV, on real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, Run
from spread.model.build import audit_from, playbook_from
from spread.model.measures import Figure
from spread.scoring.figures import figure_result
from spread.scoring.privacy import add_up
from spread.scoring.voice import component_voice, gap_words
from spread.yaml.document import Document
from test_measures_check import FIGURES, MEASURES

TODAY = "2026-11-15"
PB = playbook_from(Document(Path("p.yaml"), YAML(typ="safe").load(MINIMAL_PLAYBOOK + MEASURES)))


def audit(figures: str = FIGURES):  # type: ignore[no-untyped-def]
    return audit_from(Document(Path("a.yaml"), YAML(typ="safe").load(MINIMAL_AUDIT + figures)))


@pytest.mark.parametrize(("measure", "figure", "shown", "number", "met"), [
    ("people", Figure("people", count=24), "24 people", "24", None),
    ("people", Figure("people", count=4), "fewer than 5", None, None),
    ("people", Figure("people", count=0), "fewer than 5", None, None),
    ("sessions", Figure("sessions", count=3), "3 sessions", "3", None),  # not a count of people: never suppressed
    ("pam", Figure("pam", mean=58.5, n=20), "58.50 points (n = 20)", "58.50", False),
    ("pam", Figure("pam", mean=60, n=5), "60.00 points (n = 5)", "60.00", True),
    ("pam", Figure("pam", mean=59.996, n=9), "59.996 points (n = 9)", "59.996", False),  # never shown across the target
    ("pam", Figure("pam", mean=70, n=4), "fewer than 5", None, None),
    ("hba1c-fell", Figure("hba1c-fell", numerator=9, denominator=15), "9 of 15 people (60%)", "60", True),
    ("hba1c-fell", Figure("hba1c-fell", numerator=2, denominator=4), "fewer than 5", None, None),
])
def test_a_figure_as_published(measure: str, figure: Figure, shown: str, number: str | None, met: bool | None) -> None:
    m = PB.measure(measure)
    assert m is not None
    result = figure_result(PB, m, figure, "2026-Q2")
    assert (result.shown, result.number, result.met, result.suppressed) == (shown, number, met, number is None)
    if result.suppressed:  # nothing of the figure is kept to leak
        assert (result.n, result.numerator, result.denominator) == (None, None, None)


def test_lower_is_better_meets_a_target_from_below() -> None:
    lower = PB.measures[2].__class__(**{**PB.measures[2].__dict__, "better": "lower", "target": -3})
    assert figure_result(PB, lower, Figure("pam", mean=-3.5, n=10), "2026-Q2").met is True
    assert figure_result(PB, lower, Figure("pam", mean=-2, n=10), "2026-Q2").met is False


def test_totals_never_let_a_suppressed_part_be_worked_out() -> None:
    assert add_up([(20, False), (30, False)], 5).shown("people") == "50 people"
    assert add_up([(20, False), (3, True)], 5).shown("people") == "at least 20 people"
    assert add_up([(3, True)], 5).shown("people") == "fewer than 5"
    assert add_up([(3, True), (4, True)], 5).shown("people") == "7 people"  # two small groups, together not small
    assert add_up([(1, True), (2, True)], 5).shown() == "fewer than 5"


LEVELS = {"peer-led": "expected", "regular": "expected"}


def test_participants_beside_each_component_and_the_gap() -> None:
    found = component_voice(PB, audit(), LEVELS)
    assert [(v.component, v.shown, v.gap) for v in found] == [
        ("peer-led", "67% agree, 11% disagree (n = 18)", False), ("regular", "89% agree, 11% disagree (n = 18)", False)]
    turned = audit(FIGURES.replace("{agree: 16, disagree: 2}", "{agree: 8, disagree: 10}"))
    regular = component_voice(PB, turned, LEVELS)[1]
    assert (regular.gap, gap_words(regular)) == (True, "gap: the site rated itself expected on Meets regularly, but "
                                                       "56% of participants' answers disagree")
    # Half disagreeing is not most; a site that rated itself developmental has no gap to flag.
    half = audit(FIGURES.replace("{agree: 16, disagree: 2}", "{agree: 9, disagree: 9}"))
    assert component_voice(PB, half, LEVELS)[1].gap is False
    assert component_voice(PB, turned, {"regular": "developmental"})[1].gap is False


def test_fewer_than_five_answers_are_not_shown_nor_judged() -> None:
    small = audit(FIGURES.replace("V2: {n: 18, answers: {agree: 16, disagree: 2}}", "V2: {n: 4, answers: {disagree: 4}}"))
    regular = component_voice(PB, small, LEVELS)[1]
    assert (regular.shown, regular.gap, regular.agree, regular.n) == ("fewer than 5 answered", False, None, None)


def test_text_report_of_the_example_network(run: Run, example: Path) -> None:
    result = run("report", "peer-diabetes", "--repo", example, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert ("leeds Change in HbA1c at the annual review 2026-Q3 -4.40 mmol/mol (n = 22) down, better met") in lines
    assert "swansea People who joined a circle 2026-Q3 fewer than 5" in lines
    assert "People reached in 2026 (People who joined a circle): at least 165 people." in lines
    assert ("lambeth: gap: the site rated itself expected on Circles meet regularly with a steady membership, but 62% "
            "of participants' answers disagree") in lines
    assert "swansea Circles are led by trained peers 2026-Q3 unacceptable fewer than 5 answered" in lines


def test_json_and_csv_carry_the_same_publishable_figures(run: Run, example: Path) -> None:
    data = json.loads(run("report", "peer-diabetes", "--repo", example, "--today", TODAY, "--format", "json").stdout)
    sites = {s["site"]: s for s in data["playbooks"][0]["sites"]}
    joined = [f for f in sites["swansea"]["figures"] if f["measure"] == "people-joined"]
    assert joined[-1] == {"period": "2026-Q3", "measure": "people-joined", "figure": "fewer than 5", "value": None,
                          "n": None, "numerator": None, "denominator": None, "suppressed": True, "meets_target": None}
    assert sites["leeds"]["people_reached"] == {"2026": {"shown": "79", "value": 79}}  # 41 + 38
    assert sites["swansea"]["people_reached"] == {"2026": {"shown": "at least 12", "value": None}}  # 12 + fewer than 5
    rolled = data["playbooks"][0]["reach_and_outcomes"]
    assert rolled["people_reached"] == {"year": "2026", "shown": "at least 165", "value": None}
    assert rolled["gaps"] == [{"site": "lambeth", "component": "regular-circles", "site_level": "expected",
                               "disagree_percent": 62}]
    table = run("report", "peer-diabetes", "--repo", example, "--today", TODAY, "--format", "csv", "--table", "figures")
    rows = list(csv.DictReader(io.StringIO(table.stdout.lstrip("\ufeff"))))
    mine = [r for r in rows if (r["site"], r["period"], r["measure"]) == ("swansea", "2026-Q3", "activation")]
    assert [(r["figure"], r["value"], r["n"], r["suppressed"]) for r in mine] == [("fewer than 5", "", "", "yes")]
    voice = run("report", "peer-diabetes", "--repo", example, "--today", TODAY, "--format", "csv", "--table", "voice")
    gaps = [r for r in csv.DictReader(io.StringIO(voice.stdout.lstrip("\ufeff"))) if r["gap"] == "yes"]
    assert [(r["site"], r["component"], r["site_level"], r["disagree_percent"]) for r in gaps] == [
        ("lambeth", "regular-circles", "expected", "62")]


def test_a_table_needs_the_csv_format(run: Run, example: Path) -> None:
    result = run("report", "--repo", example, "--table", "figures")
    assert result.exit_code == 2
    assert "Error: --table figures is a CSV table: add --format csv (text and JSON reports hold every table)" in \
        result.stderr
