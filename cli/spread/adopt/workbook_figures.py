"""The workbook's Figures and Voice sheets: the period's reach and outcome figures, one row per measure of the
playbook, and how many participants gave each answer to each survey statement, one row per statement.

As in the audit file (`figures_template`), only totals: no cell takes a person's name, figure or answer.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from spread.adopt.figures_template import WHAT
from spread.adopt.sheets import COLUMNS, FIGURE_HEAD, VOICE_FIRST, VOICE_HEAD
from spread.model.measures import Measure
from spread.model.playbook import Playbook

OPEN = Protection(locked=False)
ANSWER = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in, on every sheet
WHOLE = "Give a whole number, 0 or more, or leave it empty."
WHERE = {"count": "Give the count in column E.",
         "mean": "Give the mean in column E and n, how many people it is over, in column F.",
         "share": "Give how many in column E, out of how many in column F."}


def answer_cell(ws: Worksheet, coordinate: str) -> None:
    """A cell the site fills in: unlocked, and coloured so it is found."""
    ws[coordinate].protection = OPEN
    ws[coordinate].fill = ANSWER


def _rule(ws: Worksheet, cells: str, whole: bool) -> None:
    if whole:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        rule.error = WHOLE
    else:
        rule = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000",
                              allow_blank=True)
        rule.error = "Give a number (the average over the people counted in column F), or leave it empty."
    rule.errorTitle, rule.showErrorMessage = "Not a figure", True
    ws.add_data_validation(rule)
    rule.add(cells)


def _head(ws: Worksheet, head: tuple[str, ...] | list[str], widths: tuple[int, ...]) -> None:
    ws.append(list(head))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"
    ws.protection.sheet = True


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?", ")")) else text + "."


def what_to_count(m: Measure, suppress_below: int) -> str:
    """A measure's row text: its name, what kind of figure it is, the site's guidance, its target, where to write."""
    parts = [f"{m.name} ({m.kind}; {WHAT[m.figure]}).", _sentence(f"Instrument: {m.instrument}") if m.instrument else "",
             _sentence(m.guidance or ""), f"Target: {m.target:g} {m.unit}." if m.target is not None else "",
             WHERE[m.figure]]
    if m.people:
        parts.append(f"A figure about fewer than {suppress_below} people is published as \"fewer than {suppress_below}\".")
    return " ".join(part for part in parts if part)


def figures_sheet(ws: Worksheet, pb: Playbook) -> None:
    """One row per measure: what to count, its unit and how it is collected, then the cells for the figure."""
    _head(ws, FIGURE_HEAD, (14, 60, 12, 36, 18, 18))
    columns = COLUMNS["Figures"]
    for row, m in enumerate(pb.measures, start=2):
        ws.append([m.id, what_to_count(m, pb.suppress_below), m.unit, m.collected or ""])
        for column in "BD":
            ws[f"{column}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        first = columns["count" if m.figure == "count" else "mean" if m.figure == "mean" else "numerator"]
        answer_cell(ws, f"{first}{row}")
        _rule(ws, f"{first}{row}", whole=m.figure != "mean")
        if m.figure != "count":
            second = columns["n" if m.figure == "mean" else "denominator"]
            answer_cell(ws, f"{second}{row}")
            _rule(ws, f"{second}{row}", whole=True)


def voice_sheet(ws: Worksheet, pb: Playbook) -> None:
    """One row per survey statement: how many participants answered, and how many gave each answer."""
    assert pb.voice is not None
    answers = [f"{a.label}: how many" for a in pb.voice.answers]
    _head(ws, [*VOICE_HEAD, *answers], (12, 60, 16, *(14 for _ in answers)))
    last = chr(ord("A") + VOICE_FIRST - 2 + len(answers))
    for row, s in enumerate(pb.voice.statements, start=2):
        component = pb.component(s.component)
        about = f" (about: {component.title})" if component is not None else ""
        ws.append([s.id, f"{s.text}{about}"])
        ws[f"B{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        for index in range(len(answers) + 1):
            answer_cell(ws, f"{chr(ord('C') + index)}{row}")
        _rule(ws, f"C{row}:{last}{row}", whole=True)
