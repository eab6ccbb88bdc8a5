"""A workbook for a playbook with measures and a survey: its Figures and Voice sheets, filled in as a coordinator
would, come back as the audit's `figures:` and `voice:`, judged by `spread check`'s rules and named by cell."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import MINIMAL_PLAYBOOK, Run, write
from test_audit_import import Q3, TODAY
from test_measures_check import MEASURES

BOOK = "demo-leeds-2026-Q3.xlsx"
RATED = {"peer-led": ("expected", "The rota."), "regular": ("expected", "The rota.")}


@pytest.fixture
def measured(demo: Path) -> Path:
    write(demo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK + MEASURES)
    return demo


def workbook(run: Run, root: Path, tmp_path: Path) -> Path:
    result = run("audit", "new", "demo/leeds", "--format", "xlsx", "--repo", root, "--today", TODAY, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return tmp_path / BOOK


def filled(book: Path, sheets: dict[str, dict[str, dict[str, object]]]) -> Path:
    """The workbook filled in: on each sheet, the row of each id gets the values given, by column letter."""
    wb = openpyxl.load_workbook(book)
    for sheet, rows in sheets.items():
        ws = wb[sheet]
        for row in range(2, ws.max_row + 1):
            for column, value in rows.get(str(ws[f"A{row}"].value), {}).items():
                ws[f"{column}{row}"] = value
    wb["Instructions"]["B9"] = datetime.date(2026, 10, 10)
    out = book.with_name("sent-" + book.name)
    wb.save(out)
    return out


def items(rated: dict[str, tuple[str, str]] = RATED) -> dict[str, dict[str, object]]:
    return {key: {"C": level, "D": evidence} for key, (level, evidence) in rated.items()}


def test_the_figures_and_voice_sheets_ask_for_each_measure_and_answer(run: Run, measured: Path,
                                                                      tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook(run, measured, tmp_path))
    assert wb.sheetnames == ["Instructions", "Items", "Goals", "Figures", "Voice"]
    figures = wb["Figures"]
    assert [c.value for c in figures[1]] == ["Measure", "What to count", "Unit", "How it is collected",
                                             "The figure (a count, a mean, or how many)",
                                             "n: over how many people, or out of how many"]
    assert [figures[f"A{row}"].value for row in range(2, 6)] == ["people", "sessions", "pam", "hba1c-fell"]
    assert [figures[f"C{row}"].value for row in range(2, 6)] == ["people", "sessions", "points", "people"]
    assert figures["B4"].value == ("Confidence to manage diabetes (PAM) (outcome; the mean, and n: how many people it "
                                   "is over). Instrument: Patient Activation Measure. Target: 60 points. Give the mean in column E "
                                   "and n, how many people it is over, in column F. A figure about fewer than 5 people "
                                   "is published as \"fewer than 5\".")
    # A count has one cell to fill in; a mean and a share two. Everything else is locked.
    assert [[figures[f"{c}{row}"].protection.locked for c in "ABCDEF"] for row in (2, 4, 5)] == [
        [True, True, True, True, False, True], [True] * 4 + [False, False], [True] * 4 + [False, False]]
    rules = {str(r.sqref): (r.type, r.operator, r.formula1) for r in figures.data_validations.dataValidation}
    assert rules == {"E2": ("whole", "greaterThanOrEqual", "0"), "E3": ("whole", "greaterThanOrEqual", "0"),
                     "E4": ("decimal", "between", "-1000000000"), "F4": ("whole", "greaterThanOrEqual", "0"),
                     "E5": ("whole", "greaterThanOrEqual", "0"), "F5": ("whole", "greaterThanOrEqual", "0")}
    voice = wb["Voice"]
    assert [c.value for c in voice[1]] == ["Statement", "What participants were asked", "How many answered (n)",
                                           "Disagree: how many", "Not sure: how many", "Agree: how many"]
    assert voice["B2"].value == "My circle leader lives with diabetes like me. (about: Led by peers)"
    assert [voice[f"{c}2"].protection.locked for c in "ABCDEF"] == [True, True, False, False, False, False]
    assert [str(r.sqref) for r in voice.data_validations.dataValidation] == ["C2:F2", "C3:F3"]
    assert all(ws.protection.sheet for ws in wb)
    steps = [wb["Instructions"][f"A{row}"].value for row in range(13, 22)]
    assert "6. On the Voice sheet, give for each statement how many participants answered" in steps[6]


def test_a_workbook_without_measures_has_no_figures_sheets(run: Run, demo: Path, tmp_path: Path) -> None:
    assert openpyxl.load_workbook(workbook(run, demo, tmp_path)).sheetnames == ["Instructions", "Items", "Goals"]


def test_figures_round_trip_into_the_audit_the_score_and_the_report(run: Run, measured: Path, tmp_path: Path) -> None:
    book = filled(workbook(run, measured, tmp_path), {
        "Items": items(),
        "Figures": {"people": {"E": 24}, "pam": {"E": 58.5, "F": 20}, "hba1c-fell": {"E": 9, "F": "15"}},
        "Voice": {"V1": {"C": 18, "D": 2, "E": 4, "F": 12}}})
    result = run("audit", "import", book, "--repo", measured, "--today", TODAY)
    assert result.exit_code == 0, result.output
    text = (measured / Q3).read_text(encoding="utf-8")
    assert "  people:\n    count: 24\n" in text and "sessions" not in text.split("figures:")[1]
    assert "  pam:\n    mean: 58.5\n    n: 20\n" in text
    assert "  hba1c-fell:\n    numerator: 9\n    denominator: 15\n" in text
    assert "  V1:\n    n: 18\n    answers:\n      disagree: 2\n      not-sure: 4\n      agree: 12\n" in text
    assert "V2" not in text.split("voice:")[1]
    assert run("check", "--repo", measured, "--today", TODAY).exit_code == 0
    report = run("report", "demo", "--repo", measured, "--today", TODAY).output
    assert "24" in report and "58.5" in report and "9 of 15" in report, report
    assert "67% agree" in report, report


def test_figure_problems_are_named_by_cell_with_spread_checks_words(run: Run, measured: Path, tmp_path: Path) -> None:
    book = filled(workbook(run, measured, tmp_path), {
        "Items": items(),
        "Figures": {"pam": {"E": 58.5}, "hba1c-fell": {"E": 16, "F": 15}},
        "Voice": {"V1": {"C": 19, "D": 2, "E": 4, "F": 12}}})
    result = run("audit", "import", book, "--repo", measured, "--today", TODAY)
    assert result.exit_code == 1
    shown = book.as_posix()
    assert result.stdout.splitlines() == [
        f"{shown}: Figures!E4: error: the mean of `pam` has no `n`: add how many people it is over, so readers can "
        "weigh it and small groups stay private [figure-mean-without-n]",
        f"{shown}: Figures!E5: error: the share `hba1c-fell` counts 16 of 15: the numerator cannot be larger than "
        "the denominator, so check both counts [figure-share-over]",
        f"{shown}: Voice!C2: error: the answers to V1 add up to 18, but `n` says 19 people answered: count each "
        "person's answer once, and make `n` their number [voice-answers-not-n]"]
    assert result.stderr == (f"Error: {shown} has 3 problems, so nothing was written: fix them (or ask the site to) "
                             "and import it again\n")
    assert not (measured / Q3).exists()


def test_a_figure_that_is_not_a_number_is_named_by_its_cell(run: Run, measured: Path, tmp_path: Path) -> None:
    book = filled(workbook(run, measured, tmp_path), {
        "Items": items(), "Figures": {"people": {"E": "about 30"}, "hba1c-fell": {"E": 3, "F": 2.5}},
        "Voice": {"V2": {"C": 4, "D": -1, "F": 5}}})
    result = run("audit", "import", book, "--repo", measured, "--today", TODAY)
    assert result.exit_code == 1
    shown = book.as_posix()
    assert result.stdout.splitlines() == [
        f"{shown}: Figures!E2: error: `count` is \"about 30\": give a whole number, 0 or more [schema-type]",
        f"{shown}: Figures!F5: error: `denominator` is 2.5: give a whole number, 0 or more [schema-type]",
        f"{shown}: Voice!D3: error: `disagree` is -1 but must be at least 0 [schema-minimum]"]
    assert not (measured / Q3).exists()
