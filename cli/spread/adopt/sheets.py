"""Where a self-audit workbook keeps what: its sheets, the rows of the instructions, and each sheet's columns.

The writer (`workbook`, `workbook_figures`) and the reader (`workbook_read`, `workbook_answers`) share this layout,
and it needs no spreadsheet library: importing a YAML audit never loads openpyxl.
"""

from __future__ import annotations

SHEETS = ("Instructions", "Items", "Goals")
# Written only when the playbook version has measures (Figures) or a participant survey (Voice).
MORE = ("Figures", "Voice")
# Where the instructions sheet records what the workbook is for (column B), and the answers about the rating.
META = {"site": 3, "playbook": 4, "version": 5, "period": 6, "regime": 7, "completed": 9, "review": 10, "role": 11}
ITEM_HEAD = ("Item", "What is rated", "Your rating", "Evidence: what it is based on", "Could not be rated, because",
             "What each rating looks like")
GOAL_HEAD = ("Goal", "What to count", "Number", "Out of (denominator)")
FIGURE_HEAD = ("Measure", "What to count", "Unit", "How it is collected", "The figure (a count, a mean, or how many)",
               "n: over how many people, or out of how many")
VOICE_HEAD = ("Statement", "What participants were asked", "How many answered (n)")
# The column of each answer on a sheet, by the field the audit writes it in (a survey answer: from column D on).
COLUMNS = {
    "Items": {"score": "C", "level": "C", "evidence": "D", "not_rated": "E"},
    "Goals": {"numerator": "C", "value": "C", "denominator": "D"},
    "Figures": {"count": "E", "mean": "E", "numerator": "E", "n": "F", "denominator": "F"},
    "Voice": {"n": "C"},
}
# The audit's part each sheet's rows are written under.
SECTIONS = {"ratings": "Items", "goals": "Goals", "figures": "Figures", "voice": "Voice"}
# How many cells of answers each sheet has, counted from the first column.
WIDTH = {"Items": 5, "Goals": 4, "Figures": 6, "Voice": 26}
VOICE_FIRST = 4  # column D: the first answer of the survey's scale
