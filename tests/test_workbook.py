"""Self-audits as workbooks: `spread audit new --format xlsx`, filled as a person would, and `spread audit import`."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl

from conftest import Run
from test_audit_import import Q3, SCORE, TODAY, fill, template

BOOK = "demo-leeds-2026-Q3.xlsx"


def workbook(run: Run, demo: Path, tmp_path: Path, *more: str) -> Path:
    result = run("audit", "new", "demo/leeds", "--format", "xlsx", "--repo", demo, "--today", TODAY, *more,
                 cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Wrote {BOOK}: send it to Demo Leeds to fill in, then file what comes back with "
                             f"`spread audit import {BOOK}`.\n")
    return tmp_path / BOOK


def filled(book: Path, items: dict[str, tuple[object, ...]], completed: object = datetime.date(2026, 10, 10)) -> Path:
    """The workbook as a coordinator fills it in: a rating from the drop-down and evidence per item, the date."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Items"]
    for row in range(2, ws.max_row + 1):
        for column, value in zip("CDE", items.get(str(ws[f"A{row}"].value), ()), strict=False):
            ws[f"{column}{row}"] = value
    wb["Instructions"]["B9"] = completed
    out = book.with_name("sent-" + book.name)
    wb.save(out)
    return out


def test_a_workbook_round_trip_files_the_audit_audit_new_would_write(run: Run, demo: Path, tmp_path: Path) -> None:
    book = filled(workbook(run, demo, tmp_path), {"peer-led": ("expected", "The rota."),
                                                   "regular": ("expected", "The rota.")})
    result = run("audit", "import", book, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == f"Imported {book.as_posix()} as {Q3}.\n{SCORE}"
    assert run("audit", "score", demo / Q3).output == SCORE
    written = (demo / Q3).read_text(encoding="utf-8")
    (demo / Q3).unlink()
    assert written == fill(template(run, demo, tmp_path), tmp_path / "form.yaml").read_text(encoding="utf-8")


def test_the_workbook_offers_the_items_choices_and_locks_everything_else(run: Run, demo: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook(run, demo, tmp_path))
    assert wb.sheetnames == ["Instructions", "Items", "Goals"]
    about = wb["Instructions"]
    assert [about[f"B{row}"].value for row in range(3, 7)] == ["leeds", "demo", "1.0.0", "2026-Q3"]
    items = wb["Items"]
    assert [items[f"A{row}"].value for row in (2, 3)] == ["peer-led", "regular"]
    rules = {str(rule.sqref): rule.formula1 for rule in items.data_validations.dataValidation}
    assert rules == {"C2": '"expected,developmental,unacceptable"', "C3": '"expected,developmental,unacceptable"'}
    for ws in wb:
        assert ws.protection.sheet and not ws.protection.password
    assert [items[f"{c}2"].protection.locked for c in "ABCDEF"] == [True, True, False, False, False, True]
    assert about["B3"].protection.locked and not about["B9"].protection.locked


def test_the_workbook_has_the_same_refusals_as_audit_new(run: Run, demo: Path, tmp_path: Path) -> None:
    result = run("audit", "new", "demo/leeds", "--format", "xlsx", "--period", "2026-Q2", "--repo", demo,
                 "--today", TODAY, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == ("Error: fidelity/demo/leeds/audits/2026-Q2.yaml already exists: Spread never replaces "
                             "an audit. To rate the next period, add --period 2026-Q3; to replace this audit, add "
                             "--force.\n")
    assert not (tmp_path / "demo-leeds-2026-Q2.xlsx").exists()


def test_wrong_ratings_are_named_by_sheet_and_cell_once_each(run: Run, demo: Path, tmp_path: Path) -> None:
    book = filled(workbook(run, demo, tmp_path), {"peer-led": ("great", "The rota."), "regular": (None, None)})
    result = run("audit", "import", book, "--repo", demo, "--today", TODAY)
    assert result.exit_code == 1
    shown = book.as_posix()
    assert result.stdout.splitlines() == [
        f"{shown}: Items!C2: error: `great` is not a level of peer-led: pick expected, developmental, "
        "unacceptable [workbook-value]",
        f"{shown}: Items!C3: error: regular has no rating yet: give a `level` (expected, developmental or "
        "unacceptable), or say why it could not be rated in `not_rated` [audit-unrated]"]
    assert result.stderr == (f"Error: {shown} has 2 problems, so nothing was written: fix them (or ask the site to) "
                             "and import it again\n")
    assert not (demo / Q3).exists()


def hostile(tmp_path: Path, name: str, raw: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_hostile_or_damaged_workbook_gets_one_line_and_nothing_is_written(run: Run, demo: Path,
                                                                             tmp_path: Path) -> None:
    good = filled(workbook(run, demo, tmp_path), {"peer-led": ("expected", "x"), "regular": ("expected", "x")})
    formula = openpyxl.load_workbook(good)
    formula["Items"]["C3"] = '=IF(1,"expected","")'
    formula.save(tmp_path / "formula.xlsx")
    plain = openpyxl.Workbook()
    plain.save(tmp_path / "other.xlsx")
    tall = openpyxl.load_workbook(good)
    tall["Goals"]["A5000"] = "x"
    tall.save(tmp_path / "tall.xlsx")
    macros = zipped({n: zipfile.ZipFile(good).read(n) for n in zipfile.ZipFile(good).namelist()}
                    | {"xl/vbaProject.bin": b"\x00" * 10})
    cases = {
        hostile(tmp_path, "notes.xlsx", b"Dear team, the audit is attached.\n"):
            "is not a workbook: send the .xlsx file that `spread audit new --format xlsx` wrote, filled in",
        hostile(tmp_path, "locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600):
            "is encrypted or an old .xls workbook: open it, remove any password, and save it as an Excel workbook "
            "(.xlsx)",
        hostile(tmp_path, "bomb.xlsx", zipped({"xl/workbook.xml": b"\x00" * (60 * 2**20)})):
            "unpacks to far more than any self-audit workbook (it may be a zip bomb): it was not opened; ask the "
            "site to send the workbook again",
        hostile(tmp_path, "macros.xlsx", macros):
            "contains macros: ask the site to save it as an Excel workbook (.xlsx) without macros",
        hostile(tmp_path, "broken.xlsx", zipped({"xl/workbook.xml": b"<not really"})):
            "could not be read as a workbook (KeyError): ask the site to save it again as an Excel workbook (.xlsx)",
        tmp_path / "other.xlsx":
            "has no sheet named Instructions, Items, Goals: it is not a Spread self-audit workbook, or its sheets were renamed; "
            "send the site a new one with `spread audit new --format xlsx`",
        tmp_path / "formula.xlsx": "Items!C3 holds a formula: type the value itself in this cell, as Spread reads "
                                   "values only",
        tmp_path / "tall.xlsx": "has far more rows or columns on sheet Goals than a self-audit: ask the site for the "
                                "workbook as it was sent, filled in",
        hostile(tmp_path, "huge.xlsx", b"PK" + b"\x00" * (5 * 2**20)):
            "is larger than 5 MB, far more than any self-audit: check that it is the audit you were sent",
    }
    for path, message in cases.items():
        result = run("audit", "import", path, "--repo", demo, "--today", TODAY)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {path.as_posix()} {message}\n")
    xlsm = hostile(tmp_path, "audit.xlsm", good.read_bytes())
    result = run("audit", "import", xlsm, "--repo", demo, "--today", TODAY)
    assert result.stderr == (f"Error: {xlsm.as_posix()} is a workbook with macros (.xlsm): ask the site to save it as "
                             "an Excel workbook (.xlsx) without macros\n")
    assert not (demo / Q3).exists()
    assert list((demo / "fidelity/demo/leeds/audits").iterdir()) == [demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"]
