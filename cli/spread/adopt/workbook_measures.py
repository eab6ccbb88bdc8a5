"""A filled workbook's Figures and Voice sheets as the audit's `figures:` and `voice:`.

A measure or statement whose row is left empty is left out, as the audit file asks ("remove a measure you have no
figure for"). Every value is written as the site typed it (a number as a number, anything else as text), so that
`spread check`'s own rules and schema judge it, with the words they always use, named by the cell it came from.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from spread.adopt.figures_template import PARTS, Given
from spread.adopt.sheets import COLUMNS, VOICE_FIRST
from spread.adopt.workbook_read import Filled
from spread.model.playbook import Playbook

# Where each part of a figure is among a Figures row's values, which start at column C.
PLACE = {part: ord(column) - ord("C") for part, column in COLUMNS["Figures"].items()}


def figure_answers(filled: Filled, pb: Playbook) -> tuple[Given | None, Given | None]:
    """The figures and survey answers the workbook gives; None where the playbook has no measures or no survey."""
    figures: Given = {}
    for m in pb.measures:
        row = filled.figures.get(m.id)
        values = {part: value(row.values, PLACE[part]) for part in PARTS[m.figure]} if row else {}
        if any(v is not None for v in values.values()):
            figures[m.id] = values
    voice: Given = {}
    survey = pb.voice
    for s in survey.statements if survey else ():
        row = filled.voice.get(s.id)
        if row is None or survey is None:
            continue
        answers = {a.id: value(row.values, VOICE_FIRST - 3 + index) for index, a in enumerate(survey.answers)}
        n = value(row.values, 0)
        if n is not None or any(v is not None for v in answers.values()):
            voice[s.id] = {"n": n, "answers": answers}
    return (figures if pb.measures else None), (voice if pb.voice else None)


def value(values: tuple[Any, ...], index: int) -> Any:
    """A cell's figure as the audit writes it: `12` for 12 or 12.0 or the text "12", 5.5 as 5.5, other text as
    text (for the check to name), None for an empty cell."""
    raw = values[index] if index < len(values) else None
    if raw is None:
        return None
    if isinstance(raw, bool):
        return str(raw).upper()
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        return str(raw)
    if not number.is_finite():
        return str(raw)
    return int(number) if number == number.to_integral_value() else float(number)
