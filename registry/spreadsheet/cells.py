"""Spreadsheet files as plain text cells, both ways: CSV and XLSX bytes in, grids out, and back.

Everything above this module sees only `Workbook` (the vocabulary key/value pairs and the
concepts grid), each cell with the location a spreadsheet program would show for it, so error
messages point at `concepts!D7` (XLSX) or `row 7, column D` (CSV).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from registry.csv_cells import restore, safe_writer
from registry.errors import InvalidInput, UnsupportedFormat
from registry.input_bounds import check_zip_container, check_zip_xml_members
from registry.spreadsheet.columns import CONCEPT_SHEET, VOCABULARY_SHEET, column_letter

Kind = Literal["csv", "xlsx"]
KINDS: tuple[str, ...] = ("csv", "xlsx")
CSV_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet as text, with the row numbers a spreadsheet program shows."""

    sheet: str | None  # None for CSV (one table per file)
    rows: list[tuple[int, list[str]]]

    def where(self, row: int, column: int | None = None) -> str:
        if self.sheet is None:
            return f"row {row}" + (f", column {column_letter(column)}" if column is not None else "")
        return f"{self.sheet}!{column_letter(column)}{row}" if column is not None else f"{self.sheet}!{row}:{row}"


@dataclass(frozen=True)
class Entry:
    """One key/value pair of the vocabulary metadata."""

    key: str
    value: str
    key_at: str
    value_at: str


@dataclass(frozen=True)
class Workbook:
    vocabulary: list[Entry]
    vocabulary_at: str  # where to point when a key is missing
    concepts: Grid


def check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise UnsupportedFormat(f"kind: unknown spreadsheet kind {kind!r}; known: {', '.join(KINDS)}", location="kind")
    return kind  # type: ignore[return-value]


def read_workbook(data: bytes, kind: Kind) -> Workbook:
    """Parse CSV or XLSX bytes; anything that is not such a file is InvalidInput."""
    return _read_csv(data) if check_kind(kind) == "csv" else _read_xlsx(data)


# --- CSV: `#key,value` rows first, then the header row of the concepts table, then concepts ---


def _read_csv(data: bytes) -> Workbook:
    if b"\x00" in data:
        raise InvalidInput("file: not a CSV file: it holds binary data (is it an XLSX workbook?)", location="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"file: not UTF-8 text (byte {error.start}); save the sheet as 'CSV UTF-8'", location="file"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records = [(number, [restore(cell) for cell in cells]) for number, cells in enumerate(reader, start=1)]
    entries: list[Entry] = []
    grid = Grid(None, [])
    for index, (number, cells) in enumerate(records):
        first = cells[0].strip() if cells else ""
        if not first and not any(c.strip() for c in cells):
            continue
        if not first.startswith("#"):
            grid = Grid(None, [(n, c) for n, c in records[index:]])
            break
        entries.append(_csv_entry(grid, number, cells))
    return Workbook(entries, "row 1", grid)


def _csv_entry(grid: Grid, number: int, cells: list[str]) -> Entry:
    """`#key,value` (two cells) or `#key: value` (one cell)."""
    key, value = cells[0].strip()[1:].strip(), cells[1] if len(cells) > 1 else ""
    if not value.strip() and ":" in key and not any(c.strip() for c in cells[1:]):
        key, _, value = key.partition(":")
        return Entry(key.strip(), value.strip(), grid.where(number, 0), grid.where(number, 0))
    extra = [i for i, c in enumerate(cells[2:], start=2) if c.strip()]
    if extra:
        raise InvalidInput(
            f"{grid.where(number, extra[0])}: a '#key' row holds one value, in column B", grid.where(number, extra[0])
        )
    return Entry(key, value.strip(), grid.where(number, 0), grid.where(number, 1))


def _delimiter(text: str) -> str:
    """Comma, or what a Dutch Excel writes (semicolon), or tab: the one the header row uses most."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return max(CSV_DELIMITERS, key=line.count)
    return ","


def write_csv(vocabulary: list[tuple[str, str]], header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte order mark, so Excel opens the accents right."""
    out = io.StringIO(newline="")
    writer = safe_writer(out, lineterminator="\r\n")  # `'=…` is read back as `=…` (restore)
    for key, value in vocabulary:
        writer.writerow([f"#{key}", value])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


# --- XLSX: a "vocabulary" sheet (key, value[, comment]) and a "concepts" sheet ---


def _read_xlsx(data: bytes) -> Workbook:
    check_zip_container(data)  # before any entry is decompressed (and before openpyxl is even imported)
    check_zip_xml_members(data)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InvalidInput(f"file: not an XLSX workbook ({type(error).__name__}: {error})", location="file") from None
    try:
        missing = [name for name in (VOCABULARY_SHEET, CONCEPT_SHEET) if name not in book.sheetnames]
        if missing:
            raise InvalidInput(
                f"{missing[0]}: the workbook has no sheet {' or '.join(map(repr, missing))} "
                f"(its sheets: {', '.join(book.sheetnames)})",
                location=missing[0],
            )
        vocabulary = _grid(book[VOCABULARY_SHEET], VOCABULARY_SHEET)
        concepts = _grid(book[CONCEPT_SHEET], CONCEPT_SHEET)
    finally:
        book.close()
    return Workbook(_xlsx_entries(vocabulary), vocabulary.where(1), concepts)


def _grid(sheet, name: str) -> Grid:
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        rows.append((number, cells))
    return Grid(name, rows)


def _xlsx_entries(grid: Grid) -> list[Entry]:
    """Rows under a `key | value [| comment]` header; the comment column is for people only."""
    entries = []
    rows = [(n, c) for n, c in grid.rows if any(x.strip() for x in c)]
    if rows and [c.strip().lower() for c in rows[0][1][:2]] == ["key", "value"]:
        rows = rows[1:]
    for number, cells in rows:
        key = cells[0].strip() if cells else ""
        value = cells[1].strip() if len(cells) > 1 else ""
        if not key:
            raise InvalidInput(f"{grid.where(number, 0)}: a value without a key in column A", grid.where(number, 0))
        entries.append(Entry(key, value, grid.where(number, 0), grid.where(number, 1)))
    return entries


def _text(value: object) -> str:
    """A cell as the text the editor sees: numbers without a spurious '.0', dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def write_xlsx(
    vocabulary: list[tuple[str, str, str]],
    header: list[str],
    rows: list[list[str]],
    widths: dict[str, int],
    notes: dict[str, str],
) -> bytes:
    """Two sheets; every cell is written as text (never a formula, never a number)."""
    from openpyxl import Workbook as XlsxWorkbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    book = XlsxWorkbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value: str, header_cell: bool = False) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=_legal(value) or None)
        if written.value is not None:
            written.data_type = "s"  # '=…' stays text, '0012' keeps its zeros
        if header_cell:
            written.font = bold
        return written

    meta = book.create_sheet(VOCABULARY_SHEET)
    meta.freeze_panes = "A2"
    for letter, width in (("A", 18), ("B", 70), ("C", 60)):
        meta.column_dimensions[letter].width = width
    meta.append([cell(meta, "key", True), cell(meta, "value", True), cell(meta, "comment", True)])
    for key, value, comment in vocabulary:
        meta.append([cell(meta, key, True), cell(meta, value), cell(meta, comment)])

    concepts = book.create_sheet(CONCEPT_SHEET)
    concepts.freeze_panes = "B2"
    for index, heading in enumerate(header):
        concepts.column_dimensions[column_letter(index)].width = widths.get(heading, 18)
    headings = [cell(concepts, h, True) for h in header]
    for heading in headings:
        if heading.value in notes:
            heading.comment = Comment(notes[heading.value], "eduvoc", width=260, height=60)
    concepts.append(headings)
    for row in rows:
        concepts.append([cell(concepts, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _legal(value: str) -> str:
    """XLSX cannot hold most control characters; refuse rather than write a broken file."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if ILLEGAL_CHARACTERS_RE.search(value):
        raise InvalidInput(f"value: a control character XLSX cannot store, in {value[:60]!r}", location="value")
    return value
