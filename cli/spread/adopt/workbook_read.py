"""Reading a filled self-audit workbook back, warily: it comes by email from outside the network.

Before openpyxl sees it, the file must be a plain zip of reasonable size (no encrypted or old binary workbook, no
macros, no zip bomb); then it must hold our sheets with values, not formulas. Anything else is one line, by sheet
and cell where there is one, and nothing is written.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from spread.adopt.sheets import META, MORE, SHEETS, WIDTH

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024  # what the parts may unpack to: a zip bomb unpacks to gigabytes
MAX_PARTS = 500
MAX_ROWS = 2000
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls


class Refused(Exception):
    """Why a workbook cannot be read at all, in one line."""


@dataclass(frozen=True)
class Row:
    """One row of answers: its place (`Items!C7`'s row) and its cells' values, left to right from column C."""

    row: int
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Filled:
    """What a workbook says: what it is for (site, playbook, …), the rating answers, and the rows of its items,
    goals, figures and survey statements, each by its id (no Figures or Voice sheet: none)."""

    meta: dict[str, Any]
    items: dict[str, Row]
    goals: dict[str, Row]
    figures: dict[str, Row] = field(default_factory=dict)
    voice: dict[str, Row] = field(default_factory=dict)

    def rows(self, sheet: str) -> dict[str, Row]:
        """The rows of one sheet by id: `Items`, `Goals`, `Figures` or `Voice`."""
        return {"Items": self.items, "Goals": self.goals, "Figures": self.figures, "Voice": self.voice}[sheet]


def _guard(raw: bytes) -> None:
    if len(raw) > MAX_BYTES:
        raise Refused(f"is larger than {MAX_BYTES // 2**20} MB, far more than any self-audit workbook: check that "
                      "it is the workbook you were sent")
    if raw.startswith(OLE):
        raise Refused("is encrypted or an old .xls workbook: open it, remove any password, and save it as an Excel "
                      "workbook (.xlsx)")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise Refused("is not a workbook: send the .xlsx file that `spread audit new --format xlsx` wrote, filled in")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNZIPPED:
            raise Refused("unpacks to far more than any self-audit workbook (it may be a zip bomb): it was not "
                          "opened; ask the site to send the workbook again")
        if any(p.filename.lower().endswith("vbaproject.bin") for p in parts):
            raise Refused("contains macros: ask the site to save it as an Excel workbook (.xlsx) without macros")


def read_workbook(raw: bytes) -> Filled:
    """The answers in a workbook, or Refused with why it cannot be read."""
    _guard(raw)
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(raw), data_only=False, read_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file: each is one line
        raise Refused(f"could not be read as a workbook ({type(exc).__name__}): ask the site to save it again as "
                      "an Excel workbook (.xlsx)") from None
    missing = [name for name in SHEETS if name not in book.sheetnames]
    if missing:
        raise Refused(f"has no sheet named {', '.join(missing)}: it is not a Spread self-audit workbook, or its sheets "
                      "were renamed; send the site a new one with `spread audit new --format xlsx`")
    ours = [*SHEETS, *(name for name in MORE if name in book.sheetnames)]
    for name in ours:
        ws = book[name]
        if ws.max_row > MAX_ROWS or ws.max_column > 26:
            raise Refused(f"has far more rows or columns on sheet {name} than a self-audit: ask the site for the "
                          "workbook as it was sent, filled in")
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    raise Refused(f"{name}!{cell.coordinate} holds a formula: type the value itself in this cell, "
                                  "as Spread reads values only")
    meta = {key: _plain(book["Instructions"].cell(row, 2).value) for key, row in META.items()}
    rows = {name: _rows(book[name], WIDTH[name]) for name in ours if name != "Instructions"}
    return Filled(meta, rows["Items"], rows["Goals"], rows.get("Figures", {}), rows.get("Voice", {}))


def _rows(ws: Any, last: int) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for number, row in enumerate(ws.iter_rows(min_row=2, max_col=last, values_only=True), start=2):
        if row and row[0] not in (None, ""):
            found[str(row[0])] = Row(number, tuple(_plain(v) for v in row[2:last]))
    return found


def _plain(value: Any) -> Any:
    """A cell's value as the audit writes it: text trimmed (empty is None), a date as YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    return value
