"""A filled workbook's answers as the audit `spread audit new` writes, and each line of that audit's cell.

A rating that is not one the item takes is named by its cell here; everything else is judged by `spread check`'s
rules on the audit text, and its problems are named by the cell each line came from.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from spread.adopt.audit_template import AuditAnswers, levels
from spread.adopt.sheets import COLUMNS, META, SECTIONS, VOICE_FIRST
from spread.adopt.workbook_measures import figure_answers
from spread.adopt.workbook_read import Filled
from spread.model.audit import GoalData, Rater, Rating
from spread.model.playbook import Playbook
from spread.model.scales import point, told

# The column a row's own line (`  peer-led:`) is named by: where its first answer is.
KEY_COLUMN = {"Items": "C", "Goals": "C", "Figures": "E", "Voice": "C"}


def answers(filled: Filled, pb: Playbook) -> tuple[AuditAnswers, list[tuple[str, str]]]:
    """The audit's answers, and (cell, message) for each rating the item cannot take."""
    anchored = pb.instrument.kind == "anchored"
    ratings: dict[str, Rating] = {}
    wrong: list[tuple[str, str]] = []
    for item in pb.instrument.items:
        row = filled.items.get(item.id)
        if row is None:
            continue
        value, evidence, reason = (list(row.values) + [None] * 3)[:3]
        cell = f"Items!C{row.row}"
        if reason is not None and value is None:
            ratings[item.id] = Rating(item.id, evidence=_text(evidence), not_rated=_text(reason))
        elif anchored:
            score = _number(value)
            if value is not None and (score is None or score not in item.scores):
                wrong.append((cell, f"`{value}` is not a score of {item.id}: rate it {told(item.scores)}"))
            ratings[item.id] = Rating(item.id, score=score if score in item.scores else None, evidence=_text(evidence))
        else:
            names = [k for k, _ in levels(pb, item)]
            if value is not None and str(value) not in names:
                wrong.append((cell, f"`{value}` is not a level of {item.id}: pick {', '.join(names)}"))
            level = str(value) if value is not None and str(value) in names else None
            ratings[item.id] = Rating(item.id, level=level, evidence=_text(evidence))
    goals = {}
    for goal in pb.instrument.goals:
        g = filled.goals.get(goal.id)
        if g is not None:
            first, second = (list(g.values) + [None] * 2)[:2]
            goals[goal.id] = (GoalData(_float(first), _float(second)) if goal.is_fraction
                              else GoalData(value=_float(first)))
    meta = filled.meta
    figures, voice = figure_answers(filled, pb)
    return AuditAnswers(ratings, goals, (Rater(str(meta.get("role") or "site-coordinator")),),
                        str(meta.get("review") or "self"), _text(meta.get("completed")), None, figures, voice), wrong


def cells(text: str, pb: Playbook) -> dict[int, str]:
    """Each line (1-based) of an audit written from a workbook, and the cell its value came from."""
    where: dict[int, str] = {}
    section, key = "", ""
    rows = {"completed": META["completed"], "review": META["review"], "raters": META["role"]}
    survey = {a.id: chr(ord("A") + VOICE_FIRST - 1 + index) for index, a in enumerate(pb.voice.answers)} if pb.voice else {}
    for number, line in enumerate(text.split("\n"), start=1):
        top = re.match(r"^([a-z_]+):", line)
        if top:
            section, key = top.group(1), ""
            if section in rows:
                where[number] = f"Instructions!B{rows[section]}"
            continue
        if section == "raters" and line.strip():
            where[number] = f"Instructions!B{rows['raters']}"
        sheet = SECTIONS.get(section)
        entry = re.match(r"^  ['\"]?([^'\"#:\s][^'\":]*)['\"]?:\s*(#.*)?$", line)
        if entry and sheet:
            key = entry.group(1)
            where[number] = f"{sheet}!{key}!{KEY_COLUMN[sheet]}"
            continue
        sub = re.match(r"^    ([a-z_]+):", line)
        if sub and key and sheet and sub.group(1) in COLUMNS[sheet]:
            where[number] = f"{sheet}!{key}!{COLUMNS[sheet][sub.group(1)]}"
        answer = re.match(r"^      ['\"]?([^'\":\s]+)['\"]?:", line)
        if answer and key and sheet == "Voice" and answer.group(1) in survey:
            where[number] = f"Voice!{key}!{survey[answer.group(1)]}"
    return where


def cell_of(mark: str, filled: Filled) -> str | None:
    """`Items!C7` from a mark of `cells`: the sheet, the row of the item or goal, and the column."""
    parts = mark.split("!")
    if len(parts) == 2:
        return mark
    sheet, key, column = parts
    row = filled.rows(sheet).get(key)
    return f"{sheet}!{column}{row.row}" if row else None


def _number(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None
    try:
        return point(value if isinstance(value, (int, float)) else str(value))
    except (InvalidOperation, ValueError):
        return None


def _float(value: Any) -> float | None:
    """A count as the audit writes it: `12`, not `12.0`; None for an empty or non-numeric cell."""
    try:
        number = None if value is None or isinstance(value, bool) else Decimal(str(value))
    except InvalidOperation:
        return None
    if number is None or not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
