"""A self-audit as a workbook (`spread audit new --format xlsx`), for coordinators who live in Excel or LibreOffice.

Instructions first, then one row per item (its anchors or practice levels, a drop-down of what it may be rated,
evidence and "could not be rated, because"), then the goals' figures, and where the playbook has them the period's
reach and outcome figures and participants' answers (`workbook_figures`). Every cell but the answers is locked by
sheet protection without a password: it guards against typing over an item's id or words by accident (which would
stop the import matching answers to items), not against a person who means to change them, so nobody is ever
locked out of their own file by a forgotten password.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from spread.adopt.audit_template import anchors, levels
from spread.adopt.sheets import GOAL_HEAD, ITEM_HEAD, META
from spread.adopt.workbook_figures import answer_cell, figures_sheet, voice_sheet
from spread.model.instrument import Item, Regime
from spread.model.playbook import CoreComponent, Playbook
from spread.model.scales import shown, told
from spread.model.site import Site

REVIEWS = ("self", "guided", "peer", "independent")


def audit_workbook(site: Site, pb: Playbook, period: str, regime: Regime | None = None) -> bytes:
    """The workbook's bytes: a blank self-audit of `site` for `period` against `pb` (under `regime`, its items)."""
    book = Workbook()
    first = book.active
    assert first is not None
    _instructions(first, site, pb, period, regime)
    _items(book.create_sheet("Items"), pb)
    _goals(book.create_sheet("Goals"), pb)
    if pb.measures:
        figures_sheet(book.create_sheet("Figures"), pb)
    if pb.voice is not None:
        voice_sheet(book.create_sheet("Voice"), pb)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(ws: Worksheet, site: Site, pb: Playbook, period: str, regime: Regime | None) -> None:
    ws.title = "Instructions"
    ws["A1"] = f"Self-audit of {site.name} for {period}"
    ws["A1"].font = Font(bold=True, size=14)
    rows = {"site": site.id, "playbook": pb.id, "version": pb.version, "period": period,
            "regime": regime.id if regime else ""}
    for key, value in rows.items():
        ws.cell(META[key], 1, key.capitalize())
        ws.cell(META[key], 2, value)
    ws.cell(8, 1, "Fill in the yellow cells below and on the other sheets; the others are fixed.").font = Font(bold=True)
    answers = {"completed": "The date you finished (YYYY-MM-DD)", "review": "Who rated: self, guided, peer or independent",
               "role": "Your role (not your name)"}
    for key, label in answers.items():
        ws.cell(META[key], 1, label)
        answer_cell(ws, ws.cell(META[key], 2).coordinate)
    ws.cell(META["review"], 2, "self")
    ws.cell(META["role"], 2, "site-coordinator")
    review = DataValidation(type="list", formula1='"' + ",".join(REVIEWS) + '"', allow_blank=False)
    ws.add_data_validation(review)
    review.add(ws.cell(META["review"], 2))
    steps = ["On the Items sheet, rate each item in the column 'Your rating': pick from the drop-down what your "
             "evidence shows happened in the period (not what is planned). 'What each rating looks like' says what "
             "each choice means.",
             "Say what each rating is based on under 'Evidence' (records, documents, interviews, observation, a survey).",
             "If you cannot rate an item, leave its rating empty and say why under 'Could not be rated, because'.",
             "On the Goals sheet, give each number for the period; leave it empty if you have no data."]
    if pb.measures:
        steps.append("On the Figures sheet, give the period's reach and outcome figures: totals only, never one "
                     "person's figure. Leave a measure's row empty if you have no figure for it this period.")
    if pb.voice is not None:
        steps.append("On the Voice sheet, give for each statement how many participants answered and how many gave "
                     "each answer (never who gave which). Leave a row empty if the survey was not given this period.")
    steps.append("Fill in the date you finished above, save the file as it is (keep the .xlsx format) and send it "
                 "back. Do not add, remove or rename sheets or rows: the network's team imports this file as it is.")
    steps = ["How to fill this in:", *(f"{number}. {text}" for number, text in enumerate(steps, start=1)),
             "The other cells are protected so they are not changed by accident; there is no password."]
    for offset, text in enumerate(steps):
        ws.cell(13 + offset, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=13 + offset, start_column=1, end_row=13 + offset, end_column=2)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 45, 60
    ws.protection.sheet = True


def _items(ws: Worksheet, pb: Playbook) -> None:
    anchored = pb.instrument.kind == "anchored"
    ws.append(list(ITEM_HEAD))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row, item in enumerate(pb.instrument.items, start=2):
        component = pb.component(item.component) if item.component else None
        critical = " (critical)" if isinstance(component, CoreComponent) and component.critical else ""
        minimum = f" Lowest acceptable score: {shown(item.min)}." if anchored and item.min is not None else ""
        choices = [shown(s) for s in item.scores] if anchored else [k for k, _ in levels(pb, item)]
        looks = [f"{key}: {text}" for key, text in (anchors(item) if anchored else levels(pb, item))]
        told_ = f"Rate {told(item.scores)}." if anchored else "Pick a level."
        ws.append([item.id, f"{item.title}{critical}." + (f" {item.description}" if item.description else "")
                   + minimum, None, None, None, "\n".join([told_, *looks])])
        for answer in "CDE":
            answer_cell(ws, f"{answer}{row}")
        ws.cell(row, 6).alignment = ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        _choices(ws, ws.cell(row, 3).coordinate, item, choices, anchored)
    for column, width in zip("ABCDEF", (10, 40, 14, 40, 30, 60), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "C2"
    ws.protection.sheet = True


def _choices(ws: Worksheet, cell: str, item: Item, choices: list[str], anchored: bool) -> None:
    listed = '"' + ",".join(choices) + '"'
    if len(listed) <= 255:  # Excel's limit for a list written in the rule itself
        rule = DataValidation(type="list", formula1=listed, allow_blank=True)
    else:
        rule = DataValidation(type="decimal", operator="between", formula1=shown(item.scores[0]),
                              formula2=shown(item.scores[-1]), allow_blank=True)
    rule.error = f"Rate {told(item.scores)}." if anchored else "Pick one of " + ", ".join(choices) + "."
    rule.errorTitle, rule.showErrorMessage = "Not a rating of this item", True
    ws.add_data_validation(rule)
    rule.add(cell)


def _goals(ws: Worksheet, pb: Playbook) -> None:
    ws.append(list(GOAL_HEAD))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row, goal in enumerate(pb.instrument.goals, start=2):
        what = goal.metric or f"{goal.numerator} Out of: {goal.denominator}"
        ws.append([goal.id, f"{goal.title}: {what}", None, None])
        answer_cell(ws, f"C{row}")
        if goal.is_fraction:
            answer_cell(ws, f"D{row}")
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        numbers.error, numbers.showErrorMessage = "Give a number of 0 or more, or leave it empty.", True
        ws.add_data_validation(numbers)
        numbers.add(f"C{row}:D{row}")
    for column, width in zip("ABCD", (10, 70, 14, 20), strict=True):
        ws.column_dimensions[column].width = width
    ws.protection.sheet = True
